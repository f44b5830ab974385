"""Every write to programmes, parties, plans, tasks and outputs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed

from phoihop.core import calendar
from phoihop.core.actor import Actor
from phoihop.core.audit import field_changes, record_event, snapshot
from phoihop.core.exceptions import ensure, invalid
from phoihop.core.text import fold
from phoihop.core.uploads import check_upload
from phoihop.organisations.models import FocalPoint, Organisation

from .. import policies
from ..models import (
    AnnualPlan,
    Assignment,
    Attachment,
    ContentItem,
    Output,
    Programme,
    ProgrammeParty,
    Regime,
    Task,
)

PROGRAMME_FIELDS = ["kind", "basis", "title", "grounds", "methods", "start", "end"]
PARTY_FIELDS = [
    "signing_body",
    "authority",
    "signatory_title",
    "signatory_name",
    "document_number",
    "document_date",
]


def current_regime() -> Regime:
    regime = Regime.objects.current()
    if regime is None:
        raise invalid("Chưa có quy chế phối hợp nào đang áp dụng. Quản trị cần nạp quy chế.")
    return regime


def _search_text(programme: Programme, parties: list[Organisation]) -> str:
    names = " ".join(p.short_name or p.name for p in parties)
    return fold(f"{programme.title} {names}")[:700]


def _refresh_search_text(programme: Programme) -> None:
    parties = [p.organisation for p in programme.parties.select_related("organisation")]
    programme.search_text = _search_text(programme, parties)
    programme.save(update_fields=["search_text"])


@dataclass(frozen=True)
class ProgrammeData:
    title: str
    start: date
    end: date
    kind: str = Programme.Kind.PROGRAMME
    basis: str = Programme.Basis.PHASE
    grounds: str = ""
    methods: str = ""


@transaction.atomic
def programme_create(
    *,
    actor: Actor,
    board: Organisation,
    data: ProgrammeData,
    parties: list[Organisation],
    content_items: list[ContentItem] | None = None,
) -> Programme:
    """Draft a programme between `board` and the bodies in `parties` (the board signs too)."""
    ensure(
        policies.can_create_programme(actor, board),
        "Chỉ lãnh đạo, chuyên viên Ban được soạn chương trình phối hợp.",
    )
    # A body named twice is one party (the unique constraint would fail with a 500).
    others = list({p.pk: p for p in parties if p.pk != board.pk}.values())
    if not others:
        raise invalid("Chương trình phải có ít nhất một cơ quan phối hợp ngoài Ban.", "parties")
    for party in others:
        if not actor.can_see(party) or party.valid_to is not None:
            raise invalid(f"Không thể chọn «{party}» làm bên ký kết.", "parties")
    regime = current_regime()
    programme = Programme(regime=regime, board=board, **_clean_strings(data.__dict__))
    programme.search_text = _search_text(programme, [board, *others])
    programme.full_clean()
    programme.save()
    for organisation in [board, *others]:
        ProgrammeParty.objects.create(programme=programme, organisation=organisation)
    items = content_items if content_items is not None else list(regime.content_items.all())
    _check_items(regime, items)
    programme.content_items.set(items)
    record_event(actor=actor, target=programme, verb="programme_created")
    return programme


def _clean_strings(values: dict) -> dict:
    return {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}


def _check_items(regime: Regime, items: list[ContentItem]) -> None:
    if any(item.regime_id != regime.pk for item in items):
        raise invalid("Nội dung phối hợp không thuộc quy chế của chương trình.", "content_items")


@transaction.atomic
def programme_update(
    *, actor: Actor, programme: Programme, content_items=None, **values
) -> Programme:
    ensure(
        policies.can_edit_programme(actor, programme),
        "Chỉ sửa được chương trình khi chưa ký kết, và chỉ Ban chủ trì được sửa.",
    )
    before = snapshot(programme, PROGRAMME_FIELDS)
    for name, value in _clean_strings(values).items():
        if name not in PROGRAMME_FIELDS:
            raise invalid(f"Không sửa được trường {name}.")
        setattr(programme, name, value)
    programme.full_clean()
    _check_plans_within_period(programme)
    programme.save()
    if content_items is not None:
        _check_items(programme.regime, content_items)
        programme.content_items.set(content_items)
    _refresh_search_text(programme)
    changes = field_changes(programme, before, PROGRAMME_FIELDS)
    record_event(actor=actor, target=programme, verb="programme_updated", changes=changes)
    return programme


def _check_plans_within_period(programme: Programme) -> None:
    years = programme.plans.values_list("year", flat=True)
    if any(not programme.start.year <= year <= programme.end.year for year in years):
        raise invalid("Thời gian chương trình phải bao gồm các năm đã có kế hoạch.", "end")


@transaction.atomic
def party_add(*, actor: Actor, programme: Programme, organisation: Organisation) -> ProgrammeParty:
    ensure(policies.can_edit_programme(actor, programme), "Không thể thêm bên ký kết lúc này.")
    if not actor.can_see(organisation) or organisation.valid_to is not None:
        raise invalid(f"Không thể chọn «{organisation}» làm bên ký kết.", "organisation")
    if programme.parties.filter(organisation=organisation).exists():
        raise invalid(f"«{organisation}» đã là bên ký kết.", "organisation")
    party = ProgrammeParty.objects.create(programme=programme, organisation=organisation)
    _refresh_search_text(programme)
    record_event(actor=actor, target=party, verb="party_added")
    return party


@transaction.atomic
def party_update(*, actor: Actor, party: ProgrammeParty, **values) -> ProgrammeParty:
    """Record a side's signatory and its own document number and date."""
    programme = party.programme
    ensure(policies.can_edit_programme(actor, programme), "Không thể sửa bên ký kết lúc này.")
    before = snapshot(party, PARTY_FIELDS)
    for name, value in _clean_strings(values).items():
        if name not in PARTY_FIELDS:
            raise invalid(f"Không sửa được trường {name}.")
        setattr(party, name, value)
    if party.document_date and not programme.start.year - 1 <= party.document_date.year <= (
        programme.end.year
    ):
        raise invalid("Ngày ký phải gần với thời gian của chương trình.", "document_date")
    party.full_clean()
    party.save()
    changes = field_changes(party, before, PARTY_FIELDS)
    record_event(actor=actor, target=party, verb="party_updated", changes=changes)
    return party


@transaction.atomic
def party_remove(*, actor: Actor, party: ProgrammeParty) -> None:
    programme = party.programme
    ensure(policies.can_edit_programme(actor, programme), "Không thể bỏ bên ký kết lúc này.")
    if party.organisation_id == programme.board_id:
        raise invalid("Ban chủ trì luôn là một bên ký kết.")
    if programme.parties.count() <= 2:
        raise invalid("Chương trình phải còn ít nhất hai bên ký kết.")
    record_event(
        actor=actor,
        target=programme,
        verb="party_removed",
        detail={"organisation": party.organisation_id},
    )
    party.delete()
    _refresh_search_text(programme)


# --- programme lifecycle ---------------------------------------------------------------------


def _all_signed(programme: Programme) -> None:
    unsigned = [str(p.organisation) for p in programme.parties.all() if not p.has_signed]
    if unsigned:
        raise invalid(
            "Chưa đủ thông tin ký (số văn bản, ngày ký, người ký) của: " + "; ".join(unsigned)
        )


def _all_have_focal_points(programme: Programme) -> None:
    party_ids = set(programme.parties.values_list("organisation_id", flat=True))
    named = set(
        FocalPoint.objects.filter(organisation_id__in=party_ids).values_list(
            "organisation_id", flat=True
        )
    )
    missing = Organisation.objects.filter(pk__in=party_ids - named).order_by("name")
    if missing:
        raise invalid(
            "Chưa thể đưa vào thực hiện: các bên sau chưa cử đầu mối phối hợp: "
            + "; ".join(str(o) for o in missing)
        )


# action → (transition method name, who may, precondition, Vietnamese label)
PROGRAMME_ACTIONS = {
    "submit": ("submit_for_consultation", policies.can_edit_programme, None, "Gửi lấy ý kiến"),
    "return": ("return_to_draft", policies.can_edit_programme, None, "Trả lại dự thảo"),
    "agree": ("agree", policies.can_decide_programme, None, "Thống nhất nội dung"),
    "sign": ("sign", policies.can_decide_programme, _all_signed, "Ghi nhận ký kết"),
    "bring_into_force": (
        "bring_into_force",
        policies.can_decide_programme,
        _all_have_focal_points,
        "Đưa vào thực hiện",
    ),
    "start_review": ("start_review", policies.can_decide_programme, None, "Sơ kết, tổng kết"),
    "close": ("close", policies.can_decide_programme, None, "Kết thúc"),
}


def programme_actions(actor: Actor, programme: Programme) -> list[tuple[str, str]]:
    """(action, label) the actor may take now: templates and the API show exactly these."""
    return [
        (action, label)
        for action, (method, allowed, _check, label) in PROGRAMME_ACTIONS.items()
        if allowed(actor, programme) and _transition_possible(programme, method)
    ]


def _transition_possible(instance, method: str) -> bool:
    return can_proceed(getattr(instance, method))


@transaction.atomic
def programme_advance(*, actor: Actor, programme: Programme, action: str) -> Programme:
    """Move a programme one step along its lifecycle (draft → … → closed)."""
    if action not in PROGRAMME_ACTIONS:
        raise invalid("Thao tác không hợp lệ.")
    method, allowed, check, label = PROGRAMME_ACTIONS[action]
    ensure(allowed(actor, programme), f"Bạn không có quyền: {label.lower()}.")
    if not _transition_possible(programme, method):
        raise invalid(
            f"Không thể «{label.lower()}» khi chương trình ở trạng thái "
            f"«{programme.get_state_display().lower()}»."
        )
    if check:
        check(programme)
    before = programme.state
    getattr(programme, method)()
    programme.save(update_fields=["state"])
    record_event(
        actor=actor,
        target=programme,
        verb=f"programme_{action}",
        changes={"state": [before, programme.state]},
    )
    return programme


@transaction.atomic
def programme_supersede(*, actor: Actor, programme: Programme, successor: Programme) -> Programme:
    ensure(
        policies.can_decide_programme(actor, programme), "Bạn không có quyền thay thế chương trình."
    )
    if successor.pk == programme.pk or successor.board_id != programme.board_id:
        raise invalid("Chương trình thay thế phải là chương trình khác của cùng Ban.", "successor")
    before = programme.state
    programme.supersede()
    programme.successor = successor
    programme.save(update_fields=["state", "successor"])
    record_event(
        actor=actor,
        target=programme,
        verb="programme_superseded",
        changes={"state": [before, programme.state]},
        detail={"successor": successor.pk},
    )
    return programme


@transaction.atomic
def programme_cancel(*, actor: Actor, programme: Programme, reason: str) -> Programme:
    ensure(policies.can_decide_programme(actor, programme), "Bạn không có quyền hủy chương trình.")
    if not reason.strip():
        raise invalid("Cần nêu lý do hủy.", "reason")
    before = programme.state
    programme.cancel()
    programme.cancel_reason = reason.strip()
    programme.save(update_fields=["state", "cancel_reason"])
    record_event(
        actor=actor,
        target=programme,
        verb="programme_cancelled",
        changes={"state": [before, programme.state]},
    )
    return programme


# --- plans and tasks -------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, actor: Actor, programme: Programme, year: int) -> AnnualPlan:
    ensure(
        policies.can_manage_plans(actor, programme),
        "Chỉ Ban chủ trì lập kế hoạch năm, khi chương trình đã ký kết.",
    )
    if not programme.start.year <= year <= programme.end.year:
        raise invalid(
            f"Năm {year} nằm ngoài thời gian của chương trình "
            f"({programme.start.year}–{programme.end.year}).",
            "year",
        )
    if programme.plans.filter(year=year).exists():
        raise invalid(f"Chương trình đã có kế hoạch năm {year}.", "year")
    plan = AnnualPlan.objects.create(programme=programme, year=year)
    record_event(actor=actor, target=plan, verb="plan_created")
    return plan


def resolve_due(plan: AnnualPlan, due: date | None, working_days: int | None, today: date) -> date:
    """A task's due date, given as a date or as N working days from today, inside the plan."""
    if (due is None) == (working_days is None):
        raise invalid(
            "Nhập thời hạn là một ngày, hoặc số ngày làm việc (chỉ một trong hai).", "due"
        )
    if due is None:
        due = calendar.add_working_days(today, working_days)
    programme = plan.programme
    if not programme.start <= due <= programme.end:
        raise invalid(
            f"Thời hạn {due:%d/%m/%Y} nằm ngoài thời gian của chương trình "
            f"({programme.start:%d/%m/%Y} – {programme.end:%d/%m/%Y}).",
            "due",
        )
    if due.year != plan.year:
        raise invalid(f"Thời hạn phải thuộc năm {plan.year} của kế hoạch.", "due")
    return due


@dataclass(frozen=True)
class TaskData:
    title: str
    lead: Organisation
    due: date | None = None
    due_in_working_days: int | None = None
    description: str = ""
    expected_output: str = Task.OutputKind.OTHER


@transaction.atomic
def task_create(
    *,
    actor: Actor,
    plan: AnnualPlan,
    data: TaskData,
    content_items: list[ContentItem] = (),
    cooperating: list[Organisation] = (),
    today: date | None = None,
) -> Task:
    programme = plan.programme
    ensure(policies.can_manage_plans(actor, programme), "Chỉ Ban chủ trì thêm nhiệm vụ.")
    if data.lead is None:
        raise invalid("Nhiệm vụ phải có đơn vị chủ trì.", "lead")
    due = resolve_due(plan, data.due, data.due_in_working_days, today or timezone.localdate())
    _check_party_bodies(programme, data.lead, list(cooperating))
    _check_items(programme.regime, list(content_items))
    task = Task(
        plan=plan,
        title=data.title.strip(),
        description=data.description.strip(),
        lead=data.lead,
        lead_path=data.lead.path,
        due=due,
        expected_output=data.expected_output,
    )
    task.full_clean()
    task.save()
    task.content_items.set(content_items)
    for organisation in {o.pk: o for o in cooperating if o.pk != data.lead.pk}.values():
        Assignment.objects.create(task=task, organisation=organisation, due=due)
    record_event(actor=actor, target=task, verb="task_created")
    return task


def _check_party_bodies(programme: Programme, lead: Organisation, cooperating) -> None:
    """Lead and co-operating bodies are the parties or bodies beneath a party."""
    party_paths = [p.organisation.path for p in programme.parties.select_related("organisation")]

    def outside(bodies):
        return [b for b in bodies if not any(b.path.startswith(p) for p in party_paths)]

    message = "Đơn vị {} phải là bên ký kết hoặc trực thuộc bên ký kết: {}"
    if outside([lead]):
        raise invalid(message.format("chủ trì", lead), "lead")
    if strangers := outside(cooperating):
        raise invalid(message.format("phối hợp", "; ".join(map(str, strangers))), "cooperating")


TASK_STEERING = {
    "agree": ("agree", "Thống nhất nhiệm vụ"),
    "assign": ("assign", "Giao nhiệm vụ"),
    "confirm": ("confirm", "Xác nhận hoàn thành"),
    "reopen": ("reopen", "Yêu cầu làm tiếp"),
}
TASK_REPORTING = {
    "start": ("start", "Bắt đầu thực hiện"),
    "finish": ("finish", "Báo cáo hoàn thành"),
}


def task_actions(
    actor: Actor, task: Task, programme: Programme, cooperating_ids: frozenset[int] = frozenset()
) -> list[tuple[str, str]]:
    """(action, label) the actor may take on the task now."""
    actions = []
    if policies.can_steer_task(actor, programme):
        actions += [
            (a, label) for a, (m, label) in TASK_STEERING.items() if _transition_possible(task, m)
        ]
    if policies.can_report_on_task(actor, task, programme, cooperating_ids):
        actions += [
            (a, label) for a, (m, label) in TASK_REPORTING.items() if _transition_possible(task, m)
        ]
    return actions


def _cooperating_ids(task: Task) -> frozenset[int]:
    return frozenset(task.assignments.values_list("organisation_id", flat=True))


@transaction.atomic
def task_advance(*, actor: Actor, task: Task, action: str) -> Task:
    programme = task.plan.programme
    if action in TASK_STEERING:
        method, label = TASK_STEERING[action]
        ensure(policies.can_steer_task(actor, programme), f"Chỉ Ban chủ trì được: {label.lower()}.")
    elif action in TASK_REPORTING:
        method, label = TASK_REPORTING[action]
        ensure(
            policies.can_report_on_task(actor, task, programme, _cooperating_ids(task)),
            "Chỉ đơn vị chủ trì, phối hợp hoặc Ban được cập nhật nhiệm vụ này.",
        )
    else:
        raise invalid("Thao tác không hợp lệ.")
    if not _transition_possible(task, method):
        raise invalid(
            f"Không thể «{label.lower()}» khi nhiệm vụ ở trạng thái "
            f"«{task.get_state_display().lower()}»."
        )
    before = task.state
    getattr(task, method)()
    fields = ["state"]
    if action == "finish":
        task.progress = 100
        fields.append("progress")
    task.save(update_fields=fields)
    record_event(
        actor=actor, target=task, verb=f"task_{action}", changes={"state": [before, task.state]}
    )
    return task


def _check_task_transition(task: Task, method: str, label: str) -> None:
    """A clear 400 instead of django-fsm's TransitionNotAllowed (a 500) for a closed task."""
    if not _transition_possible(task, method):
        raise invalid(
            f"Không thể «{label}» khi nhiệm vụ ở trạng thái «{task.get_state_display().lower()}»."
        )


@transaction.atomic
def task_update_progress(*, actor: Actor, task: Task, progress: int) -> Task:
    programme = task.plan.programme
    ensure(
        policies.can_report_on_task(actor, task, programme, _cooperating_ids(task)),
        "Chỉ đơn vị chủ trì, phối hợp hoặc Ban được cập nhật tiến độ.",
    )
    if not 0 <= progress <= 100:
        raise invalid("Tiến độ phải từ 0 đến 100%.", "progress")
    before = task.progress
    task.progress = progress
    task.save(update_fields=["progress"])
    record_event(
        actor=actor, target=task, verb="task_progress", changes={"progress": [before, progress]}
    )
    return task


@transaction.atomic
def task_defer(*, actor: Actor, task: Task, new_due: date, reason: str) -> Task:
    programme = task.plan.programme
    ensure(policies.can_steer_task(actor, programme), "Chỉ Ban chủ trì được lùi thời hạn.")
    _check_task_transition(task, "defer", "lùi thời hạn")
    if not reason.strip():
        raise invalid("Cần nêu lý do lùi thời hạn.", "reason")
    if new_due <= task.due:
        raise invalid("Thời hạn mới phải sau thời hạn cũ.", "new_due")
    try:
        resolve_due(task.plan, new_due, None, new_due)
    except ValidationError as error:
        raise invalid(" ".join(error.messages), "new_due") from error
    before = snapshot(task, ["state", "due"])
    task.defer()
    task.due, task.reason = new_due, reason.strip()
    task.save(update_fields=["state", "due", "reason"])
    record_event(
        actor=actor,
        target=task,
        verb="task_deferred",
        changes=field_changes(task, before, ["state", "due"]),
    )
    return task


@transaction.atomic
def task_cancel(*, actor: Actor, task: Task, reason: str) -> Task:
    ensure(
        policies.can_steer_task(actor, task.plan.programme), "Chỉ Ban chủ trì được hủy nhiệm vụ."
    )
    _check_task_transition(task, "cancel", "hủy")
    if not reason.strip():
        raise invalid("Cần nêu lý do hủy.", "reason")
    before = task.state
    task.cancel()
    task.reason = reason.strip()
    task.save(update_fields=["state", "reason"])
    record_event(
        actor=actor, target=task, verb="task_cancelled", changes={"state": [before, task.state]}
    )
    return task


@transaction.atomic
def task_carry_over(*, actor: Actor, task: Task) -> Task:
    """Close the task in this year's plan and open the same task in next year's plan."""
    plan, programme = task.plan, task.plan.programme
    ensure(policies.can_steer_task(actor, programme), "Chỉ Ban chủ trì được chuyển nhiệm vụ.")
    _check_task_transition(task, "carry_over", "chuyển sang năm sau")
    next_year = plan.year + 1
    if next_year > programme.end.year:
        raise invalid("Chương trình kết thúc trong năm nay, không còn năm sau để chuyển.")
    next_plan = programme.plans.filter(year=next_year).first() or plan_create(
        actor=actor, programme=programme, year=next_year
    )
    # Same day next year (28 February for a 29 February deadline), within the programme.
    day = 28 if (task.due.month, task.due.day) == (2, 29) else task.due.day
    due = min(date(next_year, task.due.month, day), programme.end)
    successor = Task.objects.create(
        plan=next_plan,
        title=task.title,
        description=task.description,
        lead=task.lead,
        lead_path=task.lead_path,
        due=due,
        expected_output=task.expected_output,
        progress=task.progress,
        state=Task.State.ASSIGNED,
    )
    successor.content_items.set(task.content_items.all())
    for assignment in task.assignments.all():
        Assignment.objects.create(task=successor, organisation=assignment.organisation, due=due)
    # The new task's own timeline starts here: who opened it, and from which task.
    record_event(
        actor=actor, target=successor, verb="task_created", detail={"carried_from": task.pk}
    )
    before = task.state
    task.carry_over()
    task.carried_to = successor
    task.save(update_fields=["state", "carried_to"])
    record_event(
        actor=actor,
        target=task,
        verb="task_carried_over",
        changes={"state": [before, task.state]},
        detail={"successor": successor.pk},
    )
    return successor


@transaction.atomic
def output_add(
    *,
    actor: Actor,
    task: Task,
    kind: str,
    title: str,
    produced_on: date,
    organisation: Organisation,
    link: str = "",
    count: int = 1,
    file=None,
) -> Output:
    """Record evidence of a task's result."""
    cooperating = _cooperating_ids(task)
    ensure(
        policies.can_report_on_task(actor, task, task.plan.programme, cooperating),
        "Chỉ đơn vị chủ trì, phối hợp hoặc Ban được ghi nhận sản phẩm.",
    )
    if organisation.pk not in {task.lead_id, *cooperating, task.plan.programme.board_id}:
        raise invalid("Đơn vị thực hiện phải là đơn vị chủ trì hoặc phối hợp.", "organisation")
    output = Output(
        task=task,
        kind=kind,
        title=title.strip(),
        produced_on=produced_on,
        organisation=organisation,
        link=link.strip(),
        count=count,
    )
    if file:
        check_upload(file)
        output.file = file
    output.full_clean()
    output.save()
    record_event(actor=actor, target=task, verb="output_added", detail={"output": output.pk})
    return output


@transaction.atomic
def attachment_add(*, actor: Actor, programme: Programme, title: str, file) -> Attachment:
    ensure(policies.can_attach(actor, programme), "Chỉ Ban chủ trì được đính kèm tài liệu.")
    check_upload(file)
    attachment = Attachment(
        programme=programme, title=title.strip() or file.name, file=file, uploaded_by=actor.user
    )
    attachment.full_clean()
    attachment.save()
    record_event(
        actor=actor,
        target=programme,
        verb="attachment_added",
        detail={"attachment": attachment.pk, "title": attachment.title},
    )
    return attachment


@transaction.atomic
def content_item_update(*, actor: Actor, item: ContentItem, title: str) -> ContentItem:
    """Reword a content item; django-simple-history keeps every earlier wording."""
    ensure(policies.can_edit_regime(actor), "Chỉ quản trị hệ thống được sửa quy chế.")
    if not title.strip():
        raise invalid("Nội dung không được để trống.", "title")
    if not item.history.exists():
        item.save()  # rows loaded by the migration have no version yet: keep the original
    before = item.title
    item.title = title.strip()
    item.full_clean()
    item.save()
    record_event(
        actor=actor,
        target=item,
        verb="content_item_updated",
        changes={"title": [before, item.title]},
    )
    return item


@transaction.atomic
def regime_update_defaults(
    *,
    actor: Actor,
    regime: Regime,
    reminder_days: list[int],
    escalate_focal_leader_after: int,
    escalate_board_leader_after: int,
) -> Regime:
    ensure(policies.can_edit_regime(actor), "Chỉ quản trị hệ thống được sửa quy chế.")
    if any(day < 0 or day > 60 for day in reminder_days):
        raise invalid("Số ngày nhắc trước hạn phải từ 0 đến 60.", "reminder_days")
    before = snapshot(regime, REGIME_DEFAULTS)
    regime.reminder_days = sorted(set(reminder_days), reverse=True)
    regime.escalate_focal_leader_after = escalate_focal_leader_after
    regime.escalate_board_leader_after = escalate_board_leader_after
    regime.full_clean()
    regime.save()
    record_event(
        actor=actor,
        target=regime,
        verb="regime_updated",
        changes=field_changes(regime, before, REGIME_DEFAULTS),
    )
    return regime


REGIME_DEFAULTS = ["reminder_days", "escalate_focal_leader_after", "escalate_board_leader_after"]
REVIEW_DEFAULTS = ["preliminary_review_by_day", "final_review_within_months"]


@transaction.atomic
def regime_update_review_defaults(
    *, actor: Actor, regime: Regime, preliminary_review_by_day: int, final_review_within_months: int
) -> Regime:
    """When the regime expects its reviews: the annual one by a day of January, the final one
    within some months after a phase."""
    ensure(policies.can_edit_regime(actor), "Chỉ quản trị hệ thống được sửa quy chế.")
    if not 1 <= preliminary_review_by_day <= 31:
        raise invalid("Ngày sơ kết năm phải từ 1 đến 31 (tháng 1).", "preliminary_review_by_day")
    if not 1 <= final_review_within_months <= 12:
        raise invalid("Thời hạn tổng kết phải từ 1 đến 12 tháng.", "final_review_within_months")
    before = snapshot(regime, REVIEW_DEFAULTS)
    regime.preliminary_review_by_day = preliminary_review_by_day
    regime.final_review_within_months = final_review_within_months
    regime.full_clean()
    regime.save()
    record_event(
        actor=actor,
        target=regime,
        verb="regime_updated",
        changes=field_changes(regime, before, REVIEW_DEFAULTS),
    )
    return regime


@transaction.atomic
def programme_set_deadlines(
    *,
    actor: Actor,
    programme: Programme,
    reminder_days: list[int],
    escalate_focal_leader_after: int,
    escalate_board_leader_after: int,
) -> Programme:
    """This programme's own reminders and escalations (working days), instead of the regime's."""
    ensure(
        actor.has_role(*policies.BOARD_ROLES, over=programme.board) and programme.is_open,
        "Chỉ Ban chủ trì được đặt lịch nhắc hạn của chương trình.",
    )
    if any(not 0 <= day <= 60 for day in reminder_days):
        raise invalid("Số ngày nhắc trước hạn phải từ 0 đến 60.", "reminder_days")
    if not 1 <= escalate_focal_leader_after <= escalate_board_leader_after <= 60:
        raise invalid(
            "Báo lãnh đạo đầu mối trước (từ 1 ngày), rồi mới báo lãnh đạo Ban (tối đa 60 ngày).",
            "escalate_board_leader_after",
        )
    fields = ["reminder_days", "escalate_focal_leader_after", "escalate_board_leader_after"]
    before = snapshot(programme, fields)
    programme.reminder_days = sorted(set(reminder_days), reverse=True)
    programme.escalate_focal_leader_after = escalate_focal_leader_after
    programme.escalate_board_leader_after = escalate_board_leader_after
    programme.save(update_fields=fields)
    record_event(
        actor=actor,
        target=programme,
        verb="programme_deadlines_set",
        changes=field_changes(programme, before, fields),
    )
    return programme


@transaction.atomic
def assignment_set_due(*, actor: Actor, assignment: Assignment, due: date) -> Assignment:
    """A co-operating body's own deadline for its part of the task."""
    task = assignment.task
    ensure(policies.can_steer_task(actor, task.plan.programme), "Chỉ Ban chủ trì được giao hạn.")
    try:
        resolve_due(task.plan, due, None, due)
    except ValidationError as error:
        raise invalid(" ".join(error.messages), "due") from error
    before = assignment.due
    assignment.due = due
    assignment.save(update_fields=["due"])
    record_event(
        actor=actor,
        target=task,
        verb="assignment_due_set",
        changes={"due": [before.isoformat(), due.isoformat()]},
        detail={"organisation": assignment.organisation_id},
    )
    return assignment

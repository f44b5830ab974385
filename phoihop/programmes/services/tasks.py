"""Tasks of an annual plan: creating, steering and reporting on them, and their deadlines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from phoihop.core.actor import Actor
from phoihop.core.audit import field_changes, record_event, snapshot
from phoihop.core.exceptions import ensure, invalid
from phoihop.organisations.models import Organisation

from .. import policies
from ..models import AnnualPlan, Assignment, ContentItem, Programme, Task
from ._shared import _check_items, _cooperating_ids, _transition_possible
from .plans import plan_create, resolve_due


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
    content_items: Sequence[ContentItem] = (),
    cooperating: Sequence[Organisation] = (),
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

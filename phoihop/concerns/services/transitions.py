"""The chain: every step a concern takes, board → council → people's committee → agencies →
answer → supervision → closed, or transferred, or reopened.

`concern_act` is the only write path: it checks the policy and the state machine, applies the
action's input, saves, writes one `ConcernStep` (with its document reference and date) and one
audit event, and tells the body that now owns the concern once the transaction commits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed

from phoihop.accounts.models import User
from phoihop.core import calendar
from phoihop.core.actor import Actor
from phoihop.core.audit import record_event
from phoihop.core.exceptions import ensure, invalid
from phoihop.notifications.services import notify
from phoihop.organisations.models import Organisation

from .. import policies
from ..models import Category, Concern, ConcernParty, ConcernStep
from .common import clean
from .recording import search_text

# action → (fsm method, label shown on buttons and in messages)
ACTIONS: dict[str, tuple[str, str]] = {
    "triage": ("triage", "Xác nhận phân loại"),
    "forward": ("forward", "Chuyển Thường trực HĐND"),
    "request": ("request", "Ghi nhận văn bản đề nghị UBND"),
    "assign": ("assign", "Giao cơ quan xác minh, giải quyết"),
    "verify": ("verify", "Bắt đầu xác minh"),
    "answer": ("record_answer", "Ghi nhận trả lời"),
    "supervise": ("supervise", "Đưa vào giám sát"),
    "partly_resolve": ("partly_resolve", "Giải quyết một phần, giao tiếp"),
    "close": ("close", "Kết thúc"),
    "transfer": ("transfer", "Không thuộc thẩm quyền — chuyển cơ quan khác"),
    "reopen": ("reopen", "Mở lại (vấn đề tái diễn)"),
}


@dataclass(frozen=True)
class StepData:
    """What every step of the chain may carry: its document and a note."""

    document_ref: str = ""
    document_date: date | None = None
    note: str = ""


@dataclass(frozen=True)
class ActionInput:
    """The extra input some actions need (validated by the service, not the form)."""

    category: Category | None = None
    competent_body: Organisation | None = None
    agencies: list[Organisation] = field(default_factory=list)
    answer: str = ""
    transfer_to_id: int | None = None


def agency_ids(concern: Concern) -> frozenset[int]:
    return frozenset(
        concern.parties.filter(role=ConcernParty.Role.AGENCY).values_list(
            "organisation_id", flat=True
        )
    )


def concern_actions(actor: Actor, concern: Concern, agencies=None) -> list[tuple[str, str]]:
    """(action, label) the actor may take now: templates and the API show exactly these."""
    agencies = agency_ids(concern) if agencies is None else agencies
    return [
        (action, label)
        for action, (method, label) in ACTIONS.items()
        if policies.may(actor, concern, action, agencies) and can_proceed(getattr(concern, method))
    ]


def _level_body(board: Organisation, kind: str) -> Organisation | None:
    """The active body of `kind` at the board's level (a sibling under the same Party
    committee), e.g. the council's standing committee of the province."""
    parent_path = board.path[: board.steplen * (board.depth - 1)]
    return (
        Organisation.objects.current()
        .filter(kind=kind, depth=board.depth, path__startswith=parent_path)
        .order_by("path")
        .first()
    )


def _active_body(pk, message: str, field: str) -> Organisation:
    try:
        body = Organisation.objects.current().get(pk=int(pk))
    except (Organisation.DoesNotExist, TypeError, ValueError) as exc:
        raise invalid(message, field) from exc
    return body


def _members(organisation: Organisation) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation=organisation,
            memberships__is_active=True,
        ).distinct()
    )


def _tell_owner(concern: Concern, step: ConcernStep, title: str) -> None:
    """Tell the members of the body that now owns the concern (no personal data in it)."""
    owner = concern.owner

    def send() -> None:
        notify(
            users=_members(owner),
            kind="concern",
            title=f"{title}: {concern.title}",
            body=f"Vấn đề «{concern.title}» — {concern.get_state_display()}.",
            url=concern.get_absolute_url(),
            event_key=f"concern:{concern.pk}:step:{step.pk}",
        )

    transaction.on_commit(send)


@transaction.atomic
def concern_act(
    *,
    actor: Actor,
    concern: Concern,
    action: str,
    step: StepData | None = None,
    extra: ActionInput | None = None,
) -> Concern:
    """Move `concern` one step along the chain (or transfer, or reopen it)."""
    if action not in ACTIONS:
        raise invalid("Thao tác không hợp lệ.")
    step = step or StepData()
    extra = extra or ActionInput()
    method, label = ACTIONS[action]
    agencies = agency_ids(concern)
    ensure(policies.may(actor, concern, action, agencies), f"Bạn không có quyền: {label.lower()}.")
    # Lock the row so two officers cannot move the same concern at once.
    concern = Concern.objects.select_for_update().get(pk=concern.pk)
    if not can_proceed(getattr(concern, method)):
        raise invalid(
            f"Không thể «{label.lower()}» khi vấn đề ở trạng thái "
            f"«{concern.get_state_display().lower()}»."
        )
    if len(step.note) > 10_000:
        raise invalid("Ghi chú quá dài (tối đa 10.000 ký tự).", "note")
    before_state, before_owner = concern.state, concern.owner
    getattr(concern, method)()
    _APPLY[action](actor, concern, step, extra)
    concern.owner_path = concern.owner.path
    concern.full_clean()
    concern.save()
    row = ConcernStep(
        concern=concern,
        action=action,
        from_state=before_state,
        to_state=concern.state,
        owner=concern.owner,
        document_ref=clean(step.document_ref),
        document_date=step.document_date,
        note=clean(step.note),
    )
    row.full_clean()
    row.save()
    detail = {"document_ref": row.document_ref, "owner": concern.owner_id}
    if row.document_date:
        detail["document_date"] = row.document_date.isoformat()
    record_event(
        actor=actor,
        target=concern,
        verb=f"concern_{action}",
        changes={
            "state": [before_state, concern.state],
            "owner": [str(before_owner), str(concern.owner)],
        },
        detail=detail,
    )
    if concern.owner_id != before_owner.pk or action == "transfer":
        _tell_owner(concern, row, label)
    return concern


def _require_document(step: StepData, what: str) -> None:
    if not clean(step.document_ref) or step.document_date is None:
        raise invalid(f"Vui lòng ghi số, ký hiệu và ngày của {what}.", "document_ref")


def _due_from_today(concern: Concern) -> date:
    return calendar.add_working_days(timezone.localdate(), concern.category.deadline_working_days)


def _apply_triage(actor, concern: Concern, step: StepData, extra: ActionInput) -> None:
    if extra.category is not None:
        if not extra.category.is_active:
            raise invalid("Lĩnh vực này không còn được sử dụng.", "category")
        concern.category = extra.category
    if extra.competent_body is not None:
        concern.competent_body = extra.competent_body
    concern.category_confirmed = True
    concern.confirmed_at = timezone.now()
    concern.due = _due_from_today(concern)
    concern.search_text = search_text(concern, concern.places.all())


def _apply_forward(actor, concern: Concern, step: StepData, extra: ActionInput) -> None:
    _require_document(step, "văn bản chuyển Thường trực HĐND")
    council = _level_body(concern.board, Organisation.Kind.COUNCIL_STANDING)
    if council is None:
        raise invalid("Chưa có Thường trực HĐND cùng cấp trong cây tổ chức.")
    concern.council = council
    concern.owner = council
    ConcernParty.objects.get_or_create(
        concern=concern, organisation=council, role=ConcernParty.Role.COUNCIL
    )


def _apply_request(actor, concern: Concern, step: StepData, extra: ActionInput) -> None:
    _require_document(step, "văn bản đề nghị của HĐND gửi UBND")
    committee = _level_body(concern.board, Organisation.Kind.PEOPLES_COMMITTEE)
    if committee is None:
        raise invalid("Chưa có UBND cùng cấp trong cây tổ chức.")
    concern.council_request_number = clean(step.document_ref)
    concern.council_request_date = step.document_date
    concern.peoples_committee = committee
    concern.owner = committee
    ConcernParty.objects.get_or_create(
        concern=concern, organisation=committee, role=ConcernParty.Role.COMMITTEE
    )


def _apply_assign(actor, concern: Concern, step: StepData, extra: ActionInput) -> None:
    agencies = list({a.pk: a for a in extra.agencies}.values())
    if not agencies:
        raise invalid("Vui lòng chọn ít nhất một cơ quan được giao.", "agencies")
    for agency in agencies:
        if agency.valid_to is not None or agency.side != Organisation.Side.STATE:
            raise invalid(f"Không thể giao cho «{agency}».", "agencies")
    concern.owner = agencies[0]  # the first named body leads
    if concern.competent_body is None:
        concern.competent_body = agencies[0]  # a confirmed record for the body suggestions
    for agency in agencies:
        ConcernParty.objects.get_or_create(
            concern=concern, organisation=agency, role=ConcernParty.Role.AGENCY
        )


def _apply_verify(actor, concern, step, extra) -> None:
    pass


def _apply_answer(actor, concern: Concern, step: StepData, extra: ActionInput) -> None:
    answer = clean(extra.answer)
    if not answer:
        raise invalid("Vui lòng nhập nội dung trả lời.", "answer")
    _require_document(step, "văn bản trả lời")
    concern.answer = answer
    concern.answer_document = clean(step.document_ref)
    concern.answered_on = step.document_date
    concern.owner = concern.council or concern.board


def _apply_supervise(actor, concern: Concern, step, extra) -> None:
    concern.owner = concern.council or concern.board


def _apply_partly_resolve(actor, concern: Concern, step: StepData, extra) -> None:
    if not clean(step.note):
        raise invalid("Vui lòng ghi phần việc còn phải giải quyết.", "note")
    concern.owner = concern.peoples_committee or concern.board


def _apply_close(actor, concern: Concern, step, extra) -> None:
    concern.owner = concern.board
    concern.closed_at = timezone.now()


def _apply_transfer(actor, concern: Concern, step: StepData, extra: ActionInput) -> None:
    target = _active_body(
        extra.transfer_to_id,
        "Cơ quan nhận chuyển không tồn tại hoặc đã hết hiệu lực.",
        "transfer_to",
    )
    if target.pk == concern.owner_id:
        raise invalid("Cơ quan nhận chuyển phải khác cơ quan đang xử lý.", "transfer_to")
    if not clean(step.note):
        raise invalid("Vui lòng ghi lý do không thuộc thẩm quyền.", "note")
    concern.transferred_to = target
    concern.owner = target
    concern.closed_at = timezone.now()
    ConcernParty.objects.get_or_create(
        concern=concern, organisation=target, role=ConcernParty.Role.TRANSFEREE
    )


def _apply_reopen(actor, concern: Concern, step: StepData, extra) -> None:
    if not clean(step.note):
        raise invalid("Vui lòng ghi lý do mở lại (vấn đề tái diễn như thế nào).", "note")
    concern.owner = concern.board
    # A transfer that is reopened is over: the record says so in its steps, not as a banner.
    concern.transferred_to = None
    concern.closed_at = None
    concern.reopen_count += 1
    concern.due = _due_from_today(concern)


_APPLY = {
    "triage": _apply_triage,
    "forward": _apply_forward,
    "request": _apply_request,
    "assign": _apply_assign,
    "verify": _apply_verify,
    "answer": _apply_answer,
    "supervise": _apply_supervise,
    "partly_resolve": _apply_partly_resolve,
    "close": _apply_close,
    "transfer": _apply_transfer,
    "reopen": _apply_reopen,
}

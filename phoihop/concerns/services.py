"""Every write to concerns, their chain, merges and claims.

Each action checks the policy, checks the state machine, validates, saves, writes one
`ConcernStep` (the chain, with its document reference and date) and one audit event, and tells the
body that now owns the concern once the transaction commits. Nothing is stored about who raised a
concern; a petitioner's contact goes through `contacts.py` only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed

from phoihop.accounts.models import User
from phoihop.core import calendar
from phoihop.core.actor import Actor
from phoihop.core.audit import field_changes, record_event, snapshot
from phoihop.core.exceptions import ensure, invalid
from phoihop.core.text import fold
from phoihop.notifications.services import notify
from phoihop.organisations.models import AdminUnit, Organisation

from . import policies
from .models import Category, Claim, Concern, ConcernParty, ConcernSource, ConcernStep

State = Concern.State
COMMUNE_LEVEL = AdminUnit.Level.COMMUNE

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
class ConcernData:
    title: str
    category: Category | None
    first_seen: date
    scale: str
    trend: str
    summary: str = ""


@dataclass(frozen=True)
class SourceData:
    kind: str
    url: str = ""
    seen_on: date | None = None


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


def search_text(concern: Concern, places: Iterable[AdminUnit]) -> str:
    names = " ".join(p.name for p in places)
    return fold(f"{concern.title} {concern.category.name} {names} {concern.summary[:2000]}")


def _clean(text: str) -> str:
    return (text or "").strip()


def _check_places(places: list[AdminUnit]) -> list[AdminUnit]:
    unique = list({p.pk: p for p in places}.values())
    if not unique:
        raise invalid("Vấn đề phải có ít nhất một địa bàn cấp xã.", "places")
    if any(p.level != COMMUNE_LEVEL for p in unique):
        raise invalid("Địa bàn phải là xã, phường hoặc đặc khu.", "places")
    if len({p.parent_id for p in unique}) > 1:
        raise invalid("Các địa bàn của một vấn đề phải cùng một tỉnh, thành phố.", "places")
    return unique


@transaction.atomic
def concern_create(
    *,
    actor: Actor,
    board: Organisation,
    data: ConcernData,
    places: list[AdminUnit],
    sources: list[SourceData] | None = None,
    task=None,
) -> Concern:
    """Record a concern as a topic: what, where, which sector, from which kinds of source."""
    ensure(
        policies.can_capture(actor, board),
        "Chỉ lãnh đạo, chuyên viên Ban được ghi nhận vấn đề dư luận quan tâm.",
    )
    if data.category is None:
        raise invalid("Vui lòng chọn lĩnh vực của vấn đề.", "category")
    if not data.category.is_active:
        raise invalid("Lĩnh vực này không còn được sử dụng.", "category")
    places = _check_places(places)
    concern = Concern(
        board=board,
        owner=board,
        title=_clean(data.title),
        summary=_clean(data.summary),
        category=data.category,
        first_seen=data.first_seen,
        scale=data.scale,
        trend=data.trend,
        board_path=board.path,
        owner_path=board.path,
        province_id=places[0].parent_id,
        commune=places[0],
        task=task,
    )
    concern.search_text = search_text(concern, places)
    concern.full_clean()
    concern.save()
    concern.places.set(places)
    for source in sources or []:
        row = ConcernSource(
            concern=concern, kind=source.kind, url=_clean(source.url), seen_on=source.seen_on
        )
        row.full_clean()
        row.save()
    ConcernStep.objects.create(
        concern=concern, action="capture", to_state=concern.state, owner=board
    )
    record_event(actor=actor, target=concern, verb="concern_captured")
    return concern


UPDATABLE = ["title", "summary", "scale", "trend", "first_seen"]


@transaction.atomic
def concern_update(
    *,
    actor: Actor,
    concern: Concern,
    places: list[AdminUnit] | None = None,
    **values,
) -> Concern:
    """Correct the record or follow how the topic evolves (scale, trend, places)."""
    ensure(
        policies.may(actor, concern, "edit") and concern.is_open,
        "Chỉ Ban ghi nhận được cập nhật vấn đề đang xử lý.",
    )
    before = snapshot(concern, UPDATABLE)
    for name, value in values.items():
        if name not in UPDATABLE:
            raise invalid(f"Không sửa được trường {name}.")
        setattr(concern, name, _clean(value) if isinstance(value, str) else value)
    changes = field_changes(concern, before, UPDATABLE)
    current = list(concern.places.all())
    if places is not None:
        places = _check_places(places)
        if places[0].parent_id != concern.province_id:
            raise invalid("Không thể chuyển vấn đề sang tỉnh, thành phố khác.", "places")
        if {p.pk for p in places} != {p.pk for p in current}:
            changes["places"] = [[p.name for p in current], [p.name for p in places]]
        concern.commune = places[0]
        current = places
    concern.search_text = search_text(concern, current)
    concern.full_clean()
    concern.save()
    if places is not None:
        concern.places.set(places)
    if changes:
        record_event(actor=actor, target=concern, verb="concern_updated", changes=changes)
    return concern


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
        Organisation.objects.filter(
            kind=kind, depth=board.depth, path__startswith=parent_path, valid_to__isnull=True
        )
        .order_by("path")
        .first()
    )


def _active_body(pk, message: str, field: str) -> Organisation:
    try:
        body = Organisation.objects.get(pk=int(pk), valid_to__isnull=True)
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
        document_ref=_clean(step.document_ref),
        document_date=step.document_date,
        note=_clean(step.note),
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
    if not _clean(step.document_ref) or step.document_date is None:
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
    concern.council_request_number = _clean(step.document_ref)
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
    answer = _clean(extra.answer)
    if not answer:
        raise invalid("Vui lòng nhập nội dung trả lời.", "answer")
    _require_document(step, "văn bản trả lời")
    concern.answer = answer
    concern.answer_document = _clean(step.document_ref)
    concern.answered_on = step.document_date
    concern.owner = concern.council or concern.board


def _apply_supervise(actor, concern: Concern, step, extra) -> None:
    concern.owner = concern.council or concern.board


def _apply_partly_resolve(actor, concern: Concern, step: StepData, extra) -> None:
    if not _clean(step.note):
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
    if not _clean(step.note):
        raise invalid("Vui lòng ghi lý do không thuộc thẩm quyền.", "note")
    concern.transferred_to = target
    concern.owner = target
    concern.closed_at = timezone.now()
    ConcernParty.objects.get_or_create(
        concern=concern, organisation=target, role=ConcernParty.Role.TRANSFEREE
    )


def _apply_reopen(actor, concern: Concern, step: StepData, extra) -> None:
    if not _clean(step.note):
        raise invalid("Vui lòng ghi lý do mở lại (vấn đề tái diễn như thế nào).", "note")
    concern.owner = concern.board
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


# --- de-duplication: merge and un-merge ------------------------------------------------------
@transaction.atomic
def concern_merge(*, actor: Actor, concern: Concern, into: Concern) -> Concern:
    """Record `concern` as a duplicate of `into`; both records and their histories stay."""
    ensure(policies.may(actor, concern, "merge"), "Bạn không có quyền gộp vấn đề này.")
    ensure(policies.may(actor, into, "merge"), "Bạn không có quyền gộp vào vấn đề đã chọn.")
    if into.pk == concern.pk:
        raise invalid("Không thể gộp một vấn đề vào chính nó.", "into")
    if into.merged_into_id is not None:
        raise invalid("Vấn đề đã chọn đã được gộp vào vấn đề khác; hãy gộp vào vấn đề đó.", "into")
    if concern.merged.exists():
        raise invalid("Vấn đề này đang có vấn đề khác gộp vào; hãy tách chúng trước.", "into")
    concern.merged_into = into
    concern.save(update_fields=["merged_into"])
    record_event(actor=actor, target=concern, verb="concern_merged", detail={"into": into.pk})
    record_event(actor=actor, target=into, verb="concern_absorbed", detail={"from": concern.pk})
    return concern


@transaction.atomic
def concern_unmerge(*, actor: Actor, concern: Concern) -> Concern:
    ensure(policies.may(actor, concern, "unmerge"), "Bạn không có quyền tách vấn đề này.")
    if concern.merged_into_id is None:
        raise invalid("Vấn đề này không được gộp vào vấn đề nào.")
    into = concern.merged_into
    concern.merged_into = None
    concern.save(update_fields=["merged_into"])
    record_event(actor=actor, target=concern, verb="concern_unmerged", detail={"from": into.pk})
    record_event(actor=actor, target=into, verb="concern_split_off", detail={"concern": concern.pk})
    return concern


# --- claims and corrections ------------------------------------------------------------------
CLAIM_FIELDS = [
    "summary",
    "outlet",
    "url",
    "first_seen",
    "concern",
    "correction",
    "correction_reference",
    "corrected_on",
]


@dataclass(frozen=True)
class ClaimData:
    summary: str
    outlet: str
    first_seen: date
    url: str = ""
    concern: Concern | None = None
    correction: str = ""
    correction_reference: str = ""
    corrected_on: date | None = None


def _claim_search_text(claim: Claim) -> str:
    return fold(f"{claim.summary[:2000]} {claim.outlet} {claim.correction[:1000]}")


def _fill_claim(actor: Actor, claim: Claim, data: ClaimData) -> None:
    if data.concern is not None and not policies.is_board(actor, data.concern.board):
        raise invalid("Không thể liên kết với vấn đề đã chọn.", "concern")
    for name in CLAIM_FIELDS:
        value = getattr(data, name)
        setattr(claim, name, _clean(value) if isinstance(value, str) else value)
    if claim.corrected_on and not claim.correction and not claim.correction_reference:
        raise invalid("Vui lòng ghi nội dung hoặc văn bản cải chính.", "correction")
    if claim.corrected_on and claim.corrected_on < claim.first_seen:
        raise invalid("Ngày cải chính không thể trước ngày thông tin xuất hiện.", "corrected_on")
    claim.search_text = _claim_search_text(claim)


@transaction.atomic
def claim_create(*, actor: Actor, board: Organisation, data: ClaimData) -> Claim:
    """Record a false or misleading public claim: the claim and where it appeared, not who."""
    ensure(
        policies.can_record_claim(actor, board),
        "Chỉ lãnh đạo, chuyên viên Ban được ghi nhận thông tin sai sự thật.",
    )
    claim = Claim(board=board)
    _fill_claim(actor, claim, data)
    claim.full_clean()
    claim.save()
    record_event(actor=actor, target=claim, verb="claim_recorded")
    return claim


@transaction.atomic
def claim_update(*, actor: Actor, claim: Claim, data: ClaimData) -> Claim:
    """Change a claim, typically to record the correction issued and when."""
    ensure(policies.can_edit_claim(actor, claim), "Bạn không có quyền sửa thông tin này.")
    was_corrected = claim.corrected_on is not None
    _fill_claim(actor, claim, data)
    claim.full_clean()
    claim.save()
    verb = "claim_corrected" if claim.corrected_on and not was_corrected else "claim_updated"
    record_event(actor=actor, target=claim, verb=verb)
    return claim


def validation_messages(error: ValidationError) -> list[str]:
    """The Vietnamese messages of a service error, for the API and flash messages."""
    if hasattr(error, "message_dict"):
        return [m for messages in error.message_dict.values() for m in messages]
    return list(error.messages)

"""Programmes: drafting, the lifecycle from draft to closed, their own deadlines and files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from phoihop.core.actor import Actor
from phoihop.core.attachments import store_upload
from phoihop.core.audit import field_changes, record_event, snapshot
from phoihop.core.exceptions import ensure, invalid
from phoihop.organisations.models import FocalPoint, Organisation

from .. import policies
from ..models import Attachment, ContentItem, Programme, ProgrammeParty
from ._shared import (
    _check_items,
    _clean_strings,
    _refresh_search_text,
    _search_text,
    _transition_possible,
)
from .regime import current_regime

PROGRAMME_FIELDS = ["kind", "basis", "title", "grounds", "methods", "start", "end"]


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
        policies.can_set_deadlines(actor, programme),
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
def attachment_add(*, actor: Actor, programme: Programme, title: str, file) -> Attachment:
    ensure(policies.can_attach(actor, programme), "Chỉ Ban chủ trì được đính kèm tài liệu.")
    attachment = store_upload(
        Attachment(programme=programme), upload=file, title=title, user=actor.user
    )
    record_event(
        actor=actor,
        target=programme,
        verb="attachment_added",
        detail={"attachment": attachment.pk, "title": attachment.title},
    )
    return attachment

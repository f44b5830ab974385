"""The regime as data: the operator rewords content items and sets the default deadlines."""

from __future__ import annotations

from django.db import transaction

from phoihop.core.actor import Actor
from phoihop.core.audit import field_changes, record_event, snapshot
from phoihop.core.exceptions import ensure, invalid

from .. import policies
from ..models import ContentItem, Regime

REGIME_DEFAULTS = ["reminder_days", "escalate_focal_leader_after", "escalate_board_leader_after"]
REVIEW_DEFAULTS = ["preliminary_review_by_day", "final_review_within_months"]


def current_regime() -> Regime:
    regime = Regime.objects.current()
    if regime is None:
        raise invalid("Chưa có quy chế phối hợp nào đang áp dụng. Quản trị cần nạp quy chế.")
    return regime


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

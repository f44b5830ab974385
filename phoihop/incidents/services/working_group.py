"""The working group of a case and its append-only position log."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from phoihop.accounts.models import Membership, User
from phoihop.core.actor import Actor
from phoihop.core.audit import record_event
from phoihop.core.exceptions import ensure, invalid
from phoihop.organisations.models import Organisation

from .. import policies, selectors
from ..models import Incident, PositionLog, WorkingGroupMember
from ._shared import _acting_body, _name, _required, _tell


@transaction.atomic
def working_group_add_member(
    *, actor: Actor, incident: Incident, user: User, organisation: Organisation, role: str
) -> WorkingGroupMember:
    ensure(
        policies.can_manage_group(actor, incident),
        "Chỉ Ban và lãnh đạo cơ quan có thẩm quyền được lập tổ công tác.",
    )
    if role not in WorkingGroupMember.Role.values:
        raise invalid("Vai trò trong tổ không hợp lệ.", "role")
    if not Membership.objects.active().filter(user=user, organisation=organisation).exists():
        raise invalid(f"{user} không công tác tại «{organisation}».", "user")
    parent = selectors.case_tree_path(incident)
    if not organisation.path.startswith(parent):
        raise invalid(
            "Thành viên tổ công tác phải thuộc các cơ quan trong tỉnh của vụ việc.", "user"
        )
    if incident.members.filter(user=user, removed_at__isnull=True).exists():
        raise invalid(f"{user} đã là thành viên tổ công tác.", "user")
    member = WorkingGroupMember(
        incident=incident, user=user, organisation=organisation, role=role, added_by=actor.user
    )
    member.full_clean()
    member.save()
    record_event(
        actor=actor,
        target=incident,
        verb="working_group_member_added",
        detail={"user": user.pk, "organisation": organisation.pk, "role": role},
    )
    _tell(
        [user],
        incident,
        f"member:{member.pk}",
        f"Bạn được cử vào tổ công tác vụ việc «{_name(incident)}»",
    )
    return member


@transaction.atomic
def working_group_remove_member(*, actor: Actor, member: WorkingGroupMember) -> None:
    incident = member.incident
    ensure(policies.can_manage_group(actor, incident), "Không thể thay đổi tổ công tác.")
    if member.removed_at is not None:
        raise invalid("Người này đã rời tổ công tác.")
    member.removed_at = timezone.now()
    member.save(update_fields=["removed_at"])
    record_event(
        actor=actor,
        target=incident,
        verb="working_group_member_removed",
        detail={"user": member.user_id},
    )


@transaction.atomic
def position_log_append(*, actor: Actor, incident: Incident, text: str) -> PositionLog:
    """Add to the append-only position log (there is no edit or delete)."""
    access = selectors.access_for(actor, incident)
    ensure(
        policies.can_contribute(actor, incident, access),
        "Chỉ tổ công tác, Ban và cơ quan có thẩm quyền được ghi nhật ký khi vụ việc đang xử lý.",
    )
    entry = PositionLog(
        incident=incident,
        author=actor.user,
        organisation=_acting_body(actor, incident, access),
        text=_required(text, "Nhập nội dung nhật ký.", "text"),
    )
    entry.full_clean()
    entry.save()
    record_event(actor=actor, target=incident, verb="position_logged", detail={"entry": entry.pk})
    return entry

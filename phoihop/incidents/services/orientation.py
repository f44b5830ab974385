"""The orientation plan, approved by the leaders of both sides."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from phoihop.core.actor import Actor
from phoihop.core.audit import record_event
from phoihop.core.exceptions import ensure, invalid

from .. import policies, selectors
from ..models import Incident, OrientationPlan
from ._shared import _channels, _group_people, _lock, _name, _required, _tell


@dataclass(frozen=True)
class OrientationData:
    handler: str
    message: str
    spokesperson: str
    channels: list[str]


@transaction.atomic
def orientation_plan_save(
    *, actor: Actor, incident: Incident, data: OrientationData
) -> OrientationPlan:
    """Save a new version of the orientation plan; both approvals start again."""
    access = selectors.access_for(actor, incident)
    ensure(
        policies.can_draft_orientation(actor, incident, access),
        "Chỉ Ban và cơ quan có thẩm quyền soạn phương án định hướng khi vụ việc đang xử lý.",
    )
    values = {
        "handler": _required(data.handler, "Nêu cơ quan, người chủ trì xử lý.", "handler"),
        "message": _required(data.message, "Nhập nội dung định hướng thông tin.", "message"),
        "spokesperson": _required(data.spokesperson, "Nêu người phát ngôn.", "spokesperson"),
        "channels": _channels(data.channels),
    }
    plan = OrientationPlan.objects.filter(incident=incident).first()
    if plan is None:
        plan = OrientationPlan(incident=incident, **values)
    else:
        if all(getattr(plan, k) == v for k, v in values.items()):
            raise invalid("Phương án không có gì thay đổi so với phiên bản hiện tại.")
        for name, value in values.items():
            setattr(plan, name, value)
        plan.version += 1
        plan.revise()
        plan.board_approved_by = plan.competent_approved_by = None
        plan.board_approved_at = plan.competent_approved_at = None
    plan.drafted_by = actor.user
    plan.full_clean()
    plan._history_user = actor.user
    plan.save()
    if incident.orientation_agreed_at is not None:
        incident.orientation_agreed_at = None
        incident.save(update_fields=["orientation_agreed_at"])
    record_event(
        actor=actor,
        target=incident,
        verb="orientation_plan_saved",
        detail={"version": plan.version},
    )
    return plan


@transaction.atomic
def orientation_plan_approve(*, actor: Actor, plan: OrientationPlan) -> OrientationPlan:
    """The board's leader and the competent body's leader each approve; both → agreed."""
    plan = OrientationPlan.objects.select_for_update().get(pk=plan.pk)
    incident = plan.incident
    if plan.state == OrientationPlan.State.APPROVED:
        raise invalid("Phương án đã được hai bên thống nhất.")
    now, user = timezone.now(), actor.signed_in_user()
    if policies.can_approve_orientation_for_board(actor, plan):
        if plan.competent_approved_by_id == user.pk:
            raise invalid("Hai bên phải do hai người khác nhau phê duyệt.")
        plan.board_approved_by, plan.board_approved_at, side = user, now, "board"
    elif policies.can_approve_orientation_for_competent_body(actor, plan):
        if plan.board_approved_by_id == user.pk:
            raise invalid("Hai bên phải do hai người khác nhau phê duyệt.")
        plan.competent_approved_by, plan.competent_approved_at, side = user, now, "competent"
    else:
        ensure(
            False,
            "Chỉ lãnh đạo Ban và lãnh đạo cơ quan có thẩm quyền phê duyệt phương án "
            "(mỗi bên một lần).",
        )
    if plan.board_approved_by_id and plan.competent_approved_by_id:
        plan.approve()
    plan._history_user = actor.user
    plan.save()
    record_event(
        actor=actor,
        target=incident,
        verb="orientation_plan_approved",
        detail={"version": plan.version, "side": side},
    )
    if plan.state == OrientationPlan.State.APPROVED:
        _lock(incident)
        incident.orientation_agreed_at = now
        changes = None
        if incident.state == Incident.State.ASSESSED:  # the agreed plan starts the work
            incident.start_coordination()
            changes = {"state": [Incident.State.ASSESSED, incident.state]}
        incident.save()
        record_event(actor=actor, target=incident, verb="orientation_plan_agreed", changes=changes)
        _tell(
            _group_people(incident),
            incident,
            f"orientation:{plan.version}",
            f"Phương án định hướng vụ việc «{_name(incident)}» đã được thống nhất",
        )
    return plan

"""The periodic clock check (INC): overruns reach the leaders once, however often it runs.

A case still unacknowledged after its deadline is escalated to the board's leaders; a case
whose orientation plan is not agreed in time is reported to the board's leaders and the
competent body's leaders. Each notice has an event key that includes the deadline, so running
the job again — or twice at once — notifies nobody twice. The deadlines and the overrun
conditions are computed in `incidents.clocks`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from phoihop.accounts.models import Membership, User
from phoihop.accounts.roles import Role
from phoihop.core.actor import Actor
from phoihop.core.audit import record_event
from phoihop.notifications.models import Notification
from phoihop.notifications.services import Message, notify_many

from .. import clocks
from ..models import Incident
from ._shared import _name


def incident_clocks_check(*, now: datetime | None = None) -> int:
    """Notify about every clock overrun as of `now`; return the notifications created."""
    now = now or timezone.now()
    late_ack = list(Incident.objects.filter(clocks.ack_overdue_q(now)).select_related("board"))
    late_plan = list(
        Incident.objects.filter(clocks.orientation_overdue_q(now)).select_related("board")
    )
    if not late_ack and not late_plan:
        return 0
    board_leaders, agency_leaders = _leaders(
        boards={i.board_id for i in late_ack + late_plan},
        competent={i.competent_body_id for i in late_plan},
    )
    messages = [_ack_notice(incident, board_leaders[incident.board_id]) for incident in late_ack]
    messages += [
        _plan_notice(
            incident,
            board_leaders[incident.board_id] + agency_leaders[incident.competent_body_id],
        )
        for incident in late_plan
    ]
    created = notify_many(messages)
    _mark_ack_escalated(late_ack, now)
    return len(created)


def _leaders(*, boards: set[int], competent: set[int]):
    """The boards' leaders and the competent bodies' leaders, by body (one query)."""
    board_leaders: dict[int, list[User]] = defaultdict(list)
    agency_leaders: dict[int, list[User]] = defaultdict(list)
    for membership in (
        Membership.objects.active()
        .filter(
            Q(organisation_id__in=boards, role=Role.BOARD_LEADER)
            | Q(organisation_id__in=competent, role=Role.AGENCY_LEADER)
        )
        .select_related("user")
        .order_by("pk")
    ):
        target = board_leaders if membership.role == Role.BOARD_LEADER else agency_leaders
        target[membership.organisation_id].append(membership.user)
    return board_leaders, agency_leaders


def _ack_notice(incident: Incident, users: list[User]) -> Message:
    return Message(
        users=users,
        kind=Notification.Kind.CASE_ESCALATION,
        title=f"Vụ việc «{_name(incident)}» chưa được Ban tiếp nhận, quá hạn "
        f"{timezone.localtime(incident.ack_due):%H:%M %d/%m/%Y}",
        body="Cán bộ trực chưa xác nhận tiếp nhận thông báo trong thời hạn của quy chế.",
        url=incident.get_absolute_url(),
        event_key=f"incident:{incident.pk}:ack_due:{incident.ack_due.isoformat()}",
    )


def _plan_notice(incident: Incident, users: list[User]) -> Message:
    return Message(
        users=users,
        kind=Notification.Kind.CASE_ESCALATION,
        title=f"Vụ việc «{_name(incident)}» quá hạn thống nhất phương án định hướng "
        f"({timezone.localtime(incident.orientation_due):%H:%M %d/%m/%Y})",
        body="Phương án định hướng thông tin chưa được hai bên phê duyệt.",
        url=incident.get_absolute_url(),
        event_key=f"incident:{incident.pk}:orientation_due:{incident.orientation_due.isoformat()}",
    )


def _mark_ack_escalated(late_ack: list[Incident], now: datetime) -> None:
    """Put the first overrun of the acknowledgement on the case's timeline, once: the
    conditional update lets only one of two concurrent runs record it."""
    system = Actor(user=None, sees_everything=True)
    for incident in late_ack:
        if Incident.objects.filter(pk=incident.pk, ack_escalated_at__isnull=True).update(
            ack_escalated_at=now
        ):
            record_event(actor=system, target=incident, verb="incident_ack_escalated")

"""The case clocks (INC): acknowledgement by the board and agreement of the orientation plan.

Deadlines come from the current regime (data, never hard-coded) and are computed once, when the
case is reported (or its severity changes), through the working-day calendar:

* acknowledgement: `incident_ack_working_hours` office hours after the report;
* orientation plan: `orientation_high_severity_hours` clock hours for a high-severity case,
  otherwise `orientation_working_days` working days (same time of day).

`check_clocks` is the periodic job: a case still unacknowledged after its deadline is escalated
to the board's leaders; a case whose orientation plan is not agreed in time is reported to the
board's leaders and the competent body's leaders. Each notice has an event key that includes the
deadline, so running the job again — or twice at once — notifies nobody twice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from phoihop.accounts.models import Membership, User
from phoihop.accounts.roles import Role
from phoihop.core import calendar
from phoihop.core.actor import Actor
from phoihop.core.audit import record_event
from phoihop.notifications.models import Notification
from phoihop.notifications.services import Message, notify_many
from phoihop.programmes.models import Regime

from .models import Incident


def ack_deadline(reported_at: datetime, regime: Regime) -> datetime:
    return calendar.add_working_hours(reported_at, regime.incident_ack_working_hours)


def orientation_deadline(reported_at: datetime, severity: str, regime: Regime) -> datetime:
    if severity == Incident.Severity.HIGH:
        return reported_at + timedelta(hours=regime.orientation_high_severity_hours)
    local = timezone.localtime(reported_at)
    day = calendar.add_working_days(local.date(), regime.orientation_working_days)
    return local.replace(year=day.year, month=day.month, day=day.day)


@dataclass(frozen=True)
class Clock:
    """One clock as shown on a page: its deadline, whether it is met, and what is left."""

    label: str
    due: datetime
    done_at: datetime | None
    now: datetime

    @property
    def running(self) -> bool:
        return self.done_at is None

    @property
    def overdue(self) -> bool:
        return (self.done_at or self.now) > self.due

    @property
    def text(self) -> str:
        """ "còn 1 giờ 20 phút", "quá hạn 3 giờ", "đạt (còn dư 40 phút)"…"""
        end = self.done_at or self.now
        delta = self.due - end
        amount = _duration(abs(delta))
        if self.done_at is not None:
            return f"đạt, sớm {amount}" if delta >= timedelta(0) else f"chậm {amount}"
        return f"còn {amount}" if delta >= timedelta(0) else f"quá hạn {amount}"


def _duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} ngày {hours} giờ"
    if hours:
        return f"{hours} giờ {minutes} phút"
    return f"{minutes} phút"


def clocks_of(incident: Incident, now: datetime | None = None) -> list[Clock]:
    now = now or timezone.now()
    clocks = [Clock("Ban tiếp nhận", incident.ack_due, incident.acknowledged_at, now)]
    # The plan's clock matters while the case is handled here (not once escalated or merged).
    if incident.orientation_agreed_at is not None or incident.state in Incident.OPEN_STATES:
        clocks.append(
            Clock(
                "Thống nhất phương án định hướng",
                incident.orientation_due,
                incident.orientation_agreed_at,
                now,
            )
        )
    return clocks


def ack_overdue_q(now: datetime) -> Q:
    return Q(state=Incident.State.REPORTED, ack_due__lt=now)


def orientation_overdue_q(now: datetime) -> Q:
    return Q(
        state__in=[*Incident.ORIENTATION_PENDING_STATES, Incident.State.COORDINATING],
        orientation_agreed_at__isnull=True,
        orientation_due__lt=now,
    )


def overdue_q(now: datetime) -> Q:
    return ack_overdue_q(now) | orientation_overdue_q(now)


def check_clocks(now: datetime | None = None) -> int:
    """Notify about every clock overrun as of `now`; return the notifications created."""
    now = now or timezone.now()
    late_ack = list(Incident.objects.filter(ack_overdue_q(now)).select_related("board"))
    late_plan = list(Incident.objects.filter(orientation_overdue_q(now)).select_related("board"))
    if not late_ack and not late_plan:
        return 0
    boards = {i.board_id for i in late_ack + late_plan}
    competent = {i.competent_body_id for i in late_plan}
    leaders: dict[int, list[User]] = defaultdict(list)
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
        if membership.role == Role.BOARD_LEADER:
            leaders[membership.organisation_id].append(membership.user)
        else:
            agency_leaders[membership.organisation_id].append(membership.user)
    messages = []
    for incident in late_ack:
        messages.append(
            Message(
                users=leaders[incident.board_id],
                kind=Notification.Kind.CASE_ESCALATION,
                title=f"Vụ việc «{_name(incident)}» chưa được Ban tiếp nhận, quá hạn "
                f"{timezone.localtime(incident.ack_due):%H:%M %d/%m/%Y}",
                body="Cán bộ trực chưa xác nhận tiếp nhận thông báo trong thời hạn của quy chế.",
                url=incident.get_absolute_url(),
                event_key=f"incident:{incident.pk}:ack_due:{incident.ack_due.isoformat()}",
            )
        )
    for incident in late_plan:
        messages.append(
            Message(
                users=leaders[incident.board_id] + agency_leaders[incident.competent_body_id],
                kind=Notification.Kind.CASE_ESCALATION,
                title=f"Vụ việc «{_name(incident)}» quá hạn thống nhất phương án định hướng "
                f"({timezone.localtime(incident.orientation_due):%H:%M %d/%m/%Y})",
                body="Phương án định hướng thông tin chưa được hai bên phê duyệt.",
                url=incident.get_absolute_url(),
                event_key=f"incident:{incident.pk}:orientation_due:"
                f"{incident.orientation_due.isoformat()}",
            )
        )
    created = notify_many(messages)
    # The first overrun of the acknowledgement is put on the case's timeline, once.
    system = Actor(user=None, sees_everything=True)
    for incident in late_ack:
        if Incident.objects.filter(pk=incident.pk, ack_escalated_at__isnull=True).update(
            ack_escalated_at=now
        ):
            record_event(actor=system, target=incident, verb="incident_ack_escalated")
    return len(created)


def _name(incident: Incident) -> str:
    """Notifications of a restricted case do not carry its title."""
    if incident.is_restricted:
        return f"hạn chế tiếp cận #{incident.pk}"
    return incident.title[:150]

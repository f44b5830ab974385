"""The case clocks (INC): acknowledgement by the board and agreement of the orientation plan.

Deadlines come from the current regime (data, never hard-coded) and are computed once, when the
case is reported (or its severity changes), through the working-day calendar:

* acknowledgement: `incident_ack_working_hours` office hours after the report;
* orientation plan: `orientation_high_severity_hours` clock hours for a high-severity case,
  otherwise `orientation_working_days` working days (same time of day).

This module only computes: deadlines, the clocks a page shows, and the conditions for an
overrun. The periodic check that notifies and escalates overruns is a write
(`services.clocks.incident_clocks_check`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from phoihop.core import calendar
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

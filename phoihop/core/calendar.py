"""Working-day arithmetic: the only place that knows which days and hours count.

A working day is Monday–Friday that is not a Vietnamese public holiday (Tết included, from the
`holidays` package) and not an administrator-set day off, plus the official make-up Saturdays
(from the same package) and any administrator-set make-up working day. Working hours are the
office hours in settings.WORKING_HOURS, in Asia/Ho_Chi_Minh.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils import timezone

from .models import CalendarException

MAX_SCAN_DAYS = 3660  # a decade: no real deadline is further away


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("VN", years=year))


@lru_cache(maxsize=64)
def _official_make_up_days(year: int) -> frozenset[date]:
    """Weekend days the government made working days in exchange for a day off (26/4/2025,
    22/8/2026…). A swap may cross the new year, so the next year's swaps are read too."""
    official = holidays.country_holidays("VN", years=(year, year + 1))
    return frozenset(day for day in official.weekend_workdays if day.year == year)


def _exceptions(start: date, end: date) -> dict[date, str]:
    rows = CalendarException.objects.filter(day__range=(start, end)).values_list("day", "kind")
    return dict(rows)


class WorkingCalendar:
    """Answers working-day questions over a date window, reading the exceptions once."""

    def __init__(self, start: date, end: date) -> None:
        self.start, self.end = start, end
        self.exceptions = _exceptions(start, end)

    def days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative if `end` is earlier);
        both must lie in this calendar's window."""
        if end < start:
            return -self.days_between(end, start)
        return sum(
            self.is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1)
        )

    def is_working_day(self, day: date) -> bool:
        kind = self.exceptions.get(day)
        if kind == CalendarException.Kind.MAKE_UP_DAY:
            return True
        if kind == CalendarException.Kind.DAY_OFF:
            return False
        if day in _official_make_up_days(day.year):
            return True
        return day.weekday() < 5 and day not in _public_holidays(day.year)


def is_working_day(day: date) -> bool:
    return WorkingCalendar(day, day).is_working_day(day)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (before it when negative).

    Zero returns `start` itself when it is a working day, else the next working day.
    """
    step = 1 if days >= 0 else -1
    window = (
        (start, start + timedelta(days=MAX_SCAN_DAYS))
        if step > 0
        else (start - timedelta(days=MAX_SCAN_DAYS), start)
    )
    calendar = WorkingCalendar(*window)
    current, remaining = start, abs(days)
    if days == 0:
        while not calendar.is_working_day(current):
            current += timedelta(days=1)
        return current
    while remaining:
        current += timedelta(days=step)
        if calendar.is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (negative if `end` is earlier)."""
    return WorkingCalendar(min(start, end), max(start, end)).days_between(start, end)


def _office_periods() -> list[tuple[time, time]]:
    return [
        (time.fromisoformat(opens), time.fromisoformat(closes))
        for opens, closes in settings.WORKING_HOURS
    ]


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment, ZoneInfo(settings.TIME_ZONE))


def working_hours_between(start: datetime, end: datetime) -> float:
    """Office hours elapsed between two aware datetimes, counting working days only."""
    if end <= start:
        return 0.0
    start, end = _local(start), _local(end)
    calendar = WorkingCalendar(start.date(), end.date())
    seconds = 0.0
    day = start.date()
    while day <= end.date():
        if calendar.is_working_day(day):
            for opens, closes in _office_periods():
                period_start = datetime.combine(day, opens, start.tzinfo)
                period_end = datetime.combine(day, closes, start.tzinfo)
                overlap = min(end, period_end) - max(start, period_start)
                seconds += max(overlap.total_seconds(), 0)
        day += timedelta(days=1)
    return seconds / 3600


def add_working_hours(start: datetime, hours: float) -> datetime:
    """The moment `hours` office hours after `start` (e.g. an acknowledgement deadline)."""
    start = _local(start)
    remaining = timedelta(hours=hours)
    calendar = WorkingCalendar(start.date(), start.date() + timedelta(days=MAX_SCAN_DAYS))
    day = start.date()
    while True:
        if calendar.is_working_day(day):
            for opens, closes in _office_periods():
                period_start = max(datetime.combine(day, opens, start.tzinfo), start)
                period_end = datetime.combine(day, closes, start.tzinfo)
                available = period_end - period_start
                if available <= timedelta(0):
                    continue
                if remaining <= available:
                    return period_start + remaining
                remaining -= available
        day += timedelta(days=1)


def day_bounds(start: date, end: date | None = None) -> tuple[datetime, datetime]:
    """The aware datetimes [first instant of `start`, first instant after `end`) in the
    installation's time zone, for filtering datetimes by calendar days (`end` defaults to
    `start`). The upper bound is exclusive: `time.max` would drop the last microsecond's rows
    and differ between databases."""
    zone = timezone.get_current_timezone()
    after = (end or start) + timedelta(days=1)
    return datetime.combine(start, time.min, zone), datetime.combine(after, time.min, zone)

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phoihop.core.calendar import (
    add_working_days,
    add_working_hours,
    is_working_day,
    working_days_between,
    working_hours_between,
)
from phoihop.core.models import CalendarException

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
TET_2026 = [date(2026, 2, d) for d in range(16, 21)]  # Monday to Friday


def at(year, month, day, hour=0, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=HCM)


def day_off(day: date) -> CalendarException:
    return CalendarException.objects.create(day=day, kind=CalendarException.Kind.DAY_OFF)


def make_up_day(day: date) -> CalendarException:
    return CalendarException.objects.create(day=day, kind=CalendarException.Kind.MAKE_UP_DAY)


# --- Working days ------------------------------------------------------------------------------


def test_an_ordinary_weekday_is_a_working_day_and_the_weekend_is_not():
    assert is_working_day(date(2026, 3, 6))  # Friday
    assert not is_working_day(date(2026, 3, 7))  # Saturday
    assert not is_working_day(date(2026, 3, 8))  # Sunday
    assert is_working_day(date(2026, 3, 9))  # Monday


@pytest.mark.parametrize("day", TET_2026)
def test_every_day_of_tet_2026_is_a_holiday(day):
    assert day.weekday() < 5
    assert not is_working_day(day)


def test_tet_2027_closes_the_office_from_thursday_4_to_wednesday_10_february():
    closed = [date(2027, 2, d) for d in (4, 5, 8, 9, 10)]
    assert all(not is_working_day(day) for day in closed)
    assert is_working_day(date(2027, 2, 3))
    assert is_working_day(date(2027, 2, 11))


def test_national_day_is_a_holiday_in_2026_and_2027():
    assert not is_working_day(date(2026, 9, 2))
    assert not is_working_day(date(2026, 9, 1))
    assert not is_working_day(date(2027, 9, 2))
    assert not is_working_day(date(2027, 9, 3))
    assert is_working_day(date(2027, 9, 1))


def test_the_official_make_up_saturdays_are_working_days():
    # 2/5/2025 was given off in exchange for Saturday 26/4/2025; 31/8/2026 for Saturday 22/8/2026.
    assert not is_working_day(date(2025, 5, 2))
    assert is_working_day(date(2025, 4, 26))
    assert not is_working_day(date(2026, 8, 31))
    assert is_working_day(date(2026, 8, 22))
    assert not is_working_day(date(2026, 8, 29))  # an ordinary Saturday stays a day off


def test_an_administrator_day_off_closes_a_weekday():
    assert is_working_day(date(2026, 3, 10))
    day_off(date(2026, 3, 10))
    assert not is_working_day(date(2026, 3, 10))


def test_an_administrator_make_up_day_opens_a_saturday():
    assert not is_working_day(date(2026, 3, 14))
    make_up_day(date(2026, 3, 14))
    assert is_working_day(date(2026, 3, 14))


def test_the_working_day_after_the_friday_before_tet_is_the_monday_after_it():
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert add_working_days(date(2026, 2, 12), 2) == date(2026, 2, 23)


def test_counting_back_over_tet_lands_on_the_friday_before_it():
    assert add_working_days(date(2026, 2, 23), -1) == date(2026, 2, 13)
    assert add_working_days(date(2026, 2, 24), -2) == date(2026, 2, 13)


def test_adding_working_days_skips_weekends():
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)
    assert add_working_days(date(2026, 3, 2), 10) == date(2026, 3, 16)


def test_adding_zero_working_days_to_a_holiday_moves_to_the_next_working_day():
    assert add_working_days(date(2026, 2, 16), 0) == date(2026, 2, 23)
    assert add_working_days(date(2026, 3, 9), 0) == date(2026, 3, 9)


def test_adding_working_days_over_tet_2027():
    assert add_working_days(date(2027, 2, 3), 1) == date(2027, 2, 11)


def test_adding_working_days_honours_an_administrator_day_off_and_make_up_day():
    day_off(date(2026, 3, 9))  # Monday
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 10)
    make_up_day(date(2026, 3, 7))  # the Saturday before it
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 7)
    assert add_working_days(date(2026, 3, 6), 2) == date(2026, 3, 10)


def test_working_days_between_counts_days_after_the_start_up_to_the_end():
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 6)) == 0
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 9)) == 1
    assert working_days_between(date(2026, 3, 2), date(2026, 3, 13)) == 9
    assert working_days_between(date(2026, 3, 13), date(2026, 3, 2)) == -9


def test_tet_2026_takes_a_whole_week_out_of_the_count():
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 23)) == 1
    assert working_days_between(date(2026, 2, 9), date(2026, 2, 27)) == 9


def test_national_day_2026_and_its_make_up_saturday_are_counted():
    # After Fri 21/8 up to Thu 3/9: Sat 22/8, Mon 24–Fri 28/8 and Thu 3/9; not 31/8–2/9.
    assert working_days_between(date(2026, 8, 21), date(2026, 9, 3)) == 7


def test_working_days_between_honours_calendar_exceptions():
    before = working_days_between(date(2026, 3, 6), date(2026, 3, 20))
    day_off(date(2026, 3, 10))
    make_up_day(date(2026, 3, 14))
    make_up_day(date(2026, 3, 15))
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 20)) == before + 1


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)),
    days=st.integers(min_value=1, max_value=60),
)
def test_adding_n_working_days_to_a_working_day_is_n_working_days_later_and_reversible(start, days):
    start = add_working_days(start, 0)
    later = add_working_days(start, days)
    assert is_working_day(later)
    assert working_days_between(start, later) == days
    assert add_working_days(later, -days) == start


# --- Working hours -----------------------------------------------------------------------------


def test_a_friday_afternoon_notice_with_two_working_hours_is_due_monday_morning():
    # 30 minutes on Friday (16:30–17:00), the remaining 90 from Monday 07:30.
    assert add_working_hours(at(2026, 3, 6, 16, 30), 2) == at(2026, 3, 9, 9, 0)
    assert add_working_hours(at(2026, 3, 6, 16, 0), 2) == at(2026, 3, 9, 8, 30)


def test_working_hours_skip_the_lunch_break():
    assert add_working_hours(at(2026, 3, 9, 11, 0), 1) == at(2026, 3, 9, 13, 30)
    assert working_hours_between(at(2026, 3, 9, 11, 0), at(2026, 3, 9, 13, 30)) == 1.0


def test_working_hours_before_the_office_opens_start_at_opening_time():
    assert add_working_hours(at(2026, 3, 9, 6, 0), 1) == at(2026, 3, 9, 8, 30)
    assert add_working_hours(at(2026, 3, 7, 10, 0), 1) == at(2026, 3, 9, 8, 30)  # Saturday


def test_a_notice_before_tet_is_due_after_tet():
    assert add_working_hours(at(2026, 2, 13, 16, 30), 2) == at(2026, 2, 23, 9, 0)
    assert working_hours_between(at(2026, 2, 13, 16, 30), at(2026, 2, 23, 9, 0)) == 2.0


def test_a_make_up_saturday_counts_working_hours():
    make_up_day(date(2026, 3, 7))
    assert add_working_hours(at(2026, 3, 6, 16, 30), 2) == at(2026, 3, 7, 9, 0)


def test_an_administrator_day_off_counts_no_working_hours():
    day_off(date(2026, 3, 9))
    assert add_working_hours(at(2026, 3, 6, 16, 30), 2) == at(2026, 3, 10, 9, 0)
    assert working_hours_between(at(2026, 3, 9, 7, 0), at(2026, 3, 9, 18, 0)) == 0.0


def test_a_full_working_day_has_eight_working_hours():
    assert working_hours_between(at(2026, 3, 9), at(2026, 3, 10)) == 8.0
    assert working_hours_between(at(2026, 3, 6), at(2026, 3, 13)) == 40.0


def test_working_hours_between_reversed_moments_is_zero():
    assert working_hours_between(at(2026, 3, 10, 9), at(2026, 3, 9, 9)) == 0.0


def test_working_hours_do_not_depend_on_the_time_zone_of_the_input():
    start = at(2026, 3, 6, 16, 30).astimezone(UTC)  # 09:30 UTC
    due = add_working_hours(start, 2)
    assert due == at(2026, 3, 9, 9, 0)
    assert due.utcoffset() == timedelta(hours=7)
    assert working_hours_between(start, due.astimezone(UTC)) == 2.0


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.datetimes(
        min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(HCM)
    ),
    minutes=st.integers(min_value=1, max_value=60 * 40),
)
def test_the_hours_between_a_start_and_its_deadline_are_the_hours_added(start, minutes):
    start = start.replace(second=0, microsecond=0)
    due = add_working_hours(start, minutes / 60)
    assert due > start
    assert working_hours_between(start, due) == pytest.approx(minutes / 60)

"""The reminder and escalation ladder: which rungs an obligation has and when each falls due.

A rung is a small dict, stored as JSON on the obligation:

    {"key": "half", "kind": "reminder", "fraction": 0.5, "tell": ["owner"]}
    {"key": "last_hour", "kind": "reminder", "hours_before": 1, "tell": ["owner"]}
    {"key": "focal", "kind": "escalation", "days_after": 1, "tell": ["focal_leader"]}
    {"key": "board", "kind": "escalation", "days_after": 5, "tell": ["board_leaders"]}

Reminders fall before the due time: a `fraction` of the working time between opening and due, or
`hours_before` working hours before it. Escalations fall after: `days_after` working days or
`hours_after` working hours. `tell` names audiences: the obligation's owners, the owing body's
focal leader, the board leaders of its level, or a role held at the owing body.

The moments are computed once, when the obligation opens, through the working calendar; the sweep
then only compares times.
"""

from __future__ import annotations

from datetime import datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from phoihop.accounts.roles import Role
from phoihop.core.calendar import add_working_days, add_working_hours, working_hours_between

REMINDER, ESCALATION = "reminder", "escalation"
OWNER, FOCAL_LEADER, BOARD_LEADERS = "owner", "focal_leader", "board_leaders"
AUDIENCES = frozenset({OWNER, FOCAL_LEADER, BOARD_LEADERS, *Role.values})
OFFSETS = {REMINDER: ("fraction", "hours_before"), ESCALATION: ("days_after", "hours_after")}
MAX_RUNGS = 10
MAX_OFFSET = 1000  # working days or hours: nothing real is further away


def default_ladder(regime=None) -> list[dict]:
    """Half way and one working hour before; then the focal leader and the board leaders after
    the regime's working days (PRODUCT.md: D+1 and D+5 by default)."""
    focal_after = getattr(regime, "escalate_focal_leader_after", 1)
    board_after = getattr(regime, "escalate_board_leader_after", 5)
    return [
        {"key": "half", "kind": REMINDER, "fraction": 0.5, "tell": [OWNER]},
        {"key": "last_hour", "kind": REMINDER, "hours_before": 1, "tell": [OWNER]},
        {"key": "focal", "kind": ESCALATION, "days_after": focal_after, "tell": [FOCAL_LEADER]},
        {"key": "board", "kind": ESCALATION, "days_after": board_after, "tell": [BOARD_LEADERS]},
    ]


def validate_ladder(ladder) -> list[dict]:
    """The ladder as stored, or a ValidationError in Vietnamese naming the first bad rung."""
    if not isinstance(ladder, list) or len(ladder) > MAX_RUNGS:
        raise _bad(f"Thang nhắc việc phải là danh sách tối đa {MAX_RUNGS} bậc.")
    keys = set()
    for number, rung in enumerate(ladder, start=1):
        _check_rung(number, rung)
        if rung["key"] in keys:
            raise _bad(f"Bậc {number}: mã «{rung['key']}» bị trùng.")
        keys.add(rung["key"])
    return [dict(rung) for rung in ladder]


def _check_rung(number: int, rung) -> None:
    if not isinstance(rung, dict):
        raise _bad(f"Bậc {number} không đúng dạng.")
    key, kind, tell = rung.get("key"), rung.get("kind"), rung.get("tell")
    if not isinstance(key, str) or not key.isidentifier() or len(key) > 30:
        raise _bad(f"Bậc {number}: thiếu mã bậc (chữ không dấu, tối đa 30 ký tự).")
    if kind not in OFFSETS:
        raise _bad(f"Bậc {number}: loại phải là nhắc việc hoặc báo cáo vượt cấp.")
    offsets = [name for name in OFFSETS[kind] if name in rung]
    if len(offsets) != 1 or set(rung) - {"key", "kind", "tell", *OFFSETS[kind]}:
        raise _bad(f"Bậc {number}: phải có đúng một mốc thời gian hợp với loại bậc.")
    value = rung[offsets[0]]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _bad(f"Bậc {number}: mốc thời gian phải là một số.")
    if offsets[0] == "fraction" and not 0 < value < 1:
        raise _bad(f"Bậc {number}: tỷ lệ thời gian phải lớn hơn 0 và nhỏ hơn 1.")
    if offsets[0] != "fraction" and not 0 <= value <= MAX_OFFSET:
        raise _bad(f"Bậc {number}: số giờ/ngày làm việc phải từ 0 đến {MAX_OFFSET}.")
    if not isinstance(tell, list) or not tell or not set(tell) <= AUDIENCES:
        raise _bad(
            f"Bậc {number}: người nhận phải là người thực hiện, đầu mối, lãnh đạo Ban "
            "hoặc một vai trò có trong hệ thống."
        )


def _bad(message: str) -> ValidationError:
    return ValidationError({"ladder": [message]})


def schedule(ladder: list[dict], opened_at: datetime, due_at: datetime) -> list[dict]:
    """[{"key", "at"}] for every rung that falls after the hand-off, earliest first (`at` an
    ISO moment). A reminder that would come with the hand-off notice itself (an obligation
    opened less than an hour before it is due) is left out: the owner was just told."""
    moments = []
    for rung in ladder:
        moment = rung_moment(rung, opened_at, due_at)
        if moment is not None:
            moments.append((moment, rung["key"]))
    return [{"key": key, "at": moment.isoformat()} for moment, key in sorted(moments)]


def rung_moment(rung: dict, opened_at: datetime, due_at: datetime) -> datetime | None:
    if "fraction" in rung or "hours_before" in rung:
        span = working_hours_between(opened_at, due_at)
        ahead = span * rung["fraction"] if "fraction" in rung else span - rung["hours_before"]
        return add_working_hours(opened_at, ahead) if ahead > 0 else None
    if "hours_after" in rung:
        return add_working_hours(due_at, rung["hours_after"])
    local_due = timezone.localtime(due_at)
    day = add_working_days(local_due.date(), rung["days_after"])
    return datetime.combine(day, local_due.time(), local_due.tzinfo)


def end_of_office_day(day) -> datetime:
    """The close of the last office period of `day`, aware, in the installation's zone."""
    closes = time.fromisoformat(settings.WORKING_HOURS[-1][1])
    return datetime.combine(day, closes, timezone.get_current_timezone())

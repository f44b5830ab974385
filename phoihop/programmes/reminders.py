"""Task reminders before the deadline and escalation after it (PRG, "nobody loses track").

Working days before the due date: the regime's `reminder_days` (default D-3 and D-0), or the
programme's own; they go to the lead body's members and its focal contacts. After the deadline:
D+1 (regime default) to the lead body's focal leader, D+5 to the board's leaders. Each notice is
an event key, so running the job again — or twice at once — notifies nobody twice; a deferred
task (new due date) has new keys and is reminded again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from phoihop.accounts.models import Membership
from phoihop.accounts.roles import Role
from phoihop.core.calendar import WorkingCalendar
from phoihop.notifications.services import notify
from phoihop.organisations.models import FocalPoint

from .models import Programme, Task

RUNNING = [Programme.State.IN_FORCE, Programme.State.UNDER_REVIEW]
LOOK_AHEAD = timedelta(days=90)  # comfortably more than any reminder in working days


@dataclass(frozen=True)
class Notice:
    task: Task
    audience: str  # "lead", "focal_leader" or "board_leaders"
    key: str
    title: str


def notices_for(task: Task, today: date, calendar: WorkingCalendar) -> list[Notice]:
    """What `task` calls for today, whoever it goes to."""
    reminder_days, focal_after, board_after = task.plan.programme.deadlines
    left = calendar.days_between(today, task.due)
    base = f"task:{task.pk}:due:{task.due.isoformat()}"
    due = f"{task.due:%d/%m/%Y}"
    notices = []
    for days in sorted(reminder_days, reverse=True):
        if 0 <= left <= days:
            when = "hôm nay" if left == 0 else f"còn {left} ngày làm việc"
            title = f"Nhiệm vụ «{task.title}» đến hạn ngày {due} ({when})"
            notices.append(Notice(task, "lead", f"{base}:remind:{days}", title))
    late = -left
    if late >= focal_after:
        title = f"Nhiệm vụ «{task.title}» đã quá hạn {late} ngày làm việc (hạn {due})"
        notices.append(Notice(task, "focal_leader", f"{base}:late:focal", title))
    if late >= board_after:
        title = f"Nhiệm vụ «{task.title}» quá hạn {late} ngày làm việc, cần Ban đôn đốc"
        notices.append(Notice(task, "board_leaders", f"{base}:late:board", title))
    return notices


def send_task_reminders(today: date | None = None) -> int:
    """Notify about every open task of a running programme; return notifications created."""
    today = today or timezone.localdate()
    tasks = list(
        Task.objects.filter(
            state__in=Task.OPEN_STATES,
            plan__programme__state__in=RUNNING,
            due__lte=today + LOOK_AHEAD,
        ).select_related("plan__programme__regime", "lead")
    )
    if not tasks:
        return 0
    calendar = WorkingCalendar(min(t.due for t in tasks), today + LOOK_AHEAD)
    audiences = _audiences(tasks)
    created = 0
    for task in tasks:
        for notice in notices_for(task, today, calendar):
            users = audiences[notice.audience].get(
                task.lead_id
                if notice.audience != "board_leaders"
                else task.plan.programme.board_id,
                [],
            )
            created += len(
                notify(
                    users=users,
                    title=notice.title,
                    body=f"Chương trình: {task.plan.programme.title}. Đơn vị chủ trì: {task.lead}.",
                    url=task.get_absolute_url(),
                    event_key=notice.key,
                )
            )
    return created


def _audiences(tasks: list[Task]) -> dict[str, dict[int, list]]:
    """Who hears about tasks, per body, read in three queries for all the tasks."""
    leads = {t.lead_id for t in tasks}
    boards = {t.plan.programme.board_id for t in tasks}
    audiences: dict[str, dict[int, list]] = {
        "lead": defaultdict(list),
        "focal_leader": defaultdict(list),
        "board_leaders": defaultdict(list),
    }
    for membership in (
        Membership.objects.active().filter(organisation_id__in=leads).select_related("user")
    ):
        audiences["lead"][membership.organisation_id].append(membership.user)
    # A body without focal points escalates to the nearest body above it that has them (a
    # department to the people's committee that signed the programme).
    lead_paths = {t.lead_id: t.lead.path for t in tasks}
    step = tasks[0].lead.steplen
    above = {p[:n] for p in lead_paths.values() for n in range(step, len(p) + 1, step)}
    focal_points = {
        focal.organisation.path: focal
        for focal in FocalPoint.objects.filter(organisation__path__in=above)
        .select_related("leader", "organisation")
        .prefetch_related("contacts")
    }
    for lead_id, path in lead_paths.items():
        nearest = max((p for p in focal_points if path.startswith(p)), key=len, default=None)
        if nearest is None:
            continue
        focal = focal_points[nearest]
        audiences["focal_leader"][lead_id].append(focal.leader)
        if nearest == path:
            audiences["lead"][lead_id].extend(focal.contacts.all())
    leaders = Membership.objects.active().filter(organisation_id__in=boards, role=Role.BOARD_LEADER)
    for membership in leaders.select_related("user"):
        audiences["board_leaders"][membership.organisation_id].append(membership.user)
    return audiences

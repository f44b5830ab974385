"""Task reminders before the deadline and escalation after it (PRG, "nobody loses track").

Which tasks: the open ones (`Task.OPEN_STATES`) of programmes in force or under review.

When, in working days (phoihop.core.calendar), with the programme's own settings or else its
regime's (`Programme.deadlines`):

* before the due date, at each of `reminder_days` (default D-3 and D-0): a reminder. A run
  that finds a task inside a window sends that window's reminder once, even if the job did not
  run on the exact day (a task created at D-2 is reminded at once, "còn 2 ngày làm việc");
* `escalate_focal_leader_after` working days late (default D+1): an overdue notice;
* `escalate_board_leader_after` working days late (default D+5): an escalation to the board.

Who (a product decision, written down here):

* reminders go to the people responsible for the work in the lead body — its active members
  with a working role (agency leader, advisory officer, HĐND/UBND office officer, board officer
  when the board leads) — and to the contact officers named in the lead body's focal points;
  clerks, administrators, auditors and read-only roles are not reminded;
* the overdue notice goes to the lead body's focal leader (`FocalPoint.leader`). A body without
  focal points of its own (a department under the people's committee that signed) uses the
  nearest body above it at the same level that has them; failing that, its agency leaders;
* the escalation goes to the board leaders (role board_leader) of the programme's board.

Each notice is an event key such as "task:12:due:2026-12-05:reminder:3", so running the job
again — or twice at once — notifies nobody twice, and a deferred task (a new due date) has new
keys and is reminded again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator

from phoihop.accounts.models import Membership, User
from phoihop.accounts.roles import WORKING_ROLES, Role
from phoihop.core.calendar import WorkingCalendar
from phoihop.notifications.models import Notification
from phoihop.notifications.services import Message, notify_many
from phoihop.organisations.models import FocalPoint, Organisation

from .models import Programme, Task

RUNNING = [Programme.State.IN_FORCE, Programme.State.UNDER_REVIEW]
# Tasks due further ahead than this cannot need a reminder yet (reminders are a few working
# days before the deadline; 120 calendar days is more than 80 working days).
LOOK_AHEAD = timedelta(days=120)

RESPONSIBLE, FOCAL_LEADER, BOARD_LEADERS = "responsible", "focal_leader", "board_leaders"


@dataclass(frozen=True)
class Notice:
    """What a task calls for today, and for whom (an audience, resolved to people later)."""

    audience: str
    kind: str
    event_key: str
    title: str


def notices_for(task: Task, today: date, calendar: WorkingCalendar) -> list[Notice]:
    """The notices `task` calls for on `today`, whether or not they were sent already."""
    reminder_days, focal_after, board_after = task.plan.programme.deadlines
    base = f"task:{task.pk}:due:{task.due.isoformat()}"
    name = Truncator(task.title).chars(160)
    due = f"{task.due:%d/%m/%Y}"
    if today <= task.due:
        left = calendar.days_between(today, task.due)
        window = min((int(d) for d in reminder_days if int(d) >= left), default=None)
        if window is None:
            return []
        if left:
            when = f"còn {left} ngày làm việc"
        else:
            when = "hôm nay" if today == task.due else "hôm nay là ngày làm việc cuối cùng"
        return [
            Notice(
                RESPONSIBLE,
                Notification.Kind.TASK_REMINDER,
                f"{base}:reminder:{window}",
                f"Nhiệm vụ «{name}» đến hạn ngày {due} ({when})",
            )
        ]
    late = calendar.days_between(task.due, today)
    notices = []
    if late >= focal_after:
        notices.append(
            Notice(
                FOCAL_LEADER,
                Notification.Kind.TASK_OVERDUE,
                f"{base}:overdue:focal_leader",
                f"Nhiệm vụ «{name}» quá hạn {late} ngày làm việc (hạn {due})",
            )
        )
    if late >= board_after:
        notices.append(
            Notice(
                BOARD_LEADERS,
                Notification.Kind.TASK_ESCALATION,
                f"{base}:overdue:board_leaders",
                f"Nhiệm vụ «{name}» quá hạn {late} ngày làm việc (hạn {due}), "
                f"đơn vị chủ trì: {task.lead} — cần Ban đôn đốc",
            )
        )
    return notices


def candidate_tasks(today: date) -> list[Task]:
    """Open tasks of running programmes that may call for a notice, in one query."""
    return list(
        Task.objects.filter(
            state__in=Task.OPEN_STATES,
            plan__programme__state__in=RUNNING,
            due__lte=today + LOOK_AHEAD,
        )
        .select_related("plan__programme__regime", "lead")
        .order_by("due", "pk")
    )


def send_task_reminders(today: date | None = None) -> int:
    """Notify about every open task of a running programme as of `today` (default: the local
    date); return the number of notifications created (0 when everything was sent before)."""
    today = today or timezone.localdate()
    tasks = candidate_tasks(today)
    if not tasks:
        return 0
    calendar = WorkingCalendar(min(tasks[0].due, today), max(tasks[-1].due, today))
    pending = [(task, notice) for task in tasks for notice in notices_for(task, today, calendar)]
    if not pending:
        return 0
    audiences = _audiences([task for task, _ in pending])
    messages = []
    for task, notice in pending:
        programme = task.plan.programme
        owner = programme.board_id if notice.audience == BOARD_LEADERS else task.lead_id
        messages.append(
            Message(
                users=audiences[notice.audience].get(owner, []),
                kind=notice.kind,
                title=notice.title,
                body=f"Chương trình: {programme.title}. Kế hoạch năm {task.plan.year}. "
                f"Đơn vị chủ trì: {task.lead}.",
                url=task.get_absolute_url(),
                event_key=notice.event_key,
            )
        )
    return len(notify_many(messages))


def _audiences(tasks: list[Task]) -> dict[str, dict[int, list[User]]]:
    """Who hears about these tasks, per body: three queries whatever the number of tasks."""
    leads = {task.lead_id: task.lead for task in tasks}
    boards = {task.plan.programme.board_id for task in tasks}
    audiences: dict[str, dict[int, list[User]]] = {
        RESPONSIBLE: defaultdict(list),
        FOCAL_LEADER: defaultdict(list),
        BOARD_LEADERS: defaultdict(list),
    }
    agency_leaders: dict[int, list[User]] = defaultdict(list)
    memberships = (
        Membership.objects.active()
        .filter(
            Q(organisation_id__in=leads, role__in=WORKING_ROLES)
            | Q(organisation_id__in=boards, role=Role.BOARD_LEADER)
        )
        .select_related("user")
        .order_by("pk")
    )
    for membership in memberships:
        organisation_id, user = membership.organisation_id, membership.user
        if membership.role == Role.BOARD_LEADER and organisation_id in boards:
            audiences[BOARD_LEADERS][organisation_id].append(user)
        if organisation_id in leads and membership.role in WORKING_ROLES:
            audiences[RESPONSIBLE][organisation_id].append(user)
            if membership.role == Role.AGENCY_LEADER:
                agency_leaders[organisation_id].append(user)

    # Focal points of the lead bodies and of the bodies above them, read once.
    step = Organisation.steplen
    above = {
        lead.path[:n] for lead in leads.values() for n in range(step, len(lead.path) + 1, step)
    }
    focal_points = {
        focal.organisation.path: focal
        for focal in FocalPoint.objects.filter(organisation__path__in=above)
        .select_related("leader", "organisation")
        .prefetch_related("contacts")
    }
    for lead_id, lead in leads.items():
        own = focal_points.get(lead.path)
        if own is not None:
            audiences[RESPONSIBLE][lead_id].extend(own.contacts.all())
        nearest = own or max(
            (
                focal
                for path, focal in focal_points.items()
                if lead.path.startswith(path) and focal.organisation.level == lead.level
            ),
            key=lambda focal: len(focal.organisation.path),
            default=None,
        )
        audiences[FOCAL_LEADER][lead_id] = (
            [nearest.leader] if nearest is not None else agency_leaders[lead_id]
        )
    return audiences

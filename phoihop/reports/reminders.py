"""Report reminders before the deadline and escalation after it (RPT).

Which submissions: those not yet delivered (never submitted) of requests issued or collecting.

When, in working days (phoihop.core.calendar), with the regime's settings: at each of
`report_reminder_days` before the deadline (default D-5, D-2, D-0) a reminder to the body's
writers; `escalate_focal_leader_after` working days late (D+1) a notice to the body's focal
leader (else its agency leaders); `escalate_board_leader_after` (D+5) an escalation to the
requesting board's leaders. Each notice has an event key such as
"report:12:due:2026-07-17:reminder:5", so the job may run twice and notifies nobody twice.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Q
from django.utils import timezone

from phoihop.accounts.models import Membership, User
from phoihop.accounts.roles import WORKING_ROLES, Role
from phoihop.core.calendar import WorkingCalendar
from phoihop.notifications.models import Notification
from phoihop.notifications.services import Message, notify, notify_many
from phoihop.organisations.models import FocalPoint

from .models import ReportRequest, ReportSubmission

OPEN = [ReportRequest.State.ISSUED, ReportRequest.State.COLLECTING]


def _writers(organisation_ids) -> dict[int, list[User]]:
    found: dict[int, list[User]] = defaultdict(list)
    for membership in (
        Membership.objects.active()
        .filter(organisation_id__in=organisation_ids, role__in=WORKING_ROLES)
        .select_related("user")
        .order_by("pk")
    ):
        found[membership.organisation_id].append(membership.user)
    return found


def notify_request_issued(request_id: int) -> int:
    request = ReportRequest.objects.select_related("board").get(pk=request_id)
    submissions = list(request.submissions.all())
    writers = _writers([s.organisation_id for s in submissions])
    messages = [
        Message(
            users=writers.get(s.organisation_id, []),
            kind=Notification.Kind.REPORT_REQUEST,
            title=f"{request.board} yêu cầu báo cáo {request.period_label} "
            f"(hạn {request.deadline:%d/%m/%Y})",
            body=f"Công văn số {request.letter_number}: {request.title}",
            url=s.get_absolute_url(),
            event_key=f"report:{s.pk}:issued",
        )
        for s in submissions
    ]
    return len(notify_many(messages))


def notify_returned(submission_id: int) -> int:
    submission = ReportSubmission.objects.select_related("request__board").get(pk=submission_id)
    users = _writers([submission.organisation_id]).get(submission.organisation_id, [])
    stamp = submission.submitted_at.isoformat() if submission.submitted_at else "draft"
    return len(
        notify(
            users=users,
            kind=Notification.Kind.REPORT_RETURNED,
            title=f"Báo cáo {submission.request.period_label} bị trả lại",
            body=submission.return_reason,
            url=submission.get_absolute_url(),
            event_key=f"report:{submission.pk}:returned:{stamp}",
        )
    )


def notices_for(submission: ReportSubmission, today: date, calendar: WorkingCalendar):
    """(audience, event key, title) the submission calls for today."""
    request = submission.request
    regime = request.regime
    base = f"report:{submission.pk}:due:{request.deadline.isoformat()}"
    due = f"{request.deadline:%d/%m/%Y}"
    what = f"Báo cáo {request.period_label} theo Công văn {request.letter_number}"
    if today <= request.deadline:
        left = calendar.days_between(today, request.deadline)
        window = min((int(d) for d in regime.report_reminder_days if int(d) >= left), default=None)
        if window is None:
            return []
        when = f"còn {left} ngày làm việc" if left else "hôm nay là hạn cuối"
        title = f"{what} đến hạn ngày {due} ({when})"
        return [("writers", f"{base}:reminder:{window}", title)]
    late = calendar.days_between(request.deadline, today)
    late_text = f"{what} của {submission.organisation} quá hạn {late} ngày làm việc"
    notices = []
    if late >= regime.escalate_focal_leader_after:
        notices.append(("focal_leader", f"{base}:overdue:focal_leader", late_text))
    if late >= regime.escalate_board_leader_after:
        notices.append(
            ("board_leaders", f"{base}:overdue:board_leaders", f"{late_text} — cần Ban đôn đốc")
        )
    return notices


def send_report_reminders(today: date | None = None) -> int:
    """Remind and escalate every undelivered submission as of `today`; return how many
    notifications were created (0 on a second run the same day)."""
    today = today or timezone.localdate()
    submissions = list(
        ReportSubmission.objects.filter(request__state__in=OPEN, first_submitted_on__isnull=True)
        .select_related("request__regime", "request__board", "organisation")
        .order_by("request__deadline", "pk")
    )
    if not submissions:
        return 0
    deadlines = [s.request.deadline for s in submissions]
    calendar = WorkingCalendar(min(min(deadlines), today), max(max(deadlines), today))
    pending = [(s, n) for s in submissions for n in notices_for(s, today, calendar)]
    if not pending:
        return 0
    bodies = {s.organisation_id for s, _ in pending}
    boards = {s.request.board_id for s, _ in pending}
    writers = _writers(bodies)
    board_leaders: dict[int, list[User]] = defaultdict(list)
    agency_leaders: dict[int, list[User]] = defaultdict(list)
    for membership in (
        Membership.objects.active()
        .filter(
            Q(organisation_id__in=boards, role=Role.BOARD_LEADER)
            | Q(organisation_id__in=bodies, role=Role.AGENCY_LEADER)
        )
        .select_related("user")
    ):
        target = board_leaders if membership.role == Role.BOARD_LEADER else agency_leaders
        target[membership.organisation_id].append(membership.user)
    focal = {
        f.organisation_id: f.leader
        for f in FocalPoint.objects.filter(organisation_id__in=bodies).select_related("leader")
    }
    messages = []
    for submission, (audience, key, title) in pending:
        if audience == "writers":
            users = writers.get(submission.organisation_id, [])
        elif audience == "focal_leader":
            leader = focal.get(submission.organisation_id)
            users = [leader] if leader else agency_leaders.get(submission.organisation_id, [])
        else:
            users = board_leaders.get(submission.request.board_id, [])
        messages.append(
            Message(
                users=users,
                kind=(
                    Notification.Kind.REPORT_REMINDER
                    if audience == "writers"
                    else Notification.Kind.REPORT_ESCALATION
                ),
                title=title,
                body=submission.request.title,
                url=submission.get_absolute_url(),
                event_key=key,
            )
        )
    return len(notify_many(messages))

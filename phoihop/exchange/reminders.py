"""Reply-deadline reminders and overdue escalation for dispatches (XCH).

Which rows: recipients still owing an answer (`DispatchRecipient.objects.outstanding()`: not yet
acknowledged, or not yet replied to when the dispatch expects a reply) that have a `reply_due`.

When, in working days, with the current regime's settings (the regime is data):

* before the deadline, at each of `Regime.reminder_days`: a reminder to the people of the
  recipient body (once per window, even if the job skipped the exact day);
* `escalate_focal_leader_after` working days late (default D+1): an overdue notice to the
  recipient body's focal leader (`FocalPoint.leader`), failing that to its agency leaders;
* `escalate_board_leader_after` working days late (default D+5): an escalation to the leaders of
  the board at the recipient's level (the board under the same Party committee).

Event keys such as "dispatch-recipient:12:due:2026-12-05:reminder:3" make a second run — or two
at once — notify nobody twice.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator

from phoihop.accounts.models import Membership, User
from phoihop.accounts.roles import Role
from phoihop.core.calendar import WorkingCalendar
from phoihop.notifications.models import Notification
from phoihop.notifications.services import Message, notify_many
from phoihop.organisations.models import FocalPoint, Organisation
from phoihop.programmes.models import Regime

from .models import Dispatch, DispatchRecipient
from .services import receivers

LOOK_AHEAD = timedelta(days=120)
RESPONSIBLE, FOCAL_LEADER, BOARD_LEADERS = "responsible", "focal_leader", "board_leaders"
KINDS = {
    RESPONSIBLE: Notification.Kind.DISPATCH_REMINDER,
    FOCAL_LEADER: Notification.Kind.DISPATCH_ESCALATION,
    BOARD_LEADERS: Notification.Kind.DISPATCH_ESCALATION,
}


def candidates(today: date) -> list[DispatchRecipient]:
    return list(
        DispatchRecipient.objects.outstanding()
        .filter(
            dispatch__state=Dispatch.State.SENT,
            reply_due__isnull=False,
            reply_due__lte=today + LOOK_AHEAD,
        )
        .select_related("dispatch__issuer", "organisation")
        .order_by("reply_due", "pk")
    )


def notices_for(
    row: DispatchRecipient, today: date, calendar: WorkingCalendar, regime: Regime
) -> list[tuple[str, str, str]]:
    """(audience, event key, title) of what `row` calls for on `today`."""
    base = f"dispatch-recipient:{row.pk}:due:{row.reply_due.isoformat()}"
    dispatch = row.dispatch
    number = f"số {dispatch.number_and_symbol} " if dispatch.number else ""
    name = f"Công văn {number}V/v {Truncator(dispatch.summary).chars(120)}"
    due = f"{row.reply_due:%d/%m/%Y}"
    if today <= row.reply_due:
        left = calendar.days_between(today, row.reply_due)
        window = min((int(d) for d in regime.reminder_days if int(d) >= left), default=None)
        if window is None:
            return []
        when = f"còn {left} ngày làm việc" if left else "hôm nay"
        return [
            (RESPONSIBLE, f"{base}:reminder:{window}", f"{name} cần trả lời trước {due} ({when})")
        ]
    late = calendar.days_between(row.reply_due, today)
    notices = []
    if late >= regime.escalate_focal_leader_after:
        notices.append(
            (
                FOCAL_LEADER,
                f"{base}:overdue:focal_leader",
                f"{name} quá hạn trả lời {late} ngày làm việc (hạn {due})",
            )
        )
    if late >= regime.escalate_board_leader_after:
        notices.append(
            (
                BOARD_LEADERS,
                f"{base}:overdue:board_leaders",
                f"{name} quá hạn trả lời {late} ngày làm việc (hạn {due}), "
                f"nơi nhận: {row.organisation} — cần Ban đôn đốc",
            )
        )
    return notices


def send_dispatch_reminders(today: date | None = None) -> int:
    """Notify about every outstanding recipient as of `today`; return notifications created."""
    today = today or timezone.localdate()
    regime = Regime.objects.current()
    rows = candidates(today)
    if regime is None or not rows:
        return 0
    calendar = WorkingCalendar(min(rows[0].reply_due, today), max(rows[-1].reply_due, today))
    pending = [(row, n) for row in rows for n in notices_for(row, today, calendar, regime)]
    if not pending:
        return 0
    audiences = _audiences([row for row, _ in pending])
    messages = [
        Message(
            users=audiences[audience].get(row.organisation_id, []),
            kind=KINDS[audience],
            title=title,
            body=f"Cơ quan ban hành: {row.dispatch.issuer}. Nơi nhận: {row.organisation}.",
            url=row.dispatch.get_absolute_url(),
            event_key=key,
        )
        for row, (audience, key, title) in pending
    ]
    return len(notify_many(messages))


def _audiences(rows: list[DispatchRecipient]) -> dict[str, dict[int, list[User]]]:
    """Who hears about each recipient body: a handful of queries whatever the number of rows."""
    bodies = {row.organisation_id: row.organisation for row in rows}
    audiences: dict[str, dict[int, list[User]]] = {
        RESPONSIBLE: receivers(bodies),
        FOCAL_LEADER: defaultdict(list),
        BOARD_LEADERS: defaultdict(list),
    }
    focal = {
        f.organisation_id: f.leader
        for f in FocalPoint.objects.filter(organisation_id__in=bodies).select_related("leader")
    }
    leaders: dict[int, list[User]] = defaultdict(list)
    for m in (
        Membership.objects.active()
        .filter(organisation_id__in=bodies, role=Role.AGENCY_LEADER)
        .select_related("user")
    ):
        leaders[m.organisation_id].append(m.user)
    for pk in bodies:
        audiences[FOCAL_LEADER][pk] = [focal[pk]] if pk in focal else leaders[pk]

    # The board at each recipient's level: a board directly under one of its ancestors.
    step = Organisation.steplen
    prefixes = {b.path[:n] for b in bodies.values() for n in range(step, len(b.path) + 1, step)}
    condition = Q(pk__in=[])
    for prefix in prefixes:
        condition |= Q(path__startswith=prefix, depth=len(prefix) // step + 1)
    boards = list(Organisation.objects.filter(condition, kind=Organisation.Kind.BOARD))
    board_leaders: dict[int, list[User]] = defaultdict(list)
    for m in (
        Membership.objects.active()
        .filter(organisation__in=boards, role=Role.BOARD_LEADER)
        .select_related("user")
    ):
        board_leaders[m.organisation_id].append(m.user)
    for pk, organisation in bodies.items():
        nearest = max(
            (b for b in boards if organisation.path.startswith(b.path[:-step])),
            key=lambda b: len(b.path),
            default=None,
        )
        audiences[BOARD_LEADERS][pk] = board_leaders[nearest.pk] if nearest else []
    return audiences

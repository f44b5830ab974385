"""Concern deadlines: a reminder before, an overdue notice after, an escalation to the board.

The deadline (`Concern.due`) is set at triage from the category's working days. The body that
owns the concern now (`owner`) is reminded `REMIND_BEFORE` working days before the due date and
told on the first working day after it; `ESCALATE_AFTER` working days late the board leaders of
the capturing board are told. Each notice has its own event key (with the due date), so running
the job again notifies nobody twice and a reopened concern (new due date) is reminded again.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from phoihop.accounts.models import User
from phoihop.accounts.roles import WORKING_ROLES, Role
from phoihop.core.calendar import add_working_days
from phoihop.notifications.services import Message, notify_many

from .models import Concern

REMIND_BEFORE = 2
ESCALATE_AFTER = 5


def _users(organisation_id: int, roles) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=organisation_id,
            memberships__is_active=True,
            memberships__role__in=roles,
        ).distinct()
    )


def send_concern_reminders(today: date | None = None) -> int:
    today = today or timezone.localdate()
    horizon = add_working_days(today, REMIND_BEFORE)
    messages = []
    open_concerns = (
        Concern.objects.filter(
            state__in=Concern.OPEN_STATES, merged_into__isnull=True, due__lte=horizon
        )
        .select_related("owner")
        .order_by("due", "pk")
    )
    for concern in open_concerns.iterator(chunk_size=500):
        url = concern.get_absolute_url()
        key = f"concern:{concern.pk}:due:{concern.due.isoformat()}"
        if concern.due >= today:
            messages.append(
                Message(
                    _users(concern.owner_id, WORKING_ROLES),
                    "concern_due",
                    f"Sắp đến hạn giải quyết: {concern.title}",
                    f"Hạn {concern.due:%d/%m/%Y}; đang ở bước «{concern.get_state_display()}».",
                    url,
                    f"{key}:reminder",
                )
            )
            continue
        messages.append(
            Message(
                _users(concern.owner_id, WORKING_ROLES),
                "concern_overdue",
                f"Quá hạn giải quyết: {concern.title}",
                f"Hạn {concern.due:%d/%m/%Y}; đang ở bước «{concern.get_state_display()}».",
                url,
                f"{key}:overdue",
            )
        )
        if add_working_days(concern.due, ESCALATE_AFTER) <= today:
            messages.append(
                Message(
                    _users(concern.board_id, (Role.BOARD_LEADER,)),
                    "concern_escalation",
                    f"Vấn đề quá hạn {ESCALATE_AFTER} ngày làm việc: {concern.title}",
                    f"Cơ quan đang xử lý: {concern.owner}. Hạn {concern.due:%d/%m/%Y}.",
                    url,
                    f"{key}:escalation",
                )
            )
    return len(notify_many(messages)) if messages else 0

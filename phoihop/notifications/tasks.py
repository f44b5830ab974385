"""Background sending of notification e-mails: by ids, each notification at most once.

A run first claims the notifications it will send by stamping `emailed_at` with its own moment
(an UPDATE guarded by `emailed_at IS NULL`), so two workers never send the same one; a failure
to reach the mail server gives back what was not sent, for the next run.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from . import selectors, services
from .models import Notification


def _context() -> dict:
    base = settings.PHOIHOP_BASE_URL
    return {"base_url": base, "preferences_url": base + reverse("notifications:preferences")}


def _one_line(text: str) -> str:
    return " ".join(text.split())


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """E-mail each of these notifications that is still unsent and whose person wants e-mail
    now (not in the digest); a second run sends nothing. Returns the number sent."""
    candidates = selectors.immediate_email_candidates(notification_ids)
    claimed_at, notifications = services.notification_emails_claim(candidates=candidates)
    if not notifications:
        return 0
    context = _context()
    sent: set[int] = set()
    try:
        with get_connection() as connection:
            for notification in notifications:
                EmailMessage(
                    subject=f"[Phối Hợp] {_one_line(notification.title)}",
                    body=render_to_string(
                        "notifications/email.txt", {**context, "notification": notification}
                    ),
                    to=[notification.user.email],
                    connection=connection,
                ).send()
                sent.add(notification.pk)
    finally:
        unsent = [n for n in notifications if n.pk not in sent]
        services.notification_emails_release(notifications=unsent, claimed_at=claimed_at)
    return len(sent)


@task()
def send_daily_digests(day: str | None = None) -> int:
    """One e-mail per person on the daily digest with the notifications of `day` (ISO date;
    by default yesterday, local time) not e-mailed yet. Returns the number of e-mails sent."""
    digest_day = date.fromisoformat(day) if day else timezone.localdate() - timedelta(days=1)
    candidates = selectors.digest_candidates(digest_day)
    claimed_at, notifications = services.notification_emails_claim(candidates=candidates)
    if not notifications:
        return 0
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for notification in notifications:
        by_user[notification.user_id].append(notification)
    context = _context()
    sent: set[int] = set()
    try:
        with get_connection() as connection:
            for user_notifications in by_user.values():
                user = user_notifications[0].user
                EmailMessage(
                    subject=(
                        f"[Phối Hợp] Tóm tắt thông báo ngày {digest_day:%d/%m/%Y} "
                        f"({len(user_notifications)})"
                    ),
                    body=render_to_string(
                        "notifications/digest.txt",
                        {
                            **context,
                            "user": user,
                            "day": digest_day,
                            "notifications": user_notifications,
                        },
                    ),
                    to=[user.email],
                    connection=connection,
                ).send()
                sent.add(user.pk)
    finally:
        unsent = [n for n in notifications if n.user_id not in sent]
        services.notification_emails_release(notifications=unsent, claimed_at=claimed_at)
    return len(sent)

"""Creating notifications and sending their e-mail copies."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from phoihop.accounts.models import User

from .models import Notification


def notify(*, users: Iterable[User], title: str, body: str, url: str, event_key: str) -> list[int]:
    """Notify each user once about `event_key`; return the ids of the notifications created.

    Existing (user, event) pairs are left alone, so a job may call this on every run.
    """
    users = {user.pk: user for user in users if user.is_active}
    if not users:
        return []
    already = set(
        Notification.objects.filter(user_id__in=users, event_key=event_key).values_list(
            "user_id", flat=True
        )
    )
    new = [
        Notification(user_id=pk, title=title[:300], body=body, url=url, event_key=event_key)
        for pk in users
        if pk not in already
    ]
    Notification.objects.bulk_create(new, ignore_conflicts=True)
    created = list(
        Notification.objects.filter(
            user_id__in=[n.user_id for n in new], event_key=event_key, emailed_at__isnull=True
        ).values_list("pk", flat=True)
    )
    if created:
        from .tasks import send_notification_emails

        transaction.on_commit(lambda: send_notification_emails.enqueue(created))
    return created


def mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())

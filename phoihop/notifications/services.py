"""Every write of the notifications app: creating notifications, reading them, preferences.

`notify` is called by services and jobs of other apps (the system speaks, not an actor); the rest
are the person's own actions on their own notifications.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from phoihop.accounts.models import User
from phoihop.core.actor import Actor

from .models import Notification, NotificationPreference

TITLE_MAX = Notification._meta.get_field("title").max_length
EXISTING_BATCH = 500  # event keys per existence query
EMAIL_BATCH = 200  # notifications per e-mail task


@dataclass(frozen=True)
class Message:
    """One event to tell some people about."""

    users: Sequence[User]
    kind: str
    title: str
    body: str
    url: str
    event_key: str


def notify(
    *, users: Iterable[User], kind: str, title: str, body: str, url: str, event_key: str
) -> list[int]:
    """Notify each active user once about `event_key`; return the ids of the notifications
    created. (user, event) pairs that exist already are left alone, so a job may call this on
    every run; their e-mail copies are sent once the transaction commits."""
    message = Message(list(users), kind, title, body, url, event_key)
    return notify_many([message])


@transaction.atomic
def notify_many(messages: Iterable[Message]) -> list[int]:
    """`notify` for many events at once: one existence query per 500 events, one insert."""
    wanted: dict[tuple[int, str], Notification] = {}
    for message in messages:
        title = " ".join(message.title.split())[:TITLE_MAX]
        for user in message.users:
            if user.is_active and (user.pk, message.event_key) not in wanted:
                wanted[user.pk, message.event_key] = Notification(
                    user_id=user.pk,
                    kind=message.kind,
                    title=title,
                    body=message.body,
                    url=message.url,
                    event_key=message.event_key,
                )
    if not wanted:
        return []
    keys = sorted({key for _, key in wanted})
    existing: set[tuple[int, str]] = set()
    for start in range(0, len(keys), EXISTING_BATCH):
        existing.update(
            Notification.objects.filter(
                event_key__in=keys[start : start + EXISTING_BATCH]
            ).values_list("user_id", "event_key")
        )
    new = {pair: n for pair, n in wanted.items() if pair not in existing}
    if not new:
        return []
    # A job running at the same moment may have inserted some of them: the unique constraint
    # keeps one and this insert skips it.
    Notification.objects.bulk_create(new.values(), ignore_conflicts=True, batch_size=500)
    new_keys = sorted({key for _, key in new})
    created: list[int] = []
    for start in range(0, len(new_keys), EXISTING_BATCH):
        rows = Notification.objects.filter(
            event_key__in=new_keys[start : start + EXISTING_BATCH]
        ).values_list("pk", "user_id", "event_key")
        created.extend(pk for pk, user_id, key in rows if (user_id, key) in new)
    _schedule_emails(created)
    return created


def _schedule_emails(notification_ids: list[int]) -> None:
    """Hand the e-mail copies to the background once the notifications are committed; the task
    itself decides, by each person's preference, whether to send now, in the digest or never."""
    from .tasks import send_notification_emails

    for start in range(0, len(notification_ids), EMAIL_BATCH):
        batch = notification_ids[start : start + EMAIL_BATCH]
        transaction.on_commit(partial(send_notification_emails.enqueue, batch))


def notification_emails_claim(
    *, candidates: QuerySet[Notification]
) -> tuple[datetime, list[Notification]]:
    """Stamp the unsent notifications among `candidates` with this moment (an UPDATE guarded by
    `emailed_at IS NULL`, so two runs never both get one); return the moment and those this run
    got, oldest first, with their people."""
    now = timezone.now()
    ids = list(candidates.values_list("pk", flat=True))
    Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(emailed_at=now)
    claimed = Notification.objects.filter(pk__in=ids, emailed_at=now).select_related("user")
    return now, list(claimed.order_by("created_at", "pk"))


def notification_emails_release(
    *, notifications: Iterable[Notification], claimed_at: datetime
) -> None:
    """Give back what a run claimed at `claimed_at` but did not send, for the next run."""
    Notification.objects.filter(pk__in=[n.pk for n in notifications], emailed_at=claimed_at).update(
        emailed_at=None
    )


def notification_mark_read(*, actor: Actor, notification: Notification) -> None:
    """Mark one of the actor's notifications read (opening it again changes nothing)."""
    Notification.objects.visible_to(actor).filter(pk=notification.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_mark_all_read(*, actor: Actor) -> int:
    """Mark every unread notification of the actor read; return how many."""
    return Notification.objects.visible_to(actor).unread().update(read_at=timezone.now())


def notification_preference_update(
    *, actor: Actor, email_enabled: bool, daily_digest: bool
) -> NotificationPreference:
    """Set how the actor receives e-mail copies of their notifications."""
    preference, _ = NotificationPreference.objects.update_or_create(
        user=actor.user,
        defaults={"email_enabled": email_enabled, "daily_digest": daily_digest},
    )
    return preference

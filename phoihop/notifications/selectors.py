"""Every non-trivial read of the notifications app."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import QuerySet

from phoihop.accounts.models import User
from phoihop.core.actor import Actor
from phoihop.core.calendar import day_bounds

from .models import Notification, NotificationPreference


def notification_list(*, actor: Actor, unread_only: bool = False) -> QuerySet[Notification]:
    """The actor's own notifications, newest first."""
    notifications = Notification.objects.visible_to(actor)
    return notifications.unread() if unread_only else notifications


def unread_count(*, actor: Actor) -> int:
    return Notification.objects.visible_to(actor).unread().count()


def preference_for(*, user: User) -> NotificationPreference:
    """The user's preference, or the defaults (unsaved) when they never set one."""
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference or NotificationPreference(user=user)


def _emailable() -> QuerySet[Notification]:
    """Notifications not e-mailed yet, to active people who have an address and want e-mail."""
    return (
        Notification.objects.filter(emailed_at__isnull=True, user__is_active=True)
        .exclude(user__email="")
        .exclude(user__notification_preference__email_enabled=False)
    )


def immediate_email_candidates(notification_ids: Iterable[int]) -> QuerySet[Notification]:
    """Those of `notification_ids` to e-mail now: people who did not choose the daily digest."""
    return (
        _emailable()
        .filter(pk__in=list(notification_ids))
        .exclude(user__notification_preference__daily_digest=True)
    )


def digest_candidates(day: date) -> QuerySet[Notification]:
    """Notifications of the local day `day` not e-mailed yet, to people on the daily digest."""
    start, end = day_bounds(day)
    return _emailable().filter(
        created_at__gte=start,
        created_at__lt=end,
        user__notification_preference__daily_digest=True,
    )

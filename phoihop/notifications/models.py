"""In-app notifications, one per event per person (the e-mail copy is sent once)."""

from django.conf import settings
from django.db import models

from phoihop.core.scoping import ScopedQuerySet


class NotificationQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """A notification belongs to one person, not to a body."""
        return self.filter(user=actor.user) if actor.user else self.none()

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications")
    title = models.CharField("tiêu đề", max_length=300)
    body = models.TextField("nội dung", blank=True)
    url = models.CharField("đường dẫn", max_length=300, blank=True)
    # What happened, e.g. "task:12:due:2026-12-05:remind:3": the same event never notifies the
    # same person twice, however often the job that noticed it runs.
    event_key = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "event_key"], name="one_notification_per_event")
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title

"""In-app notifications, one per event per person, and each person's e-mail preference.

A notification belongs to a person, not to a body: it is scoped by its user, never by the tree.
Notifications are messages, not business records, so they are not audited.
"""

from django.conf import settings
from django.db import models

from phoihop.core.scoping import ScopedQuerySet


class NotificationQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """A notification is seen by the person it was sent to, and nobody else."""
        return self.filter(user=actor.user) if actor.user else self.none()

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    class Kind(models.TextChoices):
        GENERAL = "general", "Thông báo"
        TASK_REMINDER = "task_reminder", "Nhắc hạn nhiệm vụ"
        TASK_OVERDUE = "task_overdue", "Nhiệm vụ quá hạn"
        TASK_ESCALATION = "task_escalation", "Đôn đốc nhiệm vụ quá hạn"
        DISPATCH_RECEIVED = "dispatch_received", "Công văn đến"
        DISPATCH_STATUS = "dispatch_status", "Tình trạng công văn đã gửi"
        DISPATCH_REMINDER = "dispatch_reminder", "Nhắc hạn trả lời công văn"
        DISPATCH_ESCALATION = "dispatch_escalation", "Đôn đốc công văn quá hạn"
        CASE = "case", "Vụ việc phức tạp, nhạy cảm"
        CASE_ESCALATION = "case_escalation", "Vụ việc quá hạn xử lý"
        REPORT_REQUEST = "report_request", "Yêu cầu báo cáo"
        REPORT_RETURNED = "report_returned", "Báo cáo bị trả lại"
        REPORT_REMINDER = "report_reminder", "Nhắc hạn báo cáo"
        REPORT_ESCALATION = "report_escalation", "Đôn đốc báo cáo quá hạn"
        CONCERN = "concern", "Vấn đề dư luận quan tâm"
        CONCERN_DUE = "concern_due", "Nhắc hạn giải quyết vấn đề"
        CONCERN_OVERDUE = "concern_overdue", "Vấn đề quá hạn giải quyết"
        CONCERN_ESCALATION = "concern_escalation", "Đôn đốc vấn đề quá hạn"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications")
    kind = models.CharField("loại", max_length=40, choices=Kind.choices, default=Kind.GENERAL)
    title = models.CharField("tiêu đề", max_length=300)
    body = models.TextField("nội dung", blank=True)
    url = models.CharField("đường dẫn", max_length=300, blank=True)
    # What happened, e.g. "task:12:due:2026-12-05:reminder:3": the same event never notifies the
    # same person twice, however often (or however concurrently) the job that noticed it runs.
    event_key = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set when the e-mail copy (immediate or in a digest) was handed to the mail server.
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "event_key"], name="one_notification_per_event")
        ]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["user", "-created_at"], name="notification_user_newest"),
        ]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """How a person wants the e-mail copies; without a row, the defaults apply."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notification_preference"
    )
    email_enabled = models.BooleanField(
        "gửi thư điện tử",
        default=True,
        help_text="Tắt đi thì chỉ nhận thông báo trong hệ thống.",
    )
    daily_digest = models.BooleanField(
        "gộp thành một thư mỗi ngày",
        default=False,
        help_text="Mỗi sáng nhận một thư tóm tắt các thông báo của ngày hôm trước, "
        "thay vì một thư cho mỗi thông báo.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "tùy chọn thông báo"
        verbose_name_plural = "tùy chọn thông báo"

    def __str__(self) -> str:
        return f"Tùy chọn thông báo — {self.user}"

    @property
    def sends_immediately(self) -> bool:
        return self.email_enabled and not self.daily_digest

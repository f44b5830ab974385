"""Cross-cutting records: the audit trail, calendar exceptions, background jobs, schedule runs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse

from .scoping import ScopedQuerySet

if TYPE_CHECKING:
    from phoihop.organisations.models import Organisation

# auditlog is untyped, so its manager (and this class made from it) is Any to the checker.
_AuditEntryManagerBase: Any = LogEntryManager.from_queryset(ScopedQuerySet)


class AuditEntryManager(_AuditEntryManagerBase):
    """Auditlog's manager, stamping each entry with the organisation the object belongs to."""

    def log_create(self, instance, force_log: bool = False, **kwargs):
        kwargs.setdefault("organisation_id", getattr(instance, "audit_organisation_id", None))
        return super().log_create(instance, force_log=force_log, **kwargs)


# How each business event and each auditlog action reads in the audit trail. Each app adds its
# own events with `register_event_labels` from its AppConfig.ready().
EVENT_LABELS = {
    "organisation_created": "Thêm cơ quan",
    "organisation_updated": "Sửa thông tin cơ quan",
    "organisation_merged": "Hợp nhất cơ quan",
    "organisation_dissolved": "Cơ quan hết hiệu lực (sắp xếp)",
    "organisation_split": "Chia tách cơ quan",
    "focal_point_set": "Cử đầu mối phối hợp",
    "user_created": "Tạo tài khoản",
    "user_locked": "Khóa tài khoản",
    "user_unlocked": "Mở khóa tài khoản",
    "membership_granted": "Giao vai trò",
    "membership_revoked": "Thu hồi vai trò",
    "calendar_exception_added": "Khai báo ngày nghỉ / làm bù",
    "calendar_exception_removed": "Xóa ngày nghỉ / làm bù",
}


def register_event_labels(labels: dict[str, str]) -> None:
    EVENT_LABELS.update(labels)


def _concrete_field(model: type[models.Model] | None, name: str) -> models.Field | None:
    try:
        field = model._meta.get_field(name) if model is not None else None
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None  # not a reverse relation


ACTION_LABELS = {0: "Tạo bản ghi", 1: "Cập nhật bản ghi", 2: "Xóa bản ghi", 3: "Truy cập"}


class AuditEntry(AbstractLogEntry):
    """One entry of the central audit trail: who did what to which object, before → after.

    Written only by auditlog's signal handlers and by `core.audit.record_event`; no view or
    form in the application edits or deletes it.
    """

    # Annotated because the untyped base hides this model from the django-stubs plugin.
    organisation: models.ForeignKey[Organisation | None, Organisation | None] = models.ForeignKey(
        "organisations.Organisation",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cơ quan",
    )
    verb: models.CharField[str, str] = models.CharField(
        "hành động", max_length=64, blank=True, db_index=True
    )

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = "nhật ký"
        verbose_name_plural = "nhật ký"
        indexes = [models.Index(fields=["organisation", "-timestamp"])]

    @property
    def changes_display(self) -> dict[str, list]:
        """`changes` for people: each field under its Vietnamese name and coded values (states,
        kinds) under their labels. No query: related records were stored by name."""
        model = self.content_type.model_class()
        shown = {}
        for name, values in (self.changes_dict or {}).items():
            field = _concrete_field(model, name)
            choices = dict(field.flatchoices) if field is not None and field.choices else {}
            label = str(field.verbose_name) if field is not None else name
            shown[label] = [
                choices.get(value, value) if isinstance(value, str | int) else value
                for value in values
            ]
        return shown

    @property
    def label(self) -> str:
        """What happened, in Vietnamese: the business event, else the kind of record change."""
        if self.verb:
            return EVENT_LABELS.get(self.verb, self.verb)
        return ACTION_LABELS.get(self.action, str(self.action))


class CalendarException(models.Model):
    """An administrator-set day off, or a make-up working day (usually a Saturday)."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", "Ngày nghỉ"
        MAKE_UP_DAY = "make_up_day", "Ngày làm bù"

    day = models.DateField("ngày", unique=True)
    kind = models.CharField("loại", max_length=16, choices=Kind.choices)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "ngày nghỉ / làm bù"
        verbose_name_plural = "ngày nghỉ / làm bù"
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} — {self.get_kind_display()}"


class JobQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        return self.filter(owner=actor.user) if actor.user else self.none()


class Job(models.Model):
    """A long piece of work run in the background, with the progress a user watches."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang chạy"
        DONE = "done", "Hoàn thành"
        FAILED = "failed", "Lỗi"

    kind = models.CharField(max_length=64)
    title = models.CharField(max_length=255)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    result = models.FileField(upload_to="jobs/%Y/%m/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("core:job", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}


class ScheduledRun(models.Model):
    """One slot of one periodic job; the unique row makes a second scheduler a no-op."""

    job = models.CharField(max_length=100)
    slot = models.DateTimeField()
    enqueued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="scheduled_run_once")]

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M}"

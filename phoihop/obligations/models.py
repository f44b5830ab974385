"""Obligations: which body owes which step on which object, to whom, by when (decision 0013).

Every capability opens, moves, meets and closes obligations through `services.py`, in the same
transaction as its own state change; the reminder sweep and "Việc của tôi" read only this table.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django_fsm import FSMField, transition

from phoihop.accounts.roles import Role
from phoihop.core.scoping import ScopedQuerySet, ScopedThroughQuerySet, path_filter
from phoihop.organisations.models import AdminUnit, Organisation

from .steps import Capability

OPEN = Q(state="open")


class ObligationQuerySet(ScopedQuerySet):
    scope_path_lookup = "organisation_path"

    def visible_to(self, actor) -> ObligationQuerySet:
        """Obligations owed by bodies the actor sees, and those the actor opened elsewhere
        (a request to another province's body): they wait on it."""
        if actor.sees_everything:
            return self.all()
        mine = Q(opened_by=actor.user) if actor.user is not None else Q(pk__in=[])
        return self.filter(path_filter(self.scope_path_lookup, actor.scope_paths) | mine)

    def open(self) -> ObligationQuerySet:
        return self.filter(OPEN)


class Obligation(models.Model):
    class State(models.TextChoices):
        OPEN = "open", "Đang chờ thực hiện"
        DONE = "done", "Đã hoàn thành"
        CANCELLED = "cancelled", "Đã đóng theo hồ sơ"
        SUPERSEDED = "superseded", "Đã chuyển cơ quan khác"

    target_type = models.ForeignKey(ContentType, models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    # Supplied by the capability: what anyone who sees the obligation may read (never restricted
    # details of a case nor a petitioner's data), and where the object's page is.
    target_label = models.CharField("hồ sơ", max_length=300)
    target_url = models.CharField("đường dẫn", max_length=300)
    step = models.CharField("bước", max_length=60)
    capability = models.CharField("lĩnh vực", max_length=3, choices=Capability.choices)

    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="obligations", verbose_name="cơ quan thực hiện"
    )
    # Copies of the owing body's place (decision 0011, declared in denormalised.py).
    organisation_path = models.CharField(max_length=255, editable=False)
    province = models.ForeignKey(
        AdminUnit, models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người thực hiện",
    )
    role = models.CharField("vai trò thực hiện", max_length=32, choices=Role.choices, blank=True)
    owed_to = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cơ quan chờ kết quả",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người giao",
    )
    opened_at = models.DateTimeField("giao lúc")
    due_at = models.DateTimeField("hạn")

    ladder = models.JSONField("thang nhắc việc", default=list)
    # The moment of each rung, computed at opening ([{"key", "at"}], earliest first), and the
    # earliest one not sent yet: what the sweep reads.
    schedule = models.JSONField(default=list, editable=False)
    next_alert_at = models.DateTimeField(null=True, blank=True, editable=False)

    state = FSMField("trạng thái", default=State.OPEN, choices=State.choices)
    met_at = models.DateTimeField("hoàn thành lúc", null=True, blank=True)
    closed_at = models.DateTimeField("kết thúc lúc", null=True, blank=True)
    close_reason = models.CharField("lý do kết thúc", max_length=300, blank=True)
    superseded_by = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="+"
    )
    no_one_to_act = models.BooleanField("không có người thực hiện", default=False)

    objects = ObligationQuerySet.as_manager()

    class Meta:
        verbose_name = "việc cần làm"
        verbose_name_plural = "việc cần làm"
        ordering = ["due_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["target_type", "target_id", "step", "organisation"],
                condition=OPEN,
                name="obligation_one_open_per_step_and_body",
                violation_error_message="Cơ quan này đang có việc này cho hồ sơ này rồi.",
            ),
            models.CheckConstraint(
                condition=Q(due_at__gte=models.F("opened_at")),
                name="obligation_due_after_opening",
                violation_error_message="Hạn không được trước lúc giao việc.",
            ),
            models.CheckConstraint(
                condition=(OPEN & Q(closed_at__isnull=True)) | (~OPEN & Q(closed_at__isnull=False)),
                name="obligation_closed_when_not_open",
            ),
            models.CheckConstraint(
                condition=Q(state="done", met_at__isnull=False)
                | (~Q(state="done") & Q(met_at=None)),
                name="obligation_met_when_done",
            ),
        ]
        # Equality on `state` comes first after the owner, not as a partial-index condition:
        # the ORM binds 'open' as a parameter, and SQLite uses a partial index only when the
        # query repeats its condition literally.
        indexes = [
            # "Mine" and the nav count: a body's open obligations by due time.
            models.Index(
                fields=["organisation", "state", "due_at"],
                include=["role", "step", "user"],
                name="obligation_body_state_due",
            ),
            models.Index(fields=["user", "state", "due_at"], name="obligation_user_state_due"),
            models.Index(
                fields=["opened_by", "state", "due_at"], name="obligation_opener_state_due"
            ),
            # The sweep: open obligations with a rung to send by now.
            models.Index(fields=["state", "next_alert_at"], name="obligation_state_next_alert"),
            # Closing an object closes its obligations; the check command joins on it.
            models.Index(fields=["target_type", "target_id"], name="obligation_target"),
        ]

    def __str__(self) -> str:
        return f"{self.target_label} — {self.organisation_id}"

    def get_absolute_url(self) -> str:
        return self.target_url

    @property
    def audit_organisation_id(self) -> int:
        return self.organisation_id

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @transition(state, source=State.OPEN, target=State.DONE)
    def meet(self, at) -> None:
        self.met_at = self.closed_at = at
        self.next_alert_at = None

    @transition(state, source=State.OPEN, target=State.CANCELLED)
    def cancel(self, at, reason: str) -> None:
        self.closed_at, self.close_reason = at, reason
        self.next_alert_at = None

    @transition(state, source=State.OPEN, target=State.SUPERSEDED)
    def supersede(self, at, to: Organisation) -> None:
        """Closed here because it moved `to` another body (`superseded_by` is set once the new
        obligation exists: the one-open-per-body rule needs this one closed first)."""
        self.closed_at = at
        self.close_reason = f"Chuyển cho {to}"[:300]
        self.next_alert_at = None


class ObligationAlertQuerySet(ScopedThroughQuerySet):
    scope_through = "obligation"


class ObligationAlert(models.Model):
    """A rung of the ladder that was sent (or the board told that nobody can act): the record
    that makes each step happen at most once per obligation."""

    NO_ONE = "no_one"

    obligation = models.ForeignKey(Obligation, models.CASCADE, related_name="alerts")
    key = models.CharField(max_length=30)
    sent_at = models.DateTimeField()
    told = models.PositiveIntegerField(default=0)

    objects = ObligationAlertQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["obligation", "key"], name="obligation_alert_once")
        ]

    def __str__(self) -> str:
        return f"{self.obligation_id}:{self.key}"

"""Information exchange (XCH): dispatches, their recipients, replies, attachments and registers.

A dispatch (công văn, information note) is issued by one body to several recipient bodies. Each
recipient has its own state (sent → delivered → read → acknowledged, or failed / forwarded) and
its own times, so a dispatch to five bodies where one failed shows exactly that. A reply is
itself a dispatch from the recipient body back to the issuer, with `in_reply_to` (see
docs/decisions/0007-information-exchange.md). State changes are django-fsm-2 transitions called
only by `services.py`.
"""

from enum import nonmember

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django_fsm import FSMField, transition

from phoihop.core.attachments import StoredFile
from phoihop.core.scoping import ScopedQuerySet, ScopedThroughQuerySet, path_filter
from phoihop.core.tones import Tone, TonedChoices
from phoihop.organisations.models import AdminUnit, Organisation


class DispatchQuerySet(ScopedQuerySet):
    scope_path_lookup = "issuer_path"

    def visible_to(self, actor):
        """Dispatches issued by a body the actor sees, or delivered (or forwarded) to one."""
        if actor.sees_everything:
            return self.all()
        paths = actor.scope_paths
        received = DispatchRecipient.objects.filter(
            path_filter("organisation_path", paths), dispatch=OuterRef("pk")
        )
        return self.filter(path_filter("issuer_path", paths) | Exists(received))


class Dispatch(models.Model):
    class Kind(models.TextChoices):
        ACTIVITY_INFO = "activity_info", "Thông tin hoạt động phục vụ định hướng tuyên truyền"
        OPINION_DIGEST = "opinion_digest", "Tổng hợp tình hình dư luận xã hội"
        REPORT_REQUEST = "report_request", "Đề nghị báo cáo"
        REPLY = "reply", "Văn bản trả lời"
        OTHER = "other", "Khác"

    class Urgency(TonedChoices):
        NORMAL = "normal", "Thường"
        URGENT = "urgent", "Khẩn"
        VERY_URGENT = "very_urgent", "Thượng khẩn"
        FLASH = "flash", "Hỏa tốc"

        # Only the urgent marks are shown as a badge; an ordinary dispatch shows none.
        TONES = nonmember(
            {
                "normal": Tone.SECONDARY,
                "urgent": Tone.DANGER,
                "very_urgent": Tone.DANGER,
                "flash": Tone.DANGER,
            }
        )

    class Numbering(models.TextChoices):
        MIRRORED = "mirrored", "Theo sổ văn bản của cơ quan (nhập số)"
        SYSTEM = "system", "Hệ thống cấp số khi gửi"

    class State(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        SENT = "sent", "Đã gửi"
        CANCELLED = "cancelled", "Đã hủy"

    issuer = models.ForeignKey(
        Organisation, models.PROTECT, related_name="dispatches", verbose_name="cơ quan ban hành"
    )
    kind = models.CharField("loại", max_length=20, choices=Kind.choices, default=Kind.OTHER)
    numbering = models.CharField(
        "cách lấy số", max_length=10, choices=Numbering.choices, default=Numbering.SYSTEM
    )
    number = models.PositiveIntegerField("số", null=True, blank=True)
    symbol = models.CharField(
        "ký hiệu",
        max_length=60,
        blank=True,
        help_text="Nhà nước: UBND-VX (thành 12/UBND-VX); Đảng: CV/BTGTU (thành 310-CV/BTGTU).",
    )
    # The register year of `number` (the sequence restarts each year); set with the number.
    number_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    summary = models.CharField("trích yếu (V/v)", max_length=500)
    urgency = models.CharField(
        "độ khẩn", max_length=12, choices=Urgency.choices, default=Urgency.NORMAL
    )
    body = models.TextField("nội dung", blank=True)
    expects_reply = models.BooleanField("yêu cầu trả lời", default=False)
    reply_working_days = models.PositiveSmallIntegerField("hạn trả lời (ngày làm việc)", default=5)
    state = FSMField("trạng thái", default=State.DRAFT, choices=State.choices)
    addressees = models.ManyToManyField(
        Organisation, related_name="+", blank=True, verbose_name="kính gửi"
    )
    copied = models.ManyToManyField(
        Organisation, related_name="+", blank=True, verbose_name="để biết"
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="dispatches",
        verbose_name="chương trình liên quan",
    )
    task = models.ForeignKey(
        "programmes.Task",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="dispatches",
        verbose_name="nhiệm vụ liên quan",
    )
    incident = models.ForeignKey(
        "incidents.Incident",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="dispatches",
        verbose_name="vụ việc liên quan",
    )
    in_reply_to = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name="trả lời văn bản",
    )
    # The first dispatch of the thread (itself for an original), so a thread is one query.
    thread_root = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    # Denormalised place of the issuer (ARCHITECTURE.md, "Denormalise the place").
    issuer_path = models.CharField(max_length=255, editable=False, db_index=True)
    province = models.ForeignKey(
        AdminUnit, models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    commune = models.ForeignKey(
        AdminUnit, models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    search_text = models.CharField(max_length=900, editable=False, default="")
    cancel_reason = models.TextField("lý do hủy", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField("thời điểm gửi", null=True, blank=True)

    objects = DispatchQuerySet.as_manager()

    class Meta:
        verbose_name = "công văn"
        verbose_name_plural = "công văn"
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "number_year", "number"],
                condition=Q(number__isnull=False),
                name="dispatch_number_once_a_year",
                violation_error_message="Số văn bản này đã được dùng trong năm.",
            )
        ]
        indexes = [
            models.Index(fields=["issuer", "-sent_at"], name="dispatch_outbox"),
            models.Index(fields=["province", "state", "sent_at"], name="dispatch_province"),
        ]

    def __str__(self) -> str:
        return f"{self.number_and_symbol} — {self.summary}" if self.number else self.summary

    def get_absolute_url(self) -> str:
        return reverse("exchange:detail", args=[self.pk])

    @property
    def audit_organisation_id(self) -> int:
        return self.issuer_id

    @property
    def number_and_symbol(self) -> str:
        """`12/UBND-VX` for a state issuer, `310-CV/BTGTU` for a Party one (FORMATS.md);
        numbers under 10 take a leading zero. Empty until the dispatch has a number."""
        if self.number is None:
            return ""
        separator = "-" if self.issuer.side == Organisation.Side.PARTY else "/"
        number = f"{self.number:02d}"
        return f"{number}{separator}{self.symbol}" if self.symbol else number

    @property
    def is_draft(self) -> bool:
        return self.state == self.State.DRAFT

    @transition(field=state, source=State.DRAFT, target=State.SENT)
    def send(self):
        pass

    @transition(field=state, source=State.DRAFT, target=State.CANCELLED)
    def cancel(self):
        pass


class RecipientQuerySet(ScopedQuerySet):
    scope_path_lookup = "organisation_path"

    def visible_to(self, actor):
        """A recipient row is seen with its dispatch (the issuer sees every recipient)."""
        if actor.sees_everything:
            return self.all()
        return self.filter(dispatch__in=Dispatch.objects.visible_to(actor))

    def outstanding(self):
        """Rows still owing an answer: delivered or read, not yet acknowledged (or replied to
        when the dispatch expects a reply)."""
        live = [DispatchRecipient.State.DELIVERED, DispatchRecipient.State.READ]
        return self.filter(
            Q(dispatch__expects_reply=False, state__in=live)
            | Q(
                dispatch__expects_reply=True,
                replied_at__isnull=True,
                state__in=[*live, DispatchRecipient.State.ACKNOWLEDGED],
            )
        )


class DispatchRecipient(models.Model):
    class Role(models.TextChoices):
        TO = "to", "Kính gửi"
        CC = "cc", "Để biết"

    class State(TonedChoices):
        SENT = "sent", "Đã gửi"
        DELIVERED = "delivered", "Đã đến"
        READ = "read", "Đã xem"
        ACKNOWLEDGED = "acknowledged", "Đã tiếp nhận"
        FAILED = "failed", "Không gửi được"
        FORWARDED = "forwarded", "Đã chuyển cơ quan có thẩm quyền"

        TONES = nonmember(
            {
                "sent": Tone.SECONDARY,
                "delivered": Tone.PRIMARY,
                "read": Tone.INFO,
                "acknowledged": Tone.SUCCESS,
                "failed": Tone.DANGER,
                "forwarded": Tone.WARNING,
            }
        )

    RECEIVED_STATES = [State.DELIVERED, State.READ, State.ACKNOWLEDGED]

    dispatch = models.ForeignKey(Dispatch, models.CASCADE, related_name="recipients")
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="received_dispatches", verbose_name="nơi nhận"
    )
    organisation_path = models.CharField(max_length=255, editable=False)
    role = models.CharField("hình thức", max_length=4, choices=Role.choices, default=Role.TO)
    state = FSMField("trạng thái", default=State.SENT, choices=State.choices)
    sent_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    delivered_at = models.DateTimeField("đến lúc", null=True, blank=True)
    read_at = models.DateTimeField("xem lúc", null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True, blank=True
    )
    acknowledged_at = models.DateTimeField("tiếp nhận lúc", null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True, blank=True
    )
    failed_at = models.DateTimeField("lỗi lúc", null=True, blank=True)
    failure_reason = models.CharField("lý do không gửi được", max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField("số lần gửi", default=0)
    forwarded_at = models.DateTimeField("chuyển lúc", null=True, blank=True)
    forward_reason = models.TextField("lý do chuyển", blank=True)
    forwarded_from = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="forwards",
        verbose_name="chuyển từ",
    )
    reply_due = models.DateField("hạn trả lời", null=True, blank=True)
    replied_at = models.DateTimeField("trả lời lúc", null=True, blank=True)

    objects = RecipientQuerySet.as_manager()

    class Meta:
        verbose_name = "nơi nhận công văn"
        verbose_name_plural = "nơi nhận công văn"
        ordering = ["dispatch", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dispatch", "organisation"], name="dispatch_recipient_once"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "-sent_at"], name="dispatch_inbox"),
            models.Index(fields=["organisation", "state"], name="dispatch_inbox_state"),
            models.Index(fields=["state", "reply_due"], name="dispatch_recipient_due"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.dispatch}"

    @property
    def audit_organisation_id(self) -> int:
        return self.organisation_id

    @property
    def is_received(self) -> bool:
        return self.state in self.RECEIVED_STATES

    @transition(field=state, source=[State.SENT, State.FAILED], target=State.DELIVERED)
    def deliver(self):
        pass

    @transition(field=state, source=[State.SENT, State.FAILED], target=State.FAILED)
    def fail(self):
        pass

    @transition(field=state, source=State.DELIVERED, target=State.READ)
    def mark_read(self):
        pass

    @transition(field=state, source=[State.DELIVERED, State.READ], target=State.ACKNOWLEDGED)
    def acknowledge(self):
        pass

    @transition(field=state, source=RECEIVED_STATES, target=State.FORWARDED)
    def forward(self):
        pass


class AttachmentQuerySet(ScopedThroughQuerySet):
    scope_through = "dispatch"


class DispatchAttachment(StoredFile):
    """A file sent with a dispatch."""

    upload_folder = "dispatches"

    dispatch = models.ForeignKey(Dispatch, models.CASCADE, related_name="attachments")

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = "tệp đính kèm công văn"
        verbose_name_plural = "tệp đính kèm công văn"
        ordering = ["pk"]

    @property
    def audit_organisation_id(self) -> int:
        return self.dispatch.issuer_id


class RegisterQuerySet(ScopedQuerySet):
    scope_path_lookup = "organisation__path"


class Register(models.Model):
    """A body's outgoing-dispatch register in the system for one year: the last number issued.

    Used when the system is the register (`Dispatch.Numbering.SYSTEM`); numbers typed from the
    body's own register are checked against the same uniqueness rule.
    """

    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="registers")
    year = models.PositiveSmallIntegerField("năm")
    last_number = models.PositiveIntegerField("số cuối đã cấp", default=0)

    objects = RegisterQuerySet.as_manager()

    class Meta:
        verbose_name = "sổ văn bản đi"
        verbose_name_plural = "sổ văn bản đi"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="register_once_a_year")
        ]

    def __str__(self) -> str:
        return f"Sổ văn bản đi {self.year} — {self.organisation}"

    @property
    def audit_organisation_id(self) -> int:
        return self.organisation_id

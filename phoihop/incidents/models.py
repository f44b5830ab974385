"""Complex or sensitive cases (INC): the case, its clocks, working group, position log,
situation reports, orientation plan and press work.

State changes are django-fsm-2 transitions declared here; `services.py` is the only caller and
records every transition on the case's timeline (the audit trail). A case keeps only what
officials need: a neutral summary, places at commune level, the bodies involved. A restricted
(classified) case keeps only non-secret metadata and a reference to where the file is kept.
"""

from __future__ import annotations

from enum import nonmember
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from phoihop.core.scoping import ScopedQuerySet, ScopedThroughQuerySet, path_filter
from phoihop.core.tones import Tone, TonedChoices
from phoihop.organisations.models import AdminUnit, Organisation

if TYPE_CHECKING:
    from phoihop.accounts.models import User


class Channel(models.TextChoices):
    PHONE = "phone", "Điện thoại"
    EMAIL = "email", "Thư điện tử"
    SYSTEM = "system", "Hệ thống Phối Hợp"
    DOCUMENT = "document", "Văn bản"
    MEETING = "meeting", "Trực tiếp, cuộc họp"
    PRESS = "press", "Báo chí, cổng thông tin"


class IncidentQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """Cases whose board, competent body or reporting body the actor sees, and the cases
        whose working group the actor belongs to (that case only)."""
        if actor.sees_everything:
            return self.all()
        paths = actor.scope_paths
        condition = (
            path_filter("board_path", paths)
            | path_filter("competent_path", paths)
            | path_filter("reporting_path", paths)
        )
        if actor.user is not None:
            member = WorkingGroupMember.objects.filter(
                incident=OuterRef("pk"), user_id=actor.user.pk, removed_at__isnull=True
            )
            condition |= Exists(member)
        return self.filter(condition)


class Incident(models.Model):
    """A complex or sensitive case reported to a board, with its clocks."""

    class Sector(models.TextChoices):
        LAND = "land", "Đất đai, giải phóng mặt bằng"
        ENVIRONMENT = "environment", "Môi trường"
        LABOUR = "labour", "Lao động, việc làm"
        ORDER = "order", "An ninh, trật tự"
        HEALTH = "health", "Y tế"
        EDUCATION = "education", "Giáo dục"
        RELIGION = "religion", "Tôn giáo, dân tộc"
        ECONOMY = "economy", "Kinh tế, tài chính"
        OTHER = "other", "Khác"

    class Severity(TonedChoices):
        LOW = "low", "Thấp"
        MEDIUM = "medium", "Trung bình"
        HIGH = "high", "Cao"

        TONES = nonmember({"low": Tone.SECONDARY, "medium": Tone.WARNING, "high": Tone.DANGER})

    class Classification(models.TextChoices):
        NORMAL = "normal", "Thông thường"
        RESTRICTED = "restricted", "Hạn chế tiếp cận (mật)"

    class State(models.TextChoices):
        REPORTED = "reported", "Mới thông báo"
        ACKNOWLEDGED = "acknowledged", "Ban đã tiếp nhận"
        ASSESSED = "assessed", "Đã đánh giá"
        COORDINATING = "coordinating", "Đang phối hợp xử lý"
        RESOLVED = "resolved", "Đã giải quyết"
        RESULT_PUBLICISED = "result_publicised", "Đã thông tin kết quả"
        CLOSED = "closed", "Đã kết thúc"
        ESCALATED = "escalated", "Đã báo cáo cấp trên"
        MERGED = "merged", "Đã gộp (trùng)"
        REOPENED = "reopened", "Mở lại"

    OPEN_STATES = [
        State.REPORTED,
        State.ACKNOWLEDGED,
        State.ASSESSED,
        State.COORDINATING,
        State.REOPENED,
    ]
    # States in which the orientation plan's clock still runs.
    ORIENTATION_PENDING_STATES = [State.REPORTED, State.ACKNOWLEDGED, State.ASSESSED]
    WORKING_STATES = [State.ACKNOWLEDGED, State.ASSESSED, State.COORDINATING, State.REOPENED]

    board = models.ForeignKey(
        Organisation, models.PROTECT, related_name="incidents", verbose_name="Ban tiếp nhận"
    )
    competent_body = models.ForeignKey(
        Organisation, models.PROTECT, related_name="+", verbose_name="cơ quan có thẩm quyền"
    )
    reporting_body = models.ForeignKey(
        Organisation, models.PROTECT, related_name="+", verbose_name="cơ quan thông báo"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    title = models.CharField("tên vụ việc", max_length=300)
    summary = models.TextField(
        "tóm tắt (trung lập)",
        blank=True,
        help_text="Chỉ nêu sự việc; không ghi thông tin cá nhân của người dân.",
    )
    reference = models.CharField(
        "số hồ sơ, nơi lưu giữ",
        max_length=255,
        blank=True,
        help_text="Với vụ việc mật: chỉ ghi số hồ sơ và nơi lưu giữ, không ghi nội dung mật.",
    )
    sector = models.CharField("lĩnh vực", max_length=16, choices=Sector.choices)
    places = models.ManyToManyField(
        AdminUnit, related_name="+", verbose_name="địa bàn (xã, phường, đặc khu)"
    )
    channels = models.JSONField("kênh đã thông báo", default=list)
    severity = models.CharField("mức độ", max_length=8, choices=Severity.choices)
    classification = models.CharField(
        "phân loại", max_length=12, choices=Classification.choices, default=Classification.NORMAL
    )
    reported_at = models.DateTimeField("thời điểm thông báo")
    state = FSMField("trạng thái", default=State.REPORTED, choices=State.choices)
    # Clocks, derived by the services from the current regime when the case is reported.
    ack_due = models.DateTimeField("hạn tiếp nhận")
    orientation_due = models.DateTimeField("hạn thống nhất phương án định hướng")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    ack_escalated_at = models.DateTimeField(null=True, blank=True)
    orientation_agreed_at = models.DateTimeField(null=True, blank=True)
    assessment = models.TextField("đánh giá ban đầu", blank=True)
    resolution = models.TextField("kết quả giải quyết", blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    result_publicised_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField("lý do (mở lại, báo cáo cấp trên, gộp)", blank=True)
    escalated_to = models.OneToOneField(
        "self", models.PROTECT, null=True, blank=True, related_name="escalated_from"
    )
    merged_into = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="duplicates"
    )
    # Denormalised for scoping and dashboards (kept by the services).
    province = models.ForeignKey(
        AdminUnit, models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    commune = models.ForeignKey(
        AdminUnit, models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    board_path = models.CharField(max_length=255, editable=False)
    competent_path = models.CharField(max_length=255, editable=False)
    reporting_path = models.CharField(max_length=255, editable=False)
    search_text = models.CharField(max_length=1000, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        verbose_name = "vụ việc"
        verbose_name_plural = "vụ việc"
        ordering = ["-reported_at", "-pk"]
        indexes = [
            models.Index(fields=["board_path", "-reported_at"], name="incident_board_newest"),
            models.Index(fields=["competent_path"], name="incident_competent"),
            models.Index(fields=["reporting_path"], name="incident_reporting"),
            models.Index(fields=["state", "ack_due"], name="incident_state_ack"),
            models.Index(fields=["province", "state"], name="incident_province_state"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("incidents:detail", args=[self.pk])

    @property
    def audit_organisation_id(self) -> int:
        return self.board_id

    @property
    def is_restricted(self) -> bool:
        return self.classification == self.Classification.RESTRICTED

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    def channel_labels(self) -> list[str]:
        labels = dict(Channel.choices)
        return [labels.get(c, c) for c in self.channels]

    # --- transitions (conditions are checked by services with clear messages) ---------------
    @transition(field=state, source=State.REPORTED, target=State.ACKNOWLEDGED)
    def acknowledge(self):
        pass

    @transition(field=state, source=State.ACKNOWLEDGED, target=State.ASSESSED)
    def assess(self):
        pass

    @transition(field=state, source=[State.ASSESSED, State.REOPENED], target=State.COORDINATING)
    def start_coordination(self):
        pass

    @transition(field=state, source=[State.COORDINATING, State.REOPENED], target=State.RESOLVED)
    def resolve(self):
        pass

    @transition(field=state, source=State.RESOLVED, target=State.RESULT_PUBLICISED)
    def publicise_result(self):
        pass

    @transition(field=state, source=[State.RESOLVED, State.RESULT_PUBLICISED], target=State.CLOSED)
    def close(self):
        pass

    @transition(
        field=state,
        source=[State.RESOLVED, State.RESULT_PUBLICISED, State.CLOSED],
        target=State.REOPENED,
    )
    def reopen(self):
        pass

    @transition(
        field=state,
        source=[State.REPORTED, State.ACKNOWLEDGED, State.ASSESSED, State.COORDINATING],
        target=State.ESCALATED,
    )
    def escalate(self):
        pass

    @transition(field=state, source=OPEN_STATES, target=State.MERGED)
    def merge(self):
        pass


class IncidentChildQuerySet(ScopedThroughQuerySet):
    scope_through = "incident"


class WorkingGroupMember(models.Model):
    """A member of the inter-agency working group of one case: access to that case only."""

    class Role(models.TextChoices):
        LEAD = "lead", "Tổ trưởng"
        MEMBER = "member", "Thành viên"
        SPOKESPERSON = "spokesperson", "Người phát ngôn"

    incident = models.ForeignKey(Incident, models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="+", verbose_name="cơ quan"
    )
    role = models.CharField("vai trò trong tổ", max_length=16, choices=Role.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = IncidentChildQuerySet.as_manager()

    class Meta:
        verbose_name = "thành viên tổ công tác"
        verbose_name_plural = "thành viên tổ công tác"
        ordering = ["incident", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "user"],
                condition=Q(removed_at__isnull=True),
                name="working_group_member_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"

    @property
    def audit_organisation_id(self) -> int:
        return self.organisation_id


class PositionLog(models.Model):
    """One entry of the append-only position log: what a body knows or did, and when."""

    incident = models.ForeignKey(Incident, models.CASCADE, related_name="log_entries")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="+")
    text = models.TextField("nội dung")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = IncidentChildQuerySet.as_manager()

    class Meta:
        verbose_name = "nhật ký diễn biến"
        verbose_name_plural = "nhật ký diễn biến"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y %H:%M} — {self.organisation}"

    @property
    def audit_organisation_id(self) -> int:
        return self.organisation_id


class OrientationPlan(models.Model):
    """The agreed information-orientation plan: who handles, what is said, by whom, where.

    Every saved version is kept (simple-history); approval needs both the board's leader and the
    competent body's leader, and a new version clears both.
    """

    class State(TonedChoices):
        DRAFT = "draft", "Dự thảo"
        APPROVED = "approved", "Đã thống nhất"

        TONES = nonmember({"draft": Tone.WARNING, "approved": Tone.SUCCESS})

    incident = models.OneToOneField(Incident, models.CASCADE, related_name="orientation_plan")
    handler = models.CharField("cơ quan, người chủ trì xử lý", max_length=500)
    message = models.TextField("nội dung định hướng thông tin")
    spokesperson = models.CharField("người phát ngôn, cung cấp thông tin", max_length=300)
    channels = models.JSONField("kênh thông tin", default=list)
    version = models.PositiveIntegerField("phiên bản", default=1)
    state = FSMField("trạng thái", default=State.DRAFT, choices=State.choices)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    board_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    board_approved_at = models.DateTimeField(null=True, blank=True)
    competent_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    competent_approved_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()
    # Who made this version: services set it before save, simple_history reads it.
    _history_user: User | None

    objects = IncidentChildQuerySet.as_manager()

    class Meta:
        verbose_name = "phương án định hướng thông tin"
        verbose_name_plural = "phương án định hướng thông tin"

    def __str__(self) -> str:
        return f"Phương án định hướng — {self.incident}"

    @property
    def audit_organisation_id(self) -> int:
        return self.incident.board_id

    @transition(field=state, source=State.DRAFT, target=State.APPROVED)
    def approve(self):
        pass

    @transition(field=state, source=[State.DRAFT, State.APPROVED], target=State.DRAFT)
    def revise(self):
        pass


class SituationReport(models.Model):
    """A situation report assembled from per-body sections, approved, then published."""

    class State(models.TextChoices):
        DRAFT = "draft", "Đang tổng hợp"
        APPROVED = "approved", "Đã duyệt"
        PUBLISHED = "published", "Đã gửi tổ công tác"

    incident = models.ForeignKey(Incident, models.CASCADE, related_name="situation_reports")
    number = models.PositiveIntegerField("số")
    state = FSMField("trạng thái", default=State.DRAFT, choices=State.choices)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = IncidentChildQuerySet.as_manager()

    class Meta:
        verbose_name = "báo cáo tình hình"
        verbose_name_plural = "báo cáo tình hình"
        ordering = ["incident", "number"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "number"], name="situation_report_number")
        ]

    def __str__(self) -> str:
        return f"Báo cáo tình hình số {self.number}"

    @property
    def audit_organisation_id(self) -> int:
        return self.incident.board_id

    @transition(field=state, source=State.DRAFT, target=State.APPROVED)
    def approve(self):
        pass

    @transition(field=state, source=State.APPROVED, target=State.PUBLISHED)
    def publish(self):
        pass


class SituationSectionQuerySet(ScopedThroughQuerySet):
    scope_through = "report"


class SituationSection(models.Model):
    """One body's part of a situation report."""

    report = models.ForeignKey(SituationReport, models.CASCADE, related_name="sections")
    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    text = models.TextField("nội dung")
    updated_at = models.DateTimeField(auto_now=True)

    objects = SituationSectionQuerySet.as_manager()

    class Meta:
        verbose_name = "phần báo cáo của cơ quan"
        verbose_name_plural = "phần báo cáo của cơ quan"
        ordering = ["report", "organisation__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "organisation"], name="situation_section_per_body"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.report}"

    @property
    def audit_organisation_id(self) -> int:
        return self.organisation_id


class PressRelease(models.Model):
    """A press release: draft → in review → approved (both sides) → published; every version
    is kept (simple-history) and the author of a version may not approve it."""

    class State(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        IN_REVIEW = "in_review", "Đang xem xét"
        APPROVED = "approved", "Đã duyệt"
        PUBLISHED = "published", "Đã công bố"

    incident = models.ForeignKey(Incident, models.CASCADE, related_name="press_releases")
    title = models.CharField("tiêu đề", max_length=300)
    body = models.TextField("nội dung")
    version = models.PositiveIntegerField("phiên bản", default=1)
    version_author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    state = FSMField("trạng thái", default=State.DRAFT, choices=State.choices)
    board_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    board_approved_at = models.DateTimeField(null=True, blank=True)
    competent_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    competent_approved_at = models.DateTimeField(null=True, blank=True)
    published_where = models.CharField("nơi công bố", max_length=300, blank=True)
    published_at = models.DateTimeField("thời điểm công bố", null=True, blank=True)
    link = models.URLField("đường dẫn", max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()
    # Who made this version: services set it before save, simple_history reads it.
    _history_user: User | None

    objects = IncidentChildQuerySet.as_manager()

    class Meta:
        verbose_name = "thông cáo báo chí"
        verbose_name_plural = "thông cáo báo chí"
        ordering = ["incident", "created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("incidents:press_release", args=[self.pk])

    @property
    def audit_organisation_id(self) -> int:
        return self.incident.board_id

    @transition(field=state, source=State.DRAFT, target=State.IN_REVIEW)
    def submit(self):
        pass

    @transition(field=state, source=[State.DRAFT, State.IN_REVIEW], target=State.DRAFT)
    def revise(self):
        pass

    @transition(field=state, source=State.IN_REVIEW, target=State.APPROVED)
    def approve(self):
        pass

    @transition(field=state, source=State.APPROVED, target=State.PUBLISHED)
    def publish(self):
        pass


class PressConference(models.Model):
    """A press conference held on the case: co-hosts, spokesperson (an official), outlets."""

    incident = models.ForeignKey(Incident, models.CASCADE, related_name="press_conferences")
    held_at = models.DateTimeField("thời gian")
    place = models.CharField("địa điểm", max_length=300)
    spokesperson = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="người phát ngôn"
    )
    outlets = models.TextField("cơ quan báo chí được mời")
    notes = models.TextField("ghi chú", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = IncidentChildQuerySet.as_manager()

    class Meta:
        verbose_name = "họp báo"
        verbose_name_plural = "họp báo"
        ordering = ["incident", "held_at", "pk"]

    def __str__(self) -> str:
        return f"Họp báo {self.held_at:%d/%m/%Y}"

    @property
    def audit_organisation_id(self) -> int:
        return self.incident.board_id


class PressConferenceHostQuerySet(ScopedThroughQuerySet):
    scope_through = "conference"


class PressConferenceHost(models.Model):
    conference = models.ForeignKey(PressConference, models.CASCADE, related_name="hosts")
    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="+")

    objects = PressConferenceHostQuerySet.as_manager()

    class Meta:
        verbose_name = "cơ quan đồng chủ trì họp báo"
        verbose_name_plural = "cơ quan đồng chủ trì họp báo"
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "organisation"], name="press_conference_host_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)

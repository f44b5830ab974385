"""Reporting (RPT): templates as regime data, report requests, submissions, consolidation.

A board asks the bodies within its reach for a report by official letter (`ReportRequest`);
each recipient writes one `ReportSubmission` in the seed report's structure; the board
consolidates the accepted ones into a `Consolidation`. State changes are django-fsm-2
transitions declared here; `services.py` is the only caller and records every one.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django_fsm import FSMField, transition

from phoihop.core.scoping import ScopedQuerySet, ScopedThroughQuerySet, path_filter
from phoihop.organisations.models import Organisation
from phoihop.programmes.models import Regime

DEFAULT_SUMMARY = "Kết quả thực hiện {programme} theo Quy định số {regime_code} {period}"
DEFAULT_OPENING = (
    "Thực hiện Công văn số {request_number} ngày {request_date} của {board} về việc báo cáo "
    "{period}, {organisation} báo cáo kết quả như sau:"
)
DEFAULT_CLOSING = (
    "Trên đây là báo cáo {period} của {organisation}, kính gửi {board} tổng hợp, báo cáo."
)


class ReportTemplate(models.Model):
    """The wording of a report under a regime, as data: summary, opening and closing lines
    with placeholders such as {request_number}, and the headings of the seed report."""

    regime = models.ForeignKey(Regime, models.PROTECT, related_name="report_templates")
    name = models.CharField("tên mẫu", max_length=200)
    summary = models.CharField("trích yếu", max_length=500, default=DEFAULT_SUMMARY)
    opening = models.TextField("mở đầu", default=DEFAULT_OPENING)
    closing = models.TextField("kết thúc", default=DEFAULT_CLOSING)
    headings = models.JSONField("tiêu đề các mục", default=dict, blank=True)
    is_default = models.BooleanField("mẫu mặc định của quy chế", default=False)

    class Meta:
        verbose_name = "mẫu báo cáo"
        verbose_name_plural = "mẫu báo cáo"
        ordering = ["regime", "name"]

    def __str__(self) -> str:
        return self.name


class PeriodKind(models.TextChoices):
    FIRST_HALF = "first_half", "6 tháng đầu năm"
    YEAR = "year", "năm"
    PHASE = "phase", "giai đoạn"
    AD_HOC = "ad_hoc", "đột xuất, chuyên đề"


class ReportRequestQuerySet(ScopedQuerySet):
    scope_path_lookup = "board__path"

    def visible_to(self, actor):
        """Requests of a board the actor sees, and requests addressed to a body they see."""
        if actor.sees_everything:
            return self.all()
        addressed = ReportSubmission.objects.filter(
            path_filter("organisation_path", actor.scope_paths), request=OuterRef("pk")
        )
        return self.filter(path_filter("board__path", actor.scope_paths) | Exists(addressed))


class ReportRequest(models.Model):
    """A board's letter asking bodies for a report on a period (e.g. 310-CV/BTGTU)."""

    class State(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        ISSUED = "issued", "Đã ban hành"
        COLLECTING = "collecting", "Đang tiếp nhận báo cáo"
        CONSOLIDATED = "consolidated", "Đã tổng hợp"
        CLOSED = "closed", "Đã kết thúc"

    board = models.ForeignKey(
        Organisation, models.PROTECT, related_name="report_requests", verbose_name="Ban yêu cầu"
    )
    regime = models.ForeignKey(Regime, models.PROTECT, related_name="+", verbose_name="quy chế")
    template = models.ForeignKey(
        ReportTemplate, models.PROTECT, related_name="requests", verbose_name="mẫu báo cáo"
    )
    title = models.CharField("trích yếu công văn", max_length=500)
    letter_number = models.CharField("số, ký hiệu công văn", max_length=60)
    letter_date = models.DateField("ngày công văn")
    period_kind = models.CharField("kỳ báo cáo", max_length=12, choices=PeriodKind.choices)
    period_start = models.DateField("từ ngày")
    period_end = models.DateField("đến ngày")
    data_cutoff = models.DateField("số liệu tính đến ngày")
    deadline = models.DateField("hạn nộp")
    state = FSMField("trạng thái", default=State.DRAFT, choices=State.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReportRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "yêu cầu báo cáo"
        verbose_name_plural = "yêu cầu báo cáo"
        ordering = ["-letter_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="report_request_period",
                violation_error_message="Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.",
            ),
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("letter_date")),
                name="report_request_deadline",
                violation_error_message="Hạn nộp báo cáo không được trước ngày ban hành công văn.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.letter_number} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("reports:request", args=[self.pk])

    @property
    def audit_organisation_id(self) -> int:
        return self.board_id

    @property
    def period_label(self) -> str:
        """ "6 tháng đầu năm 2026", "năm 2025", "giai đoạn 2022–2026"."""
        start, end = self.period_start, self.period_end
        if self.period_kind == PeriodKind.FIRST_HALF:
            return f"6 tháng đầu năm {start.year}"
        if self.period_kind == PeriodKind.YEAR:
            return f"năm {start.year}"
        if self.period_kind == PeriodKind.PHASE:
            return f"giai đoạn {start.year}–{end.year}"
        return f"từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"

    @transition(field=state, source=State.DRAFT, target=State.ISSUED)
    def issue(self):
        pass

    @transition(field=state, source=[State.ISSUED, State.COLLECTING], target=State.COLLECTING)
    def start_collecting(self):
        pass

    @transition(field=state, source=[State.ISSUED, State.COLLECTING], target=State.CONSOLIDATED)
    def consolidate(self):
        pass

    @transition(field=state, source=State.CONSOLIDATED, target=State.CLOSED)
    def close(self):
        pass


class ReportText(models.Model):
    """The seed report's parts, shared by a body's submission and the board's consolidation."""

    summary = models.CharField("trích yếu", max_length=500, blank=True)
    opening = models.TextField("mở đầu", blank=True)
    regular_results = models.TextField("I.1.1. Kết quả nội dung phối hợp thường xuyên", blank=True)
    issue_results = models.TextField(
        "I.1.2. Kết quả phối hợp giải quyết vấn đề nổi cộm", blank=True
    )
    strengths = models.TextField("I.2.1. Ưu điểm", blank=True)
    limitations = models.TextField("I.2.2. Hạn chế và nguyên nhân", blank=True)
    priorities = models.TextField("II. Nhiệm vụ trọng tâm (mỗi dòng một nhiệm vụ)", blank=True)
    closing = models.TextField("kết thúc", blank=True)
    recipients = models.TextField("nơi nhận (mỗi dòng một nơi)", blank=True)
    figures = models.JSONField("bảng số liệu", default=list, blank=True)
    # Signature block: "TM. THƯỜNG TRỰC HĐND / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / name".
    authority = models.CharField("thẩm quyền ký", max_length=10, blank=True)
    signing_body = models.CharField("tập thể (sau TM.)", max_length=200, blank=True)
    deputy_authority = models.CharField("ký thay (KT.)", max_length=10, blank=True)
    head_title = models.CharField("chức vụ người đứng đầu", max_length=150, blank=True)
    signatory_title = models.CharField("chức vụ người ký", max_length=150, blank=True)
    signatory_name = models.CharField("người ký", max_length=150, blank=True)
    number = models.CharField("số, ký hiệu", max_length=60, blank=True)
    signed_on = models.DateField("ngày ký", null=True, blank=True)

    TEXT_FIELDS = [
        "summary",
        "opening",
        "regular_results",
        "issue_results",
        "strengths",
        "limitations",
        "priorities",
        "closing",
        "recipients",
    ]
    SIGNATURE_FIELDS = [
        "authority",
        "signing_body",
        "deputy_authority",
        "head_title",
        "signatory_title",
        "signatory_name",
    ]

    class Meta:
        abstract = True


class ReportSubmissionQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """The body's own report, and every report sent to a board the actor sees."""
        if actor.sees_everything:
            return self.all()
        return self.filter(
            path_filter("organisation_path", actor.scope_paths)
            | path_filter("request__board__path", actor.scope_paths)
        )


class ReportSubmission(ReportText):
    """One recipient's report for one request."""

    class State(models.TextChoices):
        NOT_STARTED = "not_started", "Chưa bắt đầu"
        DRAFTING = "drafting", "Đang soạn"
        INTERNAL_REVIEW = "internal_review", "Đang trình lãnh đạo"
        SIGNED = "signed", "Đã ký"
        SUBMITTED = "submitted", "Đã gửi Ban"
        ACCEPTED = "accepted", "Ban đã tiếp nhận"
        RETURNED = "returned", "Bị trả lại"

    EDITABLE_STATES = [State.NOT_STARTED, State.DRAFTING, State.RETURNED]
    DELIVERED_STATES = [State.SUBMITTED, State.ACCEPTED]

    request = models.ForeignKey(ReportRequest, models.CASCADE, related_name="submissions")
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="report_submissions", verbose_name="cơ quan"
    )
    # The body's tree path, denormalised so scoping and the grid filter without joins.
    organisation_path = models.CharField(max_length=255, editable=False, db_index=True)
    state = FSMField("trạng thái", default=State.NOT_STARTED, choices=State.choices)
    stale_flags = models.JSONField("đoạn cần rà soát", default=list, blank=True)
    stale_acknowledged = models.BooleanField("đã rà soát các đoạn cũ", default=False)
    prefilled_from = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    return_reason = models.TextField("lý do trả lại", blank=True)
    first_submitted_on = models.DateField("ngày gửi lần đầu", null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    objects = ReportSubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = "báo cáo của cơ quan"
        verbose_name_plural = "báo cáo của cơ quan"
        ordering = ["request", "organisation_path"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "organisation"], name="report_submission_once"
            )
        ]
        indexes = [models.Index(fields=["request", "state"])]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.request.letter_number}"

    def get_absolute_url(self) -> str:
        return reverse("reports:submission", args=[self.pk])

    @property
    def audit_organisation_id(self) -> int:
        return self.organisation_id

    def is_overdue(self, today: date) -> bool:
        """Not delivered and the deadline has passed (derived, never stored)."""
        return self.first_submitted_on is None and today > self.request.deadline

    @property
    def on_time(self) -> bool | None:
        if self.first_submitted_on is None:
            return None
        return self.first_submitted_on <= self.request.deadline

    @transition(field=state, source=[State.NOT_STARTED, State.RETURNED], target=State.DRAFTING)
    def start(self):
        pass

    @transition(field=state, source=State.DRAFTING, target=State.INTERNAL_REVIEW)
    def send_for_review(self):
        pass

    @transition(field=state, source=State.INTERNAL_REVIEW, target=State.DRAFTING)
    def back_to_drafting(self):
        pass

    @transition(field=state, source=State.INTERNAL_REVIEW, target=State.SIGNED)
    def sign(self):
        pass

    @transition(field=state, source=State.SIGNED, target=State.SUBMITTED)
    def submit(self):
        pass

    @transition(field=state, source=State.SUBMITTED, target=State.ACCEPTED)
    def accept(self):
        pass

    @transition(field=state, source=State.SUBMITTED, target=State.RETURNED)
    def return_(self):
        pass


class ConsolidationQuerySet(ScopedThroughQuerySet):
    scope_through = "request"

    def visible_to(self, actor):
        """The consolidated report is the board's: only those who see the board."""
        if actor.sees_everything:
            return self.all()
        return self.filter(path_filter("request__board__path", actor.scope_paths))


class Consolidation(ReportText):
    """The board's consolidated report for a request, drafted from the accepted submissions
    and its subtree's statistics; editable until it is issued."""

    request = models.OneToOneField(ReportRequest, models.CASCADE, related_name="consolidation")
    missing = models.JSONField("cơ quan chưa báo cáo", default=list, blank=True)
    issued = models.BooleanField("đã ban hành", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConsolidationQuerySet.as_manager()

    class Meta:
        verbose_name = "báo cáo tổng hợp"
        verbose_name_plural = "báo cáo tổng hợp"

    def __str__(self) -> str:
        return f"Báo cáo tổng hợp — {self.request.letter_number}"

    def get_absolute_url(self) -> str:
        return reverse("reports:consolidation", args=[self.request_id])

    @property
    def audit_organisation_id(self) -> int:
        return self.request.board_id

"""Reporting (RPT): templates as regime data, report requests, submissions, consolidation.

A board asks the bodies within its reach for a report by official letter (`ReportRequest`);
each recipient writes one `ReportSubmission` in the seed report's structure; the board
consolidates the accepted ones into a `Consolidation`. State changes are django-fsm-2
transitions declared here; the `services` package is the only caller and records every one.
"""

from __future__ import annotations

from datetime import date
from enum import nonmember

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django_fsm import FSMField, transition

from phoihop.core.scoping import ScopedQuerySet, ScopedThroughQuerySet, path_filter
from phoihop.core.tones import Tone, TonedChoices
from phoihop.organisations.models import Organisation
from phoihop.programmes.models import Regime

# {regime}: the regime cited by its document ("Quyết định số 238-QĐ/TW"), from its data.
DEFAULT_SUMMARY = "Kết quả thực hiện {programme} theo {regime} {period}"
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


class Timeliness(TonedChoices):
    """Where a body's report for a request stands against the deadline (worked out, not stored)."""

    ON_TIME = "on_time", "Đúng hạn"
    LATE = "late", "Trễ hạn"
    MISSING = "missing", "Chưa nộp (quá hạn)"
    PENDING = "pending", "Chưa nộp (còn hạn)"
    NOT_EXPECTED = "not_expected", "Không tính"

    TONES = nonmember(
        {
            "on_time": Tone.SUCCESS,
            "late": Tone.WARNING,
            "missing": Tone.DANGER,
            "pending": Tone.INFO,
            "not_expected": Tone.LIGHT,
        }
    )


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

    class State(TonedChoices, tone=Tone.LIGHT):  # one tone for every state, as before
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
    # The letter as sent through information exchange (XCH), set when the request is issued.
    dispatch = models.OneToOneField(
        "exchange.Dispatch",
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="report_request",
        verbose_name="công văn đã gửi",
    )
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

    class State(TonedChoices, tone=Tone.SECONDARY):  # one tone for every state, as before
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
    # Not a column: the letter's delivery to this body, set for display by
    # `selectors.request_page`.
    letter_state: str

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


# --- review conferences, awards, evaluations ---------------------------------------------------
class ReviewConferenceQuerySet(ScopedQuerySet):
    scope_path_lookup = "board__path"

    def visible_to(self, actor):
        """The board's conferences, and those a body the actor sees takes part in."""
        if actor.sees_everything:
            return self.all()
        taking_part = Organisation.objects.filter(
            path_filter("path", actor.scope_paths), review_conferences=OuterRef("pk")
        )
        return self.filter(path_filter("board__path", actor.scope_paths) | Exists(taking_part))


class ReviewConference(models.Model):
    """The January preliminary review (sơ kết) or a phase's final review (tổng kết)."""

    class Kind(models.TextChoices):
        PRELIMINARY = "preliminary", "Sơ kết năm"
        FINAL = "final", "Tổng kết giai đoạn"

    class State(TonedChoices, tone=Tone.LIGHT):  # one tone for every state, as before
        PLANNED = "planned", "Đang chuẩn bị"
        INVITED = "invited", "Đã gửi giấy mời"
        HELD = "held", "Đã tổ chức"
        CONCLUDED = "concluded", "Đã ban hành kết luận"

    board = models.ForeignKey(
        Organisation, models.PROTECT, related_name="+", verbose_name="Ban chủ trì"
    )
    kind = models.CharField("loại hội nghị", max_length=12, choices=Kind.choices)
    title = models.CharField("tên hội nghị", max_length=500)
    period_start = models.DateField("kỳ đánh giá từ ngày")
    period_end = models.DateField("đến ngày")
    held_on = models.DateField("ngày tổ chức")
    venue = models.CharField("địa điểm", max_length=255, blank=True)
    invitation_number = models.CharField("số giấy mời", max_length=60, blank=True)
    invitation_date = models.DateField("ngày giấy mời", null=True, blank=True)
    participants = models.ManyToManyField(
        Organisation, related_name="review_conferences", blank=True, verbose_name="thành phần"
    )
    conclusion_number = models.CharField("số thông báo kết luận", max_length=60, blank=True)
    state = FSMField("trạng thái", default=State.PLANNED, choices=State.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReviewConferenceQuerySet.as_manager()

    class Meta:
        verbose_name = "hội nghị sơ kết, tổng kết"
        verbose_name_plural = "hội nghị sơ kết, tổng kết"
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="review_conference_period",
                violation_error_message="Ngày kết thúc kỳ đánh giá phải sau ngày bắt đầu.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:conference", args=[self.pk])

    @property
    def audit_organisation_id(self) -> int:
        return self.board_id

    @transition(field=state, source=State.PLANNED, target=State.INVITED)
    def invite(self):
        pass

    @transition(field=state, source=[State.PLANNED, State.INVITED], target=State.HELD)
    def hold(self):
        pass

    @transition(field=state, source=State.HELD, target=State.CONCLUDED)
    def conclude(self):
        pass


class ConferenceDocumentQuerySet(ScopedThroughQuerySet):
    scope_through = "conference"


class ConferenceDocument(models.Model):
    """A paper of the conference: the review report, a presentation, the minutes…"""

    conference = models.ForeignKey(ReviewConference, models.CASCADE, related_name="documents")
    title = models.CharField("tên tài liệu", max_length=255)
    link = models.URLField("đường dẫn", blank=True, max_length=500)
    consolidation = models.ForeignKey(
        Consolidation, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ConferenceDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "tài liệu hội nghị"
        verbose_name_plural = "tài liệu hội nghị"
        ordering = ["conference", "pk"]

    def __str__(self) -> str:
        return self.title


class ConclusionQuerySet(ScopedThroughQuerySet):
    scope_through = "conference"


class Conclusion(models.Model):
    """One conclusion of a conference; it becomes a task in next year's plan."""

    conference = models.ForeignKey(ReviewConference, models.CASCADE, related_name="conclusions")
    text = models.TextField("nội dung kết luận")
    lead = models.ForeignKey(
        Organisation, models.PROTECT, related_name="+", verbose_name="cơ quan chủ trì"
    )
    due = models.DateField("thời hạn")
    task = models.OneToOneField(
        "programmes.Task", models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ConclusionQuerySet.as_manager()

    class Meta:
        verbose_name = "kết luận hội nghị"
        verbose_name_plural = "kết luận hội nghị"
        ordering = ["conference", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def audit_organisation_id(self) -> int:
        return self.lead_id


class AwardQuerySet(ScopedQuerySet):
    scope_path_lookup = "board__path"

    def visible_to(self, actor):
        if actor.sees_everything:
            return self.all()
        return self.filter(
            path_filter("board__path", actor.scope_paths)
            | path_filter("organisation__path", actor.scope_paths)
        )


class Award(models.Model):
    """A commendation (bằng khen) for a body or an official: proposed → approved → presented."""

    class State(TonedChoices, tone=Tone.LIGHT):  # one tone for every state, as before
        PROPOSED = "proposed", "Đề nghị"
        APPROVED = "approved", "Đã có quyết định"
        PRESENTED = "presented", "Đã trao"

    board = models.ForeignKey(Organisation, models.PROTECT, related_name="+", verbose_name="Ban")
    conference = models.ForeignKey(
        ReviewConference, models.SET_NULL, null=True, blank=True, related_name="awards"
    )
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="awards", verbose_name="tập thể (cơ quan)"
    )
    official = models.CharField(
        "cá nhân (nếu khen cá nhân)",
        max_length=150,
        blank=True,
        help_text="Họ tên và chức vụ cán bộ của cơ quan được khen.",
    )
    title = models.CharField("hình thức khen", max_length=200, default="Bằng khen")
    reason = models.TextField("thành tích")
    decision_reference = models.CharField("số quyết định khen thưởng", max_length=80, blank=True)
    decided_on = models.DateField("ngày quyết định", null=True, blank=True)
    presented_on = models.DateField("ngày trao", null=True, blank=True)
    state = FSMField("trạng thái", default=State.PROPOSED, choices=State.choices)

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = "khen thưởng"
        verbose_name_plural = "khen thưởng"
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.title} — {self.official or self.organisation}"

    @property
    def audit_organisation_id(self) -> int:
        return self.organisation_id

    @transition(field=state, source=State.PROPOSED, target=State.APPROVED)
    def approve(self):
        pass

    @transition(field=state, source=State.APPROVED, target=State.PRESENTED)
    def present(self):
        pass


class EvaluationCriterion(models.Model):
    """One scored criterion of a body's evaluation, as regime data: the ratio of two report
    figures (numerator / denominator, by key) and its weight. A criterion whose denominator is
    absent or zero for a body does not apply, and the other weights are scaled up."""

    regime = models.ForeignKey(Regime, models.CASCADE, related_name="evaluation_criteria")
    label = models.CharField("tiêu chí", max_length=200)
    numerator_key = models.CharField("số liệu tử số", max_length=80)
    denominator_key = models.CharField("số liệu mẫu số", max_length=80)
    weight = models.PositiveSmallIntegerField("trọng số (%)")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "tiêu chí đánh giá"
        verbose_name_plural = "tiêu chí đánh giá"
        ordering = ["regime", "order", "pk"]

    def __str__(self) -> str:
        return self.label

"""Coordination programmes (PRG): the regime as data, programmes and parties, plans, tasks, outputs.

State changes are django-fsm-2 transitions declared here; `services.py` is the only caller, and it
records every transition on the object's timeline (the audit trail).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django_fsm import FSMField, transition
from simple_history.manager import HistoricalQuerySet
from simple_history.models import HistoricalRecords

from phoihop.core.attachments import StoredFile
from phoihop.core.scoping import ScopedQuerySet, ScopedThroughQuerySet, path_filter
from phoihop.organisations.models import Organisation


def default_report_reminders() -> list[int]:
    return [5, 2, 0]


class RegimeQuerySet(models.QuerySet):
    def current(self) -> Regime | None:
        """The regime in force (one at a time; None before the first is loaded)."""
        return self.filter(is_current=True).first()


class Regime(models.Model):
    """A coordination regime with its default deadlines, as data.

    The regime is the document that issues it (FORMATS.md: "Quyết định số 238-QĐ/TW ngày
    30/9/2020 của Ban Bí thư", a Decision) and the regulation it issues ("Quy chế phối hợp…").
    Every page and document cites it from these fields, never from text typed elsewhere.
    """

    document_type = models.CharField("loại văn bản", max_length=40, default="Quyết định")
    code = models.CharField("số hiệu", max_length=40, unique=True)
    issued_on = models.DateField("ngày ban hành")
    issuer = models.CharField("cơ quan ban hành", max_length=120, default="Ban Bí thư")
    title = models.CharField("tên quy chế ban hành kèm theo", max_length=255)
    is_current = models.BooleanField("đang áp dụng", default=False)
    predecessor = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="successors"
    )
    # Reminders before a task's due date and escalations after it, in working days.
    reminder_days = models.JSONField("nhắc trước hạn (ngày làm việc)", default=list)
    escalate_focal_leader_after = models.PositiveSmallIntegerField(
        "báo lãnh đạo đầu mối sau hạn (ngày làm việc)", default=1
    )
    escalate_board_leader_after = models.PositiveSmallIntegerField(
        "báo lãnh đạo Ban sau hạn (ngày làm việc)", default=5
    )
    # Information exchange (XCH): a dispatch's default reply deadline.
    dispatch_reply_working_days = models.PositiveSmallIntegerField(
        "hạn trả lời công văn (ngày làm việc)", default=5
    )
    # Complex or sensitive cases (INC): the board's acknowledgement and the orientation plan.
    incident_ack_working_hours = models.PositiveSmallIntegerField(
        "hạn Ban tiếp nhận thông báo vụ việc (giờ làm việc)", default=2
    )
    orientation_high_severity_hours = models.PositiveSmallIntegerField(
        "hạn thống nhất phương án định hướng, vụ việc mức cao (giờ)", default=24
    )
    orientation_working_days = models.PositiveSmallIntegerField(
        "hạn thống nhất phương án định hướng, các vụ việc khác (ngày làm việc)", default=3
    )
    # Reporting (RPT): a report request's default deadline and its reminders.
    report_due_working_days = models.PositiveSmallIntegerField(
        "hạn nộp báo cáo sau khi yêu cầu (ngày làm việc)", default=10
    )
    report_reminder_days = models.JSONField(
        "nhắc trước hạn nộp báo cáo (ngày làm việc)", default=default_report_reminders
    )
    # Reviews (RPT): the annual preliminary review in the first half of January, the final
    # review of a phase within a few months of its end.
    preliminary_review_by_day = models.PositiveSmallIntegerField(
        "sơ kết năm: tổ chức trước ngày (tháng 1)", default=15
    )
    final_review_within_months = models.PositiveSmallIntegerField(
        "tổng kết giai đoạn: trong vòng (tháng sau khi kết thúc)", default=3
    )
    history = HistoricalRecords()

    objects = RegimeQuerySet.as_manager()

    class Meta:
        verbose_name = "quy chế phối hợp"
        verbose_name_plural = "quy chế phối hợp"
        ordering = ["-issued_on"]

    def __str__(self) -> str:
        return self.code

    @property
    def short_citation(self) -> str:
        """ "Quyết định số 238-QĐ/TW" (for a summary line)."""
        return f"{self.document_type} số {self.code}"

    @property
    def citation(self) -> str:
        """ "Quyết định số 238-QĐ/TW ngày 30/9/2020 của Ban Bí thư"."""
        day = self.issued_on
        return f"{self.short_citation} ngày {day.day}/{day.month}/{day.year} của {self.issuer}"

    @property
    def full_citation(self) -> str:
        """The citation with what it issues, for the grounds of a document ("… của Ban Bí thư
        ban hành Quy chế phối hợp…")."""
        return f"{self.citation} ban hành {self.title}"


class ContentItem(models.Model):
    """One content of coordination under a regime: regular (R1–R4) or issue-handling (I1–I2)."""

    class Group(models.TextChoices):
        REGULAR = "regular", "Nội dung phối hợp thường xuyên"
        ISSUE = "issue", "Phối hợp giải quyết vấn đề nổi cộm"

    regime = models.ForeignKey(Regime, models.CASCADE, related_name="content_items")
    code = models.CharField("mã", max_length=8)
    group = models.CharField("nhóm", max_length=8, choices=Group.choices)
    title = models.CharField("nội dung", max_length=500)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "nội dung phối hợp"
        verbose_name_plural = "nội dung phối hợp"
        ordering = ["regime", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["regime", "code"], name="content_item_code")]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class ProgrammeQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """Programmes to which a body the actor sees is a party, or which a body above the
        actor's signed (a department works under the people's committee's programme)."""
        if actor.sees_everything:
            return self.all()
        step = Organisation.steplen
        above = {p[:n] for p in actor.scope_paths for n in range(step, len(p), step)}
        parties = ProgrammeParty.objects.filter(
            path_filter("organisation__path", actor.scope_paths) | Q(organisation__path__in=above),
            programme=OuterRef("pk"),
        )
        return self.filter(Exists(parties))


class ProgrammeHistoryQuerySet(HistoricalQuerySet):
    def visible_to(self, actor):
        """Earlier versions of a programme are visible with the programme itself."""
        return self.filter(id__in=Programme.objects.visible_to(actor).values("pk"))


class ProgrammeHistoryScope(models.Model):
    """Base of the programme's history model, so even its default manager is scoped."""

    objects = ProgrammeHistoryQuerySet.as_manager()

    class Meta:
        abstract = True


class Programme(models.Model):
    """A signed coordination programme (or plan, with vertically managed bodies)."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", "Chương trình phối hợp"
        PLAN = "plan", "Kế hoạch phối hợp"

    class Basis(models.TextChoices):
        ANNUAL = "annual", "Hằng năm"
        PHASE = "phase", "Giai đoạn"
        PROJECT = "project", "Theo đề án, chuyên đề"

    class State(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        CONSULTING = "consulting", "Đang lấy ý kiến"
        AGREED = "agreed", "Đã thống nhất"
        SIGNED = "signed", "Đã ký kết"
        IN_FORCE = "in_force", "Đang thực hiện"
        UNDER_REVIEW = "under_review", "Đang sơ kết, tổng kết"
        CLOSED = "closed", "Đã kết thúc"
        SUPERSEDED = "superseded", "Đã được thay thế"
        CANCELLED = "cancelled", "Đã hủy"

    OPEN_STATES = [
        State.DRAFT,
        State.CONSULTING,
        State.AGREED,
        State.SIGNED,
        State.IN_FORCE,
        State.UNDER_REVIEW,
    ]

    regime = models.ForeignKey(Regime, models.PROTECT, verbose_name="quy chế")
    board = models.ForeignKey(
        Organisation, models.PROTECT, related_name="programmes", verbose_name="Ban chủ trì"
    )
    kind = models.CharField("loại", max_length=12, choices=Kind.choices, default=Kind.PROGRAMME)
    basis = models.CharField("thời hạn", max_length=8, choices=Basis.choices, default=Basis.PHASE)
    title = models.CharField("tên chương trình", max_length=500)
    grounds = models.TextField("căn cứ", blank=True)
    methods = models.TextField("phương thức phối hợp", blank=True)
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày")
    state = FSMField("trạng thái", default=State.DRAFT, choices=State.choices)
    successor = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="thay thế bởi"
    )
    cancel_reason = models.TextField("lý do hủy", blank=True)
    content_items = models.ManyToManyField(ContentItem, blank=True, verbose_name="nội dung")
    # Reminder and escalation settings for this programme; empty means the regime's defaults.
    reminder_days = models.JSONField(null=True, blank=True)
    escalate_focal_leader_after = models.PositiveSmallIntegerField(null=True, blank=True)
    escalate_board_leader_after = models.PositiveSmallIntegerField(null=True, blank=True)
    search_text = models.CharField(max_length=700, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(
        excluded_fields=["search_text", "state"],
        historical_queryset=ProgrammeHistoryQuerySet,
        bases=[ProgrammeHistoryScope],
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = "chương trình phối hợp"
        verbose_name_plural = "chương trình phối hợp"
        ordering = ["-start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="programme_period",
                violation_error_message="Ngày kết thúc phải sau ngày bắt đầu.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programmes:detail", args=[self.pk])

    @property
    def audit_organisation_id(self) -> int:
        return self.board_id

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @property
    def deadlines(self) -> tuple[list[int], int, int]:
        """(reminder days, focal-leader escalation, board-leader escalation) in working days:
        this programme's own settings, else its regime's defaults."""
        regime = self.regime
        return (
            self.reminder_days if self.reminder_days is not None else regime.reminder_days,
            self.escalate_focal_leader_after or regime.escalate_focal_leader_after,
            self.escalate_board_leader_after or regime.escalate_board_leader_after,
        )

    # --- transitions (conditions are checked by services with clear messages) ---------------
    @transition(field=state, source=State.DRAFT, target=State.CONSULTING)
    def submit_for_consultation(self):
        pass

    @transition(field=state, source=State.CONSULTING, target=State.DRAFT)
    def return_to_draft(self):
        pass

    @transition(field=state, source=State.CONSULTING, target=State.AGREED)
    def agree(self):
        pass

    @transition(field=state, source=State.AGREED, target=State.SIGNED)
    def sign(self):
        pass

    @transition(field=state, source=State.SIGNED, target=State.IN_FORCE)
    def bring_into_force(self):
        pass

    @transition(field=state, source=State.IN_FORCE, target=State.UNDER_REVIEW)
    def start_review(self):
        pass

    @transition(field=state, source=State.UNDER_REVIEW, target=State.CLOSED)
    def close(self):
        pass

    @transition(field=state, source=OPEN_STATES, target=State.SUPERSEDED)
    def supersede(self):
        pass

    @transition(field=state, source=OPEN_STATES, target=State.CANCELLED)
    def cancel(self):
        pass


class ProgrammePartyQuerySet(ScopedThroughQuerySet):
    scope_through = "programme"


class ProgrammeParty(models.Model):
    """A signing side: the board or a state body, with its own number, date and signatory."""

    programme = models.ForeignKey(Programme, models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="programme_parties", verbose_name="cơ quan"
    )
    signing_body = models.CharField(
        "cơ quan đứng tên ký",
        max_length=255,
        blank=True,
        help_text="Khi khác cơ quan, ví dụ Đảng đoàn HĐND tỉnh ký thay mặt HĐND.",
    )
    authority = models.CharField(
        "thẩm quyền ký", max_length=10, blank=True, help_text="TM., KT., Q., T/M, K/T…"
    )
    signatory_title = models.CharField("chức vụ người ký", max_length=150, blank=True)
    signatory_name = models.CharField("người ký", max_length=150, blank=True)
    document_number = models.CharField("số, ký hiệu văn bản của bên ký", max_length=60, blank=True)
    document_date = models.DateField("ngày ký", null=True, blank=True)

    objects = ProgrammePartyQuerySet.as_manager()

    class Meta:
        verbose_name = "bên ký kết"
        verbose_name_plural = "bên ký kết"
        ordering = ["programme", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"], name="programme_party_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.programme}"

    @property
    def audit_organisation_id(self) -> int:
        return self.organisation_id

    @property
    def has_signed(self) -> bool:
        return bool(self.document_number and self.document_date and self.signatory_name)


class AttachmentQuerySet(ScopedThroughQuerySet):
    scope_through = "programme"


class Attachment(StoredFile):
    """A file kept with a programme: the signed scan, an amendment, minutes…"""

    upload_folder = "programmes"

    programme = models.ForeignKey(Programme, models.CASCADE, related_name="attachments")

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = "tài liệu đính kèm"
        verbose_name_plural = "tài liệu đính kèm"
        ordering = ["-uploaded_at"]

    @property
    def audit_organisation_id(self) -> int:
        return self.programme.board_id


class AnnualPlanQuerySet(ScopedThroughQuerySet):
    scope_through = "programme"


class AnnualPlan(models.Model):
    """The tasks of one year under a programme."""

    programme = models.ForeignKey(Programme, models.CASCADE, related_name="plans")
    year = models.PositiveSmallIntegerField(
        "năm", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    agreed_on = models.DateField("ngày thống nhất", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AnnualPlanQuerySet.as_manager()

    class Meta:
        verbose_name = "kế hoạch năm"
        verbose_name_plural = "kế hoạch năm"
        ordering = ["programme", "year"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="one_plan_a_year")
        ]

    def __str__(self) -> str:
        return f"Kế hoạch năm {self.year} — {self.programme}"

    def get_absolute_url(self) -> str:
        return reverse("programmes:plan", args=[self.pk])

    @property
    def audit_organisation_id(self) -> int:
        return self.programme.board_id


class TaskQuerySet(ScopedThroughQuerySet):
    scope_through = "plan"


class Task(models.Model):
    class State(models.TextChoices):
        PROPOSED = "proposed", "Đề xuất"
        AGREED = "agreed", "Đã thống nhất"
        ASSIGNED = "assigned", "Đã giao"
        IN_PROGRESS = "in_progress", "Đang thực hiện"
        DONE = "done", "Đã hoàn thành"
        CONFIRMED = "confirmed", "Ban đã xác nhận"
        DEFERRED = "deferred", "Lùi thời hạn"
        CANCELLED = "cancelled", "Đã hủy"
        CARRIED_OVER = "carried_over", "Chuyển sang năm sau"

    class OutputKind(models.TextChoices):
        ARTICLE_SERIES = "article_series", "Loạt bài, tin bài"
        CONFERENCE = "conference", "Hội nghị, hội thảo"
        MATERIAL = "material", "Tài liệu tuyên truyền"
        PRESS_BRIEFING = "press_briefing", "Họp báo, cung cấp thông tin"
        REPORT = "report", "Báo cáo"
        OTHER = "other", "Khác"

    OPEN_STATES = [
        State.PROPOSED,
        State.AGREED,
        State.ASSIGNED,
        State.IN_PROGRESS,
        State.DEFERRED,
    ]
    WORKING_STATES = [State.AGREED, State.ASSIGNED, State.IN_PROGRESS, State.DEFERRED]
    FINISHED_STATES = [State.DONE, State.CONFIRMED]

    plan = models.ForeignKey(AnnualPlan, models.CASCADE, related_name="tasks")
    title = models.CharField("nhiệm vụ", max_length=500)
    description = models.TextField("nội dung cụ thể", blank=True)
    content_items = models.ManyToManyField(ContentItem, blank=True, verbose_name="thuộc nội dung")
    lead = models.ForeignKey(
        Organisation, models.PROTECT, related_name="led_tasks", verbose_name="đơn vị chủ trì"
    )
    due = models.DateField("thời hạn")
    expected_output = models.CharField(
        "sản phẩm dự kiến", max_length=20, choices=OutputKind.choices, default=OutputKind.OTHER
    )
    progress = models.PositiveSmallIntegerField(
        "tiến độ (%)", default=0, validators=[MaxValueValidator(100)]
    )
    state = FSMField("trạng thái", default=State.PROPOSED, choices=State.choices)
    reason = models.TextField("lý do (hủy, lùi hạn)", blank=True)
    carried_to = models.OneToOneField(
        "self", models.SET_NULL, null=True, blank=True, related_name="carried_from"
    )
    # The lead body's tree path, denormalised so "my work" and dashboards filter without joins.
    lead_path = models.CharField(max_length=255, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TaskQuerySet.as_manager()
    # Not a column: (action, label) the actor may take, set for the plan board by
    # `selectors.plan_detail_context`.
    actions: list[tuple[str, str]]

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["plan", "state"]), models.Index(fields=["state", "due"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programmes:task", args=[self.pk])

    @property
    def audit_organisation_id(self) -> int:
        return self.lead_id

    @transition(field=state, source=State.PROPOSED, target=State.AGREED)
    def agree(self):
        pass

    @transition(field=state, source=[State.AGREED, State.ASSIGNED], target=State.ASSIGNED)
    def assign(self):
        pass

    @transition(
        field=state, source=[State.ASSIGNED, State.AGREED, State.DEFERRED], target=State.IN_PROGRESS
    )
    def start(self):
        pass

    @transition(field=state, source=[State.ASSIGNED, State.IN_PROGRESS], target=State.DONE)
    def finish(self):
        pass

    @transition(field=state, source=State.DONE, target=State.IN_PROGRESS)
    def reopen(self):
        pass

    @transition(field=state, source=State.DONE, target=State.CONFIRMED)
    def confirm(self):
        pass

    @transition(field=state, source=WORKING_STATES, target=State.DEFERRED)
    def defer(self):
        pass

    @transition(field=state, source=OPEN_STATES, target=State.CANCELLED)
    def cancel(self):
        pass

    @transition(field=state, source=OPEN_STATES, target=State.CARRIED_OVER)
    def carry_over(self):
        pass


class AssignmentQuerySet(ScopedThroughQuerySet):
    scope_through = "task"


class Assignment(models.Model):
    """A co-operating body's part of a task, with its own due date."""

    task = models.ForeignKey(Task, models.CASCADE, related_name="assignments")
    organisation = models.ForeignKey(
        Organisation,
        models.PROTECT,
        related_name="task_assignments",
        verbose_name="đơn vị phối hợp",
    )
    due = models.DateField("thời hạn")
    note = models.CharField("phần việc", max_length=500, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = "phân công phối hợp"
        verbose_name_plural = "phân công phối hợp"
        constraints = [
            models.UniqueConstraint(fields=["task", "organisation"], name="assignment_once")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.task}"

    @property
    def audit_organisation_id(self) -> int:
        return self.organisation_id


class OutputQuerySet(ScopedThroughQuerySet):
    scope_through = "task"


class Output(models.Model):
    """Evidence that a task produced something: an article series, a conference, a report…"""

    task = models.ForeignKey(Task, models.CASCADE, related_name="outputs")
    kind = models.CharField("loại sản phẩm", max_length=20, choices=Task.OutputKind.choices)
    title = models.CharField("tên sản phẩm", max_length=500)
    produced_on = models.DateField("ngày")
    link = models.URLField("đường dẫn", blank=True, max_length=500)
    file = models.FileField("tệp đính kèm", upload_to="outputs/%Y/", blank=True)
    count = models.PositiveIntegerField("số lượng", default=1)
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="+", verbose_name="đơn vị thực hiện"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OutputQuerySet.as_manager()

    class Meta:
        verbose_name = "sản phẩm, kết quả"
        verbose_name_plural = "sản phẩm, kết quả"
        ordering = ["-produced_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_organisation_id(self) -> int:
        return self.organisation_id

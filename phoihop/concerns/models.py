"""Issues of public concern (CNC): topics, never people.

A concern records what, where (communes), which sector, from which kinds of source, how widespread
and which way it is trending. It travels board → council's standing committee → the council's
written request to the people's committee → agencies → answer → the council's supervision →
closed, or is transferred to the competent body. Every step is a `ConcernStep` (with its document
reference and date) and an audit event; the body that owns the next move is always `owner`.

State changes are django-fsm-2 transitions declared here; `services/transitions.py` is the
only caller.
"""

from enum import nonmember

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django_fsm import FSMField, transition

from phoihop.core.scoping import ScopedQuerySet, ScopedThroughQuerySet, path_filter
from phoihop.core.tones import Tone, TonedChoices
from phoihop.organisations.models import AdminUnit, Organisation

SUMMARY_MAX = 10_000  # characters; a pasted 5 MB text is refused with a message


class Category(models.Model):
    """A sector of the configurable taxonomy, with its answer deadline in working days."""

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("lĩnh vực", max_length=120)
    deadline_working_days = models.PositiveSmallIntegerField(
        "hạn giải quyết (ngày làm việc)",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class ConcernQuerySet(ScopedQuerySet):
    scope_path_lookup = "board_path"

    def visible_to(self, actor):
        """Concerns captured by a board the actor sees, or handled by a body the actor sees
        (the council, the people's committee, an agency, the body it was transferred to)."""
        if actor.sees_everything:
            return self.all()
        paths = actor.scope_paths
        # An uncorrelated IN (…) is computed once (PostgreSQL hashes it); a correlated EXISTS
        # per row made the statistics 15× slower than their SQL on PostgreSQL.
        parties = ConcernParty.objects.filter(path_filter("organisation__path", paths))
        return self.filter(
            path_filter("board_path", paths) | Q(pk__in=parties.values("concern_id"))
        )

    def open(self):
        return self.filter(state__in=Concern.OPEN_STATES, merged_into__isnull=True)


class Concern(models.Model):
    class State(TonedChoices):
        CAPTURED = "captured", "Mới ghi nhận"
        TRIAGED = "triaged", "Đã phân loại"
        FORWARDED = "forwarded", "Đã chuyển Thường trực HĐND"
        REQUESTED = "requested", "HĐND đã có văn bản đề nghị UBND"
        ASSIGNED = "assigned", "UBND đã giao cơ quan"
        VERIFYING = "verifying", "Đang xác minh"
        ANSWERED = "answered", "Đã trả lời"
        SUPERVISING = "supervising", "HĐND đang giám sát"
        PARTLY_RESOLVED = "partly_resolved", "Giải quyết một phần"
        CLOSED = "closed", "Đã kết thúc"
        TRANSFERRED = "transferred", "Đã chuyển cơ quan có thẩm quyền"

        # Waiting to be triaged stands out; every step of the routing in between is "in hand".
        TONES = nonmember(
            {
                "captured": Tone.WARNING,
                "triaged": Tone.PRIMARY,
                "forwarded": Tone.PRIMARY,
                "requested": Tone.PRIMARY,
                "assigned": Tone.PRIMARY,
                "verifying": Tone.PRIMARY,
                "answered": Tone.PRIMARY,
                "supervising": Tone.PRIMARY,
                "partly_resolved": Tone.SECONDARY,
                "closed": Tone.SUCCESS,
                "transferred": Tone.INFO,
            }
        )

    class Scale(models.TextChoices):
        LOCAL = "local", "Một xã, phường"
        SEVERAL = "several", "Nhiều xã, phường"
        PROVINCE = "province", "Toàn tỉnh"
        NATIONAL = "national", "Nhiều tỉnh, cả nước"

    class Trend(models.TextChoices):
        RISING = "rising", "Tăng"
        STABLE = "stable", "Ổn định"
        FALLING = "falling", "Giảm"

    OPEN_STATES = [
        State.CAPTURED,
        State.TRIAGED,
        State.FORWARDED,
        State.REQUESTED,
        State.ASSIGNED,
        State.VERIFYING,
        State.ANSWERED,
        State.SUPERVISING,
        State.PARTLY_RESOLVED,
    ]
    FINISHED_STATES = [State.CLOSED, State.TRANSFERRED]
    TRANSFERABLE_STATES = [
        State.CAPTURED,
        State.TRIAGED,
        State.FORWARDED,
        State.REQUESTED,
        State.ASSIGNED,
        State.VERIFYING,
    ]

    board = models.ForeignKey(
        Organisation, models.PROTECT, related_name="concerns", verbose_name="Ban ghi nhận"
    )
    title = models.CharField("vấn đề", max_length=300)
    summary = models.TextField(
        "tóm tắt khách quan", validators=[MaxLengthValidator(SUMMARY_MAX)], blank=True
    )
    category = models.ForeignKey(Category, models.PROTECT, verbose_name="lĩnh vực")
    category_confirmed = models.BooleanField("lĩnh vực đã được xác nhận", default=False)
    places = models.ManyToManyField(
        AdminUnit, related_name="concerns", verbose_name="địa bàn (xã, phường)"
    )
    first_seen = models.DateField("xuất hiện từ ngày")
    scale = models.CharField("mức độ lan rộng", max_length=10, choices=Scale.choices)
    trend = models.CharField("xu hướng", max_length=10, choices=Trend.choices)
    state = FSMField("trạng thái", default=State.CAPTURED, choices=State.choices)
    # The body that owns the next move: never empty (the invariant the property tests check).
    owner = models.ForeignKey(
        Organisation, models.PROTECT, related_name="owned_concerns", verbose_name="đang xử lý"
    )
    council = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="+"
    )
    peoples_committee = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="+"
    )
    competent_body = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cơ quan có thẩm quyền (đã xác nhận)",
    )
    transferred_to = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="+"
    )
    council_request_number = models.CharField("số văn bản đề nghị", max_length=60, blank=True)
    council_request_date = models.DateField("ngày văn bản đề nghị", null=True, blank=True)
    answer = models.TextField("nội dung trả lời", blank=True)
    answer_document = models.CharField("văn bản trả lời", max_length=120, blank=True)
    answered_on = models.DateField("ngày trả lời", null=True, blank=True)
    due = models.DateField("hạn giải quyết", null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="merged"
    )
    task = models.ForeignKey(
        "programmes.Task",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="nhiệm vụ chương trình liên quan",
    )
    incident = models.ForeignKey(
        "incidents.Incident",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="vụ việc liên quan",
    )
    reopen_count = models.PositiveSmallIntegerField(default=0)
    # Denormalised (ARCHITECTURE.md, Performance by design): kept by the services.
    board_path = models.CharField(max_length=255, editable=False, db_index=True)
    owner_path = models.CharField(max_length=255, editable=False)
    province = models.ForeignKey(AdminUnit, models.PROTECT, related_name="+", editable=False)
    commune = models.ForeignKey(AdminUnit, models.PROTECT, related_name="+", editable=False)
    search_text = models.TextField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ConcernQuerySet.as_manager()

    class Meta:
        verbose_name = "vấn đề dư luận quan tâm"
        verbose_name_plural = "vấn đề dư luận quan tâm"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["board_path", "-created_at"], name="concern_board_newest"),
            models.Index(fields=["owner_path", "state"], name="concern_owner_state"),
            models.Index(fields=["province", "commune", "created_at"], name="concern_place"),
            # Covering indexes for the statistics: every column they filter, group or read is
            # in the index, so a count never touches the (wide) rows.
            models.Index(
                fields=[
                    "state",
                    "board_path",
                    "merged_into",
                    "due",
                    "owner",
                    "created_at",
                    "closed_at",
                ],
                name="concern_state_cover",
            ),
            # The tally groups by its first three columns in this order, so SQLite counts
            # while walking the index, without sorting and without reading a row.
            models.Index(
                fields=["category", "commune", "state", "board_path", "merged_into", "created_at"],
                name="concern_tally_cover",
            ),
            models.Index(
                fields=["commune", "board_path", "merged_into", "created_at"],
                name="concern_commune_cover",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("concerns:detail", args=[self.pk])

    @property
    def audit_organisation_id(self) -> int:
        return self.board_id

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    # --- transitions (conditions are checked by services with clear messages) ---------------
    @transition(field=state, source=State.CAPTURED, target=State.TRIAGED)
    def triage(self):
        pass

    @transition(field=state, source=State.TRIAGED, target=State.FORWARDED)
    def forward(self):
        pass

    @transition(field=state, source=State.FORWARDED, target=State.REQUESTED)
    def request(self):
        pass

    @transition(field=state, source=[State.REQUESTED, State.PARTLY_RESOLVED], target=State.ASSIGNED)
    def assign(self):
        pass

    @transition(field=state, source=State.ASSIGNED, target=State.VERIFYING)
    def verify(self):
        pass

    @transition(field=state, source=[State.ASSIGNED, State.VERIFYING], target=State.ANSWERED)
    def record_answer(self):
        pass

    @transition(field=state, source=State.ANSWERED, target=State.SUPERVISING)
    def supervise(self):
        pass

    @transition(
        field=state, source=[State.ANSWERED, State.SUPERVISING], target=State.PARTLY_RESOLVED
    )
    def partly_resolve(self):
        pass

    @transition(
        field=state,
        source=[State.ANSWERED, State.SUPERVISING, State.PARTLY_RESOLVED],
        target=State.CLOSED,
    )
    def close(self):
        pass

    @transition(field=state, source=TRANSFERABLE_STATES, target=State.TRANSFERRED)
    def transfer(self):
        pass

    @transition(field=state, source=FINISHED_STATES, target=State.TRIAGED)
    def reopen(self):
        pass


class ConcernPartyQuerySet(ScopedQuerySet):
    scope_path_lookup = "organisation__path"

    def visible_to(self, actor):
        return self.filter(concern__in=Concern.objects.visible_to(actor))


class ConcernParty(models.Model):
    """A body involved in a concern; a body sees the concerns it is a party to."""

    class Role(models.TextChoices):
        COUNCIL = "council", "Thường trực HĐND"
        COMMITTEE = "committee", "UBND"
        AGENCY = "agency", "Cơ quan được giao"
        TRANSFEREE = "transferee", "Cơ quan nhận chuyển"

    concern = models.ForeignKey(Concern, models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="+")
    role = models.CharField(max_length=12, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConcernPartyQuerySet.as_manager()

    class Meta:
        verbose_name = "cơ quan tham gia xử lý"
        verbose_name_plural = "cơ quan tham gia xử lý"
        constraints = [
            models.UniqueConstraint(
                fields=["concern", "organisation", "role"], name="concern_party_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"

    @property
    def audit_organisation_id(self) -> int:
        return self.organisation_id


class ConcernSourceQuerySet(ScopedThroughQuerySet):
    scope_through = "concern"


class ConcernSource(models.Model):
    """Where the concern was seen: the kind of source, never who raised it."""

    class Kind(models.TextChoices):
        OPINION_REPORT = "opinion_report", "Báo cáo dư luận xã hội"
        PRESS = "press", "Báo chí"
        VOTER_MEETING = "voter_meeting", "Tiếp xúc cử tri"
        LETTERS = "letters", "Đơn thư"
        HOTLINE = "hotline", "Đường dây nóng"
        ONLINE_POST = "online_post", "Bài đăng công khai trên mạng"

    concern = models.ForeignKey(Concern, models.CASCADE, related_name="sources")
    kind = models.CharField("loại nguồn", max_length=16, choices=Kind.choices)
    url = models.URLField("đường dẫn công khai", max_length=500, blank=True)
    seen_on = models.DateField("ngày ghi nhận", null=True, blank=True)

    objects = ConcernSourceQuerySet.as_manager()

    class Meta:
        verbose_name = "nguồn thông tin"
        verbose_name_plural = "nguồn thông tin"

    def __str__(self) -> str:
        return self.get_kind_display()


class ConcernStepQuerySet(ScopedThroughQuerySet):
    scope_through = "concern"


class ConcernStep(models.Model):
    """One link of the chain: what was done, the document that did it, and who owns it next."""

    concern = models.ForeignKey(Concern, models.CASCADE, related_name="steps")
    action = models.CharField(max_length=24)
    from_state = models.CharField(max_length=16, choices=Concern.State.choices, blank=True)
    to_state = models.CharField(max_length=16, choices=Concern.State.choices)
    owner = models.ForeignKey(Organisation, models.PROTECT, related_name="+")
    document_ref = models.CharField("số, ký hiệu văn bản", max_length=120, blank=True)
    document_date = models.DateField("ngày văn bản", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True, validators=[MaxLengthValidator(SUMMARY_MAX)])
    at = models.DateTimeField(auto_now_add=True)

    objects = ConcernStepQuerySet.as_manager()

    class Meta:
        verbose_name = "bước xử lý"
        verbose_name_plural = "bước xử lý"
        ordering = ["concern", "at", "pk"]
        indexes = [models.Index(fields=["action", "at"], name="concern_step_action_at")]

    def __str__(self) -> str:
        return f"{self.concern_id}: {self.action}"

    @property
    def audit_organisation_id(self) -> int:
        return self.owner_id


class ContactQuerySet(ScopedThroughQuerySet):
    scope_through = "concern"


class PetitionerContact(models.Model):
    """The petitioner's contact where a personal reply is legally owed: encrypted at rest,
    read only through `contacts.contact_read` (which logs the reason), purged after closure."""

    concern = models.OneToOneField(Concern, models.CASCADE, related_name="contact")
    ciphertext = models.BinaryField(editable=False)
    purged_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = "thông tin liên hệ người kiến nghị"
        verbose_name_plural = "thông tin liên hệ người kiến nghị"

    def __str__(self) -> str:
        return f"Liên hệ — vấn đề {self.concern_id}"

    @property
    def audit_organisation_id(self) -> int:
        return self.concern.board_id


class ContactRetention(models.Model):
    """How long contacts are kept after a concern closes; set by the data-protection officer."""

    months = models.PositiveSmallIntegerField(
        "lưu trữ sau khi kết thúc (tháng)",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "thời hạn lưu thông tin liên hệ"
        verbose_name_plural = "thời hạn lưu thông tin liên hệ"

    def __str__(self) -> str:
        return f"{self.months} tháng"


class ClaimQuerySet(ScopedQuerySet):
    scope_path_lookup = "board__path"


class Claim(models.Model):
    """A false or misleading public claim and the correction issued (content item R3).

    The claim, where it appeared and the correction: no author fields of any kind.
    """

    board = models.ForeignKey(
        Organisation, models.PROTECT, related_name="claims", verbose_name="Ban ghi nhận"
    )
    summary = models.TextField(
        "nội dung thông tin sai sự thật", validators=[MaxLengthValidator(SUMMARY_MAX)]
    )
    outlet = models.CharField("nơi xuất hiện", max_length=200)
    url = models.URLField("đường dẫn công khai", max_length=500, blank=True)
    first_seen = models.DateField("xuất hiện từ ngày")
    concern = models.ForeignKey(
        Concern, models.SET_NULL, null=True, blank=True, related_name="claims"
    )
    incident = models.ForeignKey(
        "incidents.Incident",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="vụ việc liên quan",
    )
    correction = models.TextField(
        "nội dung cải chính, giải thích", blank=True, validators=[MaxLengthValidator(SUMMARY_MAX)]
    )
    correction_reference = models.CharField(
        "văn bản hoặc đường dẫn cải chính", max_length=500, blank=True
    )
    corrected_on = models.DateField("ngày cải chính", null=True, blank=True)
    search_text = models.TextField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        verbose_name = "thông tin sai sự thật"
        verbose_name_plural = "thông tin sai sự thật"
        ordering = ["-first_seen", "-pk"]

    def __str__(self) -> str:
        return self.summary[:80]

    def get_absolute_url(self) -> str:
        return reverse("concerns:claim", args=[self.pk])

    @property
    def audit_organisation_id(self) -> int:
        return self.board_id


class SuggestionModel(models.Model):
    """A trained suggestion model, stored so every process loads the same artefact.

    `fingerprint` summarises the confirmed records it was trained on; the periodic job retrains
    only when it changes. Written only by `suggestions.retrain`.
    """

    target = models.CharField(max_length=16)  # "category" or "body"
    fingerprint = models.CharField(max_length=64)
    records = models.PositiveIntegerField()
    artefact = models.BinaryField()
    trained_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-trained_at", "-pk"]
        indexes = [models.Index(fields=["target", "-trained_at"], name="suggestion_latest")]

    def __str__(self) -> str:
        return f"{self.target} @ {self.trained_at:%Y-%m-%d %H:%M} ({self.records})"

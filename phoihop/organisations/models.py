"""The organisation tree (ORG): administrative units, bodies, lineage and focal points."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from phoihop.core.scoping import ScopedQuerySet


class AdminUnit(models.Model):
    """A province/city or a commune/ward/special zone, with its official code.

    Reference data loaded from `vietnam-provinces`; public to every signed-in user.
    """

    class Kind(models.TextChoices):
        PROVINCE = "province", "Tỉnh"
        CITY = "city", "Thành phố trực thuộc trung ương"
        COMMUNE = "commune", "Xã"
        WARD = "ward", "Phường"
        SPECIAL_ZONE = "special_zone", "Đặc khu"

    class Level(models.TextChoices):
        PROVINCE = "province", "Cấp tỉnh"
        COMMUNE = "commune", "Cấp xã"

    PROVINCE_KINDS = (Kind.PROVINCE, Kind.CITY)

    # Official codes are unique within a level only (ward 4 and province 4 both exist).
    level = models.CharField("cấp", max_length=8, choices=Level.choices)
    code = models.PositiveIntegerField("mã")
    name = models.CharField("tên", max_length=120)
    kind = models.CharField("loại", max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children"
    )
    codename = models.CharField(max_length=120)
    search_text = models.CharField(max_length=255, editable=False, db_index=True)
    # Not a column: how many current bodies an actor may see in a province, set by
    # `selectors.provinces_with_counts`.
    visible_body_count: int

    class Meta:
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"
        ordering = ["level", "code"]
        indexes = [models.Index(fields=["parent", "name"])]
        constraints = [
            models.UniqueConstraint(fields=["level", "code"], name="admin_unit_official_code")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:admin_unit", args=[self.pk])

    @property
    def is_province(self) -> bool:
        return self.kind in self.PROVINCE_KINDS


class OrganisationQuerySet(MP_NodeQuerySet, ScopedQuerySet):
    scope_path_lookup = "path"

    def current(self) -> OrganisationQuerySet:
        """Bodies that exist today: not dissolved, merged away or replaced."""
        return self.filter(valid_to__isnull=True)

    def active_on(self, day):
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


class OrganisationManager(MP_NodeManager):
    """Treebeard's manager (it needs `get_tree`, `tree_model`…) over our scoped queryset."""

    def get_queryset(self) -> OrganisationQuerySet:
        return OrganisationQuerySet(self.model, using=self._db).order_by("path")

    def visible_to(self, actor) -> OrganisationQuerySet:
        return self.get_queryset().visible_to(actor)

    def current(self) -> OrganisationQuerySet:
        return self.get_queryset().current()


class Organisation(MP_Node):
    """A body: the board, a Party committee, the council, the people's committee, a department…

    The tree follows political levels: the centre, then each province's Party committee with
    the bodies of that level beneath it, then each commune's Party committee with its bodies.
    A subtree is a path prefix, so "everything below X" is one indexed query.
    """

    class Kind(models.TextChoices):
        BOARD = "board", "Ban Tuyên giáo và Dân vận"
        PARTY_COMMITTEE = "party_committee", "Cấp ủy Đảng"
        COUNCIL_STANDING = "council_standing", "Thường trực HĐND"
        COUNCIL_COMMITTEE = "council_committee", "Ban của HĐND"
        PEOPLES_COMMITTEE = "peoples_committee", "Ủy ban nhân dân"
        DEPARTMENT = "department", "Sở, ngành"
        COURT = "court", "Tòa án nhân dân"
        PROCURACY = "procuracy", "Viện kiểm sát nhân dân"
        STATE_BANK = "state_bank", "Ngân hàng Nhà nước chi nhánh"
        SOCIAL_INSURANCE = "social_insurance", "Bảo hiểm xã hội"
        FATHERLAND_FRONT = "fatherland_front", "Mặt trận Tổ quốc"
        OTHER = "other", "Khác"

    class Side(models.TextChoices):
        PARTY = "party", "Khối Đảng"
        STATE = "state", "Khối Nhà nước"

    class Level(models.TextChoices):
        CENTRAL = "central", "Trung ương"
        PROVINCE = "province", "Cấp tỉnh"
        COMMUNE = "commune", "Cấp xã"

    name = models.CharField("tên cơ quan", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=60, blank=True)
    kind = models.CharField("loại cơ quan", max_length=24, choices=Kind.choices)
    side = models.CharField("khối", max_length=8, choices=Side.choices)
    level = models.CharField("cấp", max_length=8, choices=Level.choices)
    admin_unit = models.ForeignKey(
        AdminUnit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name="địa bàn đóng trụ sở",
    )
    # The province of the seat, denormalised so lists and counts group without joins.
    province = models.ForeignKey(
        AdminUnit, models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    symbol = models.CharField("ký hiệu viết tắt trên văn bản", max_length=30, blank=True)
    parent_name = models.CharField(
        "tên cơ quan chủ quản (dòng trên)",
        max_length=255,
        blank=True,
        help_text="Dòng in hoa phía trên tên cơ quan ban hành trong thể thức văn bản.",
    )
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    # Units are loaded with today's names; a body of an earlier period keeps its own.
    place_name = models.CharField(
        "địa danh trên văn bản",
        max_length=120,
        blank=True,
        help_text="Tên đơn vị hành chính nơi đóng trụ sở trong thời gian cơ quan hoạt động, "
        "nếu khác tên hiện nay (ví dụ trước khi sáp nhập); để trống thì dùng tên hiện nay.",
    )
    search_text = models.CharField(max_length=500, editable=False, db_index=True)

    # No `node_order_by`: sorted insertion would renumber the siblings' paths, and paths are
    # stored elsewhere (task.lead_path) and held by loaded objects. New bodies go last.
    objects = OrganisationManager()

    class Meta:
        verbose_name = "cơ quan"
        verbose_name_plural = "cơ quan"
        ordering = ["path"]
        indexes = [models.Index(fields=["province", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="organisation_valid_range",
                violation_error_message="Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", args=[self.pk])

    @property
    def audit_organisation_id(self) -> int:
        return self.pk

    def is_active_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )


class KindTitleQuerySet(models.QuerySet):
    def for_kind(self, kind: str) -> KindTitle | None:
        return self.filter(kind=kind).first()


class KindTitle(models.Model):
    """How a kind of body signs (ND30, HD36), as data: the head's title that "KT." and "Q."
    name ("Giám đốc", "Trưởng ban", "Chánh án"), the deputy's, and — for a body led
    collectively — the collective a "TM." speaks for ("Ủy ban nhân dân", "Thường trực HĐND").

    National reference data, loaded by a migration from `kind_titles.DEFAULTS`.
    """

    kind = models.CharField("loại cơ quan", max_length=24, choices=Organisation.Kind.choices)
    head_title = models.CharField("chức danh người đứng đầu", max_length=80, blank=True)
    deputy_title = models.CharField("chức danh cấp phó", max_length=80, blank=True)
    collective = models.CharField(
        "tập thể lãnh đạo (sau TM.)",
        max_length=120,
        blank=True,
        help_text="Để trống nếu cơ quan làm việc theo chế độ thủ trưởng.",
    )

    objects = KindTitleQuerySet.as_manager()

    class Meta:
        verbose_name = "chức danh ký theo loại cơ quan"
        verbose_name_plural = "chức danh ký theo loại cơ quan"
        ordering = ["kind"]
        constraints = [models.UniqueConstraint(fields=["kind"], name="kind_title_once")]

    def __str__(self) -> str:
        return self.get_kind_display()


class LineageQuerySet(ScopedQuerySet):
    scope_path_lookup = "successor__path"


class Lineage(models.Model):
    """One edge of a merge or split: `predecessor` became (part of) `successor` on `effective`.

    Records filed under the predecessor stay attributed to it; counts follow the edges that
    `carries_records` to the successor (every edge of a merge, one designated edge of a split).
    """

    class Kind(models.TextChoices):
        MERGE = "merge", "Hợp nhất, sáp nhập"
        SPLIT = "split", "Chia tách"

    predecessor = models.ForeignKey(Organisation, models.PROTECT, related_name="successor_links")
    successor = models.ForeignKey(Organisation, models.PROTECT, related_name="predecessor_links")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    effective = models.DateField("ngày hiệu lực")
    carries_records = models.BooleanField(default=True)
    basis = models.CharField("căn cứ (văn bản)", max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LineageQuerySet.as_manager()

    class Meta:
        verbose_name = "quan hệ kế thừa"
        verbose_name_plural = "quan hệ kế thừa"
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="lineage_unique_edge"
            ),
            models.UniqueConstraint(
                fields=["predecessor"],
                condition=Q(carries_records=True),
                name="lineage_one_record_carrier",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"

    @property
    def audit_organisation_id(self) -> int:
        return self.successor_id


class FocalPointQuerySet(ScopedQuerySet):
    scope_path_lookup = "organisation__path"


class FocalPoint(models.Model):
    """A body's focal points under the regime: one leader, one advisory unit, contact officers."""

    organisation = models.OneToOneField(Organisation, models.CASCADE, related_name="focal_point")
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name="lãnh đạo phụ trách",
    )
    advisory_unit = models.CharField("đơn vị tham mưu", max_length=255)
    contacts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name="cán bộ đầu mối"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = FocalPointQuerySet.as_manager()

    class Meta:
        verbose_name = "đầu mối phối hợp"
        verbose_name_plural = "đầu mối phối hợp"

    def __str__(self) -> str:
        return f"Đầu mối — {self.organisation}"

    @property
    def audit_organisation_id(self) -> int:
        return self.organisation_id

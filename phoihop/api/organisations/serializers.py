"""Shapes of the organisations API (bodies, the tree, administrative units): field mapping only,
no decisions (those live in the selectors and policies of `phoihop.organisations`)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from phoihop.accounts.models import User
from phoihop.organisations.models import AdminUnit, FocalPoint, Lineage, Organisation

from ..fields import RefSerializer

# --- Input ----------------------------------------------------------------------------------


class OrganisationFilterSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        max_length=200,
        help_text="Tìm không phân biệt dấu, hoa thường (ví dụ `quang ngai`).",
    )
    kind = serializers.ChoiceField(choices=Organisation.Kind.choices, required=False)
    province = serializers.IntegerField(
        required=False, min_value=1, help_text="Mã định danh (id) đơn vị hành chính cấp tỉnh."
    )
    active = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="`true`: chỉ cơ quan đang hoạt động hôm nay; `false`: chỉ cơ quan đã giải thể.",
    )


class TreeFilterSerializer(serializers.Serializer):
    parent = serializers.IntegerField(
        required=False, min_value=1, help_text="Cơ quan cha; bỏ trống để lấy các nút gốc."
    )


class AdminUnitFilterSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        max_length=200,
        help_text="Tìm theo tên, không phân biệt dấu, hoa thường.",
    )
    parent = serializers.IntegerField(
        required=False, min_value=1, help_text="Đơn vị cấp trên (tỉnh) để lấy các xã, phường."
    )
    level = serializers.ChoiceField(choices=AdminUnit.Level.choices, required=False)


# --- Output ---------------------------------------------------------------------------------


class PersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "full_name", "job_title", "email"]


class AdminUnitSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    parent = RefSerializer(allow_null=True)

    class Meta:
        model = AdminUnit
        fields = ["id", "code", "name", "kind", "kind_label", "level", "parent"]


class OrganisationSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    admin_unit = RefSerializer(allow_null=True)
    has_children = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "short_name",
            "kind",
            "kind_label",
            "side",
            "level",
            "depth",
            "admin_unit",
            "province",
            "valid_from",
            "valid_to",
            "numchild",
            "has_children",
        ]

    def get_has_children(self, organisation) -> bool:
        return organisation.numchild > 0


class TreeNodeSerializer(OrganisationSerializer):
    class Meta(OrganisationSerializer.Meta):
        fields = [
            *("id", "name", "short_name", "kind", "kind_label", "valid_to"),
            *("numchild", "has_children"),
        ]


class FocalPointSerializer(serializers.ModelSerializer):
    leader = PersonSerializer()
    contacts = PersonSerializer(many=True)

    class Meta:
        model = FocalPoint
        fields = ["leader", "advisory_unit", "contacts", "updated_at"]


class LineageLinkSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = Lineage
        fields = ["kind", "kind_label", "effective", "carries_records", "basis"]


class PredecessorSerializer(LineageLinkSerializer):
    organisation = RefSerializer(source="predecessor")

    class Meta(LineageLinkSerializer.Meta):
        fields = ["organisation", *LineageLinkSerializer.Meta.fields]


class SuccessorSerializer(LineageLinkSerializer):
    organisation = RefSerializer(source="successor")

    class Meta(LineageLinkSerializer.Meta):
        fields = ["organisation", *LineageLinkSerializer.Meta.fields]


class LineageSerializer(serializers.Serializer):
    predecessors = PredecessorSerializer(many=True)
    successors = SuccessorSerializer(many=True)


class OrganisationPermissionsSerializer(serializers.Serializer):
    can_manage = serializers.BooleanField()
    can_set_focal_point = serializers.BooleanField()


class OrganisationDetailSerializer(OrganisationSerializer):
    """One body with what the view gathered for it, handed over in the serializer context."""

    admin_unit = AdminUnitSerializer(allow_null=True)
    province = RefSerializer(allow_null=True)
    side_label = serializers.CharField(source="get_side_display")
    level_label = serializers.CharField(source="get_level_display")
    ancestors = serializers.SerializerMethodField()
    focal_point = serializers.SerializerMethodField()
    lineage = serializers.SerializerMethodField()
    permissions = serializers.SerializerMethodField()

    class Meta(OrganisationSerializer.Meta):
        fields = [
            *OrganisationSerializer.Meta.fields,
            *("side_label", "level_label", "symbol", "parent_name"),
            *("ancestors", "focal_point", "lineage", "permissions"),
        ]

    @extend_schema_field(RefSerializer(many=True))
    def get_ancestors(self, organisation) -> list:
        return RefSerializer(self.context["ancestors"], many=True).data

    @extend_schema_field(FocalPointSerializer(allow_null=True))
    def get_focal_point(self, organisation) -> dict | None:
        focal_point = self.context["focal_point"]
        return FocalPointSerializer(focal_point).data if focal_point else None

    @extend_schema_field(LineageSerializer)
    def get_lineage(self, organisation) -> dict:
        return LineageSerializer(self.context["lineage"]).data

    @extend_schema_field(OrganisationPermissionsSerializer)
    def get_permissions(self, organisation) -> dict:
        return OrganisationPermissionsSerializer(self.context["permissions"]).data

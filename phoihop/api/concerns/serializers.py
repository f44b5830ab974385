"""Shapes of the concerns API (CNC): field mapping only. Decisions stay in the services and
policies of `phoihop.concerns`. No serializer here carries a petitioner's contact: it is read
only through the dedicated, logged contact endpoint."""

from __future__ import annotations

from rest_framework import serializers

from phoihop.concerns.models import (
    SUMMARY_MAX,
    Category,
    Claim,
    Concern,
    ConcernSource,
    ConcernStep,
)
from phoihop.concerns.services.corrections import CLAIM_FIELDS
from phoihop.organisations.models import AdminUnit

from ..fields import CurrentOrganisationIdsField, EnumField, IdListField, RefSerializer

CONCERN_STATE = {"choices": Concern.State.choices, "enum_name": "ConcernStateEnum"}
SCALE = {"choices": Concern.Scale.choices, "enum_name": "ConcernScaleEnum"}
TREND = {"choices": Concern.Trend.choices, "enum_name": "ConcernTrendEnum"}
INCIDENT_HELP = "Vụ việc phức tạp, nhạy cảm liên quan (id); chỉ vụ việc bạn được xem."
TASK_HELP = "Nhiệm vụ chương trình phối hợp liên quan (id); chỉ nhiệm vụ bạn được xem."
SOURCE_KIND = {"choices": ConcernSource.Kind.choices, "enum_name": "ConcernSourceKindEnum"}


class CommuneIdsField(IdListField):
    noun = "xã, phường"

    def get_queryset(self):
        return AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE)


class ConcernPlaceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.IntegerField()
    name = serializers.CharField()


# --- Input ----------------------------------------------------------------------------------


class ConcernFilterSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, default="", allow_blank=True, max_length=200)
    state = serializers.ChoiceField(choices=Concern.State.choices, required=False)
    category = serializers.IntegerField(required=False, min_value=1)
    commune = serializers.IntegerField(required=False, min_value=1)
    overdue = serializers.BooleanField(required=False, default=False)


class SourceInputSerializer(serializers.Serializer):
    kind = EnumField(**SOURCE_KIND)
    url = serializers.URLField(
        required=False,
        default="",
        allow_blank=True,
        max_length=500,
        error_messages={"invalid": "Đường dẫn không hợp lệ."},
    )
    seen_on = serializers.DateField(required=False, allow_null=True, default=None)


class ConcernCreateSerializer(serializers.Serializer):
    board = serializers.IntegerField(
        required=False, min_value=1, help_text="Ban ghi nhận; mặc định Ban đầu tiên của bạn."
    )
    title = serializers.CharField(max_length=300)
    summary = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=SUMMARY_MAX
    )
    category = serializers.PrimaryKeyRelatedField(
        queryset=Category.objects.filter(is_active=True),
        error_messages={
            "required": "Vui lòng chọn lĩnh vực của vấn đề.",
            "null": "Vui lòng chọn lĩnh vực của vấn đề.",
            "does_not_exist": "Không có lĩnh vực mã {pk_value}.",
        },
    )
    places = CommuneIdsField(help_text="Mã (id) các xã, phường của vấn đề; ít nhất một.")
    first_seen = serializers.DateField()
    scale = EnumField(**SCALE)
    trend = EnumField(**TREND)
    sources = SourceInputSerializer(many=True, required=False, default=list)
    incident = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, help_text=INCIDENT_HELP
    )
    task = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, help_text=TASK_HELP
    )


class ConcernUpdateSerializer(serializers.Serializer):
    """PATCH: only the fields sent change; `incident` / `task` null unlinks."""

    title = serializers.CharField(max_length=300)
    summary = serializers.CharField(allow_blank=True, max_length=SUMMARY_MAX)
    places = CommuneIdsField()
    first_seen = serializers.DateField()
    scale = EnumField(**SCALE)
    trend = EnumField(**TREND)
    incident = serializers.IntegerField(allow_null=True, min_value=1, help_text=INCIDENT_HELP)
    task = serializers.IntegerField(allow_null=True, min_value=1, help_text=TASK_HELP)


class SuggestInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    summary = serializers.CharField(required=False, default="", allow_blank=True, max_length=2000)
    places = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, default=list
    )


class ActionInputSerializer(serializers.Serializer):
    action = serializers.CharField(max_length=24)
    document_ref = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=120
    )
    document_date = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=SUMMARY_MAX
    )
    category = serializers.PrimaryKeyRelatedField(
        queryset=Category.objects.filter(is_active=True), required=False, allow_null=True
    )
    competent_body = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    agencies = CurrentOrganisationIdsField(required=False, default=list)
    answer = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=SUMMARY_MAX
    )
    transfer_to = serializers.IntegerField(
        required=False, allow_null=True, help_text="Cơ quan có thẩm quyền nhận chuyển."
    )


class MergeInputSerializer(serializers.Serializer):
    into = serializers.IntegerField(min_value=1)


class ContactReadSerializer(serializers.Serializer):
    reason = serializers.CharField(min_length=10, max_length=500)


class ContactWriteSerializer(serializers.Serializer):
    contact = serializers.CharField(max_length=500, help_text="Họ tên, địa chỉ, số điện thoại.")
    reason = serializers.CharField(
        min_length=10, max_length=500, help_text="Lý do ghi (được lưu vào nhật ký)."
    )


class ContactStoredSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    concern = serializers.IntegerField()


class ClaimInputSerializer(serializers.Serializer):
    summary = serializers.CharField(max_length=SUMMARY_MAX)
    outlet = serializers.CharField(max_length=200)
    url = serializers.URLField(
        required=False,
        default="",
        allow_blank=True,
        max_length=500,
        error_messages={"invalid": "Đường dẫn không hợp lệ."},
    )
    first_seen = serializers.DateField()
    concern = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    incident = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    correction = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=SUMMARY_MAX
    )
    correction_reference = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=500
    )
    corrected_on = serializers.DateField(required=False, allow_null=True, default=None)


# --- Output ---------------------------------------------------------------------------------


class ConcernSerializer(serializers.ModelSerializer):
    state = EnumField(**CONCERN_STATE)
    category = RefSerializer()
    commune = ConcernPlaceSerializer()
    owner = RefSerializer()

    class Meta:
        model = Concern
        fields = [
            "id",
            "title",
            "state",
            "category",
            "commune",
            "owner",
            "due",
            "first_seen",
            "created_at",
        ]


class SourceSerializer(serializers.ModelSerializer):
    kind = EnumField(**SOURCE_KIND)

    class Meta:
        model = ConcernSource
        fields = ["kind", "url", "seen_on"]


class StepSerializer(serializers.ModelSerializer):
    to_state = EnumField(**CONCERN_STATE)
    owner = RefSerializer()

    class Meta:
        model = ConcernStep
        fields = ["action", "to_state", "owner", "document_ref", "document_date", "note", "at"]


class ActionSerializer(serializers.Serializer):
    action = serializers.CharField()
    label = serializers.CharField()


class ConcernDetailSerializer(serializers.ModelSerializer):
    state = EnumField(**CONCERN_STATE)
    scale = EnumField(**SCALE)
    trend = EnumField(**TREND)
    category = RefSerializer()
    board = RefSerializer()
    owner = RefSerializer()
    places = serializers.SerializerMethodField()
    sources = SourceSerializer(many=True)
    chain = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()
    contact_id = serializers.SerializerMethodField(
        help_text="Chỉ cho cán bộ trực tiếp xử lý: mã để gọi điểm truy cập thông tin liên hệ."
    )

    class Meta:
        model = Concern
        fields = [
            "id",
            "title",
            "summary",
            "state",
            "category",
            "category_confirmed",
            "places",
            "first_seen",
            "scale",
            "trend",
            "sources",
            "board",
            "owner",
            "due",
            "council_request_number",
            "council_request_date",
            "answer",
            "answer_document",
            "answered_on",
            "merged_into",
            "transferred_to",
            "incident",
            "task",
            "reopen_count",
            "created_at",
            "closed_at",
            "chain",
            "actions",
            "contact_id",
        ]

    def get_places(self, concern) -> list[dict]:
        return ConcernPlaceSerializer(concern.places.all(), many=True).data

    def get_chain(self, concern) -> list[dict]:
        return StepSerializer(self.context["chain"], many=True).data

    def get_actions(self, concern) -> list[dict]:
        return [{"action": a, "label": label} for a, label in self.context["actions"]]

    def get_contact_id(self, concern) -> int | None:
        return self.context.get("contact_id")


class SuggestionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField(source="label")
    confidence = serializers.FloatField()
    words = serializers.ListField(child=serializers.CharField())


class SimilarSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="concern.pk")
    title = serializers.CharField(source="concern.title")
    score = serializers.FloatField()
    shared = serializers.ListField(child=serializers.CharField())
    same_commune = serializers.BooleanField()


class SuggestionsSerializer(serializers.Serializer):
    categories = SuggestionSerializer(many=True)
    bodies = SuggestionSerializer(many=True)
    similar = SimilarSerializer(many=True)


class ContactSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    concern = serializers.IntegerField()
    contact = serializers.CharField()


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "code", "name", "deadline_working_days", "order", "is_active"]


class CategoryInputSerializer(serializers.Serializer):
    """The service checks the values (unique code, 1–365 working days) and says why."""

    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=120)
    deadline_working_days = serializers.IntegerField(help_text="Hạn giải quyết, 1–365 ngày.")
    order = serializers.IntegerField(required=False, default=0)
    is_active = serializers.BooleanField(
        required=False, help_text="false: ngừng sử dụng; true: dùng lại."
    )


class ClaimSerializer(serializers.ModelSerializer):
    class Meta:
        model = Claim
        fields = ["id", *CLAIM_FIELDS, "created_at"]

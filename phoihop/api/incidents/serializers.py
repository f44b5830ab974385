"""Shapes of the case API (INC): field mapping only. Decisions stay in the services and policies
of `phoihop.incidents`; the views hand over what they gathered."""

from __future__ import annotations

from rest_framework import serializers

from phoihop.accounts.models import User
from phoihop.incidents import selectors
from phoihop.incidents.models import (
    Channel,
    Incident,
    OrientationPlan,
    PressRelease,
    SituationReport,
    WorkingGroupMember,
)
from phoihop.organisations.models import AdminUnit, Organisation

from ..fields import (
    CurrentOrganisationIdsField,
    EnumField,
    IdListField,
    RefSerializer,
    VisibleField,
)

STATE = {"choices": Incident.State.choices, "enum_name": "IncidentStateEnum"}
SEVERITY = {"choices": Incident.Severity.choices, "enum_name": "IncidentSeverityEnum"}
SECTOR = {"choices": Incident.Sector.choices, "enum_name": "IncidentSectorEnum"}
CLASSIFICATION = {
    "choices": Incident.Classification.choices,
    "enum_name": "IncidentClassificationEnum",
}
CHANNEL = {"choices": Channel.choices, "enum_name": "IncidentChannelEnum"}


class ChannelsField(serializers.ListField):
    child = EnumField(**CHANNEL)


class PlaceIdsField(IdListField):
    noun = "xã, phường, đặc khu"

    def get_queryset(self):
        return AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE)


def any_body(**kwargs) -> serializers.PrimaryKeyRelatedField:
    """A body at the case's level; the service checks that it belongs there."""
    return serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.current(), **kwargs)


def official(**kwargs) -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), **kwargs
    )


# --- input ------------------------------------------------------------------------------------


class IncidentFilterSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, default="", allow_blank=True, max_length=200)
    state = EnumField(**STATE, required=False)
    severity = EnumField(**SEVERITY, required=False)
    overdue = EnumField(selectors.OVERDUE_CHOICES, enum_name="IncidentOverdueEnum", required=False)


class IncidentReportSerializer(serializers.Serializer):
    reporting_body = VisibleField(
        "cơ quan",
        queryset=Organisation.objects.all(),
        help_text="Cơ quan thông báo (người dùng phải công tác tại đó).",
    )
    competent_body = any_body(help_text="Cơ quan có thẩm quyền giải quyết, cùng cấp với Ban.")
    title = serializers.CharField(max_length=300)
    summary = serializers.CharField(required=False, default="", allow_blank=True)
    reference = serializers.CharField(required=False, default="", allow_blank=True, max_length=255)
    sector = EnumField(**SECTOR)
    severity = EnumField(**SEVERITY)
    classification = EnumField(**CLASSIFICATION, required=False, default="normal")
    channels = ChannelsField()
    places = PlaceIdsField(help_text="Mã (id) các xã, phường, đặc khu.")
    reported_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class ActionSerializer(serializers.Serializer):
    action = EnumField(
        [
            ("acknowledge", "Xác nhận tiếp nhận"),
            ("start_coordination", "Bắt đầu phối hợp"),
            ("resolve", "Ghi nhận đã giải quyết"),
            ("publicise_result", "Đã thông tin kết quả"),
            ("close", "Kết thúc"),
            ("reopen", "Mở lại"),
            ("escalate", "Báo cáo Ban cấp trên"),
            ("assess", "Đánh giá ban đầu"),
            ("merge", "Gộp vào vụ việc khác"),
        ],
        enum_name="IncidentActionEnum",
    )
    text = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        max_length=20000,
        help_text="Lý do, kết quả giải quyết hoặc nội dung đánh giá, tùy thao tác.",
    )
    severity = EnumField(**SEVERITY, required=False)
    into = VisibleField(
        "vụ việc", queryset=Incident.objects.all(), required=False, help_text="Khi gộp."
    )


class OrientationPlanInputSerializer(serializers.Serializer):
    handler = serializers.CharField(max_length=500)
    message = serializers.CharField()
    spokesperson = serializers.CharField(max_length=300)
    channels = ChannelsField()


class MemberInputSerializer(serializers.Serializer):
    user = official()
    organisation = any_body()
    role = EnumField(WorkingGroupMember.Role.choices, enum_name="WorkingGroupRoleEnum")


class TextSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=20000)


class SitrepActionSerializer(serializers.Serializer):
    action = EnumField(
        [("approve", "Duyệt"), ("publish", "Gửi tổ công tác")], enum_name="SitrepActionEnum"
    )


class PressReleaseInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    body = serializers.CharField()


class PressActionSerializer(serializers.Serializer):
    action = EnumField(
        [("submit", "Trình duyệt"), ("approve", "Duyệt"), ("publish", "Ghi nhận công bố")],
        enum_name="PressReleaseActionEnum",
    )
    where = serializers.CharField(required=False, default="", allow_blank=True, max_length=300)
    when = serializers.DateTimeField(required=False, allow_null=True, default=None)
    link = serializers.URLField(required=False, default="", allow_blank=True, max_length=500)


class ConferenceInputSerializer(serializers.Serializer):
    held_at = serializers.DateTimeField()
    place = serializers.CharField(max_length=300)
    spokesperson = official()
    outlets = serializers.CharField()
    co_hosts = CurrentOrganisationIdsField()
    notes = serializers.CharField(required=False, default="", allow_blank=True)


# --- output -----------------------------------------------------------------------------------


class ClockSerializer(serializers.Serializer):
    label = serializers.CharField()
    due = serializers.DateTimeField()
    done_at = serializers.DateTimeField(allow_null=True)
    running = serializers.BooleanField()
    overdue = serializers.BooleanField()
    text = serializers.CharField()


class IncidentPlaceSerializer(serializers.ModelSerializer):
    class Meta:
        model = AdminUnit
        fields = ["id", "code", "name"]


class IncidentSerializer(serializers.ModelSerializer):
    board = RefSerializer()
    competent_body = RefSerializer()
    reporting_body = RefSerializer()
    state = EnumField(**STATE)
    severity = EnumField(**SEVERITY)
    sector = EnumField(**SECTOR)
    classification = EnumField(**CLASSIFICATION)
    channels = ChannelsField()
    places = IncidentPlaceSerializer(many=True)
    clocks = ClockSerializer(many=True, source="clock_list")
    details_hidden = serializers.BooleanField(default=False)

    class Meta:
        model = Incident
        fields = [
            "id",
            "title",
            "summary",
            "reference",
            "sector",
            "severity",
            "classification",
            "state",
            "board",
            "competent_body",
            "reporting_body",
            "places",
            "channels",
            "reported_at",
            "ack_due",
            "orientation_due",
            "acknowledged_at",
            "orientation_agreed_at",
            "assessment",
            "resolution",
            "escalated_to",
            "merged_into",
            "clocks",
            "details_hidden",
        ]


class IncidentPlaceholderSerializer(serializers.ModelSerializer):
    """What someone without access to a restricted case's details sees: that it exists."""

    state = EnumField(**STATE)
    severity = EnumField(**SEVERITY)
    classification = EnumField(**CLASSIFICATION)
    clocks = ClockSerializer(many=True, source="clock_list")
    details_hidden = serializers.BooleanField(default=True)

    class Meta:
        model = Incident
        fields = [
            "id",
            "classification",
            "severity",
            "state",
            "reported_at",
            "ack_due",
            "orientation_due",
            "clocks",
            "details_hidden",
        ]


class ActionRefSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    text_field = serializers.CharField(allow_null=True)


class IncidentDetailSerializer(IncidentSerializer):
    actions = ActionRefSerializer(many=True, source="action_list")

    class Meta(IncidentSerializer.Meta):
        fields = [*IncidentSerializer.Meta.fields, "actions"]


class PersonRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "full_name", "job_title"]


class OrientationPlanSerializer(serializers.ModelSerializer):
    state = EnumField(OrientationPlan.State.choices, enum_name="OrientationPlanStateEnum")
    channels = ChannelsField()
    drafted_by = PersonRefSerializer(allow_null=True)
    board_approved_by = PersonRefSerializer(allow_null=True)
    competent_approved_by = PersonRefSerializer(allow_null=True)

    class Meta:
        model = OrientationPlan
        fields = [
            "id",
            "version",
            "state",
            "handler",
            "message",
            "spokesperson",
            "channels",
            "drafted_by",
            "board_approved_by",
            "board_approved_at",
            "competent_approved_by",
            "competent_approved_at",
            "updated_at",
        ]


class DiffLineSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["same", "added", "removed"])
    text = serializers.CharField()


class VersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    at = serializers.DateTimeField()
    by = PersonRefSerializer(allow_null=True)
    fields = serializers.DictField(child=serializers.CharField())
    diff = serializers.DictField(child=DiffLineSerializer(many=True))


class MemberSerializer(serializers.ModelSerializer):
    user = PersonRefSerializer()
    organisation = RefSerializer()
    role = EnumField(WorkingGroupMember.Role.choices, enum_name="WorkingGroupRoleEnum")

    class Meta:
        model = WorkingGroupMember
        fields = ["id", "user", "organisation", "role", "added_at"]


class LogEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    author = PersonRefSerializer()
    organisation = RefSerializer()
    text = serializers.CharField()


class SectionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = RefSerializer()
    author = PersonRefSerializer()
    text = serializers.CharField()
    updated_at = serializers.DateTimeField()


class SituationReportSerializer(serializers.ModelSerializer):
    state = EnumField(SituationReport.State.choices, enum_name="SituationReportStateEnum")
    sections = SectionSerializer(many=True)

    class Meta:
        model = SituationReport
        fields = ["id", "number", "state", "approved_at", "published_at", "sections"]


class PressReleaseSerializer(serializers.ModelSerializer):
    state = EnumField(PressRelease.State.choices, enum_name="PressReleaseStateEnum")
    version_author = PersonRefSerializer(allow_null=True)
    board_approved_by = PersonRefSerializer(allow_null=True)
    competent_approved_by = PersonRefSerializer(allow_null=True)

    class Meta:
        model = PressRelease
        fields = [
            "id",
            "incident",
            "title",
            "body",
            "version",
            "version_author",
            "state",
            "board_approved_by",
            "board_approved_at",
            "competent_approved_by",
            "competent_approved_at",
            "published_where",
            "published_at",
            "link",
        ]


class ConferenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    held_at = serializers.DateTimeField()
    place = serializers.CharField()
    spokesperson = PersonRefSerializer()
    outlets = serializers.CharField()

"""Shapes of the reporting API (RPT): field mapping only. Decisions stay in the services and
policies of `phoihop.reports`; the views hand over what they gathered in the context."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from phoihop.organisations.models import Organisation
from phoihop.reports.models import (
    Award,
    Conclusion,
    Consolidation,
    EvaluationCriterion,
    PeriodKind,
    ReportRequest,
    ReportSubmission,
    ReportTemplate,
    ReportText,
    ReviewConference,
)

from ..fields import EnumField, OrganisationIdsField, RefSerializer, visible_organisation

REQUEST_STATE = {"choices": ReportRequest.State.choices, "enum_name": "ReportRequestStateEnum"}
SUBMISSION_STATE = {
    "choices": ReportSubmission.State.choices,
    "enum_name": "ReportSubmissionStateEnum",
}
PERIOD_KIND = {"choices": PeriodKind.choices, "enum_name": "ReportPeriodKindEnum"}
BODY_KINDS = {"choices": Organisation.Kind.choices, "enum_name": "ReportRecipientKindEnum"}


class ReportRequestSerializer(serializers.ModelSerializer):
    board = RefSerializer()
    state = EnumField(**REQUEST_STATE)
    period_kind = EnumField(**PERIOD_KIND)
    period_label = serializers.CharField()

    class Meta:
        model = ReportRequest
        fields = [
            "id",
            "board",
            "title",
            "letter_number",
            "letter_date",
            "period_kind",
            "period_label",
            "period_start",
            "period_end",
            "data_cutoff",
            "deadline",
            "state",
            "dispatch",
        ]
        extra_kwargs = {"dispatch": {"help_text": "Công văn (XCH) đã gửi khi ban hành."}}


class ReportRequestCreateSerializer(serializers.Serializer):
    """Dự thảo công văn yêu cầu báo cáo; cơ quan nhận chọn theo danh sách hoặc theo loại."""

    board = visible_organisation()
    title = serializers.CharField(max_length=500)
    letter_number = serializers.CharField(max_length=60)
    letter_date = serializers.DateField()
    period_kind = EnumField(**PERIOD_KIND)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    data_cutoff = serializers.DateField(required=False, allow_null=True, default=None)
    deadline = serializers.DateField(required=False, allow_null=True, default=None)
    recipients = OrganisationIdsField(required=False, default=list)
    kinds = serializers.ListField(child=EnumField(**BODY_KINDS), required=False, default=list)


class ReportRequestUpdateSerializer(serializers.Serializer):
    """Sửa dự thảo: gửi lại toàn bộ công văn và danh sách cơ quan nhận."""

    title = serializers.CharField(max_length=500)
    letter_number = serializers.CharField(max_length=60)
    letter_date = serializers.DateField()
    period_kind = EnumField(**PERIOD_KIND)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    data_cutoff = serializers.DateField(required=False, allow_null=True, default=None)
    deadline = serializers.DateField(required=False, allow_null=True, default=None)
    recipients = OrganisationIdsField(required=False, default=list)
    kinds = serializers.ListField(child=EnumField(**BODY_KINDS), required=False, default=list)


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    value = serializers.JSONField()


class StaleFlagSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    text = serializers.CharField()
    found = serializers.CharField()
    reason = serializers.CharField()


TEXT_AND_SIGNATURE = [*ReportText.TEXT_FIELDS, *ReportText.SIGNATURE_FIELDS]


class ReportSubmissionSerializer(serializers.ModelSerializer):
    organisation = RefSerializer()
    state = EnumField(**SUBMISSION_STATE)
    figures = FigureSerializer(many=True)
    stale_flags = StaleFlagSerializer(many=True)
    overdue = serializers.SerializerMethodField()
    on_time = serializers.BooleanField(allow_null=True)

    class Meta:
        model = ReportSubmission
        fields = [
            "id",
            "request",
            "organisation",
            "state",
            *TEXT_AND_SIGNATURE,
            "number",
            "signed_on",
            "figures",
            "stale_flags",
            "stale_acknowledged",
            "return_reason",
            "first_submitted_on",
            "on_time",
            "overdue",
        ]

    @extend_schema_field(serializers.BooleanField())
    def get_overdue(self, submission) -> bool:
        return submission.is_overdue(self.context["today"])


class ReportSubmissionUpdateSerializer(serializers.Serializer):
    """Các phần của báo cáo; chỉ gửi những phần cần sửa."""

    summary = serializers.CharField(max_length=500, required=False, allow_blank=True)
    opening = serializers.CharField(required=False, allow_blank=True)
    regular_results = serializers.CharField(required=False, allow_blank=True)
    issue_results = serializers.CharField(required=False, allow_blank=True)
    strengths = serializers.CharField(required=False, allow_blank=True)
    limitations = serializers.CharField(required=False, allow_blank=True)
    priorities = serializers.CharField(required=False, allow_blank=True)
    closing = serializers.CharField(required=False, allow_blank=True)
    recipients = serializers.CharField(required=False, allow_blank=True)
    authority = serializers.CharField(max_length=10, required=False, allow_blank=True)
    signing_body = serializers.CharField(max_length=200, required=False, allow_blank=True)
    deputy_authority = serializers.CharField(max_length=10, required=False, allow_blank=True)
    head_title = serializers.CharField(max_length=150, required=False, allow_blank=True)
    signatory_title = serializers.CharField(max_length=150, required=False, allow_blank=True)
    signatory_name = serializers.CharField(max_length=150, required=False, allow_blank=True)


SUBMISSION_ACTIONS = [
    ("start", "Bắt đầu soạn (điền sẵn số liệu) hoặc soạn lại sau khi bị trả lại"),
    ("acknowledge", "Xác nhận đã rà soát các đoạn có năm, ngày cũ"),
    ("review", "Trình lãnh đạo"),
    ("redraft", "Sửa tiếp"),
    ("sign", "Ghi nhận đã ký (cần number, signed_on)"),
    ("submit", "Gửi Ban"),
    ("accept", "Ban tiếp nhận"),
    ("return", "Ban trả lại (cần reason)"),
]


class SubmissionActionSerializer(serializers.Serializer):
    action = EnumField(SUBMISSION_ACTIONS, enum_name="ReportSubmissionActionEnum")
    number = serializers.CharField(max_length=60, required=False, default="", allow_blank=True)
    signed_on = serializers.DateField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class CompletenessRowSerializer(serializers.Serializer):
    submission = serializers.IntegerField()
    organisation = RefSerializer()
    status = serializers.CharField()


class CompletenessSerializer(serializers.Serializer):
    expected = serializers.IntegerField()
    delivered = serializers.IntegerField()
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    missing = serializers.IntegerField()
    pending = serializers.IntegerField()
    not_expected = serializers.IntegerField()
    rows = CompletenessRowSerializer(many=True)


class ConsolidationSerializer(serializers.ModelSerializer):
    figures = FigureSerializer(many=True)
    missing = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Consolidation
        fields = [
            "id",
            "request",
            *TEXT_AND_SIGNATURE,
            "number",
            "signed_on",
            "figures",
            "missing",
            "issued",
        ]


class ConsolidationUpdateSerializer(ReportSubmissionUpdateSerializer):
    number = serializers.CharField(max_length=60, required=False, allow_blank=True)
    signed_on = serializers.DateField(required=False, allow_null=True)


# --- review conferences, awards, evaluations ----------------------------------------------------
CONFERENCE_KIND = {
    "choices": ReviewConference.Kind.choices,
    "enum_name": "ReviewConferenceKindEnum",
}
CONFERENCE_STATE = {
    "choices": ReviewConference.State.choices,
    "enum_name": "ReviewConferenceStateEnum",
}
AWARD_STATE = {"choices": Award.State.choices, "enum_name": "AwardStateEnum"}


class ConclusionSerializer(serializers.ModelSerializer):
    lead = RefSerializer()

    class Meta:
        model = Conclusion
        fields = ["id", "text", "lead", "due", "task"]


class ReviewConferenceSerializer(serializers.ModelSerializer):
    board = RefSerializer()
    kind = EnumField(**CONFERENCE_KIND)
    state = EnumField(**CONFERENCE_STATE)
    participants = RefSerializer(many=True)
    conclusions = ConclusionSerializer(many=True)

    class Meta:
        model = ReviewConference
        fields = [
            "id",
            "board",
            "kind",
            "title",
            "period_start",
            "period_end",
            "held_on",
            "venue",
            "invitation_number",
            "invitation_date",
            "conclusion_number",
            "state",
            "participants",
            "conclusions",
        ]


class ReviewConferenceCreateSerializer(serializers.Serializer):
    board = visible_organisation()
    kind = EnumField(**CONFERENCE_KIND)
    title = serializers.CharField(max_length=500)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    held_on = serializers.DateField()
    venue = serializers.CharField(max_length=255, required=False, default="", allow_blank=True)
    participants = OrganisationIdsField(required=False, default=list)


class AwardSerializer(serializers.ModelSerializer):
    organisation = RefSerializer()
    state = EnumField(**AWARD_STATE)

    class Meta:
        model = Award
        fields = [
            "id",
            "conference",
            "organisation",
            "official",
            "title",
            "reason",
            "state",
            "decision_reference",
            "decided_on",
            "presented_on",
        ]


class AwardCreateSerializer(serializers.Serializer):
    board = visible_organisation()
    organisation = visible_organisation()
    official = serializers.CharField(max_length=150, required=False, default="", allow_blank=True)
    title = serializers.CharField(max_length=200, required=False, default="Bằng khen")
    reason = serializers.CharField()


AWARD_ACTIONS = [("approve", "Ghi nhận quyết định khen thưởng"), ("present", "Ghi nhận đã trao")]


class AwardActionSerializer(serializers.Serializer):
    action = EnumField(AWARD_ACTIONS, enum_name="AwardActionEnum")
    decision_reference = serializers.CharField(
        max_length=80, required=False, default="", allow_blank=True
    )
    decided_on = serializers.DateField(required=False, allow_null=True, default=None)
    presented_on = serializers.DateField(required=False, allow_null=True, default=None)


class ScoreSerializer(serializers.Serializer):
    label = serializers.CharField()
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)
    weight = serializers.IntegerField()
    points = serializers.FloatField(allow_null=True)
    rule = serializers.CharField()


class EvaluationSerializer(serializers.Serializer):
    organisation = RefSerializer()
    start = serializers.DateField()
    end = serializers.DateField()
    total = serializers.FloatField(allow_null=True)
    scores = ScoreSerializer(many=True)


class EvaluationQuerySerializer(serializers.Serializer):
    board = serializers.IntegerField(min_value=1, required=False, help_text="Mặc định: Ban của bạn")
    start = serializers.DateField(required=False, help_text="Mặc định: 01/01 năm nay")
    end = serializers.DateField(required=False, help_text="Mặc định: 31/12 năm nay")


class ReportTemplateSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportTemplate
        fields = ["id", "regime", "name", "summary", "opening", "closing", "is_default"]


class ReportTemplateWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=500)
    opening = serializers.CharField()
    closing = serializers.CharField()
    is_default = serializers.BooleanField(default=False)


class EvaluationCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvaluationCriterion
        fields = ["id", "regime", "label", "numerator_key", "denominator_key", "weight", "order"]


class EvaluationCriterionWriteSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=200)
    numerator_key = serializers.CharField(max_length=80)
    denominator_key = serializers.CharField(max_length=80)
    weight = serializers.IntegerField(help_text="Trọng số (%), số nguyên từ 0 đến 100.")
    order = serializers.IntegerField(default=0)


CONFERENCE_ACTIONS = [
    ("invite", "Ghi nhận giấy mời đã gửi"),
    ("hold", "Ghi nhận hội nghị đã tổ chức"),
    ("conclude", "Ban hành thông báo kết luận"),
]


class ConferenceActionSerializer(serializers.Serializer):
    action = EnumField(CONFERENCE_ACTIONS, enum_name="ConferenceActionEnum")
    number = serializers.CharField(
        max_length=80,
        required=False,
        default="",
        allow_blank=True,
        help_text="Số giấy mời (invite) hoặc số thông báo kết luận (conclude).",
    )
    invited_on = serializers.DateField(required=False, allow_null=True, default=None)


class ConclusionInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=2000)
    lead = serializers.IntegerField(min_value=1, help_text="Cơ quan chủ trì thực hiện.")
    due = serializers.DateField()


class ConferenceDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(max_length=255)
    link = serializers.URLField(
        max_length=500,
        required=False,
        default="",
        allow_blank=True,
        error_messages={"invalid": "Đường dẫn không hợp lệ."},
    )


class GridRequestSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    letter_number = serializers.CharField()
    period = serializers.CharField(source="period_label")
    deadline = serializers.DateField()


class GridRowSerializer(serializers.Serializer):
    organisation = RefSerializer()
    cells = serializers.ListField(
        child=serializers.CharField(allow_blank=True),
        help_text="Một ô cho mỗi yêu cầu, theo thứ tự của requests: on_time, late, missing, "
        "pending, not_expected, hoặc rỗng nếu cơ quan không được yêu cầu.",
    )


class CompletenessGridSerializer(serializers.Serializer):
    board = RefSerializer()
    requests = GridRequestSerializer(many=True)
    rows = GridRowSerializer(many=True)

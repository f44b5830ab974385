"""Shapes of the programme API (PRG): field mapping only. Decisions stay in the services and
policies of `phoihop.programmes`; the views hand over what they gathered in the context."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from phoihop.programmes import services
from phoihop.programmes.models import (
    AnnualPlan,
    Assignment,
    ContentItem,
    Output,
    Programme,
    ProgrammeParty,
    Task,
)

from ..fields import (
    EnumField,
    IdListField,
    OrganisationIdsField,
    RefSerializer,
    VisibleField,
    visible_organisation,
)

# --- Fields ---------------------------------------------------------------------------------


class ContentItemIdsField(IdListField):
    noun = "nội dung phối hợp"

    def get_queryset(self):
        return ContentItem.objects.all()


def _reason(**kwargs) -> serializers.CharField:
    return serializers.CharField(max_length=2000, **kwargs)


PROGRAMME_STATE = {"choices": Programme.State.choices, "enum_name": "ProgrammeStateEnum"}
TASK_STATE = {"choices": Task.State.choices, "enum_name": "TaskStateEnum"}
OUTPUT_KIND = {"choices": Task.OutputKind.choices, "enum_name": "OutputKindEnum"}


# --- Input ----------------------------------------------------------------------------------


class ProgrammeFilterSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        max_length=200,
        help_text="Tìm theo tên chương trình và tên các bên, không phân biệt dấu, hoa thường.",
    )
    state = serializers.ChoiceField(choices=Programme.State.choices, required=False)
    party = serializers.IntegerField(
        required=False, min_value=1, help_text="Chỉ chương trình có cơ quan này là bên ký kết."
    )
    content_item = serializers.IntegerField(
        required=False, min_value=1, help_text="Chỉ chương trình có nội dung phối hợp này."
    )
    year = serializers.IntegerField(
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="Chỉ chương trình có hiệu lực trong năm này.",
    )


class ProgrammeEditSerializer(serializers.Serializer):
    """Sửa nội dung chương trình: chỉ gửi các trường cần sửa."""

    title = serializers.CharField(max_length=500)
    kind = EnumField(Programme.Kind.choices, enum_name="ProgrammeKindEnum")
    basis = EnumField(Programme.Basis.choices, enum_name="ProgrammeBasisEnum")
    start = serializers.DateField()
    end = serializers.DateField()
    grounds = serializers.CharField(allow_blank=True)
    methods = serializers.CharField(allow_blank=True)
    content_items = ContentItemIdsField(
        help_text="Mã các nội dung phối hợp (thuộc quy chế của chương trình)."
    )

    def validate(self, attrs):
        current = self.context.get("programme")
        start = attrs.get("start", getattr(current, "start", None))
        end = attrs.get("end", getattr(current, "end", None))
        if start and end and end < start:
            field = "end" if "end" in attrs else "start"
            raise serializers.ValidationError({field: "Ngày kết thúc phải sau ngày bắt đầu."})
        return attrs


class ProgrammeCreateSerializer(ProgrammeEditSerializer):
    """Dự thảo chương trình mới giữa Ban chủ trì và các cơ quan ký kết."""

    kind = EnumField(
        Programme.Kind.choices, enum_name="ProgrammeKindEnum", default=Programme.Kind.PROGRAMME
    )
    basis = EnumField(
        Programme.Basis.choices, enum_name="ProgrammeBasisEnum", default=Programme.Basis.PHASE
    )
    grounds = serializers.CharField(required=False, default="", allow_blank=True)
    methods = serializers.CharField(required=False, default="", allow_blank=True)
    content_items = ContentItemIdsField(
        required=False,
        help_text="Mã các nội dung phối hợp (thuộc quy chế đang áp dụng); bỏ trống là chọn tất cả.",
    )
    board = visible_organisation(
        help_text="Ban chủ trì (người dùng phải là lãnh đạo, chuyên viên)."
    )
    parties = OrganisationIdsField(help_text="Mã các cơ quan ký kết cùng Ban.")


class ProgrammeActionSerializer(serializers.Serializer):
    action = EnumField(
        [(action, spec[-1]) for action, spec in services.PROGRAMME_ACTIONS.items()],
        enum_name="ProgrammeActionEnum",
    )


class SupersedeSerializer(serializers.Serializer):
    successor = VisibleField(
        "chương trình",
        queryset=Programme.objects.all(),
        help_text="Chương trình thay thế (của cùng Ban chủ trì).",
    )


class ReasonSerializer(serializers.Serializer):
    reason = _reason()


class PartyAddSerializer(serializers.Serializer):
    organisation = visible_organisation()


class PartyUpdateSerializer(serializers.Serializer):
    signing_body = serializers.CharField(max_length=255, allow_blank=True)
    authority = serializers.CharField(max_length=10, allow_blank=True)
    signatory_title = serializers.CharField(max_length=150, allow_blank=True)
    signatory_name = serializers.CharField(max_length=150, allow_blank=True)
    document_number = serializers.CharField(max_length=60, allow_blank=True)
    document_date = serializers.DateField(allow_null=True)


class PlanCreateSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class TaskCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=500)
    lead = visible_organisation(help_text="Đơn vị chủ trì: bên ký kết hoặc cơ quan trực thuộc.")
    due = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Thời hạn (một ngày)…"
    )
    due_in_working_days = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=0,
        max_value=1000,
        help_text="…hoặc số ngày làm việc kể từ hôm nay (chỉ một trong hai).",
    )
    description = serializers.CharField(required=False, default="", allow_blank=True)
    expected_output = EnumField(**OUTPUT_KIND, default=Task.OutputKind.OTHER)
    content_items = ContentItemIdsField(required=False, default=list)
    cooperating = OrganisationIdsField(
        required=False, default=list, help_text="Mã các đơn vị phối hợp."
    )


class TaskFilterSerializer(serializers.Serializer):
    all = serializers.BooleanField(
        required=False,
        default=False,
        help_text="`true`: mọi nhiệm vụ được xem; mặc định chỉ việc của tôi (còn mở, của cơ "
        "quan mình chủ trì, phối hợp hoặc Ban mình chủ trì).",
    )
    state = serializers.ChoiceField(choices=Task.State.choices, required=False)


class TaskActionSerializer(serializers.Serializer):
    action = EnumField(
        [
            (action, label)
            for action, (_method, label) in {
                **services.TASK_STEERING,
                **services.TASK_REPORTING,
            }.items()
        ],
        enum_name="TaskActionEnum",
    )


class ProgressSerializer(serializers.Serializer):
    progress = serializers.IntegerField(min_value=0, max_value=100, help_text="Tiến độ (%).")


class DeferSerializer(serializers.Serializer):
    new_due = serializers.DateField(help_text="Thời hạn mới, sau thời hạn cũ, trong năm kế hoạch.")
    reason = _reason()


class OutputCreateSerializer(serializers.Serializer):
    kind = EnumField(**OUTPUT_KIND)
    title = serializers.CharField(max_length=500)
    produced_on = serializers.DateField()
    organisation = visible_organisation(help_text="Đơn vị thực hiện: chủ trì, phối hợp hoặc Ban.")
    link = serializers.URLField(max_length=500, required=False, default="", allow_blank=True)
    count = serializers.IntegerField(min_value=1, max_value=100000, default=1)


# --- Output ---------------------------------------------------------------------------------


class ActionSerializer(serializers.Serializer):
    """A step the user may take now, exactly as the web page offers it."""

    action = serializers.CharField()
    label = serializers.CharField()

    def to_representation(self, instance):
        action, label = instance
        return {"action": action, "label": label}


class ProgrammeRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Programme
        fields = ["id", "title"]


class PlanRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = AnnualPlan
        fields = ["id", "year"]


class ContentItemSerializer(serializers.ModelSerializer):
    group = EnumField(ContentItem.Group.choices, enum_name="ContentItemGroupEnum")

    class Meta:
        model = ContentItem
        fields = ["id", "code", "group", "title"]


def _rounded(value) -> int | None:
    return None if value is None else round(value)


class ProgrammeSerializer(serializers.ModelSerializer):
    kind = EnumField(Programme.Kind.choices, enum_name="ProgrammeKindEnum")
    kind_label = serializers.CharField(source="get_kind_display")
    basis = EnumField(Programme.Basis.choices, enum_name="ProgrammeBasisEnum")
    basis_label = serializers.CharField(source="get_basis_display")
    state = EnumField(**PROGRAMME_STATE)
    state_label = serializers.CharField(source="get_state_display")
    board = RefSerializer()
    parties = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Programme
        fields = [
            *("id", "title", "kind", "kind_label", "basis", "basis_label"),
            *("state", "state_label", "board", "start", "end", "parties", "progress"),
        ]

    @extend_schema_field(RefSerializer(many=True))
    def get_parties(self, programme) -> list:
        return RefSerializer([p.organisation for p in programme.parties.all()], many=True).data

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_progress(self, programme) -> int | None:
        """Average progress (%) of the counted tasks; null while there is none."""
        return _rounded(programme.progress)


class PartySerializer(serializers.ModelSerializer):
    organisation = RefSerializer()
    has_signed = serializers.BooleanField(
        read_only=True, help_text="Đã đủ số văn bản, ngày ký và người ký."
    )
    has_focal_point = serializers.SerializerMethodField()

    class Meta:
        model = ProgrammeParty
        fields = [
            *("id", "organisation", "signing_body", "authority", "signatory_title"),
            *("signatory_name", "document_number", "document_date", "has_signed"),
            "has_focal_point",
        ]

    def get_has_focal_point(self, party) -> bool:
        return party.organisation_id in self.context["focal_points"]


class PlanSummarySerializer(serializers.ModelSerializer):
    task_count = serializers.IntegerField()
    overdue_count = serializers.IntegerField()
    progress = serializers.SerializerMethodField()

    class Meta:
        model = AnnualPlan
        fields = ["id", "year", "agreed_on", "task_count", "overdue_count", "progress"]

    def get_progress(self, plan) -> int | None:
        return _rounded(plan.progress)


class ProgrammePermissionsSerializer(serializers.Serializer):
    can_edit = serializers.BooleanField()
    can_decide = serializers.BooleanField()
    can_manage_plans = serializers.BooleanField()


class ProgrammeDetailSerializer(ProgrammeSerializer):
    """One programme with what the view gathered for it, handed over in the context."""

    regime = serializers.CharField(source="regime.code")
    successor = ProgrammeRefSerializer(allow_null=True)
    content_items = ContentItemSerializer(many=True)
    parties = serializers.SerializerMethodField()
    plans = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()
    permissions = serializers.SerializerMethodField()

    class Meta(ProgrammeSerializer.Meta):
        fields = [
            *ProgrammeSerializer.Meta.fields,
            *("regime", "grounds", "methods", "successor", "cancel_reason", "content_items"),
            *("plans", "actions", "permissions", "created_at"),
        ]

    @extend_schema_field(PartySerializer(many=True))
    def get_parties(self, programme) -> list:
        return PartySerializer(self.context["parties"], many=True, context=self.context).data

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_progress(self, programme) -> int | None:
        """Average progress (%) of the programme's counted tasks, over every plan."""
        return self.context["progress"]

    @extend_schema_field(PlanSummarySerializer(many=True))
    def get_plans(self, programme) -> list:
        return PlanSummarySerializer(self.context["plans"], many=True).data

    @extend_schema_field(ActionSerializer(many=True))
    def get_actions(self, programme) -> list:
        return ActionSerializer(self.context["actions"], many=True).data

    @extend_schema_field(ProgrammePermissionsSerializer)
    def get_permissions(self, programme) -> dict:
        return ProgrammePermissionsSerializer(self.context["permissions"]).data


class TaskSerializer(serializers.ModelSerializer):
    state = EnumField(**TASK_STATE)
    state_label = serializers.CharField(source="get_state_display")
    lead = RefSerializer()
    expected_output = EnumField(**OUTPUT_KIND)
    expected_output_label = serializers.CharField(source="get_expected_output_display")
    plan = PlanRefSerializer()
    programme = ProgrammeRefSerializer(source="plan.programme")
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            *("id", "title", "state", "state_label", "progress", "due", "overdue", "lead"),
            *("expected_output", "expected_output_label", "plan", "programme"),
        ]

    def get_overdue(self, task) -> bool:
        return task.state in Task.OPEN_STATES and task.due < self.context["today"]


class BoardColumnSerializer(serializers.Serializer):
    title = serializers.CharField()
    tasks = TaskSerializer(many=True)

    def to_representation(self, instance):
        title, tasks = instance
        return {
            "title": title,
            "tasks": TaskSerializer(tasks, many=True, context=self.context).data,
        }


class PlanPermissionsSerializer(serializers.Serializer):
    can_manage = serializers.BooleanField()


class PlanDetailSerializer(serializers.ModelSerializer):
    programme = ProgrammeRefSerializer()
    progress = serializers.SerializerMethodField()
    columns = serializers.SerializerMethodField()
    permissions = serializers.SerializerMethodField()

    class Meta:
        model = AnnualPlan
        fields = ["id", "year", "agreed_on", "programme", "progress", "columns", "permissions"]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_progress(self, plan) -> int | None:
        return self.context["progress"]

    @extend_schema_field(BoardColumnSerializer(many=True))
    def get_columns(self, plan) -> list:
        return BoardColumnSerializer(self.context["columns"], many=True, context=self.context).data

    @extend_schema_field(PlanPermissionsSerializer)
    def get_permissions(self, plan) -> dict:
        return PlanPermissionsSerializer(self.context["permissions"]).data


class AssignmentSerializer(serializers.ModelSerializer):
    organisation = RefSerializer()

    class Meta:
        model = Assignment
        fields = ["id", "organisation", "due", "note"]


class OutputSerializer(serializers.ModelSerializer):
    kind = EnumField(**OUTPUT_KIND)
    kind_label = serializers.CharField(source="get_kind_display")
    organisation = RefSerializer()
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = Output
        fields = [
            *("id", "kind", "kind_label", "title", "produced_on", "organisation", "link"),
            *("count", "has_file", "created_at"),
        ]

    def get_has_file(self, output) -> bool:
        return bool(output.file)


class TaskPermissionsSerializer(serializers.Serializer):
    can_report = serializers.BooleanField()
    can_steer = serializers.BooleanField()


class TaskDetailSerializer(TaskSerializer):
    content_items = ContentItemSerializer(many=True)
    assignments = serializers.SerializerMethodField()
    outputs = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()
    permissions = serializers.SerializerMethodField()

    class Meta(TaskSerializer.Meta):
        fields = [
            *TaskSerializer.Meta.fields,
            *("description", "reason", "carried_to", "content_items", "assignments"),
            *("outputs", "actions", "permissions", "created_at"),
        ]

    @extend_schema_field(AssignmentSerializer(many=True))
    def get_assignments(self, task) -> list:
        return AssignmentSerializer(self.context["assignments"], many=True).data

    @extend_schema_field(OutputSerializer(many=True))
    def get_outputs(self, task) -> list:
        return OutputSerializer(self.context["outputs"], many=True).data

    @extend_schema_field(ActionSerializer(many=True))
    def get_actions(self, task) -> list:
        return ActionSerializer(self.context["actions"], many=True).data

    @extend_schema_field(TaskPermissionsSerializer)
    def get_permissions(self, task) -> dict:
        return TaskPermissionsSerializer(self.context["permissions"]).data

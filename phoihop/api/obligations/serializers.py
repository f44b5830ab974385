"""Shapes of the obligations API: field mapping only (decisions stay in phoihop.obligations)."""

from __future__ import annotations

from rest_framework import serializers

from phoihop.obligations import selectors
from phoihop.obligations.models import Obligation
from phoihop.obligations.steps import Capability, title_of


class ObligationFilterSerializer(serializers.Serializer):
    capability = serializers.ChoiceField(
        choices=Capability.choices, required=False, help_text="Lĩnh vực: PRG, XCH, INC, CNC, RPT."
    )
    organisation = serializers.IntegerField(
        required=False, min_value=1, help_text="Mã định danh (id) cơ quan thực hiện."
    )
    waiting = serializers.BooleanField(
        required=False,
        default=False,
        help_text="`true`: việc do tôi giao đang chờ cơ quan khác, thay vì việc của tôi.",
    )


class BodySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    short_name = serializers.CharField()


class ObligationSerializer(serializers.ModelSerializer):
    """One open obligation; `group` is overdue, week or later (waiting on the waiting list)."""

    organisation = BodySerializer()
    step_title = serializers.SerializerMethodField(help_text="Tên bước việc.")
    group = serializers.SerializerMethodField(help_text="overdue | week | later")
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Obligation
        fields = [
            "id",
            "capability",
            "step",
            "step_title",
            "target_label",
            "target_url",
            "organisation",
            "owed_to_id",
            "opened_at",
            "due_at",
            "group",
            "overdue",
            "no_one_to_act",
        ]

    def get_step_title(self, obligation) -> str:
        return title_of(obligation.step)

    def get_group(self, obligation) -> str:
        return selectors.group_of(obligation, self.context["now"], self.context["week_end"])

    def get_overdue(self, obligation) -> bool:
        return obligation.due_at < self.context["now"]

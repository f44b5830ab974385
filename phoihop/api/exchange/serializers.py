"""Shapes of the exchange API (XCH): field mapping only. Decisions stay in the services and
policies of `phoihop.exchange`; the views hand over what they gathered in the context."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from phoihop.exchange import selectors
from phoihop.exchange.models import Dispatch, DispatchRecipient
from phoihop.incidents.models import Incident
from phoihop.organisations.models import Organisation
from phoihop.programmes.models import Programme

from ..fields import EnumField, IdListField, RefSerializer, VisibleField, actor_of

DISPATCH_KIND = {"choices": Dispatch.Kind.choices, "enum_name": "DispatchKindEnum"}
DISPATCH_STATE = {"choices": Dispatch.State.choices, "enum_name": "DispatchStateEnum"}
URGENCY = {"choices": Dispatch.Urgency.choices, "enum_name": "DispatchUrgencyEnum"}
NUMBERING = {"choices": Dispatch.Numbering.choices, "enum_name": "DispatchNumberingEnum"}
RECIPIENT_STATE = {
    "choices": DispatchRecipient.State.choices,
    "enum_name": "DispatchRecipientStateEnum",
}
RECIPIENT_ROLE = {"choices": DispatchRecipient.Role.choices, "enum_name": "RecipientRoleEnum"}


def _addressable(field) -> QuerySet[Organisation]:
    """The bodies the acting body may address (its province, or what the actor sees)."""
    actor = actor_of(field)
    issuer = selectors.acting_body(actor)
    if issuer is None:
        return Organisation.objects.none()
    return selectors.addressable_bodies(actor=actor, issuer=issuer)


class AddressableIdsField(IdListField):
    """Ids of bodies the acting body may address."""

    noun = "cơ quan"

    def get_queryset(self):
        return _addressable(self)


@extend_schema_field(serializers.IntegerField())
class AddressableField(serializers.PrimaryKeyRelatedField):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.error_messages["does_not_exist"] = (
            "Không tìm thấy cơ quan có mã {pk_value} trong số cơ quan có thể nhận."
        )

    def get_queryset(self):
        return _addressable(self)


# --- Input ----------------------------------------------------------------------------------


class DispatchFilterSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, default="", max_length=200, allow_blank=True)
    kind = EnumField(required=False, **DISPATCH_KIND)
    urgency = EnumField(required=False, **URGENCY)
    state = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        help_text="Trạng thái nơi nhận (delivered, read, acknowledged, failed, forwarded), "
        "`overdue`, hoặc (hộp đi) draft/cancelled.",
    )
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)


class DispatchCreateSerializer(serializers.Serializer):
    summary = serializers.CharField(max_length=500)
    kind = EnumField(default=Dispatch.Kind.OTHER, **DISPATCH_KIND)
    body = serializers.CharField(required=False, default="", allow_blank=True)
    urgency = EnumField(default=Dispatch.Urgency.NORMAL, **URGENCY)
    numbering = EnumField(default=Dispatch.Numbering.SYSTEM, **NUMBERING)
    number = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    symbol = serializers.CharField(required=False, allow_null=True, max_length=60)
    issued_on = serializers.DateField(required=False, allow_null=True)
    expects_reply = serializers.BooleanField(default=False)
    reply_working_days = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=60
    )
    programme = VisibleField(
        "chương trình",
        queryset=Programme.objects.all(),
        required=False,
        allow_null=True,
        help_text="Chương trình phối hợp liên quan (nếu có).",
    )
    incident = VisibleField(
        "vụ việc",
        queryset=Incident.objects.all(),
        required=False,
        allow_null=True,
        help_text="Vụ việc liên quan (nếu có); vụ việc hạn chế tiếp cận chỉ khi được xem chi tiết.",
    )
    addressees = AddressableIdsField(help_text="Mã các cơ quan kính gửi.")
    copied = AddressableIdsField(required=False, default=list, help_text="Mã cơ quan để biết.")


class ReplySerializer(serializers.Serializer):
    summary = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)
    body = serializers.CharField()
    numbering = EnumField(default=Dispatch.Numbering.SYSTEM, **NUMBERING)
    number = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    issued_on = serializers.DateField(required=False, allow_null=True)


class ForwardSerializer(serializers.Serializer):
    to = AddressableField(help_text="Mã cơ quan có thẩm quyền.")
    reason = serializers.CharField(max_length=2000)


# --- Output ---------------------------------------------------------------------------------


class RecipientSerializer(serializers.ModelSerializer):
    organisation = RefSerializer()
    role = EnumField(**RECIPIENT_ROLE)
    state = EnumField(**RECIPIENT_STATE)
    state_label = serializers.CharField(source="get_state_display")
    forwarded_from = serializers.IntegerField(source="forwarded_from_id", allow_null=True)
    read_by = serializers.StringRelatedField()
    acknowledged_by = serializers.StringRelatedField()

    class Meta:
        model = DispatchRecipient
        fields = [
            "id",
            "organisation",
            "role",
            "state",
            "state_label",
            "sent_at",
            "delivered_at",
            "read_at",
            "read_by",
            "acknowledged_at",
            "acknowledged_by",
            "failed_at",
            "failure_reason",
            "attempts",
            "forwarded_at",
            "forward_reason",
            "forwarded_from",
            "reply_due",
            "replied_at",
        ]


class DispatchSerializer(serializers.ModelSerializer):
    issuer = RefSerializer()
    kind = EnumField(**DISPATCH_KIND)
    state = EnumField(**DISPATCH_STATE)
    urgency = EnumField(**URGENCY)
    number_and_symbol = serializers.CharField()
    in_reply_to = serializers.IntegerField(source="in_reply_to_id", allow_null=True)
    programme = serializers.IntegerField(source="programme_id", allow_null=True)
    incident = serializers.IntegerField(source="incident_id", allow_null=True)

    class Meta:
        model = Dispatch
        fields = [
            "id",
            "issuer",
            "kind",
            "number",
            "symbol",
            "number_and_symbol",
            "issued_on",
            "summary",
            "urgency",
            "state",
            "expects_reply",
            "reply_working_days",
            "in_reply_to",
            "programme",
            "incident",
            "sent_at",
        ]


class PermissionsSerializer(serializers.Serializer):
    can_edit = serializers.BooleanField()
    can_send = serializers.BooleanField()
    can_resend = serializers.BooleanField()
    can_acknowledge = serializers.BooleanField()
    can_reply = serializers.BooleanField()
    can_forward = serializers.BooleanField()


class DispatchDetailSerializer(DispatchSerializer):
    body = serializers.CharField()
    recipients = serializers.SerializerMethodField()
    addressees = RefSerializer(many=True, source="addressees.all")
    copied = RefSerializer(many=True, source="copied.all")
    my_recipient = serializers.SerializerMethodField()
    thread = serializers.SerializerMethodField()
    permissions = serializers.SerializerMethodField()

    class Meta(DispatchSerializer.Meta):
        fields = [
            *DispatchSerializer.Meta.fields,
            "body",
            "addressees",
            "copied",
            "recipients",
            "my_recipient",
            "thread",
            "permissions",
        ]

    def _page(self):
        return self.context["page"]

    @extend_schema_field(RecipientSerializer(many=True))
    def get_recipients(self, obj):
        return RecipientSerializer(self._page().recipients, many=True).data

    def get_my_recipient(self, obj) -> int | None:
        mine = self._page().mine
        return mine.pk if mine else None

    def get_thread(self, obj) -> list[int]:
        return [d.pk for d in self._page().thread]

    @extend_schema_field(PermissionsSerializer)
    def get_permissions(self, obj):
        page = self._page()
        return PermissionsSerializer(
            {name: getattr(page, name) for name in PermissionsSerializer().fields}
        ).data


class InboxItemSerializer(RecipientSerializer):
    dispatch = DispatchSerializer()

    class Meta(RecipientSerializer.Meta):
        fields = [*RecipientSerializer.Meta.fields, "dispatch"]

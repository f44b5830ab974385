"""Shapes of the accounts API: signing in for a token, and the current user with their roles."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from phoihop.accounts.models import Membership, User

from ..fields import RefSerializer

# --- Input ----------------------------------------------------------------------------------


class TokenObtainSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150, trim_whitespace=True)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)
    otp = serializers.RegexField(
        r"^\d{6,8}$",
        required=False,
        default="",
        allow_blank=True,
        help_text="Mã xác thực hai lớp (TOTP), bắt buộc với quản trị và kiểm tra khi bật 2FA.",
    )


# --- Output ---------------------------------------------------------------------------------


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Gửi kèm mỗi yêu cầu: `Authorization: Token <mã>`.")


class MembershipSerializer(serializers.ModelSerializer):
    organisation = RefSerializer()
    role_label = serializers.CharField(source="get_role_display")

    class Meta:
        model = Membership
        fields = ["id", "organisation", "role", "role_label", "title"]


class MeSerializer(serializers.ModelSerializer):
    memberships = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "username", "full_name", "job_title", "email", "memberships"]

    @extend_schema_field(MembershipSerializer(many=True))
    def get_memberships(self, user) -> list:
        return MembershipSerializer(self.context["memberships"], many=True).data

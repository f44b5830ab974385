"""API v1 for accounts: an API token for a user name and password (the same lockout and second
factor as the sign-in page), and who the signed-in user is."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from ..auth import obtain_token
from ..base import ApiView, parse_body
from ..errors import error_responses
from . import serializers as s

AUTH = "Xác thực"


class TokenObtainView(ApiView):
    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        tags=[AUTH],
        summary="Lấy mã truy cập (token) bằng tên đăng nhập và mật khẩu",
        description="Không cần đăng nhập trước. Sai nhiều lần liên tiếp thì tài khoản bị tạm "
        "khóa (429). Quản trị và kiểm tra phải gửi thêm `otp` khi hệ thống bật xác thực hai lớp.",
        auth=[],
        request=s.TokenObtainSerializer,
        responses={200: s.TokenSerializer, **error_responses(400, 429)},
    )
    def post(self, request):
        data = parse_body(s.TokenObtainSerializer, request)
        token = obtain_token(request=request._request, **data)
        return Response({"token": token.key})


class MeView(ApiView):
    @extend_schema(
        tags=[AUTH],
        summary="Người dùng hiện tại và các vai trò",
        description="Thông tin tài khoản và các vai trò đang có hiệu lực trong từng cơ quan.",
        responses={200: s.MeSerializer, **error_responses(401, 403)},
    )
    def get(self, request):
        context = {"memberships": request.actor.memberships}
        return Response(s.MeSerializer(request.user, context=context).data)

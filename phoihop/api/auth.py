"""Issuing API tokens: the same checks as the sign-in page (django-axes lockout, second factor)."""

from __future__ import annotations

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth import authenticate, user_logged_in
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework import status
from rest_framework.authtoken.models import Token

from phoihop.accounts.models import User
from phoihop.accounts.roles import PRIVILEGED_ROLES
from phoihop.accounts.selectors import build_actor
from phoihop.accounts.services import token_issue

from .errors import ApiError


class InvalidCredentials(ApiError):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_credentials"
    default_detail = "Tên đăng nhập hoặc mật khẩu không đúng."


class LockedOut(ApiError):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"

    def __init__(self, wait_seconds: int):
        minutes = max(1, round(wait_seconds / 60))
        super().__init__(
            f"Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau {minutes} phút."
        )
        self.wait = wait_seconds  # DRF turns this into a Retry-After header


class SecondFactorRequired(ApiError):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "otp_required"
    default_detail = "Tài khoản này cần mã xác thực hai lớp (6 chữ số) để lấy mã truy cập."

    def __init__(self, detail=None):
        super().__init__(detail, fields={"otp": [str(detail or self.default_detail)]})


OTP_WRONG = "Mã xác thực không đúng hoặc đã hết hạn."
OTP_NOT_SET_UP = "Tài khoản chưa cài đặt xác thực hai lớp; hãy cài đặt trên trang web trước."


def obtain_token(*, request: HttpRequest, username: str, password: str, otp: str = "") -> Token:
    """The API token of the user these credentials belong to (created on first use).

    `request` is Django's request: django-axes counts failures and locks the account through it.
    """
    user = authenticate(request=request, username=username, password=password)
    if getattr(request, "axes_locked_out", False):
        # Answer in the API's error shape; left set, AxesMiddleware would replace the response
        # with the HTML lockout page meant for the sign-in form.
        request.axes_locked_out = False
        cool_off = get_cool_off(request)
        raise LockedOut(int(cool_off.total_seconds()) if cool_off else 3600)
    if user is None:
        raise InvalidCredentials()
    if _needs_second_factor(user):
        _verify_second_factor(user, otp)
    # Counts as a sign-in: resets axes' failure count and updates last_login.
    user_logged_in.send(sender=type(user), request=request, user=user)
    token = token_issue(user=user)
    return token


def _needs_second_factor(user: User) -> bool:
    return settings.REQUIRE_TWO_FACTOR and bool(build_actor(user).roles & PRIVILEGED_ROLES)


def _verify_second_factor(user: User, otp: str) -> None:
    if not otp:
        raise SecondFactorRequired()
    devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    if not devices:
        raise SecondFactorRequired(OTP_NOT_SET_UP)
    if not any(device.verify_token(otp) for device in devices):
        raise SecondFactorRequired(OTP_WRONG)

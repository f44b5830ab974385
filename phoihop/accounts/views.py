"""Sign-in, two-factor, membership switching, and user management for administrators."""

from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import default_key

from phoihop.core.exceptions import ensure
from phoihop.core.forms import add_service_errors
from phoihop.core.http import back_with_errors, back_with_success
from phoihop.core.scoping import get_visible_or_404

from . import policies, selectors, services
from .forms import LoginForm, MembershipForm, TokenForm, UserCreateForm
from .middleware import ACTIVE_MEMBERSHIP_SESSION_KEY
from .models import Membership, User
from .selectors import user_list

PAGE_SIZE = 50
# The secret of an authenticator app being set up, until the first code saves it.
TWO_FACTOR_SETUP_KEY = "two_factor_setup_key"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def profile(request):
    context = {"has_two_factor": selectors.has_two_factor(request.user)}
    return render(request, "accounts/profile.html", context)


@login_required
@require_POST
def switch_membership(request):
    membership = get_object_or_404(
        Membership, pk=request.POST.get("membership") or 0, user=request.user, is_active=True
    )
    request.session[ACTIVE_MEMBERSHIP_SESSION_KEY] = membership.pk
    messages.info(request, f"Đang làm việc với vai trò: {membership}.")
    return redirect(_safe_next(request, request.POST.get("next")))


def _safe_next(request, target: str | None) -> str:
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return "/"


@login_required
def two_factor(request):
    """Set up TOTP on first use, then ask for a code; a verified session may go on."""
    setup_key = request.session.setdefault(TWO_FACTOR_SETUP_KEY, default_key())
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.two_factor_verify(
                user=request.user, token=form.cleaned_data["token"], setup_key=setup_key
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            otp_login(request, device)
            request.session.pop(TWO_FACTOR_SETUP_KEY, None)
            next_url = _safe_next(request, request.GET.get("next"))
            return back_with_success(request, "Đã xác thực hai lớp.", next_url)
    context = _two_factor_context(request, form, setup_key)
    status = 400 if form.errors else 200
    return render(request, "accounts/two_factor.html", context, status=status)


def _two_factor_context(request, form: TokenForm, setup_key: str) -> dict:
    """The code form, and while the app is not confirmed yet its QR code and secret."""
    device = selectors.totp_device(request.user, setup_key)
    context = {"form": form, "device": device}
    if not device.confirmed:
        context |= {
            "qr_svg": _qr_svg(device.config_url),
            "secret": b32encode(device.bin_key).decode(),
        }
    return context


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


@login_required
def users(request):
    ensure(
        policies.can_manage_users(request.actor), "Chỉ quản trị hệ thống được quản lý người dùng."
    )
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(user_list(actor=request.actor, query=query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "accounts/users.html", {"page": page, "query": query})


@login_required
def user_create(request):
    ensure(policies.can_manage_users(request.actor), "Chỉ quản trị hệ thống được tạo người dùng.")
    form = UserCreateForm(request.POST or None, actor=request.actor)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(actor=request.actor, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return back_with_success(
                request, f"Đã tạo tài khoản {user.username}.", _user_page(user.pk)
            )
    return render(
        request, "accounts/user_form.html", {"form": form}, status=400 if form.errors else 200
    )


def _user_page(pk: int) -> str:
    return reverse("accounts:user", args=[pk])


def _visible_user(request, pk: int) -> User:
    """A user the actor may see (else 404) and may manage (else 403)."""
    user = get_object_or_404(user_list(actor=request.actor), pk=pk)
    ensure(
        policies.can_manage_users(request.actor), "Chỉ quản trị hệ thống được quản lý người dùng."
    )
    return user


@login_required
def user_detail(request, pk: int):
    user = _visible_user(request, pk)
    form = MembershipForm(request.POST or None, actor=request.actor)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_grant(actor=request.actor, user=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return back_with_success(request, "Đã giao vai trò.", _user_page(user.pk))
    memberships = selectors.memberships_of(actor=request.actor, user=user)
    context = {"subject": user, "memberships": memberships, "form": form}
    return render(request, "accounts/user_detail.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def membership_revoke(request, pk: int):
    membership = get_visible_or_404(Membership, request.actor, pk=pk)
    back = _user_page(membership.user_id)
    try:
        services.membership_revoke(actor=request.actor, membership=membership)
    except ValidationError as error:
        return back_with_errors(request, error, back)
    return back_with_success(request, "Đã thu hồi vai trò.", back)


@login_required
@require_POST
def user_set_active(request, pk: int):
    user = _visible_user(request, pk)
    active = request.POST.get("active") == "1"
    back = _user_page(user.pk)
    try:
        services.user_set_active(actor=request.actor, user=user, active=active)
    except ValidationError as error:
        return back_with_errors(request, error, back)
    return back_with_success(
        request, "Đã mở khóa tài khoản." if active else "Đã khóa tài khoản.", back
    )

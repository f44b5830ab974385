"""Every write to users and memberships."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from phoihop.core.actor import Actor
from phoihop.core.audit import record_event
from phoihop.core.exceptions import ensure, invalid

from . import policies, selectors
from .models import Membership, User

NO_RIGHT = "Bạn không có quyền quản lý thành viên của cơ quan này."


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    username: str,
    full_name: str,
    email: str,
    password: str,
    organisation,
    role: str,
    title: str = "",
) -> User:
    """Create an account together with its first membership (no account without a body)."""
    ensure(policies.can_manage_members(actor, organisation), NO_RIGHT)
    user = User(username=username.strip(), full_name=full_name.strip(), email=email.strip())
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    membership_grant(actor=actor, user=user, organisation=organisation, role=role, title=title)
    record_event(actor=actor, target=user, verb="user_created", organisation=organisation)
    return user


@transaction.atomic
def membership_grant(
    *, actor: Actor, user: User, organisation, role: str, title: str = ""
) -> Membership:
    ensure(policies.can_manage_members(actor, organisation), NO_RIGHT)
    if organisation.valid_to is not None:
        raise invalid("Cơ quan đã hết hiệu lực, không thể giao vai trò.", "organisation")
    membership = Membership.objects.filter(user=user, organisation=organisation, role=role).first()
    if membership and membership.is_active:
        raise invalid("Người dùng đã có vai trò này tại cơ quan.", "role")
    membership = membership or Membership(user=user, organisation=organisation, role=role)
    membership.title, membership.is_active = title.strip(), True
    membership.full_clean()
    membership.save()
    record_event(actor=actor, target=membership, verb="membership_granted")
    return membership


@transaction.atomic
def membership_revoke(*, actor: Actor, membership: Membership) -> Membership:
    ensure(policies.can_manage_members(actor, membership.organisation), NO_RIGHT)
    if membership.user_id == actor.signed_in_user().pk and membership.role == "admin":
        raise invalid("Không thể tự thu hồi quyền quản trị của chính mình.")
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    record_event(actor=actor, target=membership, verb="membership_revoked")
    return membership


@transaction.atomic
def user_set_active(*, actor: Actor, user: User, active: bool) -> User:
    """Lock or unlock an account; only an administrator over all of the user's bodies may."""
    memberships = list(Membership.objects.filter(user=user).select_related("organisation"))
    ensure(
        bool(memberships)
        and all(policies.can_manage_members(actor, m.organisation) for m in memberships),
        NO_RIGHT,
    )
    if user.pk == actor.signed_in_user().pk:
        raise invalid("Không thể tự khóa tài khoản của chính mình.")
    user.is_active = active
    user.save(update_fields=["is_active"])
    verb = "user_unlocked" if active else "user_locked"
    record_event(actor=actor, target=user, verb=verb, organisation=memberships[0].organisation)
    return user


def two_factor_verify(*, user: User, token: str, setup_key: str) -> TOTPDevice:
    """Check a code from the user's authenticator app; the first good code confirms the app.

    Opening the set-up page writes nothing: the secret it shows as a QR code stays in the
    user's session (`setup_key`) until they send a first code, which saves the device, so that
    wrong codes are throttled from then on. Not atomic on purpose: a refused code must still
    count towards the throttling.
    """
    device = selectors.totp_device(user, setup_key)
    if device.pk is None:
        device.save()
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        raise invalid("Nhập sai nhiều lần: vui lòng chờ vài giây rồi nhập mã mới.", "token")
    if not device.verify_token(token):
        raise invalid("Mã không đúng hoặc đã hết hạn. Vui lòng nhập mã mới.", "token")
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return device


def token_issue(*, user: User) -> Token:
    """The API token of a user who has just proved who they are: one per user, so signing in
    again (from another client too) gives the same token."""
    token, _ = Token.objects.get_or_create(user=user)
    return token

"""Reads about users and memberships, including building the actor."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from phoihop.core.actor import ANONYMOUS, Actor, collapse_paths
from phoihop.organisations.models import Organisation

from .models import Membership, User
from .roles import LEVEL_SCOPED_ROLES


def _role_scope_path(membership: Membership) -> str:
    """The subtree a membership opens: the whole level for board roles, else the body itself."""
    organisation = membership.organisation
    if membership.role in LEVEL_SCOPED_ROLES and organisation.depth > 1:
        return organisation.path[: organisation.steplen * (organisation.depth - 1)]
    return organisation.path


def build_actor(user: User | None, active_membership_id: int | None = None) -> Actor:
    """The actor for `user`: memberships loaded once, scopes computed once (two queries)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    memberships = tuple(
        Membership.objects.active()
        .filter(user=user, organisation__in=Organisation.objects.current())
        .select_related("organisation")
        .order_by("organisation__path", "role")
    )
    scopes: dict[str, list[str]] = defaultdict(list)
    for membership in memberships:
        scopes[membership.role].append(_role_scope_path(membership))
    active = next((m for m in memberships if m.pk == active_membership_id), None)
    return Actor(
        user=user,
        memberships=memberships,
        active=active or (memberships[0] if memberships else None),
        scopes={role: collapse_paths(paths) for role, paths in scopes.items()},
        sees_everything=user.is_superuser,
    )


def user_list(*, actor: Actor, query: str = "") -> QuerySet[User]:
    """Users holding a membership the actor may see (administrators manage these)."""
    users = User.objects.all()
    if not actor.sees_everything:
        users = users.filter(memberships__in=Membership.objects.visible_to(actor))
    if query:
        users = users.filter(Q(username__icontains=query) | Q(full_name__icontains=query))
    return users.distinct().order_by("full_name", "username")


def members_of(organisation: Organisation) -> QuerySet[Membership]:
    """The active memberships of a body, with their users."""
    return Membership.objects.active().filter(organisation=organisation).select_related("user")


def memberships_of(*, actor: Actor, user: User) -> QuerySet[Membership]:
    """The user's memberships (active or not) in the bodies the actor sees."""
    return Membership.objects.visible_to(actor).filter(user=user).select_related("organisation")


TOTP_DEVICE_NAME = "Ứng dụng xác thực"


def has_two_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def totp_device(user: User, setup_key: str) -> TOTPDevice:
    """The user's authenticator app: the confirmed one, else one left from a set-up not
    finished; else a new one on `setup_key`, not saved (the set-up page shows its QR code, and
    `services.two_factor_verify` saves it when the user sends the first code)."""
    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "pk").first()
    return device or TOTPDevice(user=user, name=TOTP_DEVICE_NAME, key=setup_key, confirmed=False)

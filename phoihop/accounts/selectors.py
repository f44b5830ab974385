"""Reads about users and memberships, including building the actor."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q, QuerySet

from phoihop.core.actor import ANONYMOUS, Actor, collapse_paths

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
        .filter(user=user, organisation__valid_to__isnull=True)
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

"""Yes/no decisions about users and memberships; no I/O."""

from phoihop.core.actor import Actor

from .roles import Role


def can_manage_members(actor: Actor, organisation) -> bool:
    return actor.has_role(Role.ADMIN, over=organisation)


def can_manage_users(actor: Actor) -> bool:
    return actor.has_role(Role.ADMIN)


def can_view_audit(actor: Actor) -> bool:
    return actor.has_role(Role.AUDITOR, Role.ADMIN)

"""Yes/no decisions about organisations; no I/O (everything needed is on the actor)."""

from phoihop.accounts.roles import Role
from phoihop.core.actor import Actor

from .models import Organisation


def can_manage(actor: Actor, organisation: Organisation) -> bool:
    """Create bodies beneath it, edit it, merge or split it: administrators of its subtree."""
    return actor.has_role(Role.ADMIN, over=organisation)


def can_set_focal_point(actor: Actor, organisation: Organisation) -> bool:
    """The body's own leader may name its focal points, as may an administrator."""
    if organisation.valid_to is not None:
        return False
    return can_manage(actor, organisation) or any(
        m.organisation_id == organisation.pk and m.role in {Role.AGENCY_LEADER, Role.BOARD_LEADER}
        for m in actor.memberships
    )

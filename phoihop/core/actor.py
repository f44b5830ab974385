"""The actor: who is acting and what they may see, built once per request (or per task)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .exceptions import invalid

if TYPE_CHECKING:
    from phoihop.accounts.models import Membership, User


def collapse_paths(paths: Iterable[str]) -> tuple[str, ...]:
    """Drop every tree path that lies inside another one: the subtrees are already covered."""
    kept: list[str] = []
    for path in sorted(set(paths)):
        if not kept or not path.startswith(kept[-1]):
            kept.append(path)
    return tuple(kept)


@dataclass(frozen=True)
class Actor:
    """A user with their memberships and the organisation subtrees those memberships open.

    `scopes` maps each role the user holds to the tree paths where it applies; a role applies to
    an organisation when the organisation's path starts with one of them. Everything a policy
    needs is here, so policies never touch the database.
    """

    user: User | None
    memberships: tuple[Membership, ...] = ()
    active: Membership | None = None
    scopes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sees_everything: bool = False

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None

    def signed_in_user(self) -> User:
        """The user behind an action only a signed-in user can take (whose name it records)."""
        if self.user is None:
            raise invalid("Cần đăng nhập để thực hiện thao tác này.")
        return self.user

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(self.scopes)

    @property
    def scope_paths(self) -> tuple[str, ...]:
        """Every subtree this actor may read, whatever the role."""
        return collapse_paths(p for paths in self.scopes.values() for p in paths)

    def has_role(self, *roles: str, over: Any = None) -> bool:
        """True when the actor holds one of `roles`, over `over` (an organisation) if given."""
        if self.sees_everything:
            return True
        for role in roles:
            paths = self.scopes.get(role, ())
            if over is None and paths:
                return True
            if over is not None and any(over.path.startswith(p) for p in paths):
                return True
        return False

    def can_see(self, organisation: Any) -> bool:
        return self.sees_everything or any(
            organisation.path.startswith(p) for p in self.scope_paths
        )


ANONYMOUS = Actor(user=None)

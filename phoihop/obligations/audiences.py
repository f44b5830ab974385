"""Who hears about obligations: their owners, the owing body's focal leader, the board leaders.

Everything is resolved for a whole batch of obligations at once — four queries whatever its size —
so neither a hand-off nor the sweep issues a query per obligation.

* Owners: the user the obligation names; else the active members of the owing body holding the
  named role; else those holding one of the step's roles.
* The focal leader: the body's `FocalPoint.leader`, else that of the nearest body above it at the
  same level (a department under the people's committee that signed).
* The board: the board under the nearest Party committee above the body (a commune without a board
  of its own answers to the province's); its leaders are those with the role board_leader.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import F
from django.db.models.functions import Left

from phoihop.accounts.models import Membership, User
from phoihop.accounts.roles import Role
from phoihop.organisations.models import FocalPoint, Organisation

from .ladder import BOARD_LEADERS, FOCAL_LEADER, OWNER
from .models import Obligation
from .steps import step_for

STEP = Organisation.steplen


def _prefixes(path: str) -> list[str]:
    return [path[:n] for n in range(STEP, len(path) + 1, STEP)]


def boards_for(bodies: Iterable[Organisation]) -> dict[int, Organisation]:
    """Each body's board, in one query (bodies without one are left out)."""
    bodies = list(bodies)
    committees = {prefix for body in bodies for prefix in _prefixes(body.path)}
    boards = list(
        Organisation.objects.current()
        .filter(kind=Organisation.Kind.BOARD)
        .annotate(committee=Left("path", F("depth") * STEP - STEP))
        .filter(committee__in=committees)
        .order_by()
    )
    found = {}
    for body in bodies:
        candidates = [board for board in boards if body.path.startswith(board.committee)]
        if candidates:
            found[body.pk] = max(candidates, key=lambda board: len(board.path))
    return found


class Audiences:
    """The people to tell about `obligations` (with their `organisation` and `user` loaded)."""

    def __init__(self, obligations: Iterable[Obligation]) -> None:
        obligations = list(obligations)
        bodies = {o.organisation_id: o.organisation for o in obligations}
        self.boards = boards_for(bodies.values())
        self._members = self._memberships(set(bodies) | {b.pk for b in self.boards.values()})
        self._focal = self._focal_leaders(bodies.values())

    @staticmethod
    def _memberships(organisation_ids: set[int]) -> dict[tuple[int, str], list[User]]:
        held: dict[tuple[int, str], list[User]] = defaultdict(list)
        rows = (
            Membership.objects.active()
            .filter(organisation_id__in=organisation_ids, user__is_active=True)
            .select_related("user")
            .order_by("pk")
        )
        for membership in rows:
            held[membership.organisation_id, membership.role].append(membership.user)
        return held

    @staticmethod
    def _focal_leaders(bodies: Iterable[Organisation]) -> dict[int, User]:
        bodies = list(bodies)
        paths = {prefix for body in bodies for prefix in _prefixes(body.path)}
        focal_points = {
            focal.organisation.path: focal
            for focal in FocalPoint.objects.filter(
                organisation__path__in=paths, organisation__valid_to__isnull=True
            ).select_related("leader", "organisation")
        }
        leaders = {}
        for body in bodies:
            nearest = max(
                (
                    focal
                    for path, focal in focal_points.items()
                    if body.path.startswith(path)
                    and focal.organisation.level == body.level
                    and focal.leader.is_active
                ),
                key=lambda focal: len(focal.organisation.path),
                default=None,
            )
            if nearest is not None:
                leaders[body.pk] = nearest.leader
        return leaders

    def holders(self, organisation_id: int, roles: Iterable[str]) -> list[User]:
        people: dict[int, User] = {}
        for role in roles:
            for user in self._members.get((organisation_id, role), ()):
                people.setdefault(user.pk, user)
        return list(people.values())

    def owners(self, obligation: Obligation) -> list[User]:
        user = obligation.user
        if user is not None:
            return [user] if user.is_active else []
        roles = [obligation.role] if obligation.role else step_for(obligation.step).roles
        return self.holders(obligation.organisation_id, roles)

    def board_leaders(self, obligation: Obligation) -> list[User]:
        board = self.boards.get(obligation.organisation_id)
        return self.holders(board.pk, [Role.BOARD_LEADER]) if board is not None else []

    def tell(self, obligation: Obligation, audiences: Iterable[str]) -> list[User]:
        """Everyone `audiences` name for this obligation; nobody named holds a role, so the board
        leaders are told instead (never a silent gap)."""
        people: dict[int, User] = {}
        for audience in audiences:
            if audience == OWNER:
                found = self.owners(obligation)
            elif audience == FOCAL_LEADER:
                leader = self._focal.get(obligation.organisation_id)
                found = [leader] if leader is not None else []
            elif audience == BOARD_LEADERS:
                found = self.board_leaders(obligation)
            else:
                found = self.holders(obligation.organisation_id, [audience])
            for user in found:
                people.setdefault(user.pk, user)
        return list(people.values()) or self.board_leaders(obligation)

"""Yes/no decisions about concerns and claims; no I/O (everything is on the actor and the
arguments). Services enforce these; templates and the API show exactly what they allow."""

from __future__ import annotations

from collections.abc import Collection

from phoihop.accounts.roles import BOARD_ROLES, Role
from phoihop.core.actor import Actor

from .models import Concern

# The roles of a body assigned to verify and answer a concern (its leader and advisers; not
# the council's or people's committee's offices, which have steps of their own).
AGENCY_ROLES = (Role.AGENCY_LEADER, Role.AGENCY_OFFICER)
State = Concern.State


def _works_for(actor: Actor, organisation_id: int | None) -> bool:
    return organisation_id is not None and any(
        m.organisation_id == organisation_id for m in actor.memberships
    )


def is_board(actor: Actor, board) -> bool:
    return actor.has_role(*BOARD_ROLES, over=board)


def can_capture(actor: Actor, board) -> bool:
    return board.kind == board.Kind.BOARD and is_board(actor, board)


def _is_council(actor: Actor, concern: Concern) -> bool:
    return concern.council is not None and actor.has_role(
        Role.COUNCIL_OFFICER, over=concern.council
    )


def _is_committee(actor: Actor, concern: Concern) -> bool:
    return concern.peoples_committee is not None and actor.has_role(
        Role.COMMITTEE_OFFICER, over=concern.peoples_committee
    )


def _is_agency(actor: Actor, agency_ids: Collection[int]) -> bool:
    if actor.sees_everything:
        return True
    return any(
        m.organisation_id in agency_ids and m.role in AGENCY_ROLES for m in actor.memberships
    )


def may(actor: Actor, concern: Concern, action: str, agency_ids: Collection[int] = ()) -> bool:
    """May `actor` take `action` on `concern` (whatever its state; the state machine decides
    whether the action is possible now)? `agency_ids`: the bodies assigned to it."""
    if concern.merged_into_id is not None and action != "unmerge":
        return False
    board = is_board(actor, concern.board)
    if action in {"triage", "forward", "reopen", "merge", "unmerge", "edit"}:
        return board
    if action == "request":
        return _is_council(actor, concern)
    if action == "assign":
        return _is_committee(actor, concern)
    if action in {"verify", "answer"}:
        return _is_agency(actor, agency_ids)
    if action in {"supervise", "partly_resolve"}:
        return _is_council(actor, concern)
    if action == "close":
        return board or _is_council(actor, concern)
    if action == "transfer":
        return _owns_current_step(actor, concern, agency_ids)
    return False


def _owns_current_step(actor: Actor, concern: Concern, agency_ids: Collection[int]) -> bool:
    """Whoever holds the concern now may say it is not within their competence."""
    if concern.state in {State.CAPTURED, State.TRIAGED}:
        return is_board(actor, concern.board)
    if concern.state == State.FORWARDED:
        return _is_council(actor, concern)
    if concern.state == State.REQUESTED:
        return _is_committee(actor, concern)
    if concern.state in {State.ASSIGNED, State.VERIFYING}:
        return _is_agency(actor, agency_ids)
    return False


def can_see_contact(actor: Actor, concern: Concern) -> bool:
    """The officers handling the concern who owe the personal reply: the capturing board and
    the council's office. Agencies never see it, nor does the installation's operator, who
    holds every role only to run the system (`has_role` says yes to them for everything)."""
    if actor.sees_everything:
        return False
    return is_board(actor, concern.board) or _is_council(actor, concern)


def can_set_retention(actor: Actor) -> bool:
    return actor.sees_everything or actor.has_role(Role.AUDITOR)


def can_record_claim(actor: Actor, board) -> bool:
    return board.kind == board.Kind.BOARD and is_board(actor, board)


def can_edit_claim(actor: Actor, claim) -> bool:
    return is_board(actor, claim.board)


def works_for(actor: Actor, organisation_id: int | None) -> bool:
    return _works_for(actor, organisation_id)


def can_manage_categories(actor: Actor) -> bool:
    """The taxonomy of sectors and their deadlines is installation-wide reference data, like
    the regime and the calendar: only the installation's operator changes it."""
    return actor.sees_everything

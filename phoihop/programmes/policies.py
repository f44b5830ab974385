"""Yes/no decisions about programmes, plans and tasks; no I/O (everything is on the actor)."""

from phoihop.accounts.roles import BOARD_ROLES, Role
from phoihop.core.actor import Actor

from .models import Programme, Task

EDITABLE_STATES = {Programme.State.DRAFT, Programme.State.CONSULTING, Programme.State.AGREED}


def can_create_programme(actor: Actor, board) -> bool:
    return board.kind == board.Kind.BOARD and actor.has_role(*BOARD_ROLES, over=board)


def can_edit_programme(actor: Actor, programme: Programme) -> bool:
    """Board officers draft the text and the parties until the programme is signed."""
    return programme.state in EDITABLE_STATES and actor.has_role(*BOARD_ROLES, over=programme.board)


def can_decide_programme(actor: Actor, programme: Programme) -> bool:
    """Agreeing, signing, bringing into force, reviewing, closing: the board's leaders."""
    return programme.is_open and actor.has_role(Role.BOARD_LEADER, over=programme.board)


def can_manage_plans(actor: Actor, programme: Programme) -> bool:
    """Plans and their tasks are drafted and steered by the board while the programme runs."""
    return programme.state in {
        Programme.State.SIGNED,
        Programme.State.IN_FORCE,
        Programme.State.UNDER_REVIEW,
    } and actor.has_role(*BOARD_ROLES, over=programme.board)


def _works_for(actor: Actor, organisation_id: int) -> bool:
    return any(m.organisation_id == organisation_id for m in actor.memberships)


def can_report_on_task(
    actor: Actor, task: Task, programme: Programme, cooperating_ids: frozenset[int] = frozenset()
) -> bool:
    """The lead body, a co-operating body or the board records progress and outputs."""
    if task.state not in [*Task.WORKING_STATES, Task.State.DONE]:
        return False
    return (
        _works_for(actor, task.lead_id)
        or any(_works_for(actor, pk) for pk in cooperating_ids)
        or actor.has_role(*BOARD_ROLES, over=programme.board)
    )


def can_steer_task(actor: Actor, programme: Programme) -> bool:
    """Agree, assign, confirm, defer, cancel, carry over: the board."""
    return can_manage_plans(actor, programme)


def can_attach(actor: Actor, programme: Programme) -> bool:
    """The board files the signed scan and later amendments."""
    return programme.state != Programme.State.CANCELLED and actor.has_role(
        *BOARD_ROLES, over=programme.board
    )


def can_set_deadlines(actor: Actor, programme: Programme) -> bool:
    """The board sets the programme's own reminders and escalations while it is open."""
    return programme.is_open and actor.has_role(*BOARD_ROLES, over=programme.board)


def can_edit_regime(actor: Actor) -> bool:
    """The regime's wording and default deadlines are national reference data."""
    return actor.sees_everything

"""Property tests of the chain: whatever sequence of allowed actions is taken, the concern always
has an owner, the owner is the body the state says, and no step of its history is lost."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phoihop.concerns.models import Concern, ConcernStep
from phoihop.concerns.services import transitions
from phoihop.core.actor import Actor
from phoihop.core.exceptions import PolicyDenied
from phoihop.core.models import AuditEntry
from phoihop.testing.concerns import capture

pytestmark = pytest.mark.django_db
State = Concern.State

# Which body owns the concern in each state (None: the body it was transferred to).
OWNER_OF = {
    State.CAPTURED: "board",
    State.TRIAGED: "board",
    State.FORWARDED: "council",
    State.REQUESTED: "peoples_committee",
    State.ASSIGNED: "department",
    State.VERIFYING: "department",
    State.ANSWERED: "council",
    State.SUPERVISING: "council",
    State.PARTLY_RESOLVED: "peoples_committee",
    State.CLOSED: "board",
    State.TRANSFERRED: "commune_peoples_committee",
}


def _inputs(world, action: str):
    document = transitions.StepData(
        document_ref="01/VB", document_date=date(2026, 5, 4), note="Ghi chú của bước."
    )
    extra = transitions.ActionInput(
        agencies=[world.department],
        answer="Nội dung trả lời.",
        transfer_to_id=world.commune_peoples_committee.pk,
    )
    return document, extra


@settings(
    max_examples=25,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(choices=st.lists(st.integers(min_value=0, max_value=20), min_size=1, max_size=14))
def test_no_sequence_of_allowed_actions_loses_the_owner_or_the_history(world, choices):
    system = Actor(user=None, sees_everything=True)
    with transaction.atomic():
        concern = capture(world)
        for taken, choice in enumerate(choices, start=1):
            allowed = transitions.concern_actions(system, concern)
            assert allowed, f"dead end in {concern.state}"  # never a state without a way on
            action = allowed[choice % len(allowed)][0]
            step, extra = _inputs(world, action)
            concern = transitions.concern_act(
                actor=system, concern=concern, action=action, step=step, extra=extra
            )
            concern.refresh_from_db()
            assert concern.owner_id is not None
            assert concern.owner_id == getattr(world, OWNER_OF[concern.state]).pk
            assert concern.owner_path == concern.owner.path
            steps = ConcernStep.objects.filter(concern=concern).count()
            assert steps == taken + 1  # the capture, then one step per action
            events = AuditEntry.objects.filter(object_id=concern.pk, verb__startswith="concern_")
            assert events.count() == taken + 1
        transaction.set_rollback(True)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(action=st.sampled_from(list(transitions.ACTIONS)), state=st.sampled_from(list(State)))
def test_an_action_the_state_does_not_allow_changes_nothing(world, action, state):
    system = Actor(user=None, sees_everything=True)
    with transaction.atomic():
        concern = capture(world)
        Concern.objects.filter(pk=concern.pk).update(state=state)
        concern.refresh_from_db()
        if action in {a for a, _ in transitions.concern_actions(system, concern)}:
            transaction.set_rollback(True)
            return
        before = (concern.state, concern.owner_id, concern.steps.count())
        with pytest.raises((ValidationError, PolicyDenied)):
            step, extra = _inputs(world, action)
            transitions.concern_act(
                actor=system, concern=concern, action=action, step=step, extra=extra
            )
        concern.refresh_from_db()
        assert (concern.state, concern.owner_id, concern.steps.count()) == before
        transaction.set_rollback(True)

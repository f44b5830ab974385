"""A property test over random sequences of open, move, meet and close on a few real tasks:
no obligation outlives its object, and at most one is open per (object, step, body)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phoihop.core.actor import ANONYMOUS
from phoihop.obligations import services
from phoihop.obligations.models import Obligation

from .conftest import more_tasks

ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["open", "move", "meet", "close"]),
        st.integers(min_value=0, max_value=2),  # which task
        st.integers(min_value=0, max_value=2),  # which body
    ),
    min_size=1,
    max_size=12,
)


class Rollback(Exception):
    """Undo one example's writes so the next one starts from the same world."""


@pytest.fixture
def targets(world, prg):
    bodies = [world.department, world.commune_peoples_committee, world.council]
    return [prg.task, *more_tasks(world, prg, 2)], bodies


def _open(task, body):
    return services.obligation_open(
        actor=ANONYMOUS,
        target=task,
        step="task.report",
        organisation=body,
        label=task.title,
        url=task.get_absolute_url(),
        working_days=3,
    )


def _apply(action, task, body, closed: set[int]) -> None:
    on_task = Obligation.objects.open().filter(target_id=task.pk).order_by("pk")
    if action == "open" and task.pk not in closed:
        already = on_task.filter(organisation=body).exists()
        try:
            _open(task, body)
            assert not already, "a second open obligation for the same step and body"
        except ValidationError:
            assert already, "refused although nothing was open"
    elif action == "move" and on_task.exists():
        owed_there = on_task.filter(organisation=body).exists()
        try:
            services.obligation_move(actor=ANONYMOUS, obligation=on_task.first(), organisation=body)
            assert not owed_there, "moved to a body that already owes the step"
        except ValidationError:
            assert owed_there, "refused although the body owed nothing"
    elif action == "meet" and on_task.exists():
        services.obligation_meet(actor=ANONYMOUS, obligation=on_task.first())
    elif action == "close":
        services.obligations_close_for(actor=ANONYMOUS, target=task, reason="Đóng hồ sơ")
        closed.add(task.pk)


def _check_invariants(closed: set[int]) -> None:
    open_rows = Obligation.objects.open()
    assert not open_rows.filter(target_id__in=closed).exists(), "outlived its object"
    duplicates = (
        open_rows.values("target_type", "target_id", "step", "organisation")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert not duplicates.exists()
    assert (
        not Obligation.objects.exclude(state=Obligation.State.OPEN)
        .filter(closed_at__isnull=True)
        .exists()
    )


@pytest.mark.django_db
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS)
def test_no_obligation_outlives_its_object_and_one_is_open_per_step_and_body(targets, actions):
    tasks, bodies = targets
    try:
        with transaction.atomic():
            closed: set[int] = set()
            for action, task_index, body_index in actions:
                with transaction.atomic():
                    _apply(action, tasks[task_index], bodies[body_index], closed)
                _check_invariants(closed)
            raise Rollback
    except Rollback:
        pass

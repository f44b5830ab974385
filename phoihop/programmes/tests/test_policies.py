"""Who may do what to programmes and tasks: decisions on the actor alone, no queries."""

from datetime import date

import pytest

from phoihop.accounts.models import User
from phoihop.accounts.roles import Role
from phoihop.accounts.selectors import build_actor
from phoihop.programmes import policies
from phoihop.programmes.models import Programme, Task
from phoihop.testing.world import person

State = Programme.State
EVERY_STATE = list(State)


def programme(world, state) -> Programme:
    return Programme(board=world.board, state=state, start=date(2025, 1, 1), end=date(2027, 6, 30))


def task(world, state, lead=None) -> Task:
    return Task(lead=lead or world.department, state=state, due=date(2026, 9, 30))


@pytest.fixture
def actors(world):
    return {
        name: world.actor(getattr(world, name))
        for name in (
            "board_leader",
            "board_officer",
            "agency_officer",
            "commune_officer",
            "outsider",
            "admin",
            "auditor",
        )
    }


def allowed(actors, decide) -> set[str]:
    return {name for name, actor in actors.items() if decide(actor)}


def test_only_the_boards_leaders_and_officers_draft_for_their_board(world, actors):
    assert allowed(actors, lambda a: policies.can_create_programme(a, world.board)) == {
        "board_leader",
        "board_officer",
    }
    assert allowed(actors, lambda a: policies.can_create_programme(a, world.other_board)) == {
        "outsider"
    }


def test_a_programme_is_drafted_for_a_board_and_nothing_else(world, actors):
    for body in (world.peoples_committee, world.department, world.province_committee):
        assert not policies.can_create_programme(actors["board_officer"], body)


@pytest.mark.parametrize("state", EVERY_STATE)
def test_the_board_edits_a_programme_only_until_it_is_signed(world, actors, state):
    editable = state in {State.DRAFT, State.CONSULTING, State.AGREED}
    who = allowed(actors, lambda a: policies.can_edit_programme(a, programme(world, state)))
    assert who == ({"board_leader", "board_officer"} if editable else set())


@pytest.mark.parametrize("state", EVERY_STATE)
def test_only_the_board_leader_decides_and_only_while_the_programme_is_open(world, actors, state):
    who = allowed(actors, lambda a: policies.can_decide_programme(a, programme(world, state)))
    assert who == ({"board_leader"} if state in Programme.OPEN_STATES else set())


@pytest.mark.parametrize("state", EVERY_STATE)
def test_plans_are_managed_by_the_board_from_signature_to_review(world, actors, state):
    running = state in {State.SIGNED, State.IN_FORCE, State.UNDER_REVIEW}
    who = allowed(actors, lambda a: policies.can_manage_plans(a, programme(world, state)))
    assert who == ({"board_leader", "board_officer"} if running else set())
    assert who == allowed(actors, lambda a: policies.can_steer_task(a, programme(world, state)))


@pytest.mark.parametrize("state", list(Task.State))
def test_the_lead_and_the_board_report_on_a_task_being_worked_on(world, actors, state):
    working = state in {*Task.WORKING_STATES, Task.State.DONE}
    who = allowed(
        actors,
        lambda a: policies.can_report_on_task(
            a, task(world, state), programme(world, State.IN_FORCE)
        ),
    )
    assert who == ({"board_leader", "board_officer", "agency_officer"} if working else set())


def test_a_co_operating_body_reports_but_a_body_above_the_lead_does_not(world, actors):
    committee_officer = build_actor(
        person("vp_ubnd", world.peoples_committee, Role.COMMITTEE_OFFICER)
    )
    assigned = task(world, Task.State.ASSIGNED)
    running = programme(world, State.IN_FORCE)
    assert not policies.can_report_on_task(committee_officer, assigned, running)
    assert policies.can_report_on_task(
        committee_officer, assigned, running, frozenset({world.peoples_committee.pk})
    )
    assert not policies.can_report_on_task(
        actors["commune_officer"], assigned, running, frozenset({world.peoples_committee.pk})
    )


def test_the_board_of_another_province_neither_steers_nor_reports(world, actors):
    running = programme(world, State.IN_FORCE)
    outsider = actors["outsider"]
    assert not policies.can_steer_task(outsider, running)
    assert not policies.can_report_on_task(outsider, task(world, Task.State.ASSIGNED), running)
    assert not policies.can_attach(outsider, running)


@pytest.mark.parametrize("state", EVERY_STATE)
def test_the_board_attaches_files_unless_the_programme_is_cancelled(world, actors, state):
    who = allowed(actors, lambda a: policies.can_attach(a, programme(world, state)))
    expected = set() if state == State.CANCELLED else {"board_leader", "board_officer"}
    assert who == expected


@pytest.mark.parametrize("state", EVERY_STATE)
def test_the_board_sets_a_programmes_own_deadlines_while_it_is_open(world, actors, state):
    who = allowed(actors, lambda a: policies.can_set_deadlines(a, programme(world, state)))
    open_ = state in Programme.OPEN_STATES
    assert who == ({"board_leader", "board_officer"} if open_ else set())


def test_only_a_superuser_edits_the_regime(world, actors):
    assert allowed(actors, policies.can_edit_regime) == set()
    root = User.objects.create_superuser("root", email="root@phoihop.local", password="x")
    assert policies.can_edit_regime(build_actor(root))


def test_policies_make_no_query(world, actors, django_assert_num_queries):
    running = programme(world, State.IN_FORCE)
    assigned = task(world, Task.State.ASSIGNED)
    with django_assert_num_queries(0):
        for actor in actors.values():
            policies.can_create_programme(actor, world.board)
            policies.can_edit_programme(actor, running)
            policies.can_decide_programme(actor, running)
            policies.can_manage_plans(actor, running)
            policies.can_report_on_task(actor, assigned, running)
            policies.can_attach(actor, running)
            policies.can_set_deadlines(actor, running)

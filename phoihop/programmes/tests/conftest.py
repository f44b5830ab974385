"""Programmes built through the services, step by step, for the service and selector tests.

The main programme runs from 1/1/2025 to 30/6/2027 between the board and the provincial
people's committee; its department (beneath the committee) leads tasks.
"""

from __future__ import annotations

from datetime import date

import pytest

from phoihop.accounts.roles import Role
from phoihop.organisations.services import focal_point_set
from phoihop.programmes import services
from phoihop.programmes.models import Programme
from phoihop.testing.world import person

START, END = date(2025, 1, 1), date(2027, 6, 30)
TITLE = "Chương trình phối hợp tuyên truyền giữa Ban và Ủy ban nhân dân tỉnh"


@pytest.fixture
def officer(world):
    return world.actor(world.board_officer)


@pytest.fixture
def leader(world):
    return world.actor(world.board_leader)


@pytest.fixture
def agency(world):
    return world.actor(world.agency_officer)


@pytest.fixture
def outsider(world):
    return world.actor(world.outsider)


def create_programme(world, *, parties=None, title=TITLE, start=START, end=END, **extra):
    return services.programme_create(
        actor=world.actor(world.board_officer),
        board=world.board,
        data=services.ProgrammeData(title=title, start=start, end=end),
        parties=parties if parties is not None else [world.peoples_committee],
        **extra,
    )


def sign_parties(world, programme: Programme) -> None:
    """Every party's document number, date and signatory."""
    for number, party in enumerate(programme.parties.order_by("pk"), start=1):
        services.party_update(
            actor=world.actor(world.board_officer),
            party=party,
            signatory_name=f"Người ký {number}",
            document_number=f"{number:02d}/CTr",
            document_date=programme.start,
        )


def name_focal_points(world, programme: Programme) -> None:
    """A focal point for every party, led by one of its members (a new leader if none)."""
    admin = world.actor(world.admin)
    for party in programme.parties.select_related("organisation"):
        body = party.organisation
        membership = body.memberships.filter(is_active=True).first()
        leader = (
            membership.user
            if membership
            else person(f"lanh_dao_{body.pk}", body, Role.AGENCY_LEADER)
        )
        focal_point_set(actor=admin, organisation=body, leader=leader, advisory_unit="Văn phòng")


def bring_into_force(world, programme: Programme) -> Programme:
    officer, leader = world.actor(world.board_officer), world.actor(world.board_leader)
    services.programme_advance(actor=officer, programme=programme, action="submit")
    services.programme_advance(actor=leader, programme=programme, action="agree")
    sign_parties(world, programme)
    services.programme_advance(actor=leader, programme=programme, action="sign")
    name_focal_points(world, programme)
    services.programme_advance(actor=leader, programme=programme, action="bring_into_force")
    return programme


def add_task(world, plan, *, title="Tuyên truyền kỳ họp", lead=None, due=None, **extra):
    return services.task_create(
        actor=world.actor(world.board_officer),
        plan=plan,
        data=services.TaskData(
            title=title, lead=lead or world.department, due=due or date(plan.year, 9, 30)
        ),
        **extra,
    )


def advance(world, task, *actions, user=None):
    """Run task actions in order: steering as the board officer, reporting as `user`."""
    for action in actions:
        if action in services.TASK_STEERING:
            actor = world.actor(world.board_officer)
        else:
            actor = world.actor(user or world.agency_officer)
        task = services.task_advance(actor=actor, task=task, action=action)
    return task


@pytest.fixture
def draft(world):
    return create_programme(world)


@pytest.fixture
def running(world, draft):
    return bring_into_force(world, draft)


@pytest.fixture
def plan(world, running, officer):
    return services.plan_create(actor=officer, programme=running, year=2026)


@pytest.fixture
def task(world, plan):
    """Assigned to the department, due Wednesday 30/9/2026."""
    return advance(world, add_task(world, plan), "agree", "assign")

from datetime import date

import pytest

from phoihop.organisations.models import Lineage, Organisation
from phoihop.organisations.selectors import (
    lineage_of,
    organisation_search,
    record_carriers,
    roll_up,
)
from phoihop.organisations.services import (
    OrganisationData,
    organisation_create,
    organisation_merge,
    organisation_split,
)


def department(name: str, unit) -> OrganisationData:
    return OrganisationData(
        name=name,
        kind=Organisation.Kind.DEPARTMENT,
        side=Organisation.Side.STATE,
        admin_unit=unit,
    )


@pytest.fixture
def admin(world):
    return world.actor(world.admin)


@pytest.fixture
def add(world, admin):
    def add_department(name):
        return organisation_create(
            actor=admin, parent=world.peoples_committee, data=department(name, world.quang_ngai)
        )

    return add_department


@pytest.fixture
def two_merges(world, admin, add):
    """culture + information → first (2025); first + tourism → second (2026)."""
    culture, information, tourism = world.department, add("Sở Thông tin"), add("Sở Du lịch")
    first = organisation_merge(
        actor=admin,
        predecessors=[culture, information],
        into=department("Sở Văn hóa và Thông tin", world.quang_ngai),
        effective=date(2025, 7, 1),
    )
    second = organisation_merge(
        actor=admin,
        predecessors=[first, tourism],
        into=department("Sở Văn hóa, Thông tin và Du lịch", world.quang_ngai),
        effective=date(2026, 1, 1),
    )
    return culture, information, tourism, first, second


def test_a_current_body_carries_its_own_records(world):
    ids = [world.board.pk, world.department.pk]
    assert record_carriers(ids) == {world.board.pk: world.board.pk, world.department.pk: ids[1]}


def test_records_of_a_body_merged_twice_roll_up_to_the_last_successor(world, two_merges):
    second = two_merges[-1]
    ids = [o.pk for o in two_merges] + [world.board.pk]
    carriers = record_carriers(ids)
    assert {carriers[o.pk] for o in two_merges} == {second.pk}
    assert carriers[world.board.pk] == world.board.pk


def test_roll_up_adds_the_counts_of_dissolved_bodies_to_their_successor(world, two_merges):
    culture, information, tourism, first, second = two_merges
    counts = {culture.pk: 2, information.pk: 3, first.pk: 4, tourism.pk: 5, second.pk: 1}
    counts[world.board.pk] = 7
    assert roll_up(counts) == {second.pk: 15, world.board.pk: 7}


def test_a_split_rolls_up_to_the_carrier_only(world, admin):
    culture, tourism = organisation_split(
        actor=admin,
        organisation=world.department,
        parts=[
            department("Sở Văn hóa", world.quang_ngai),
            department("Sở Du lịch", world.quang_ngai),
        ],
        effective=date(2025, 7, 1),
        carrier=0,
    )
    assert record_carriers([world.department.pk]) == {world.department.pk: culture.pk}
    totals = roll_up({world.department.pk: 6, tourism.pk: 1})
    assert totals == {culture.pk: 6, tourism.pk: 1}


def test_a_lineage_cycle_does_not_loop_forever(world):
    Lineage.objects.create(
        predecessor=world.council, successor=world.department, kind="merge", effective=date.today()
    )
    Lineage.objects.create(
        predecessor=world.department, successor=world.council, kind="merge", effective=date.today()
    )
    carriers = record_carriers([world.council.pk])
    assert carriers[world.council.pk] in {world.council.pk, world.department.pk}


def test_lineage_of_lists_the_edges_before_and_after_a_body(world, two_merges):
    culture, information, _tourism, first, second = two_merges
    before, after = lineage_of(first)
    assert {e.predecessor for e in before} == {culture, information}
    assert [e.successor for e in after] == [second]


def test_organisation_search_finds_only_what_the_actor_may_see(world):
    found = set(organisation_search(actor=world.actor(world.board_officer), query="duc pho"))
    assert found == {world.commune_committee, world.commune_peoples_committee}
    assert not organisation_search(actor=world.actor(world.outsider), query="quang ngai").exists()
    assert list(organisation_search(actor=world.actor(world.agency_officer), query="so")) == [
        world.department
    ]

"""Policies answer from the actor and the case alone, and selectors find the right boards."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from phoihop.incidents import policies, selectors, services
from phoihop.incidents.models import Incident, OrientationPlan, PressRelease
from phoihop.incidents.policies import Access
from phoihop.organisations.models import Organisation
from phoihop.testing.incidents import restricted_case
from phoihop.testing.world import body

MEMBER, NOT_MEMBER = Access(is_member=True), Access()


def test_policies_make_no_query(world, people, case):
    actors = [world.actor(u) for u in (world.board_leader, people.duty_officer, world.outsider)]
    plan = OrientationPlan(incident=case, handler="x", message="x", spokesperson="x")
    release = PressRelease(incident=case, title="x", body="x", state="in_review")
    with CaptureQueriesContext(connection) as queries:
        for actor in actors:
            policies.can_acknowledge(actor, case)
            policies.can_see_details(actor, case, NOT_MEMBER)
            policies.can_contribute(actor, case, MEMBER)
            policies.can_approve_orientation_for_board(actor, plan)
            policies.can_approve_press_for_board(actor, release)
            policies.can_manage_group(actor, case)
    assert len(queries) == 0


def test_who_acknowledges_and_who_steers(world, people, case):
    assert policies.can_acknowledge(world.actor(people.duty_officer), case)
    assert policies.can_acknowledge(world.actor(world.board_leader), case)
    assert not policies.can_acknowledge(world.actor(world.board_officer), case)
    assert not policies.can_acknowledge(world.actor(world.outsider), case)
    assert policies.can_steer(world.actor(world.board_leader), case)
    assert not policies.can_steer(world.actor(people.duty_officer), case)
    case.state = Incident.State.ACKNOWLEDGED
    assert not policies.can_acknowledge(world.actor(people.duty_officer), case)


def test_restricted_details_are_for_the_group_the_leaders_and_the_reporter(world, people):
    case = restricted_case(world)
    assert policies.can_see_details(world.actor(world.board_leader), case, NOT_MEMBER)
    assert policies.can_see_details(world.actor(world.agency_officer), case, NOT_MEMBER)
    assert policies.can_see_details(world.actor(world.commune_officer), case, MEMBER)
    assert not policies.can_see_details(world.actor(world.board_officer), case, NOT_MEMBER)
    assert not policies.can_see_details(world.actor(people.duty_officer), case, NOT_MEMBER)
    assert not policies.can_contribute(world.actor(world.board_officer), case, NOT_MEMBER)


def test_the_author_of_a_release_version_may_not_approve_it(world, people, case):
    release = PressRelease(
        incident=case, title="x", body="x", state="in_review", version_author=world.board_leader
    )
    assert not policies.can_approve_press_for_board(world.actor(world.board_leader), release)
    release.version_author = world.board_officer
    assert policies.can_approve_press_for_board(world.actor(world.board_leader), release)
    assert policies.can_approve_press_for_competent_body(world.actor(people.agency_leader), release)
    assert not policies.can_approve_press_for_competent_body(
        world.actor(world.agency_officer), release
    )


def test_a_ward_with_its_own_board_reports_there_and_escalation_goes_up_a_level(world, people):
    assert selectors.board_for(world.department) == world.board
    assert selectors.board_for(world.commune_peoples_committee) == world.board
    ward_board = body(
        world.commune_committee,
        "Ban Xây dựng Đảng phường Đức Phổ",
        Organisation.Kind.BOARD,
        Organisation.Side.PARTY,
        world.duc_pho,
    )
    assert selectors.board_for(world.commune_peoples_committee) == ward_board
    assert selectors.upper_board(ward_board) == world.board
    assert selectors.upper_board(world.board) == people.central_board
    assert selectors.upper_board(people.central_board) is None


def test_a_central_case_draws_on_the_whole_country_a_commune_case_on_its_province(
    world, people, case
):
    assert selectors.case_tree_path(case) == world.province_committee.path
    upper = services.incident_escalate(
        actor=world.actor(world.board_leader), incident=case, reason="Vượt thẩm quyền"
    )
    assert selectors.case_tree_path(upper) == world.centre.path

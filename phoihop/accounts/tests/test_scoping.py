from datetime import date

import pytest
from django.http import Http404

from phoihop.accounts.models import Membership, User
from phoihop.accounts.roles import Role
from phoihop.accounts.selectors import build_actor
from phoihop.core.actor import ANONYMOUS, collapse_paths
from phoihop.core.models import AuditEntry, Job
from phoihop.core.scoping import get_visible_or_404
from phoihop.organisations.models import FocalPoint, Lineage, Organisation
from phoihop.organisations.services import organisation_update

PROVINCE_BODIES = [
    "province_committee",
    "board",
    "council",
    "peoples_committee",
    "department",
    "commune_committee",
    "commune_peoples_committee",
]


def visible(world, who) -> set[Organisation]:
    return set(Organisation.objects.visible_to(world.actor(getattr(world, who))))


def bodies(world, *names) -> set[Organisation]:
    return {getattr(world, name) for name in names}


@pytest.mark.parametrize("who", ["board_officer", "board_leader"])
def test_the_board_sees_the_whole_province_subtree_including_the_commune(world, who):
    assert visible(world, who) == bodies(world, *PROVINCE_BODIES)


@pytest.mark.parametrize("who", ["admin", "auditor"])
def test_administrator_and_auditor_of_the_province_committee_see_its_subtree(world, who):
    assert visible(world, who) == bodies(world, *PROVINCE_BODIES)


def test_an_agency_officer_sees_only_their_department(world):
    assert visible(world, "agency_officer") == {world.department}


def test_a_commune_officer_sees_only_their_commune_body(world):
    assert visible(world, "commune_officer") == {world.commune_peoples_committee}


def test_an_outsider_sees_nothing_in_quang_ngai(world):
    seen = visible(world, "outsider")
    assert seen == {world.other_committee, world.other_board}
    assert (
        not Organisation.objects.visible_to(world.actor(world.outsider))
        .filter(province=world.quang_ngai)
        .exists()
    )


def test_nobody_but_a_superuser_sees_the_centre(world):
    for who in ["board_leader", "board_officer", "admin", "outsider"]:
        assert world.centre not in visible(world, who)
    root = User.objects.create_superuser("root", password="x")
    assert set(Organisation.objects.visible_to(build_actor(root))) == set(
        Organisation.objects.all()
    )


def test_anonymous_and_inactive_users_see_nothing(world):
    assert build_actor(None) is ANONYMOUS
    assert not Organisation.objects.visible_to(ANONYMOUS).exists()
    world.board_officer.is_active = False
    world.board_officer.save()
    actor = build_actor(world.board_officer)
    assert actor is ANONYMOUS
    assert not Membership.objects.visible_to(actor).exists()


def test_a_deactivated_membership_opens_nothing(world):
    Membership.objects.filter(user=world.board_officer).update(is_active=False)
    assert visible(world, "board_officer") == set()


def test_a_membership_in_a_dissolved_body_opens_nothing(world):
    organisation_update(
        actor=world.actor(world.admin), organisation=world.department, valid_to=date(2025, 6, 30)
    )
    actor = build_actor(world.agency_officer)
    assert actor.memberships == ()
    assert not Organisation.objects.visible_to(actor).exists()


def test_the_actor_knows_its_roles_and_where_they_apply(world):
    board_officer = world.actor(world.board_officer)
    assert board_officer.roles == {Role.BOARD_OFFICER}
    assert board_officer.has_role(Role.BOARD_OFFICER, over=world.department)
    assert board_officer.has_role(Role.BOARD_OFFICER, over=world.commune_peoples_committee)
    assert not board_officer.has_role(Role.BOARD_OFFICER, over=world.other_board)
    assert not board_officer.has_role(Role.ADMIN)
    agency_officer = world.actor(world.agency_officer)
    assert agency_officer.has_role(Role.AGENCY_OFFICER, over=world.department)
    assert not agency_officer.has_role(Role.AGENCY_OFFICER, over=world.board)
    assert agency_officer.can_see(world.department)
    assert not agency_officer.can_see(world.peoples_committee)


def test_the_chosen_membership_becomes_the_active_one(world):
    second = Membership.objects.create(
        user=world.board_officer, organisation=world.council, role=Role.COUNCIL_OFFICER
    )
    assert build_actor(world.board_officer).active.organisation == world.board
    assert build_actor(world.board_officer, active_membership_id=second.pk).active == second


def test_nested_scope_paths_collapse_to_the_outermost():
    assert collapse_paths(["00010002", "000100020003", "0001000200030001", "00010001"]) == (
        "00010001",
        "00010002",
    )


# --- get_visible_or_404 ------------------------------------------------------------------------


def test_get_visible_or_404_returns_what_the_actor_may_see(world):
    actor = world.actor(world.board_officer)
    assert get_visible_or_404(Organisation, actor, pk=world.commune_committee.pk) == (
        world.commune_committee
    )


@pytest.mark.parametrize("target", ["board", "department", "commune_peoples_committee"])
def test_the_outsider_gets_404_for_bodies_in_quang_ngai(world, target):
    with pytest.raises(Http404):
        get_visible_or_404(Organisation, world.actor(world.outsider), pk=getattr(world, target).pk)


def test_the_agency_officer_gets_404_for_the_board(world):
    with pytest.raises(Http404):
        get_visible_or_404(Organisation, world.actor(world.agency_officer), pk=world.board.pk)


@pytest.mark.parametrize("pk", [999_999, "abc", None])
def test_a_missing_or_malformed_id_is_a_404_too(world, pk):
    with pytest.raises(Http404):
        get_visible_or_404(Organisation, world.actor(world.board_officer), pk=pk)


# --- Other scoped models -----------------------------------------------------------------------


def test_memberships_are_visible_within_the_actors_subtree(world):
    def usernames(who):
        actor = world.actor(getattr(world, who))
        return set(Membership.objects.visible_to(actor).values_list("user__username", flat=True))

    province_people = {
        "board_leader",
        "board_officer",
        "agency_officer",
        "commune_officer",
        "admin",
        "auditor",
    }
    assert usernames("board_officer") == province_people
    assert usernames("agency_officer") == {"agency_officer"}
    assert usernames("outsider") == {"outsider"}


def test_audit_entries_are_visible_only_within_the_actors_subtree(world):
    organisation_update(actor=world.actor(world.admin), organisation=world.department, symbol="SVH")
    entry = AuditEntry.objects.get(verb="organisation_updated")
    assert entry.organisation_id == world.department.pk

    def sees(who):
        return (
            AuditEntry.objects.visible_to(world.actor(getattr(world, who)))
            .filter(pk=entry.pk)
            .exists()
        )

    assert sees("auditor")
    assert sees("board_officer")
    assert sees("agency_officer")
    assert not sees("commune_officer")
    assert not sees("outsider")
    outsider_entries = AuditEntry.objects.visible_to(world.actor(world.outsider))
    assert set(outsider_entries.values_list("organisation_id", flat=True)) <= {
        world.other_committee.pk,
        world.other_board.pk,
    }
    assert outsider_entries.exists()  # the outsider's own membership was logged


def test_audit_entries_filed_under_no_body_are_hidden_from_everyone_but_a_superuser(world):
    assert AuditEntry.objects.visible_to(world.actor(world.admin)).exists()
    AuditEntry.objects.update(organisation=None)
    assert not AuditEntry.objects.visible_to(world.actor(world.admin)).exists()
    root = User.objects.create_superuser("root", password="x")
    assert AuditEntry.objects.visible_to(build_actor(root)).count() == AuditEntry.objects.count()


def test_lineage_and_focal_points_follow_their_body(world):
    Lineage.objects.create(
        predecessor=world.council, successor=world.department, kind="merge", effective=date.today()
    )
    FocalPoint.objects.create(
        organisation=world.board, leader=world.board_leader, advisory_unit="Phòng Tuyên truyền"
    )
    agency, outsider = world.actor(world.agency_officer), world.actor(world.outsider)
    assert Lineage.objects.visible_to(agency).count() == 1
    assert not Lineage.objects.visible_to(outsider).exists()
    assert not FocalPoint.objects.visible_to(agency).exists()
    assert FocalPoint.objects.visible_to(world.actor(world.board_officer)).count() == 1


def test_a_job_is_visible_to_its_owner_only(world):
    job = Job.objects.create(kind="audit_export", title="Xuất nhật ký", owner=world.auditor)
    assert list(Job.objects.visible_to(world.actor(world.auditor))) == [job]
    assert not Job.objects.visible_to(world.actor(world.admin)).exists()
    assert not Job.objects.visible_to(ANONYMOUS).exists()

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from phoihop.accounts.models import Membership, User
from phoihop.accounts.roles import Role
from phoihop.accounts.selectors import build_actor
from phoihop.core.exceptions import PolicyDenied
from phoihop.core.models import AuditEntry
from phoihop.organisations.models import FocalPoint, Lineage, Organisation
from phoihop.organisations.services import (
    OrganisationData,
    focal_point_set,
    organisation_create,
    organisation_merge,
    organisation_split,
    organisation_update,
)

Kind, Side = Organisation.Kind, Organisation.Side
REFORM = date(2025, 7, 1)


def department(name: str, unit) -> OrganisationData:
    return OrganisationData(name=name, kind=Kind.DEPARTMENT, side=Side.STATE, admin_unit=unit)


def fresh(organisation: Organisation) -> Organisation:
    return Organisation.objects.get(pk=organisation.pk)


def tree_state():
    """Everything a refused service must leave as it was."""
    return (
        list(Organisation.objects.values_list("pk", "path", "numchild", "name", "valid_to")),
        list(Lineage.objects.values_list("pk", flat=True)),
        list(Membership.objects.values_list("pk", "organisation_id", "is_active")),
        list(FocalPoint.objects.values_list("pk", flat=True)),
        AuditEntry.objects.count(),
    )


def events(verb: str, target: Organisation | None = None):
    entries = AuditEntry.objects.filter(verb=verb)
    if target is not None:
        entries = entries.filter(object_pk=str(target.pk), organisation_id=target.pk)
    return entries


@pytest.fixture
def admin(world):
    return world.actor(world.admin)


@pytest.fixture
def second_department(world, admin):
    """A sibling of the world's department, with its own officer."""
    sibling = organisation_create(
        actor=admin,
        parent=world.peoples_committee,
        data=department("Sở Thông tin và Truyền thông", world.quang_ngai),
    )
    officer = User.objects.create_user("tt_officer", full_name="Trần Thị Thu")
    Membership.objects.create(user=officer, organisation=sibling, role=Role.AGENCY_LEADER)
    return sibling


# --- Create ------------------------------------------------------------------------------------


def test_an_administrator_adds_a_department_beneath_the_peoples_committee(world, admin):
    created = organisation_create(
        actor=admin,
        parent=world.peoples_committee,
        data=department("  Sở Tư pháp ", world.quang_ngai),
    )
    created = fresh(created)
    assert created.name == "Sở Tư pháp"
    assert Organisation.objects.get_parent(created) == world.peoples_committee
    assert created.level == Organisation.Level.PROVINCE
    assert created.province == world.quang_ngai
    assert created.search_text == "so tu phap quang ngai"
    entry = events("organisation_created", created).get()
    assert entry.actor == world.admin


def test_a_commune_body_takes_its_province_from_the_commune(world, admin):
    created = organisation_create(
        actor=admin,
        parent=world.commune_committee,
        data=OrganisationData(
            name="Mặt trận Tổ quốc phường Đức Phổ",
            kind=Kind.FATHERLAND_FRONT,
            side=Side.STATE,
            admin_unit=world.duc_pho,
        ),
    )
    created = fresh(created)
    assert created.level == Organisation.Level.COMMUNE
    assert created.province == world.quang_ngai
    assert created.admin_unit == world.duc_pho
    assert "phuong duc pho" in created.search_text


@pytest.mark.parametrize(
    "who", ["board_leader", "board_officer", "agency_officer", "commune_officer", "outsider"]
)
def test_only_an_administrator_may_add_a_body(world, who):
    before = tree_state()
    with pytest.raises(PolicyDenied):
        organisation_create(
            actor=world.actor(getattr(world, who)),
            parent=world.peoples_committee,
            data=department("Sở Tư pháp", world.quang_ngai),
        )
    assert tree_state() == before


def test_an_administrator_may_not_add_a_body_outside_their_subtree(world, admin):
    before = tree_state()
    with pytest.raises(PolicyDenied):
        organisation_create(
            actor=admin,
            parent=world.other_committee,
            data=department("Sở Tư pháp Hà Nội", world.ha_noi),
        )
    assert tree_state() == before


def test_only_someone_who_sees_everything_may_add_a_root(world, admin):
    data = OrganisationData(name="Trung ương Đoàn", kind=Kind.OTHER, side=Side.PARTY)
    with pytest.raises(PolicyDenied):
        organisation_create(actor=admin, parent=None, data=data)
    root_user = User.objects.create_superuser("root", password="x")
    created = organisation_create(actor=build_actor(root_user), parent=None, data=data)
    assert fresh(created).depth == 1
    assert fresh(created).level == Organisation.Level.CENTRAL


def test_a_body_cannot_be_added_beneath_a_dissolved_body(world, admin):
    organisation_update(actor=admin, organisation=world.department, valid_to=date(2025, 6, 30))
    before = tree_state()
    with pytest.raises(ValidationError):
        organisation_create(
            actor=admin,
            parent=world.department,
            data=department("Phòng Quản lý văn hóa", world.quang_ngai),
        )
    assert tree_state() == before


def test_a_body_without_a_name_is_refused_and_nothing_is_saved(world, admin):
    before = tree_state()
    with pytest.raises(ValidationError) as error:
        organisation_create(
            actor=admin, parent=world.peoples_committee, data=department("   ", world.quang_ngai)
        )
    assert "name" in error.value.message_dict
    assert tree_state() == before


# --- Update ------------------------------------------------------------------------------------


def test_an_administrator_renames_a_body_and_the_change_is_audited(world, admin):
    organisation_update(
        actor=admin,
        organisation=world.department,
        name="Sở Văn hóa và Thể thao ",
        short_name="SVHTT",
    )
    saved = fresh(world.department)
    assert saved.name == "Sở Văn hóa và Thể thao"
    assert saved.search_text.startswith("so van hoa va the thao svhtt")
    entry = events("organisation_updated", saved).get()
    assert entry.changes["name"] == ["Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa và Thể thao"]
    assert entry.changes["short_name"] == ["", "SVHTT"]
    assert "kind" not in entry.changes


def test_moving_the_seat_to_a_commune_changes_level_and_province(world, admin):
    organisation_update(actor=admin, organisation=world.department, admin_unit=world.duc_pho)
    saved = fresh(world.department)
    assert saved.level == Organisation.Level.COMMUNE
    assert saved.province == world.quang_ngai
    assert "phuong duc pho" in saved.search_text


@pytest.mark.parametrize("who", ["board_leader", "board_officer", "agency_officer", "outsider"])
def test_only_an_administrator_may_edit_a_body(world, who):
    before = tree_state()
    with pytest.raises(PolicyDenied):
        organisation_update(
            actor=world.actor(getattr(world, who)),
            organisation=fresh(world.department),
            name="Sở bị sửa",
        )
    assert tree_state() == before


def test_fields_outside_the_editable_list_are_refused(world, admin):
    before = tree_state()
    with pytest.raises(ValidationError):
        organisation_update(actor=admin, organisation=fresh(world.department), path="0009")
    assert tree_state() == before


def test_an_end_date_before_the_start_date_is_refused(world, admin):
    before = tree_state()
    with pytest.raises(ValidationError):
        organisation_update(
            actor=admin,
            organisation=fresh(world.department),
            valid_from=date(2025, 7, 1),
            valid_to=date(2025, 6, 30),
        )
    assert tree_state() == before


def test_adding_a_sibling_never_moves_an_existing_body(world, admin):
    """Paths are stored elsewhere (task.lead_path): a new body goes last, whatever its name."""
    loaded = fresh(world.department)
    organisation_create(
        actor=admin,
        parent=world.peoples_committee,
        data=department("Sở Công Thương", world.quang_ngai),
    )
    assert fresh(world.department).path == loaded.path
    organisation_update(actor=admin, organisation=loaded, symbol="SVH")
    paths = list(Organisation.objects.values_list("path", flat=True))
    assert len(paths) == len(set(paths))
    children = [o.name for o in Organisation.objects.get_children(world.peoples_committee)]
    assert children == ["Sở Văn hóa, Thể thao và Du lịch", "Sở Công Thương"]
    assert fresh(world.department).symbol == "SVH"


# --- Merge -------------------------------------------------------------------------------------


def test_merging_two_departments_dissolves_them_into_a_new_one(world, admin, second_department):
    merged = organisation_merge(
        actor=admin,
        predecessors=[world.department, second_department],
        into=department("Sở Văn hóa, Thể thao, Du lịch và Truyền thông", world.quang_ngai),
        effective=REFORM,
        basis="Nghị quyết 60-NQ/TW",
    )
    merged = fresh(merged)
    assert merged.valid_from == REFORM
    assert merged.valid_to is None
    assert Organisation.objects.get_parent(merged) == world.peoples_committee
    for predecessor in (world.department, second_department):
        assert fresh(predecessor).valid_to == date(2025, 6, 30)
    edges = Lineage.objects.filter(successor=merged)
    assert {e.predecessor_id for e in edges} == {world.department.pk, second_department.pk}
    assert all(e.kind == Lineage.Kind.MERGE and e.carries_records for e in edges)
    assert {e.basis for e in edges} == {"Nghị quyết 60-NQ/TW"}


def test_merging_moves_the_members_to_the_new_body(world, admin, second_department):
    merged = organisation_merge(
        actor=admin,
        predecessors=[world.department, second_department],
        into=department("Sở Văn hóa và Truyền thông", world.quang_ngai),
        effective=REFORM,
    )
    active = Membership.objects.active()
    assert not active.filter(organisation__in=[world.department, second_department]).exists()
    assert set(active.filter(organisation=merged).values_list("user__username", "role")) == {
        ("agency_officer", Role.AGENCY_OFFICER),
        ("tt_officer", Role.AGENCY_LEADER),
    }
    actor = build_actor(world.agency_officer)
    assert actor.can_see(fresh(merged))
    assert not actor.can_see(fresh(world.department))


def test_merging_writes_one_merged_and_one_dissolved_entry_per_body(
    world, admin, second_department
):
    merged = organisation_merge(
        actor=admin,
        predecessors=[world.department, second_department],
        into=department("Sở Văn hóa và Truyền thông", world.quang_ngai),
        effective=REFORM,
    )
    entry = events("organisation_merged", merged).get()
    assert entry.actor == world.admin
    assert sorted(entry.additional_data["predecessors"]) == sorted(
        [world.department.pk, second_department.pk]
    )
    assert entry.additional_data["effective"] == "2025-07-01"
    for predecessor in (world.department, second_department):
        dissolved = events("organisation_dissolved", predecessor).get()
        assert dissolved.additional_data["successor"] == merged.pk
    assert events("organisation_dissolved").count() == 2


@pytest.mark.parametrize("choice", ["one", "the_same_twice"])
def test_a_merge_needs_at_least_two_bodies(world, admin, choice):
    predecessors = [world.department] if choice == "one" else [world.department] * 2
    before = tree_state()
    with pytest.raises(ValidationError) as error:
        organisation_merge(
            actor=admin,
            predecessors=predecessors,
            into=department("Sở mới", world.quang_ngai),
            effective=REFORM,
        )
    assert "predecessors" in error.value.message_dict
    assert tree_state() == before


def test_bodies_with_different_parents_cannot_be_merged(world, admin):
    before = tree_state()
    with pytest.raises(ValidationError) as error:
        organisation_merge(
            actor=admin,
            predecessors=[world.department, world.council],
            into=department("Cơ quan mới", world.quang_ngai),
            effective=REFORM,
        )
    assert "predecessors" in error.value.message_dict
    assert tree_state() == before


def test_a_body_already_dissolved_cannot_be_merged_again(world, admin, second_department):
    third = organisation_create(
        actor=admin,
        parent=world.peoples_committee,
        data=department("Sở Du lịch", world.quang_ngai),
    )
    loaded_before_the_merge = fresh(third)
    organisation_merge(
        actor=admin,
        predecessors=[second_department, third],
        into=department("Sở Thông tin và Du lịch", world.quang_ngai),
        effective=REFORM,
    )
    before = tree_state()
    with pytest.raises(ValidationError):
        organisation_merge(
            actor=admin,
            # the live one first: it must not stay dissolved when the second one fails
            predecessors=[world.department, loaded_before_the_merge],
            into=department("Sở khác", world.quang_ngai),
            effective=date(2026, 1, 1),
        )
    assert tree_state() == before
    assert fresh(world.department).valid_to is None


def test_a_merge_must_take_effect_after_the_bodies_were_founded(world, admin, second_department):
    organisation_update(actor=admin, organisation=second_department, valid_from=REFORM)
    before = tree_state()
    with pytest.raises(ValidationError):
        organisation_merge(
            actor=admin,
            predecessors=[world.department, second_department],
            into=department("Sở mới", world.quang_ngai),
            effective=REFORM,
        )
    assert tree_state() == before


@pytest.mark.parametrize("who", ["board_leader", "board_officer", "agency_officer", "outsider"])
def test_only_an_administrator_may_merge(world, second_department, who):
    before = tree_state()
    with pytest.raises(PolicyDenied):
        organisation_merge(
            actor=world.actor(getattr(world, who)),
            predecessors=[world.department, second_department],
            into=department("Sở mới", world.quang_ngai),
            effective=REFORM,
        )
    assert tree_state() == before


# --- Split -------------------------------------------------------------------------------------


def test_splitting_a_department_gives_its_records_to_the_carrier_only(world, admin):
    culture, tourism = organisation_split(
        actor=admin,
        organisation=world.department,
        parts=[
            department("Sở Văn hóa và Thể thao", world.quang_ngai),
            department("Sở Du lịch", world.quang_ngai),
        ],
        effective=REFORM,
        carrier=1,
        basis="Quyết định 100/QĐ-UBND",
    )
    assert fresh(world.department).valid_to == date(2025, 6, 30)
    for part in (culture, tourism):
        assert fresh(part).valid_from == REFORM
        assert Organisation.objects.get_parent(fresh(part)) == world.peoples_committee
    edges = {e.successor_id: e for e in Lineage.objects.filter(predecessor=world.department)}
    assert set(edges) == {culture.pk, tourism.pk}
    assert all(e.kind == Lineage.Kind.SPLIT for e in edges.values())
    assert edges[tourism.pk].carries_records
    assert not edges[culture.pk].carries_records
    assert Membership.objects.active().filter(organisation=tourism).get().user == (
        world.agency_officer
    )
    assert not Membership.objects.active().filter(organisation=culture).exists()
    entry = events("organisation_split", world.department).get()
    assert entry.additional_data["successors"] == [culture.pk, tourism.pk]


@pytest.mark.parametrize(("parts", "carrier"), [(1, 0), (2, 2), (2, -1)])
def test_a_split_needs_two_parts_and_a_valid_carrier(world, admin, parts, carrier):
    before = tree_state()
    with pytest.raises(ValidationError):
        organisation_split(
            actor=admin,
            organisation=world.department,
            parts=[department(f"Sở {n}", world.quang_ngai) for n in range(parts)],
            effective=REFORM,
            carrier=carrier,
        )
    assert tree_state() == before


def test_a_dissolved_body_cannot_be_split(world, admin):
    organisation_split(
        actor=admin,
        organisation=world.department,
        parts=[department("Sở A", world.quang_ngai), department("Sở B", world.quang_ngai)],
        effective=REFORM,
    )
    before = tree_state()
    with pytest.raises(ValidationError):
        organisation_split(
            actor=admin,
            organisation=fresh(world.department),
            parts=[department("Sở C", world.quang_ngai), department("Sở D", world.quang_ngai)],
            effective=date(2026, 1, 1),
        )
    assert tree_state() == before


def test_a_board_officer_may_not_split_a_body(world):
    before = tree_state()
    with pytest.raises(PolicyDenied):
        organisation_split(
            actor=world.actor(world.board_officer),
            organisation=world.department,
            parts=[department("Sở A", world.quang_ngai), department("Sở B", world.quang_ngai)],
            effective=REFORM,
        )
    assert tree_state() == before


# --- Focal points ------------------------------------------------------------------------------


def test_the_board_leader_names_the_boards_focal_points(world):
    focal_point = focal_point_set(
        actor=world.actor(world.board_leader),
        organisation=world.board,
        leader=world.board_leader,
        advisory_unit=" Phòng Tuyên truyền ",
        contacts=[world.board_officer],
    )
    saved = FocalPoint.objects.get(organisation=world.board)
    assert saved.pk == focal_point.pk
    assert saved.leader == world.board_leader
    assert saved.advisory_unit == "Phòng Tuyên truyền"
    assert list(saved.contacts.all()) == [world.board_officer]
    entry = AuditEntry.objects.filter(verb="focal_point_set").get()
    assert entry.organisation_id == world.board.pk
    assert entry.additional_data == {
        "leader": world.board_leader.pk,
        "contacts": [world.board_officer.pk],
    }


def test_naming_focal_points_again_updates_the_same_record(world):
    actor = world.actor(world.board_leader)
    focal_point_set(
        actor=actor,
        organisation=world.board,
        leader=world.board_leader,
        advisory_unit="Phòng Tuyên truyền",
        contacts=[world.board_officer],
    )
    focal_point_set(
        actor=actor,
        organisation=world.board,
        leader=world.board_leader,
        advisory_unit="Phòng Dân vận",
    )
    saved = FocalPoint.objects.get()
    assert saved.advisory_unit == "Phòng Dân vận"
    assert not saved.contacts.exists()


def test_an_administrator_names_a_departments_focal_points(world, admin):
    focal_point_set(
        actor=admin,
        organisation=world.department,
        leader=world.agency_officer,
        advisory_unit="Phòng Văn hóa",
    )
    assert FocalPoint.objects.get(organisation=world.department).leader == world.agency_officer


def test_the_focal_point_leader_must_be_a_member_of_the_body(world):
    before = tree_state()
    with pytest.raises(ValidationError) as error:
        focal_point_set(
            actor=world.actor(world.board_leader),
            organisation=world.board,
            leader=world.agency_officer,
            advisory_unit="Phòng Tuyên truyền",
        )
    assert "leader" in error.value.message_dict
    assert tree_state() == before


def test_every_focal_point_contact_must_be_a_member_of_the_body(world):
    before = tree_state()
    with pytest.raises(ValidationError) as error:
        focal_point_set(
            actor=world.actor(world.board_leader),
            organisation=world.board,
            leader=world.board_leader,
            advisory_unit="Phòng Tuyên truyền",
            contacts=[world.board_officer, world.outsider],
        )
    assert "outsider" in " ".join(error.value.message_dict["contacts"])
    assert tree_state() == before


@pytest.mark.parametrize("who", ["board_officer", "agency_officer", "outsider"])
def test_others_may_not_name_the_boards_focal_points(world, who):
    before = tree_state()
    with pytest.raises(PolicyDenied):
        focal_point_set(
            actor=world.actor(getattr(world, who)),
            organisation=world.board,
            leader=world.board_leader,
            advisory_unit="Phòng Tuyên truyền",
        )
    assert tree_state() == before


def test_a_dissolved_body_gets_no_focal_points(world, admin):
    organisation_update(actor=admin, organisation=world.department, valid_to=date(2025, 6, 30))
    with pytest.raises(PolicyDenied):
        focal_point_set(
            actor=admin,
            organisation=fresh(world.department),
            leader=world.agency_officer,
            advisory_unit="Phòng Văn hóa",
        )
    assert not FocalPoint.objects.exists()


def test_a_merge_cannot_be_recorded_before_it_takes_effect(world):
    from datetime import timedelta

    from django.utils import timezone

    sibling = Organisation.objects.add_child(
        world.peoples_committee,
        instance=Organisation(name="Sở Du lịch", kind="department", side="state", level="province"),
    )
    with pytest.raises(ValidationError):
        organisation_merge(
            actor=world.actor(world.admin),
            predecessors=[world.department, sibling],
            into=OrganisationData(name="Sở mới", kind="department", side="state"),
            effective=timezone.localdate() + timedelta(days=10),
        )
    world.department.refresh_from_db()
    assert world.department.valid_to is None

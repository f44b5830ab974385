"""GET /api/v1/organisations/ (list, tree, detail): scoped exactly like the web pages."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from phoihop.organisations.models import Organisation
from phoihop.organisations.services import OrganisationData, focal_point_set, organisation_split
from phoihop.testing.world import body

from .conftest import assert_error

LIST_URL = reverse("api:organisations")
TREE_URL = reverse("api:organisation_tree")


def detail_url(organisation) -> str:
    return reverse("api:organisation", kwargs={"pk": organisation.pk})


def names(response) -> set[str]:
    assert response.status_code == 200, response.content
    body = response.json()
    return {row["name"] for row in body.get("results", body)}


def quang_ngai_bodies(world) -> set[str]:
    return {
        o.name
        for o in (
            world.province_committee,
            world.board,
            world.council,
            world.peoples_committee,
            world.department,
            world.commune_committee,
            world.commune_peoples_committee,
        )
    }


# --- List ------------------------------------------------------------------------------------


def test_the_board_officer_lists_every_body_of_their_province(api_as, world):
    assert names(api_as(world.board_officer).get(LIST_URL)) == quang_ngai_bodies(world)


def test_the_outsider_lists_only_bodies_of_their_own_city(api_as, world):
    found = names(api_as(world.outsider).get(LIST_URL))
    assert found == {world.other_committee.name, world.other_board.name}
    assert not found & quang_ngai_bodies(world)


def test_an_agency_officer_lists_only_their_own_body(api_as, world):
    assert names(api_as(world.agency_officer).get(LIST_URL)) == {world.department.name}


def test_the_list_is_paginated_with_a_count(api_as, world):
    body = api_as(world.board_officer).get(LIST_URL, {"page_size": 2}).json()
    assert body["count"] == 7
    assert len(body["results"]) == 2
    assert body["next"]


def test_list_rows_carry_the_seat_and_the_children_count(api_as, world):
    rows = api_as(world.board_officer).get(LIST_URL).json()["results"]
    committee = next(r for r in rows if r["id"] == world.province_committee.pk)
    assert committee["admin_unit"] == {"id": world.quang_ngai.pk, "name": "Quảng Ngãi"}
    assert committee["province"] == world.quang_ngai.pk
    assert committee["kind_label"] == "Cấp ủy Đảng"
    assert committee["has_children"] is True


def test_search_without_diacritics_finds_quang_ngai_bodies(api_as, world):
    found = names(api_as(world.board_officer).get(LIST_URL, {"q": "quang ngai"}))
    assert world.province_committee.name in found
    assert world.peoples_committee.name in found
    assert world.other_committee.name not in found


def test_search_with_diacritics_and_capitals_finds_the_same_bodies(api_as, world):
    api = api_as(world.board_officer)
    assert names(api.get(LIST_URL, {"q": "QUẢNG NGÃI"})) == names(
        api.get(LIST_URL, {"q": "quang ngai"})
    )


def test_the_outsider_finds_nothing_when_searching_quang_ngai(api_as, world):
    assert names(api_as(world.outsider).get(LIST_URL, {"q": "quang ngai"})) == set()


def test_the_list_filters_by_kind(api_as, world):
    found = names(api_as(world.board_officer).get(LIST_URL, {"kind": "peoples_committee"}))
    assert found == {world.peoples_committee.name, world.commune_peoples_committee.name}


def test_the_list_filters_by_province(api_as, world, django_user_model):
    api = api_as(world.board_officer)
    assert len(names(api.get(LIST_URL, {"province": world.quang_ngai.pk}))) == 7
    assert names(api.get(LIST_URL, {"province": world.ha_noi.pk})) == set()


def test_the_list_filters_active_bodies(api_as, world):
    yesterday = timezone.localdate() - timedelta(days=1)
    Organisation.objects.filter(pk=world.council.pk).update(valid_to=yesterday)
    api = api_as(world.board_officer)
    assert world.council.name not in names(api.get(LIST_URL, {"active": "true"}))
    assert names(api.get(LIST_URL, {"active": "false"})) == {world.council.name}
    assert len(names(api.get(LIST_URL))) == 7


@pytest.mark.parametrize(
    "params,field",
    [({"kind": "khong-co"}, "kind"), ({"province": "abc"}, "province"), ({"q": "x" * 201}, "q")],
)
def test_bad_filters_get_400_naming_the_field(api_as, world, params, field):
    error = assert_error(api_as(world.outsider).get(LIST_URL, params), 400, "invalid")
    assert list(error["fields"]) == [field]


def test_a_page_past_the_end_gets_404(api_as, world):
    assert_error(api_as(world.outsider).get(LIST_URL, {"page": 99}), 404, "not_found")


def test_the_list_query_count_does_not_grow_with_the_page(
    api_as, world, django_assert_max_num_queries
):
    for number in range(40):
        body(
            world.peoples_committee,
            f"Sở số {number}",
            Organisation.Kind.DEPARTMENT,
            Organisation.Side.STATE,
            world.quang_ngai,
        )
    api = api_as(world.board_officer)
    api.get(LIST_URL, {"q": "so"})  # SQLite reads its list of FTS tables once per process
    # token + actor + count + page
    with django_assert_max_num_queries(4):
        response = api.get(LIST_URL, {"page_size": 50})
    assert len(response.json()["results"]) == 47
    with django_assert_max_num_queries(4):
        response = api.get(LIST_URL, {"q": "so", "page_size": 50})
    assert response.status_code == 200


# --- Tree ------------------------------------------------------------------------------------


def test_the_tree_starts_at_the_highest_body_the_user_sees(api_as, world):
    nodes = api_as(world.board_officer).get(TREE_URL).json()
    assert [n["id"] for n in nodes] == [world.province_committee.pk]
    assert nodes[0]["has_children"] is True


def test_the_outsiders_tree_starts_at_their_own_city(api_as, world):
    nodes = api_as(world.outsider).get(TREE_URL).json()
    assert [n["id"] for n in nodes] == [world.other_committee.pk]


def test_a_superuser_tree_starts_at_the_root(api_as, world):
    world.auditor.is_superuser = True
    world.auditor.save()
    nodes = api_as(world.auditor).get(TREE_URL).json()
    assert [n["id"] for n in nodes] == [world.centre.pk]


def test_the_tree_lists_the_children_of_a_node(api_as, world):
    api = api_as(world.board_officer)
    nodes = api.get(TREE_URL, {"parent": world.province_committee.pk}).json()
    by_id = {n["id"]: n for n in nodes}
    assert set(by_id) == {
        world.board.pk,
        world.council.pk,
        world.peoples_committee.pk,
        world.commune_committee.pk,
    }
    assert by_id[world.peoples_committee.pk]["numchild"] == 1
    assert by_id[world.board.pk]["has_children"] is False


def test_the_outsider_gets_404_for_children_of_a_body_they_cannot_see(api_as, world):
    response = api_as(world.outsider).get(TREE_URL, {"parent": world.province_committee.pk})
    assert_error(response, 404, "not_found")


def test_a_non_numeric_parent_gets_400(api_as, world):
    error = assert_error(api_as(world.outsider).get(TREE_URL, {"parent": "x"}), 400, "invalid")
    assert list(error["fields"]) == ["parent"]


# --- Detail ----------------------------------------------------------------------------------


def test_the_detail_shows_the_seat_and_the_visible_ancestors(api_as, world):
    body = api_as(world.board_officer).get(detail_url(world.department)).json()
    assert body["name"] == world.department.name
    assert body["admin_unit"]["name"] == "Quảng Ngãi"
    assert body["admin_unit"]["kind_label"] == "Tỉnh"
    assert body["province"] == {"id": world.quang_ngai.pk, "name": "Quảng Ngãi"}
    assert body["side_label"] == "Khối Nhà nước"
    assert body["symbol"] == "SVHTTDL"
    assert [a["id"] for a in body["ancestors"]] == [
        world.province_committee.pk,
        world.peoples_committee.pk,
    ]
    assert body["focal_point"] is None
    assert body["lineage"] == {"predecessors": [], "successors": []}


def test_ancestors_the_user_cannot_see_are_left_out(api_as, world):
    body = api_as(world.agency_officer).get(detail_url(world.department)).json()
    assert body["ancestors"] == []


def test_the_detail_shows_the_focal_point(api_as, world):
    focal_point_set(
        actor=world.actor(world.admin),
        organisation=world.department,
        leader=world.agency_officer,
        advisory_unit="Phòng Quản lý văn hóa",
        contacts=[world.agency_officer],
    )
    focal = api_as(world.board_officer).get(detail_url(world.department)).json()["focal_point"]
    assert focal["leader"]["full_name"] == "agency_officer"
    assert focal["advisory_unit"] == "Phòng Quản lý văn hóa"
    assert [c["id"] for c in focal["contacts"]] == [world.agency_officer.pk]


def test_the_detail_shows_lineage_with_dates(api_as, world):
    effective = date(2025, 7, 1)
    parts = [
        OrganisationData(name=name, kind="department", side="state", admin_unit=world.quang_ngai)
        for name in ("Sở Văn hóa và Thể thao", "Sở Du lịch")
    ]
    first, second = organisation_split(
        actor=world.actor(world.admin),
        organisation=world.department,
        parts=parts,
        effective=effective,
        basis="Nghị quyết 01/NQ-HĐND",
    )
    api = api_as(world.board_officer)
    old = api.get(detail_url(world.department)).json()
    assert old["valid_to"] is not None
    successors = {s["organisation"]["id"]: s for s in old["lineage"]["successors"]}
    assert set(successors) == {first.pk, second.pk}
    assert successors[first.pk]["carries_records"] is True
    assert successors[second.pk]["carries_records"] is False
    assert successors[second.pk]["effective"] == "2025-07-01"
    new = api.get(detail_url(first)).json()
    assert new["lineage"]["predecessors"] == [
        {
            "organisation": {"id": world.department.pk, "name": world.department.name},
            "kind": "split",
            "kind_label": "Chia tách",
            "effective": "2025-07-01",
            "carries_records": True,
            "basis": "Nghị quyết 01/NQ-HĐND",
        }
    ]
    assert new["valid_from"] == "2025-07-01"


def test_the_detail_says_what_the_user_may_do(api_as, world):
    admin = api_as(world.admin).get(detail_url(world.department)).json()["permissions"]
    officer = api_as(world.board_officer).get(detail_url(world.department)).json()["permissions"]
    assert admin == {"can_manage": True, "can_set_focal_point": True}
    assert officer == {"can_manage": False, "can_set_focal_point": False}


def test_the_outsider_gets_404_on_a_quang_ngai_body(api_as, world):
    assert_error(api_as(world.outsider).get(detail_url(world.department)), 404, "not_found")


def test_an_agency_officer_gets_404_on_a_neighbouring_body(api_as, world):
    assert_error(api_as(world.agency_officer).get(detail_url(world.council)), 404, "not_found")


def test_a_missing_body_gets_the_same_404_as_a_hidden_one(api_as, world):
    response = api_as(world.outsider).get(reverse("api:organisation", kwargs={"pk": 999999}))
    assert_error(response, 404, "not_found")

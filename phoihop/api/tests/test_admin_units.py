"""GET /api/v1/admin-units/: public reference data for every signed-in user."""

from django.urls import reverse

from .conftest import assert_error

URL = reverse("api:admin_units")


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


def test_every_signed_in_user_sees_all_administrative_units(api_as, world):
    for user in (world.board_officer, world.outsider):
        assert set(names(api_as(user).get(URL))) == {
            "Quảng Ngãi",
            "Phường Đức Phổ",
            "Thành phố Hà Nội",
        }


def test_the_outsider_finds_a_commune_of_another_province_by_folded_search(api_as, world):
    rows = api_as(world.outsider).get(URL, {"q": "duc pho"}).json()["results"]
    assert rows == [
        {
            "id": world.duc_pho.pk,
            "code": 21439,
            "name": "Phường Đức Phổ",
            "kind": "ward",
            "kind_label": "Phường",
            "level": "commune",
            "parent": {"id": world.quang_ngai.pk, "name": "Quảng Ngãi"},
        }
    ]


def test_units_filter_by_parent_and_level(api_as, world):
    api = api_as(world.outsider)
    assert names(api.get(URL, {"parent": world.quang_ngai.pk})) == ["Phường Đức Phổ"]
    assert names(api.get(URL, {"level": "province"})) == ["Thành phố Hà Nội", "Quảng Ngãi"]


def test_a_bad_unit_filter_gets_400(api_as, world):
    error = assert_error(api_as(world.outsider).get(URL, {"level": "huyen"}), 400, "invalid")
    assert list(error["fields"]) == ["level"]


def test_units_need_a_signed_in_user(api, world):
    assert_error(api.get(URL), 401, "not_authenticated")

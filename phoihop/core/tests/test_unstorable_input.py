"""Input no database can hold: ids beyond 64 bits find nothing, NUL bytes are refused."""

from django.urls import reverse

from phoihop.organisations.models import Organisation

HUGE = 10**30


def test_a_page_asked_for_an_id_beyond_64_bits_is_not_found(world, login):
    client = login(world.board_officer)
    assert client.get(reverse("incidents:detail", args=[HUGE])).status_code == 404
    assert client.get(reverse("programmes:detail", args=[HUGE])).status_code == 404


def test_a_list_of_ids_with_one_beyond_64_bits_finds_the_others(world):
    # Django guards single-value lookups itself; `in` lookups (in_bulk, id lists) reach SQLite.
    found = Organisation.objects.filter(pk__in=[world.board.pk, HUGE]).in_bulk()
    assert list(found) == [world.board.pk]


def test_a_nul_byte_in_a_parameter_is_refused_with_a_message_and_changes_nothing(world, login):
    client = login(world.board_officer)
    response = client.get(reverse("accounts:users"), {"q": "a\x00b"})
    assert response.status_code == 400
    assert "ký tự điều khiển không hợp lệ" in response.content.decode()
    api = client.get("/api/v1/tasks/", {"q": "\x00"})
    assert api.status_code == 400 and "NUL" in api.json()["error"]["message"]

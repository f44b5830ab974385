"""An id of any number of digits is simply not found, on SQLite as on PostgreSQL."""

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

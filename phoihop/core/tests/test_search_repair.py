"""SQLite drops a table's triggers when a migration rebuilds it: search must survive that."""

import pytest
from django.db import connection

from phoihop.core.search import folded_search, repair_sqlite_search_indexes
from phoihop.organisations.models import Organisation

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 only")


def test_lost_fts_triggers_are_recreated_and_the_index_rebuilt(world):
    with connection.cursor() as cursor:
        for suffix in ("ai", "ad", "au"):
            cursor.execute(f"DROP TRIGGER organisations_organisation_fts_{suffix}")
    Organisation.objects.filter(pk=world.department.pk).update(search_text="so moi dat ten")
    assert not folded_search(Organisation.objects.all(), "moi dat ten").exists()

    assert "organisations_organisation" in repair_sqlite_search_indexes(connection)

    assert list(folded_search(Organisation.objects.all(), "moi dat ten")) == [world.department]
    assert repair_sqlite_search_indexes(connection) == []

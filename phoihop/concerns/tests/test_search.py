"""Folded search, newest first: the same hits in the same order on both databases, whichever
plan PostgreSQL is steered to (a common term walks the newest rows, a rare one uses the index)."""

from __future__ import annotations

from functools import partial

import pytest
from django.db import connection

from phoihop.concerns import search, selectors
from phoihop.core import paging
from phoihop.core.text import fold
from phoihop.testing.concerns import capture

pytestmark = pytest.mark.django_db


def expected(concerns, query: str) -> list[int]:
    terms = fold(query).split()
    hits = [c for c in concerns if all(t in c.search_text for t in terms)]
    return [c.pk for c in sorted(hits, key=lambda c: (c.created_at, c.pk), reverse=True)]


@pytest.fixture
def many(world, monkeypatch):
    monkeypatch.setattr(search, "WINDOW", 12)
    monkeypatch.setattr(search, "PAGE", 4)
    rows = [capture(world, title="Khai thác titan trái phép gây sạt lở bờ sông")]
    for i in range(20):
        rows.append(capture(world, title=f"Bụi đường công trường khu dân cư số {i}"))
    rows.append(capture(world, title="Đền bù khai thác Titan chậm", summary="Ảnh hưởng nhà ở"))
    return rows


@pytest.mark.parametrize("query", ["titan", "TITAN nhà", "bụi đường", "cong truong", "không có"])
def test_newest_matches_are_exactly_the_folded_hits_newest_first(world, many, query):
    actor = world.actor(world.board_officer)
    found = selectors.concern_list(actor=actor, filters=selectors.ConcernFilter(query=query))
    assert [c.pk for c in found] == expected(many, query)


def test_postgresql_walks_for_a_common_term_and_uses_the_index_for_a_rare_one(world, many):
    if connection.vendor != "postgresql":
        pytest.skip("the plan choice is PostgreSQL's; SQLite answers from FTS5")
    actor = world.actor(world.board_officer)

    def ordering(query):
        filters = selectors.ConcernFilter(query=query)
        return selectors.concern_list(actor=actor, filters=filters).query.order_by[0]

    assert ordering("bui duong") == "-created_at"  # the B-tree walk
    assert ordering("titan") != "-created_at"  # an expression: only the GIN index is left


def test_the_outsider_finds_nothing_with_either_plan(world, many):
    actor = world.actor(world.outsider)
    for query in ("titan", "bui duong"):
        filters = selectors.ConcernFilter(query=query)
        assert not selectors.concern_list(actor=actor, filters=filters).exists()


def test_queue_badges_are_capped_instead_of_counting_every_waiting_concern(world, monkeypatch):
    for i in range(3):
        capture(world, title=f"Vấn đề chờ phân loại {i}")
    actor = world.actor(world.board_officer)
    assert selectors.queue_counts(actor=actor)["triage"] == "3"
    monkeypatch.setattr(selectors, "capped_count", partial(paging.capped_count, cap=2))
    assert selectors.queue_counts(actor=actor)["triage"] == "2+"

"""Folded search over concerns, newest first, with the PostgreSQL plan chosen on purpose.

"Newest N matches" has two good plans and PostgreSQL's estimate for `LIKE '%…%'` picks between
them badly: walking the `created_at` index backwards and filtering is instant for a term that
many recent concerns contain, and scans the whole table for a rare one (12 s at 2 million rows
for two words that seldom meet); the trigram GIN index then a top-N sort is the reverse. So we
measure instead of estimating: the same filtered, scoped query is run over the newest
`WINDOW` concerns only (a bounded walk that cannot use the trigram index). If that window
already holds a page of matches, the term is common and a plain LIKE is used (PostgreSQL's
estimate gets a common term right and walks; SQLite, whose FTS5 list for a common word is long,
walks too). Otherwise matches are rare: the text index answers (SQLite: FTS5; PostgreSQL: the
GIN index, forced by ordering on an expression no B-tree provides).
"""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.db.models import DateTimeField, ExpressionWrapper, F, QuerySet, TextField, Value
from django.db.models.functions import Concat

from phoihop.core.search import folded_search, search_terms

WINDOW = 2_000  # newest rows the probe may walk
PAGE = 20  # matches the window must hold for the walk to be the plan
NEWEST = ("-created_at", "-pk")


def newest_matches(concerns: QuerySet, query: str) -> QuerySet:
    """Concerns of `concerns` matching every folded word of `query`, newest first."""
    terms = search_terms(query)
    if not terms:
        return concerns.none()
    if _is_common(concerns, terms):
        # A plain LIKE per word: PostgreSQL walks the created_at index (its estimate gets a
        # common term right); SQLite does the same instead of reading the whole FTS5 list.
        for term in terms:
            concerns = concerns.filter(search_text__contains=term)
        return concerns.order_by(*NEWEST)
    matches = folded_search(concerns, query)  # the trigram GIN index / the FTS5 table
    if connection.vendor != "postgresql":
        return matches.order_by(*NEWEST)
    by_index = ExpressionWrapper(F("created_at") + Value(timedelta(0)), DateTimeField())
    return matches.order_by(by_index.desc(), "-pk")


def _is_common(concerns: QuerySet, terms: list[str]) -> bool:
    """Does a page of matches lie among the newest WINDOW rows? (A small table: yes.)"""
    floor = _window_floor(concerns.model)
    if floor is None:
        return True
    window = _unindexed(concerns, terms).filter(created_at__gte=floor)
    return window[:PAGE].count() >= PAGE


def _unindexed(concerns: QuerySet, terms: list[str]) -> QuerySet:
    """The match as `(search_text || '') LIKE '%term%'`: the same rows, but the trigram index
    cannot serve it, so the probe walks the newest rows instead of reading the whole index."""
    concerns = concerns.alias(
        _unindexed=Concat(F("search_text"), Value(""), output_field=TextField())
    )
    for term in terms:
        concerns = concerns.filter(_unindexed__contains=term)
    return concerns


def _window_floor(model):
    """`created_at` of the WINDOW-th newest row (None when the table is smaller)."""
    return (
        model.objects.order_by("-created_at")
        .values_list("created_at", flat=True)[WINDOW - 1 :]
        .first()
    )

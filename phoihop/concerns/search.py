"""Folded search over concerns, newest first, with the PostgreSQL plan chosen on purpose.

"Newest N matches" has two good plans and PostgreSQL's estimate for `LIKE '%…%'` picks between
them badly: walking the `created_at` index backwards and filtering is instant for a term that
many recent concerns contain, and scans the whole table for a rare one (12 s at 2 million rows
for two words that seldom meet); the trigram GIN index then a top-N sort is the reverse. So we
measure instead of estimating: the same filtered, scoped query is run over the newest
`WINDOW` concerns only (a bounded walk that cannot use the trigram index). If that window
already holds a page of matches, the term is common: PostgreSQL's own choice (the walk, which
its estimate for a common term gets right) stands. Otherwise matches are rare and the GIN index
is forced by ordering on an expression no B-tree provides. SQLite keeps its FTS5 path.
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
    if connection.vendor != "postgresql":
        return folded_search(concerns, query).order_by(*NEWEST)
    terms = search_terms(query)
    if not terms:
        return concerns.none()
    matches = folded_search(concerns, query)
    floor = _window_floor(concerns.model)
    window = _unindexed(concerns, terms).filter(created_at__gte=floor) if floor else None
    if window is None or window[:PAGE].count() >= PAGE:
        return matches.order_by(*NEWEST)
    by_index = ExpressionWrapper(F("created_at") + Value(timedelta(0)), DateTimeField())
    return matches.order_by(by_index.desc(), "-pk")


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

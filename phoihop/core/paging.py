"""Keyset pagination: the 5,000th page costs what the first one does.

OFFSET pagination reads and throws away every row before the page, so deep pages of the long
lists (the audit log, notifications at national scale) get slower the further one goes, and
counting every match costs a full scan. Here a page link carries the sort key of the row it
starts after (`sau`) or before (`truoc`); the query asks for the rows beyond that key through
the same index that sorts them, one more than a page to know whether there is a next one. The
total is counted only up to `COUNT_CAP` ("1 000+").

Only lists sorted newest first on (a datetime or number, pk) are paged this way; the key is
read back through the field's `to_python`, so a tampered link shows the first page instead of
failing.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

COUNT_CAP = 1000
CURSOR_PARAMS = ("sau", "truoc", "trang")
SEPARATOR = "~"


def format_count(number: int) -> str:
    """A count as Vietnamese writes it: 1.000, 12.345."""
    return f"{number:,}".replace(",", ".")


def capped_count(queryset: QuerySet, cap: int = COUNT_CAP) -> str:
    """“1.000+” instead of counting every match: a broad search or a busy queue among millions
    of rows would cost a full scan, and nobody reads a count beyond a few hundred."""
    count = queryset.order_by()[: cap + 1].count()
    return f"{format_count(cap)}+" if count > cap else format_count(count)


@dataclass(frozen=True)
class KeysetPage:
    rows: list
    number: int
    next_query: str | None
    previous_query: str | None
    total: int
    total_capped: bool

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next_query or self.previous_query)


def keyset_page(request, queryset: QuerySet, *, key: str, size: int) -> KeysetPage:
    """The page of `queryset` (newest `key` first, then newest pk) that the request asks for."""
    field = queryset.model._meta.get_field(key)
    ordered = queryset.order_by(f"-{key}", "-pk")
    after = _cursor(request.GET.get("sau"), field)
    before = _cursor(request.GET.get("truoc"), field) if after is None else None
    number = _number(request.GET.get("trang")) if after or before else 1
    if before is not None:
        value, pk = before
        newer = Q(**{f"{key}__gt": value}) | Q(**{key: value, "pk__gt": pk})
        rows = list(queryset.filter(newer).order_by(key, "pk")[: size + 1])
        has_more_before = len(rows) > size
        rows = rows[:size][::-1]
        has_more_after = True
    else:
        if after is not None:
            value, pk = after
            older = Q(**{f"{key}__lt": value}) | Q(**{key: value, "pk__lt": pk})
            ordered = ordered.filter(older)
        rows = list(ordered[: size + 1])
        has_more_after = len(rows) > size
        rows = rows[:size]
        has_more_before = after is not None
    if not rows:  # a stale or forged link past either end: start again from the newest
        number, has_more_before = 1, False
        rows = list(queryset.order_by(f"-{key}", "-pk")[: size + 1])
        has_more_after = len(rows) > size
        rows = rows[:size]
    total = queryset.order_by()[: COUNT_CAP + 1].count()
    return KeysetPage(
        rows=rows,
        number=number,
        next_query=_link(request, "sau", rows[-1], key, number + 1) if has_more_after else None,
        previous_query=(
            _link(request, "truoc", rows[0], key, number - 1)
            if has_more_before and number > 1
            else None
        ),
        total=min(total, COUNT_CAP),
        total_capped=total > COUNT_CAP,
    )


def _cursor(raw: str | None, field) -> tuple | None:
    if not raw or SEPARATOR not in raw:
        return None
    value, _, pk = raw.rpartition(SEPARATOR)
    try:
        return field.to_python(value), int(pk)
    except (ValidationError, ValueError, TypeError):
        return None


def _number(raw: str | None) -> int:
    if raw is None:
        return 1
    try:
        return max(int(raw), 1)
    except ValueError:
        return 1


def _link(request, direction: str, row, key: str, number: int) -> str:
    value = getattr(row, key)
    encoded = value.isoformat() if hasattr(value, "isoformat") else str(value)
    kept = [(k, v) for k, v in request.GET.items() if k not in CURSOR_PARAMS and k != "page"]
    return urlencode([*kept, (direction, f"{encoded}{SEPARATOR}{row.pk}"), ("trang", number)])

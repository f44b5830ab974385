"""Columns copied onto fact tables so lists and dashboards group without joins, and their repair.

Tasks, dispatches, cases, concerns and submissions store their bodies' tree paths and their
province and commune (ARCHITECTURE.md, "Denormalise the place"). The services write these copies;
this module states, once, what each copy must equal, so a command can find and repair copies
that went stale (a bulk load, a hand-made SQL fix, a restored backup) and a test can prove the
services keep them right.

Each app lists its copies as `COPIES` in `<app>/denormalised.py` (core itself has none).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Expression, F, Model, OuterRef, Q, QuerySet, Subquery

from .plugins import app_modules

EXPECTED = "_expected_copy"
REPAIR_BATCH = 1000


@dataclass(frozen=True)
class Copy:
    """`model.field` (a column name such as `issuer_path` or `province_id`) must equal `source`,
    an expression evaluated on the same row."""

    model: type[Model]
    field: str
    source: Expression

    @property
    def label(self) -> str:
        return f"{self.model._meta.label}.{self.field}"


def column_of(model: type[Model], foreign_key: str, column: str | Expression) -> Subquery:
    """`column` (a field name or an expression) of the `model` row that this row's
    `foreign_key` points to."""
    rows = model._default_manager.filter(pk=OuterRef(foreign_key))
    if isinstance(column, str):
        return Subquery(rows.values(column)[:1])
    return Subquery(rows.annotate(value=column).values("value")[:1])


def all_copies() -> list[Copy]:
    return [copy for module in app_modules("denormalised") for copy in module.COPIES]


def stale(copy: Copy) -> QuerySet:
    """Rows whose copy differs from its source; NULL on one side only counts as different."""
    rows = copy.model._default_manager.annotate(**{EXPECTED: copy.source})
    field, expected = copy.field, EXPECTED
    one_side_null = Q(**{f"{field}__isnull": True, f"{expected}__isnull": False}) | Q(
        **{f"{field}__isnull": False, f"{expected}__isnull": True}
    )
    both_set_and_different = Q(**{f"{field}__isnull": False, f"{expected}__isnull": False}) & ~Q(
        **{field: F(expected)}
    )
    return rows.filter(one_side_null | both_set_and_different)


def repair(copy: Copy) -> int:
    """Rewrite the stale copies from their source; return how many rows were repaired.

    Stale rows are collected first and rewritten by primary key in batches, so the update
    statement stays a plain one on both databases whatever the source expression joins.
    """
    pks = list(stale(copy).values_list("pk", flat=True))
    manager = copy.model._default_manager
    with transaction.atomic():
        for start in range(0, len(pks), REPAIR_BATCH):
            batch = pks[start : start + REPAIR_BATCH]
            manager.filter(pk__in=batch).update(**{copy.field: copy.source})
    return len(pks)

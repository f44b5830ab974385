"""Folded search over a stored `search_text` column, with the same hits on SQLite and PostgreSQL.

Both the stored text and the query go through `fold()`; every word of the query must appear
(as a substring) in the stored text. PostgreSQL answers from a `gin_trgm_ops` index, SQLite from
an FTS5 trigram index where the table has one (see `search_index_operations`).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, TypeVar

from django.db import connection, migrations
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from .text import fold

MIN_INDEXED_LENGTH = 3  # trigram indexes cannot help with shorter words

# Filtering keeps the queryset's own class (and its scoping methods).
QS = TypeVar("QS", bound=QuerySet[Any, Any])


def search_terms(query: str) -> list[str]:
    # Control characters (a NUL byte pasted into the box) are never in stored text, and SQLite's
    # FTS5 would end the query string at a NUL: they separate words like spaces do.
    printable = "".join(ch if ch.isprintable() else " " for ch in fold(query))
    return printable.split()[:8]


def folded_search(queryset: QS, query: str, field: str = "search_text") -> QS:
    """Rows of `queryset` whose folded `field` contains every word of `query`."""
    terms = search_terms(query)
    if not terms:
        return queryset.none()
    table = queryset.model._meta.db_table
    uses_fts = connection.vendor == "sqlite" and table in _sqlite_fts_tables()
    for term in terms:
        if uses_fts and len(term) >= MIN_INDEXED_LENGTH:
            phrase = '"' + term.replace('"', '""') + '"'
            queryset = queryset.filter(
                pk__in=RawSQL(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s", [phrase])
            )
        else:
            queryset = queryset.filter(**{f"{field}__contains": term})
    return queryset


@cache
def _sqlite_fts_tables() -> frozenset[str]:
    """Tables that have an FTS5 companion (fixed by the migrations, so read once)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type='table' AND name LIKE '%_fts'")
        return frozenset(name.removesuffix("_fts") for (name,) in cursor.fetchall())


class VendorSQL(migrations.RunSQL):
    """RunSQL for one database vendor only (the other one skips it)."""

    def __init__(self, vendor: str, sql: list[str], reverse_sql: list[str]) -> None:
        self.vendor = vendor
        super().__init__(list(sql), list(reverse_sql))

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def deconstruct(self):
        name, _args, kwargs = super().deconstruct()
        return name, [self.vendor, kwargs.pop("sql"), kwargs.pop("reverse_sql")], kwargs


def search_index_operations(table: str, field: str = "search_text") -> list[VendorSQL]:
    """Migration operations that index `table.field` for folded search on each database.

    PostgreSQL: a trigram GIN index (serves LIKE '%word%'). SQLite: an external-content FTS5
    table with the trigram tokenizer, kept in step by triggers.
    """
    fts = f"{table}_fts"
    postgres = VendorSQL(
        "postgresql",
        [
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            f"CREATE INDEX {table}_{field}_trgm ON {table} USING gin ({field} gin_trgm_ops)",
        ],
        [f"DROP INDEX IF EXISTS {table}_{field}_trgm"],
    )
    sqlite = VendorSQL(
        "sqlite",
        [
            f"CREATE VIRTUAL TABLE {fts} USING fts5({field}, content='{table}', "
            f"content_rowid='id', tokenize='trigram')",
            *_sqlite_triggers(table, field),
            f"INSERT INTO {fts}(rowid, {field}) SELECT id, {field} FROM {table}",
        ],
        [f"DROP TABLE IF EXISTS {fts}"]
        + [f"DROP TRIGGER IF EXISTS {fts}_{suffix}" for suffix in ("ai", "ad", "au")],
    )
    return [postgres, sqlite]


def _sqlite_triggers(table: str, field: str) -> list[str]:
    fts = f"{table}_fts"
    return [
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {field}) VALUES (new.id, new.{field}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {field}) VALUES ('delete', old.id, old.{field}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF {field} ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {field}) VALUES ('delete', old.id, old.{field}); "
        f"INSERT INTO {fts}(rowid, {field}) VALUES (new.id, new.{field}); END",
    ]


FTS_COLUMN = re.compile(r"fts5\(\s*(\w+)")


def repair_sqlite_search_indexes(connection) -> list[str]:
    """Recreate lost FTS triggers and rebuild those indexes; return the tables repaired.

    SQLite rebuilds a table for many ALTERs (a migration changing a column does), and the
    rebuild drops the table's triggers: the FTS index would silently stop following the rows.
    Run after every migrate, so no later migration can break search.
    """
    repaired = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='table' AND name LIKE '%_fts' "
            "AND sql LIKE 'CREATE VIRTUAL TABLE%'"
        )
        for fts, sql in cursor.fetchall():
            column = FTS_COLUMN.search(sql)
            assert column is not None, f"{fts} is not an fts5 table"  # selected by its sql above
            table, field = fts.removesuffix("_fts"), column.group(1)
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='trigger' AND tbl_name=%s "
                "AND name LIKE %s",
                [table, f"{fts}_%"],
            )
            if cursor.fetchone()[0] == 3:
                continue
            for statement in _sqlite_triggers(table, field):
                cursor.execute(statement)
            cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
            repaired.append(table)
    return repaired


def repair_after_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections

    if connections[using].vendor == "sqlite":
        repair_sqlite_search_indexes(connections[using])

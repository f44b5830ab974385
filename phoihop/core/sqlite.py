"""SQLite's integers are 64-bit; Python's are not.

An id typed into a URL, a form or an API call may be any number of digits. PostgreSQL simply
finds no row for an id beyond its range; the sqlite3 module instead raises OverflowError while
binding the parameter, which would surface as a server error from every lookup by id. Binding
such a number as text makes SQLite compare it numerically with the column and find no row,
the same answer PostgreSQL gives, in one place instead of a guard in every form and serializer.
"""

from __future__ import annotations

import sqlite3

INT64 = range(-(2**63), 2**63)


def _bind_int(value: int) -> int | str:
    return value if value in INT64 else str(value)


def bind_out_of_range_integers_as_text() -> None:
    sqlite3.register_adapter(int, _bind_int)

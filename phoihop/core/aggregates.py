"""Percentiles computed by the database.

A median or 90th percentile over a national table must not fetch every row into Python: at
two million concerns that alone took seconds. PostgreSQL has ``percentile_cont``; SQLite has
no percentile, so the same interpolation is registered on each SQLite connection as an
aggregate function. Both give the value PostgreSQL defines (linear interpolation between the
two nearest ranks), so the figures do not depend on the database.
"""

from __future__ import annotations

from django.db.models import Aggregate, DurationField

SQLITE_FUNCTION = "phoihop_percentile"


def continuous_percentile(values: list[float], fraction: float) -> float | None:
    """``percentile_cont``: the value at rank ``fraction × (n − 1)``, interpolated."""
    if not values:
        return None
    values = sorted(values)
    index = fraction * (len(values) - 1)
    low = int(index)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (index - low)


class Percentile(Aggregate):
    """The continuous percentile of a duration, e.g. ``Percentile(F("closed_at") -
    F("created_at"), 0.9)``; ``None`` over no rows."""

    name = "Percentile"
    output_field = DurationField()

    def __init__(self, expression, fraction: float):
        if not 0 <= fraction <= 1:
            raise ValueError("fraction must lie between 0 and 1")
        super().__init__(expression)
        self.fraction = float(fraction)

    def _value_sql(self, compiler):
        return compiler.compile(self.get_source_expressions()[0])

    # The stubs allow only str/int SQL parameters; the fraction is a float, which every driver
    # binds. Func's template arguments are not used: this aggregate writes its own SQL.
    def as_sql(self, compiler, connection, **extra_context):  # type: ignore[override]
        sql, params = self._value_sql(compiler)
        return f"percentile_cont(%s) WITHIN GROUP (ORDER BY {sql})", (self.fraction, *params)

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = self._value_sql(compiler)
        return f"{SQLITE_FUNCTION}({sql}, %s)", (*params, self.fraction)


class _SqlitePercentile:
    """The SQLite side of :class:`Percentile` (durations arrive as microseconds)."""

    def __init__(self) -> None:
        self.values: list[float] = []
        self.fraction = 0.5

    def step(self, value, fraction) -> None:
        self.fraction = fraction
        if value is not None:
            self.values.append(value)

    def finalize(self) -> float | None:
        return continuous_percentile(self.values, self.fraction)


def register_sqlite_percentile(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver."""
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate(SQLITE_FUNCTION, 2, _SqlitePercentile)

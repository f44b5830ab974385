"""The OpenAPI schema is a promise to clients: it changes only on purpose.

`schema_snapshot.json` is the schema as committed. The test regenerates it with the same command
and lists every path, component or other top-level entry that differs (key order aside), each
with a diff of its JSON. To accept an intended change, regenerate the snapshot and review its
diff like code:

    .venv/bin/python manage.py spectacular --format openapi-json \
        --file phoihop/api/tests/schema_snapshot.json
"""

from __future__ import annotations

import copy
import difflib
import json
from pathlib import Path

import pytest
from django.core.management import call_command

SNAPSHOT = Path(__file__).with_name("schema_snapshot.json")
MAX_REPORT_LINES = 300
# Integer bounds drf-spectacular reads from the database's column ranges (SQLite's are 64-bit,
# PostgreSQL's smallint/integer narrower): they say which database generated the schema, not
# what the API promises, so they are left out of the comparison. Bounds set by a validator stay.
DATABASE_INTEGER_MAXIMA = {32767, 2147483647, 9223372036854775807}


def generated_schema(directory: Path) -> dict:
    """The schema exactly as `manage.py spectacular` writes it."""
    target = directory / "schema.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(target))
    return json.loads(target.read_text(encoding="utf-8"))


def _without_database_bounds(value: object) -> object:
    if isinstance(value, list):
        return [_without_database_bounds(item) for item in value]
    if not isinstance(value, dict):
        return value
    cleaned = {key: _without_database_bounds(item) for key, item in value.items()}
    if cleaned.get("type") == "integer" and cleaned.get("maximum") in DATABASE_INTEGER_MAXIMA:
        del cleaned["maximum"]
        cleaned.pop("format", None)
    return cleaned


def _entries(schema: dict) -> dict[str, object]:
    """The schema cut into the units a reader names: each path, each component, each other key."""
    entries: dict[str, object] = {}
    for key, value in schema.items():
        if key == "paths":
            entries.update({f"path {path}": item for path, item in value.items()})
        elif key == "components":
            for kind, components in value.items():
                entries.update({f"{kind} {name}": item for name, item in components.items()})
        else:
            entries[key] = value
    return entries


def _json_lines(value: object) -> list[str]:
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False).splitlines()


def schema_differences(expected: dict, actual: dict) -> list[str]:
    """Readable lines naming what `actual` removed, added or changed against `expected`."""
    before = _entries(_without_database_bounds(expected))
    after = _entries(_without_database_bounds(actual))
    lines = []
    for name in sorted(before.keys() | after.keys()):
        if name not in after:
            lines.append(f"- removed: {name}")
        elif name not in before:
            lines.append(f"+ added: {name}")
        elif before[name] != after[name]:
            lines.append(f"~ changed: {name}")
            diff = difflib.unified_diff(
                _json_lines(before[name]), _json_lines(after[name]), lineterm="", n=2
            )
            lines.extend(f"    {line}" for line in list(diff)[2:])  # skip the ---/+++ header
    return lines


def _report(lines: list[str]) -> str:
    shown = lines[:MAX_REPORT_LINES]
    if len(lines) > MAX_REPORT_LINES:
        shown.append(f"… and {len(lines) - MAX_REPORT_LINES} more lines")
    return "\n".join(shown)


@pytest.fixture(scope="module")
def snapshot() -> dict:
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_the_generated_schema_equals_the_committed_snapshot(snapshot, tmp_path):
    differences = schema_differences(snapshot, generated_schema(tmp_path))
    if differences:
        pytest.fail(
            "The OpenAPI schema differs from schema_snapshot.json (see this module's docstring "
            f"to accept an intended change):\n{_report(differences)}",
            pytrace=False,
        )


def test_the_comparison_ignores_only_key_order(snapshot):
    reordered = json.loads(json.dumps(snapshot, sort_keys=True))
    reordered["paths"] = dict(reversed(list(reordered["paths"].items())))
    assert schema_differences(snapshot, reordered) == []


def test_the_comparison_names_each_changed_removed_and_added_entry(snapshot):
    changed = copy.deepcopy(snapshot)
    changed["paths"]["/api/v1/me/"]["get"]["summary"] = "Tóm tắt khác"
    del changed["components"]["schemas"]["ErrorBody"]
    changed["paths"]["/api/v1/new/"] = {}
    changed["info"]["version"] = "2.0.0"

    lines = schema_differences(snapshot, changed)

    assert "~ changed: path /api/v1/me/" in lines
    assert any(line.strip().startswith("+") and "Tóm tắt khác" in line for line in lines)
    assert "- removed: schemas ErrorBody" in lines
    assert "+ added: path /api/v1/new/" in lines
    assert "~ changed: info" in lines
    assert len([line for line in lines if not line.startswith("    ")]) == 4


def test_the_comparison_ignores_the_integer_range_of_the_database_only():
    column = {"type": "integer", "format": "int64", "maximum": 9223372036854775807, "minimum": 0}
    schema = {"components": {"schemas": {"Dispatch": {"properties": {"number": column}}}}}
    on_postgresql = copy.deepcopy(schema)
    on_postgresql["components"]["schemas"]["Dispatch"]["properties"]["number"] = {
        "type": "integer",
        "maximum": 2147483647,
        "minimum": 0,
    }
    validated = copy.deepcopy(schema)
    validated["components"]["schemas"]["Dispatch"]["properties"]["number"]["maximum"] = 1000

    assert schema_differences(schema, on_postgresql) == []
    assert "~ changed: schemas Dispatch" in schema_differences(schema, validated)

"""Loading the official administrative units (34 provinces, 3,321 communes after 1 July 2025)."""

from __future__ import annotations

import json
from dataclasses import dataclass

import vietnam_provinces
from django.db import transaction

from phoihop.core.text import fold

from .models import AdminUnit

KINDS = {
    "tỉnh": AdminUnit.Kind.PROVINCE,
    "thành phố trung ương": AdminUnit.Kind.CITY,
    "xã": AdminUnit.Kind.COMMUNE,
    "phường": AdminUnit.Kind.WARD,
    "đặc khu": AdminUnit.Kind.SPECIAL_ZONE,
}
FIELDS = ["name", "kind", "parent_id", "codename", "search_text"]
Key = tuple[str, int]  # (level, official code): codes repeat across levels


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int


def _official_units() -> list[dict]:
    """Provinces first, then communes, as plain dicts keyed like AdminUnit's fields."""
    with open(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as source:
        provinces = json.load(source)
    rows = []
    for province in provinces:
        rows.append(_row(province, parent_code=None))
        rows.extend(_row(ward, parent_code=province["code"]) for ward in province["wards"])
    return rows


def _row(unit: dict, parent_code: int | None) -> dict:
    if unit["division_type"] not in KINDS:
        raise ValueError(f"Loại đơn vị hành chính không xác định: {unit['division_type']}")
    return {
        "level": AdminUnit.Level.PROVINCE if parent_code is None else AdminUnit.Level.COMMUNE,
        "code": int(unit["code"]),
        "name": unit["name"],
        "kind": KINDS[unit["division_type"]],
        "parent_code": parent_code,
        "codename": unit["codename"],
        "search_text": fold(unit["name"]),
    }


@transaction.atomic
def load_admin_units() -> LoadResult:
    """Create or correct every unit in one transaction; a second run changes nothing."""
    rows = _official_units()
    existing: dict[Key, AdminUnit] = {
        (unit.level, unit.code): unit for unit in AdminUnit.objects.all()
    }
    created = updated = 0
    for level in (AdminUnit.Level.PROVINCE, AdminUnit.Level.COMMUNE):  # parents first
        province_ids = {
            code: unit.pk
            for (lvl, code), unit in existing.items()
            if lvl == AdminUnit.Level.PROVINCE
        }
        to_create, to_update = [], []
        for row in rows:
            if row["level"] != level:
                continue
            values = {
                "name": row["name"],
                "kind": row["kind"],
                "parent_id": province_ids.get(row["parent_code"]),
                "codename": row["codename"],
                "search_text": row["search_text"],
            }
            unit = existing.get((level, row["code"]))
            if unit is None:
                to_create.append(AdminUnit(level=level, code=row["code"], **values))
            elif any(getattr(unit, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(unit, name, value)
                to_update.append(unit)
        AdminUnit.objects.bulk_create(to_create, batch_size=500)
        AdminUnit.objects.bulk_update(to_update, FIELDS, batch_size=500)
        created += len(to_create)
        updated += len(to_update)
        existing.update(
            {(unit.level, unit.code): unit for unit in AdminUnit.objects.filter(level=level)}
        )
    return LoadResult(created=created, updated=updated, unchanged=len(rows) - created - updated)

"""Loading the coordination regimes (reference data) from the fixture; idempotent.

The wording is data an administrator may edit afterwards (versions are kept by
django-simple-history); loading again only creates what is missing, it never overwrites edits.
The loader is also run by migrations, against the model as it was then: it fills only the
fields that model has.

The regime's name is its document's: `Regime.citation` ("Quyết định số 238-QĐ/TW ngày
30/9/2020 của Ban Bí thư"). `correct_name` rewrites the wrong name ("Quy định 238-QĐ/TW")
in stored texts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "regimes.json"
# Fixture keys that are not plain fields of the regime.
NOT_FIELDS = {"code", "predecessor", "content_items"}


def fixture_entries() -> list[dict]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))["regimes"]


def fixture_citation() -> str:
    """The current regime's citation from the fixture, for text built before any database is
    read (the API description); the pages read the regime row."""
    entry = next(e for e in fixture_entries() if e["is_current"])
    year, month, day = (int(part) for part in entry["issued_on"].split("-"))
    return (
        f"{entry['document_type']} số {entry['code']} ngày {day}/{month}/{year} "
        f"của {entry['issuer']}"
    )


def load_regimes(regime_model, content_item_model) -> int:
    """Create missing regimes and content items; return how many rows were created."""
    created = 0
    fields = {field.name for field in regime_model._meta.concrete_fields}
    for entry in fixture_entries():
        defaults = {k: v for k, v in entry.items() if k in fields and k not in NOT_FIELDS}
        defaults["predecessor"] = regime_model.objects.filter(code=entry["predecessor"]).first()
        regime, made = regime_model.objects.get_or_create(code=entry["code"], defaults=defaults)
        created += made
        for order, (code, group, title) in enumerate(entry["content_items"], start=1):
            _, made = content_item_model.objects.get_or_create(
                regime=regime, code=code, defaults={"group": group, "title": title, "order": order}
            )
            created += made
    return created


def correct_name(text: str, *, document_type: str, code: str) -> str:
    """`text` with the regime called by its document's type: "Quy định 238-QĐ/TW" and "Quy
    định số 238-QĐ/TW" become "Quyết định số 238-QĐ/TW" when the regime is a Decision."""
    if not text or document_type == WRONG_TYPE:
        return text
    pattern = rf"\b{WRONG_TYPE}(?:\s+số)?\s+{re.escape(code)}"
    return re.sub(pattern, f"{document_type} số {code}", text)


WRONG_TYPE = "Quy định"

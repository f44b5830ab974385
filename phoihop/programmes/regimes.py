"""Loading the coordination regimes (reference data) from the fixture; idempotent.

The wording is data an administrator may edit afterwards (versions are kept by
django-simple-history); loading again only creates what is missing, it never overwrites edits.
"""

import json
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "regimes.json"


def load_regimes(regime_model, content_item_model) -> int:
    """Create missing regimes and content items; return how many rows were created."""
    created = 0
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))["regimes"]
    for entry in data:
        regime, made = regime_model.objects.get_or_create(
            code=entry["code"],
            defaults={
                "title": entry["title"],
                "issued_on": entry["issued_on"],
                "is_current": entry["is_current"],
                "predecessor": regime_model.objects.filter(code=entry["predecessor"]).first(),
                "reminder_days": entry["reminder_days"],
                "escalate_focal_leader_after": entry["escalate_focal_leader_after"],
                "escalate_board_leader_after": entry["escalate_board_leader_after"],
            },
        )
        created += made
        for order, (code, group, title) in enumerate(entry["content_items"], start=1):
            _, made = content_item_model.objects.get_or_create(
                regime=regime, code=code, defaults={"group": group, "title": title, "order": order}
            )
            created += made
    return created

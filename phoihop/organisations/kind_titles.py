"""The signing titles of each kind of body (reference data), loaded by a migration; idempotent.

A Party committee is led by its standing committee ("T/M BAN THƯỜNG VỤ"); the people's
committee and the council's standing committee sign as collectives ("TM. ỦY BAN NHÂN DÂN",
"TM. THƯỜNG TRỰC HĐND"); the other bodies are led by their head, for whom a deputy signs
"KT. GIÁM ĐỐC" / "K/T TRƯỞNG BAN". Loading again never overwrites an administrator's edit.
"""

from __future__ import annotations

# kind → (head's title, deputy's title, collective)
DEFAULTS = {
    "board": ("Trưởng ban", "Phó Trưởng ban", ""),
    "party_committee": ("Bí thư", "Phó Bí thư", "Ban Thường vụ"),
    "council_standing": ("Chủ tịch", "Phó Chủ tịch", "Thường trực HĐND"),
    "council_committee": ("Trưởng ban", "Phó Trưởng ban", ""),
    "peoples_committee": ("Chủ tịch", "Phó Chủ tịch", "Ủy ban nhân dân"),
    "department": ("Giám đốc", "Phó Giám đốc", ""),
    "court": ("Chánh án", "Phó Chánh án", ""),
    "procuracy": ("Viện trưởng", "Phó Viện trưởng", ""),
    "state_bank": ("Giám đốc", "Phó Giám đốc", ""),
    "social_insurance": ("Giám đốc", "Phó Giám đốc", ""),
    "fatherland_front": ("Chủ tịch", "Phó Chủ tịch", "Ban Thường trực"),
    "other": ("", "", ""),
}


def load_kind_titles(kind_title_model) -> int:
    """Create the missing kinds' rows; return how many were created."""
    created = 0
    for kind, (head, deputy, collective) in DEFAULTS.items():
        _, made = kind_title_model.objects.get_or_create(
            kind=kind,
            defaults={"head_title": head, "deputy_title": deputy, "collective": collective},
        )
        created += made
    return created

"""The place on a document: the issuer's administrative unit as it was named on the issue date.

Administrative units are loaded as they are today (`vietnam-provinces`, after the 2025
reform); history lives in the organisation tree, where a merge or split dissolves bodies and
creates new ones with `valid_from`/`valid_to` and `Lineage` edges (decision 0002). So the place
on a document dated `day` is that of the body record in force on `day`: the issuer itself, or,
when the issuer had already been merged or split away, its record-carrying successor. A body
record prints its `place_name` (the unit's official name while the body existed, kept when it
differs from today's name) and otherwise its seat's current name.
"""

from __future__ import annotations

from datetime import date

from phoihop.organisations.models import Lineage, Organisation

from .profiles import place_name

MAX_HOPS = 10  # merges of merges; a cycle in bad data must not loop forever


def body_on(organisation: Organisation, day: date | None) -> Organisation:
    """The record of `organisation` in force on `day`, following record-carrying successors
    when it had been dissolved by then."""
    body = organisation
    for _ in range(MAX_HOPS):
        if day is None or body.valid_to is None or day <= body.valid_to:
            return body
        link = (
            Lineage.objects.filter(predecessor=body, carries_records=True)
            .select_related("successor__admin_unit", "successor__province")
            .first()
        )
        if link is None:
            return body
        body = link.successor
    return body


def place_on(organisation: Organisation, day: date | None) -> str:
    """ "Quảng Ngãi" for a document of `organisation` dated `day` (see the module docstring)."""
    body = body_on(organisation, day)
    if body.place_name:
        return body.place_name
    unit = body.admin_unit or body.province
    return place_name(unit.name) if unit else ""

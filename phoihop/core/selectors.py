"""Reads of the core records: the audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from .actor import Actor
from .calendar import day_bounds
from .models import AuditEntry


@dataclass(frozen=True)
class AuditFilter:
    organisation_id: int | None = None
    actor_id: int | None = None
    content_type_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None

    def as_params(self) -> dict:
        return {
            key: value.isoformat() if isinstance(value, date) else value
            for key, value in self.__dict__.items()
            if value is not None
        }

    @classmethod
    def from_params(cls, params: dict) -> AuditFilter:
        values = dict(params)
        for key in ("date_from", "date_to"):
            if values.get(key):
                values[key] = date.fromisoformat(values[key])
        return cls(**values)


def audit_list(*, actor: Actor, filters: AuditFilter) -> QuerySet[AuditEntry]:
    """Audit entries of the bodies the actor oversees, newest first."""
    entries = AuditEntry.objects.visible_to(actor)
    if filters.organisation_id:
        entries = entries.filter(organisation_id=filters.organisation_id)
    if filters.actor_id:
        entries = entries.filter(actor_id=filters.actor_id)
    if filters.content_type_id:
        entries = entries.filter(content_type_id=filters.content_type_id)
    if filters.date_from:
        entries = entries.filter(timestamp__gte=day_bounds(filters.date_from)[0])
    if filters.date_to:
        entries = entries.filter(timestamp__lt=day_bounds(filters.date_to)[1])
    return entries.select_related("actor", "organisation", "content_type").order_by(
        "-timestamp", "-pk"
    )

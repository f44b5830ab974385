"""The audit helper every service uses to put a named event on the central trail.

Field-level before → after of registered models is written by auditlog itself; `record_event`
adds the business event ("merged", "membership_granted"…) with its own details, so the trail
reads as what happened and not only as which columns changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from auditlog.models import AbstractLogEntry
from django.db import models

from .models import AuditEntry

if TYPE_CHECKING:
    from .actor import Actor


def record_event(
    *,
    actor: Actor,
    target: models.Model,
    verb: str,
    changes: dict[str, list[Any]] | None = None,
    detail: dict[str, Any] | None = None,
    organisation: models.Model | None = None,
) -> AuditEntry:
    """Write one audit entry for `verb` done by `actor` to `target`.

    `changes` uses auditlog's shape, {field: [before, after]}; `detail` holds anything else.
    `organisation` files the entry under a body when the target itself has none (a user).
    """
    extra = {"organisation_id": organisation.pk} if organisation is not None else {}
    return AuditEntry.objects.log_create(
        target,
        force_log=True,
        action=AbstractLogEntry.Action.UPDATE,
        actor=actor.user,
        verb=verb,
        changes=changes or {},
        changes_text="",
        additional_data=detail or None,
        **extra,
    )


def field_changes(instance: models.Model, before: dict[str, Any], fields: list[str]) -> dict:
    """{field: [before, after]} for the `fields` whose value differs from the `before` snapshot."""
    changes = {}
    for name in fields:
        after = getattr(instance, name)
        if before.get(name) != after:
            changes[name] = [_plain(before.get(name)), _plain(after)]
    return changes


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in fields}


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value

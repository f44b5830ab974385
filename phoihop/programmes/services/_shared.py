"""Helpers shared by the modules of this package."""

from __future__ import annotations

from django_fsm import can_proceed

from phoihop.core.exceptions import invalid
from phoihop.core.text import fold
from phoihop.organisations.models import Organisation

from ..models import ContentItem, Programme, Regime, Task


def _search_text(programme: Programme, parties: list[Organisation]) -> str:
    names = " ".join(p.short_name or p.name for p in parties)
    return fold(f"{programme.title} {names}")[:700]


def _refresh_search_text(programme: Programme) -> None:
    parties = [p.organisation for p in programme.parties.select_related("organisation")]
    programme.search_text = _search_text(programme, parties)
    programme.save(update_fields=["search_text"])


def _clean_strings(values: dict) -> dict:
    return {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}


def _check_items(regime: Regime, items: list[ContentItem]) -> None:
    if any(item.regime_id != regime.pk for item in items):
        raise invalid("Nội dung phối hợp không thuộc quy chế của chương trình.", "content_items")


def _transition_possible(instance, method: str) -> bool:
    return can_proceed(getattr(instance, method))


def _cooperating_ids(task: Task) -> frozenset[int]:
    return frozenset(task.assignments.values_list("organisation_id", flat=True))

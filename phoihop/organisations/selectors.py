"""Reads of the organisation tree, all starting from what the actor may see."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet

from phoihop.core.actor import Actor
from phoihop.core.search import folded_search

from .models import AdminUnit, FocalPoint, Lineage, Organisation


def organisation_search(*, actor: Actor, query: str) -> QuerySet[Organisation]:
    found = folded_search(Organisation.objects.visible_to(actor), query)
    return found.select_related("admin_unit").order_by("valid_to", "depth", "name")


def admin_unit_search(*, query: str) -> QuerySet[AdminUnit]:
    """Administrative units are public reference data: no scoping."""
    return (
        folded_search(AdminUnit.objects.all(), query)
        .select_related("parent")
        .order_by("parent_id", "name")
    )


def provinces_with_counts(*, actor: Actor) -> list[AdminUnit]:
    """The 34 provinces, each with `commune_count` and `visible_body_count` (the current bodies
    the actor may see there): two queries, whatever the number of provinces."""
    provinces: list[AdminUnit] = list(
        AdminUnit.objects.filter(level=AdminUnit.Level.PROVINCE)
        .annotate(commune_count=Count("children"))
        .order_by("name")
    )
    visible = Organisation.objects.visible_to(actor).current().filter(province__isnull=False)
    rows = visible.order_by().values("province").annotate(n=Count("id"))
    counts = {row["province"]: row["n"] for row in rows}
    for province in provinces:
        province.visible_body_count = counts.get(province.pk, 0)
    return provinces


def communes_of(*, unit: AdminUnit, query: str = "") -> QuerySet[AdminUnit]:
    """The communes of a province (public reference data), by name; `query` folded."""
    communes = unit.children.order_by("name")
    return folded_search(communes, query) if query else communes


def bodies_in(*, actor: Actor, unit: AdminUnit) -> QuerySet[Organisation]:
    """Bodies seated in `unit` that the actor may see, current ones first, tree order."""
    return (
        Organisation.objects.visible_to(actor).filter(admin_unit=unit).order_by("valid_to", "path")
    )


def children_of(*, actor: Actor, organisation: Organisation) -> QuerySet[Organisation]:
    return (
        Organisation.objects.visible_to(actor)
        .filter(path__startswith=organisation.path, depth=organisation.depth + 1)
        .select_related("admin_unit")
        .order_by("valid_to", "path")
    )


def visible_ancestors(*, actor: Actor, organisation: Organisation) -> list[Organisation]:
    """The body's ancestors the actor may see, root first (for breadcrumbs)."""
    return [a for a in Organisation.objects.get_ancestors(organisation) if actor.can_see(a)]


def merge_partners(*, actor: Actor, organisation: Organisation) -> QuerySet[Organisation]:
    """The current siblings of a body that the actor sees: the bodies it may merge with."""
    return (
        Organisation.objects.visible_to(actor)
        .current()
        .filter(
            path__startswith=organisation.path[: -organisation.steplen], depth=organisation.depth
        )
        .exclude(pk=organisation.pk)
    )


def focal_point_initial(organisation: Organisation) -> dict:
    """The focal-point form's starting values: the body's focal points as named now."""
    current = FocalPoint.objects.filter(organisation=organisation).first()
    if current is None:
        return {}
    return {
        "leader": current.leader_id,
        "advisory_unit": current.advisory_unit,
        "contacts": list(current.contacts.values_list("pk", flat=True)),
    }


def focal_point_of(*, actor: Actor, organisation: Organisation) -> FocalPoint | None:
    return (
        FocalPoint.objects.visible_to(actor)
        .filter(organisation=organisation)
        .select_related("leader")
        .prefetch_related("contacts")
        .first()
    )


def lineage_of(organisation: Organisation) -> tuple[list[Lineage], list[Lineage]]:
    """(edges from predecessors, edges to successors) of one body."""
    links = Lineage.objects.filter(
        Q(successor=organisation) | Q(predecessor=organisation)
    ).select_related("predecessor", "successor")
    before = [link for link in links if link.successor_id == organisation.pk]
    after = [link for link in links if link.predecessor_id == organisation.pk]
    return before, after


def record_carriers(organisation_ids: Iterable[int]) -> dict[int, int]:
    """Map each body to the current body that carries its records (itself if not dissolved).

    Follows `carries_records` edges transitively, so a body merged twice rolls up to the last
    successor. One query for the whole edge set: lineage is small (a few edges per reform).
    """
    carrier = dict(
        Lineage.objects.filter(carries_records=True).values_list("predecessor_id", "successor_id")
    )
    result = {}
    for organisation_id in organisation_ids:
        current, seen = organisation_id, set()
        while current in carrier and current not in seen:
            seen.add(current)
            current = carrier[current]
        result[organisation_id] = current
    return result


def roll_up(counts: dict[int, int]) -> dict[int, int]:
    """Counts per body, re-attributed to the current successor of every dissolved body."""
    carriers = record_carriers(counts)
    totals: Counter[int] = Counter()
    for organisation_id, count in counts.items():
        totals[carriers[organisation_id]] += count
    return dict(totals)


def scope_summary(*, actor: Actor) -> dict[str, int]:
    """Figures for the home page: current bodies the actor sees, the communes they sit in, and
    how many of the coordinating bodies have not yet named their focal points (one query)."""
    current = Organisation.objects.visible_to(actor).current().order_by()
    coordinating = ~Q(kind__in=[Organisation.Kind.PARTY_COMMITTEE, Organisation.Kind.BOARD])
    return current.aggregate(
        bodies=Count("id"),
        communes=Count("admin_unit", filter=Q(level=Organisation.Level.COMMUNE), distinct=True),
        without_focal_point=Count("id", filter=coordinating & Q(focal_point__isnull=True)),
    )

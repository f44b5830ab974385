"""Reads of obligations: "Việc của tôi", its groups, and the count in the navigation bar.

"Mine" is one condition on the open rows, built from the actor's memberships and the step
registry in memory (no query): obligations naming me; or owed by a body where I hold the role the
obligation names; or, naming no role, a role the step lists. Every read below is a fixed number of
queries through the partial indexes on open obligations, whatever the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from phoihop.core.actor import Actor
from phoihop.core.calendar import day_bounds
from phoihop.core.paging import COUNT_CAP, capped_count, format_count

from .models import OPEN, Obligation
from .steps import steps_by_role, title_of

OVERDUE, THIS_WEEK, LATER, WAITING = "overdue", "week", "later", "waiting"
GROUP_LABELS = {
    OVERDUE: "Quá hạn",
    THIS_WEEK: "Đến hạn trong tuần này",
    LATER: "Sau tuần này",
    WAITING: "Chờ cơ quan khác (do tôi giao)",
}
PAGE_SIZE = 50
AFTER = "sau"


@dataclass(frozen=True)
class ObligationFilter:
    capability: str = ""
    organisation_id: int | None = None
    waiting: bool = False  # "waiting on others that I started" instead of my own

    def apply(self, obligations: QuerySet[Obligation]) -> QuerySet[Obligation]:
        if self.capability:
            obligations = obligations.filter(capability=self.capability)
        if self.organisation_id is not None:
            obligations = obligations.filter(organisation_id=self.organisation_id)
        return obligations


def mine_condition(actor: Actor) -> Q:
    """My open obligations. `state` is repeated in every branch so that each one is a range of
    its own index (user, state, due) or (organisation, state, due): SQLite combines such
    branches only when the OR is the whole condition."""
    if actor.user is None:
        return Q(pk__in=[])
    acted = steps_by_role()
    condition = OPEN & Q(user=actor.user)
    for membership in actor.memberships:
        by_role = Q(role=membership.role) | Q(role="", step__in=acted.get(membership.role, []))
        body = Q(organisation_id=membership.organisation_id, user__isnull=True)
        condition |= OPEN & body & by_role
    return condition


def my_open(*, actor: Actor, filters: ObligationFilter | None = None) -> QuerySet[Obligation]:
    """The actor's open obligations, nearest due time first (overdue ones lead)."""
    filters = filters or ObligationFilter()
    return filters.apply(Obligation.objects.filter(mine_condition(actor))).order_by("due_at", "pk")


def waiting_on_others(
    *, actor: Actor, filters: ObligationFilter | None = None
) -> QuerySet[Obligation]:
    """Open obligations the actor started that others owe (not the actor's own)."""
    if actor.user is None:
        return Obligation.objects.none()
    filters = filters or ObligationFilter()
    started = Obligation.objects.open().filter(opened_by=actor.user)
    return filters.apply(started.exclude(mine_condition(actor))).order_by("due_at", "pk")


def listed(*, actor: Actor, filters: ObligationFilter) -> QuerySet[Obligation]:
    chosen = waiting_on_others if filters.waiting else my_open
    return chosen(actor=actor, filters=filters)


def open_count(*, actor: Actor) -> str:
    """The navigation bar's count of my open obligations ("1.000+" beyond the cap)."""
    return capped_count(my_open(actor=actor))


def end_of_week(now: datetime) -> datetime:
    """The first instant of next Monday, local time: "due this week" ends there."""
    today = timezone.localdate(now)
    return day_bounds(today + timedelta(days=6 - today.weekday()))[1]


@dataclass(frozen=True)
class GroupCount:
    key: str
    label: str
    count: int
    capped: bool

    @property
    def shown(self) -> str:
        return f"{format_count(self.count)}+" if self.capped else format_count(self.count)


def group_counts(
    *, actor: Actor, filters: ObligationFilter, now: datetime | None = None
) -> list[GroupCount]:
    """Overdue, due this week, later (mine) and waiting on others, in two queries.

    The three groups of mine are counted among the first COUNT_CAP + 1 rows by due time, so the
    cost is bounded: they come in that order, so every count is exact until the cap is reached,
    and then the last group counted shows "1.000+"."""
    now = now or timezone.now()
    week_end = end_of_week(now)
    mine_filters = ObligationFilter(filters.capability, filters.organisation_id)
    # Ordered by the due time alone, so the covering index answers without reading the rows.
    first = my_open(actor=actor, filters=mine_filters).order_by("due_at")[: COUNT_CAP + 1]
    counts = first.aggregate(  # counting due_at (never null) keeps the id out of the scan
        total=Count("due_at"),
        overdue=Count("due_at", filter=Q(due_at__lt=now)),
        week=Count("due_at", filter=Q(due_at__gte=now, due_at__lt=week_end)),
    )
    capped = counts["total"] > COUNT_CAP
    later = min(counts["total"], COUNT_CAP) - counts["overdue"] - counts["week"]
    waiting_filters = ObligationFilter(filters.capability, filters.organisation_id, waiting=True)
    waiting = waiting_on_others(actor=actor, filters=waiting_filters).order_by()
    waiting_count = waiting[: COUNT_CAP + 1].count()
    last = LATER if later > 0 else THIS_WEEK if counts["week"] else OVERDUE
    mine = {OVERDUE: counts["overdue"], THIS_WEEK: counts["week"], LATER: max(later, 0)}
    groups = [GroupCount(key, GROUP_LABELS[key], mine[key], capped and key == last) for key in mine]
    groups.append(
        GroupCount(
            WAITING,
            GROUP_LABELS[WAITING],
            min(waiting_count, COUNT_CAP),
            waiting_count > COUNT_CAP,
        )
    )
    return groups


@dataclass(frozen=True)
class Row:
    obligation: Obligation
    group: str
    step_title: str

    @property
    def overdue(self) -> bool:
        return self.group == OVERDUE

    @property
    def group_label(self) -> str:
        return GROUP_LABELS[self.group]


@dataclass(frozen=True)
class ObligationPage:
    rows: list[Row]
    next_query: str | None
    first_query: str | None

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next_query or self.first_query)


def group_of(obligation: Obligation, now: datetime, week_end: datetime) -> str:
    if obligation.due_at < now:
        return OVERDUE
    return THIS_WEEK if obligation.due_at < week_end else LATER


def obligation_page(
    *,
    actor: Actor,
    filters: ObligationFilter,
    params: dict[str, str],
    now: datetime | None = None,
    size: int = PAGE_SIZE,
) -> ObligationPage:
    """One page by (due time, id), after the row named in `params["sau"]` ("<iso>~<id>"): the
    hundredth page costs what the first does. A forged key starts from the first page."""
    now = now or timezone.now()
    obligations = listed(actor=actor, filters=filters).select_related("organisation")
    after = _cursor(params.get(AFTER))
    if after is not None:
        due, pk = after
        obligations = obligations.filter(Q(due_at__gt=due) | Q(due_at=due, pk__gt=pk))
    found = list(obligations[: size + 1])
    rows, more = found[:size], len(found) > size
    week_end = end_of_week(now)
    kept = [(k, v) for k, v in params.items() if k != AFTER]
    next_query = None
    if more:  # then the page is full, so it has a last row
        last = rows[-1]
        next_query = urlencode([*kept, (AFTER, f"{last.due_at.isoformat()}~{last.pk}")])
    return ObligationPage(
        rows=[Row(o, group_of(o, now, week_end), title_of(o.step)) for o in rows],
        next_query=next_query,
        first_query=urlencode(kept) if after is not None else None,
    )


def _cursor(raw: str | None) -> tuple[datetime, int] | None:
    if not raw or "~" not in raw:
        return None
    moment, _, pk = raw.rpartition("~")
    try:
        due = datetime.fromisoformat(moment)
        return (due, int(pk)) if timezone.is_aware(due) else None
    except ValueError:
        return None

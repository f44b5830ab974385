"""Reads of dispatches: the inbox and outbox of a body, a dispatch's page, counts for widgets.

Lists run a fixed number of queries whatever the page size (a count, the page, one prefetch).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from phoihop.core.actor import Actor
from phoihop.core.calendar import day_bounds
from phoihop.core.search import folded_search
from phoihop.incidents import policies as incident_policies
from phoihop.incidents.models import Incident
from phoihop.incidents.selectors import access_for
from phoihop.organisations.models import Organisation
from phoihop.programmes.models import Programme
from phoihop.programmes.services import current_regime

from . import policies, services
from .models import Dispatch, DispatchRecipient


@dataclass(frozen=True)
class DispatchFilter:
    query: str = ""
    kind: str = ""
    state: str = ""
    urgency: str = ""
    date_from: date | None = None
    date_to: date | None = None


def acting_body(actor: Actor) -> Organisation | None:
    """The body whose inbox and outbox the actor works in: their active membership's body."""
    return actor.active.organisation if actor.active else None


Rows = TypeVar("Rows", bound=QuerySet[Any, Any])


def _sent_within(rows: Rows, filters: DispatchFilter) -> Rows:
    """Rows sent on the filter's days, whole days (the last one included)."""
    if filters.date_from:
        rows = rows.filter(sent_at__gte=day_bounds(filters.date_from)[0])
    if filters.date_to:
        rows = rows.filter(sent_at__lt=day_bounds(filters.date_to)[1])
    return rows


def _matching_dispatches(filters: DispatchFilter) -> QuerySet[Dispatch] | None:
    """Dispatch-side filters (kind, urgency, words) as a subquery, or None when there is none."""
    if not (filters.query or filters.kind or filters.urgency):
        return None
    dispatches = Dispatch.objects.all()
    if filters.query:
        dispatches = folded_search(dispatches, filters.query)
    if filters.kind:
        dispatches = dispatches.filter(kind=filters.kind)
    if filters.urgency:
        dispatches = dispatches.filter(urgency=filters.urgency)
    return dispatches


def inbox(*, actor: Actor, body: Organisation, filters: DispatchFilter) -> QuerySet:
    """Recipient rows of `body` (what it received), newest first, with their dispatch."""
    if not actor.can_see(body):
        return DispatchRecipient.objects.none()
    rows = DispatchRecipient.objects.filter(organisation=body)
    matching = _matching_dispatches(filters)
    if matching is not None:
        rows = rows.filter(dispatch__in=matching.values("pk"))
    if filters.state:
        if filters.state == "overdue":
            rows = rows.outstanding().filter(reply_due__lt=timezone.localdate())
        else:
            rows = rows.filter(state=filters.state)
    rows = _sent_within(rows, filters)
    return rows.select_related("dispatch__issuer").order_by("-sent_at", "-pk")


def outbox(*, actor: Actor, body: Organisation, filters: DispatchFilter) -> QuerySet[Dispatch]:
    """Dispatches `body` issued (drafts first, then newest sent)."""
    if not actor.can_see(body):
        return Dispatch.objects.none()
    dispatches = Dispatch.objects.filter(issuer=body)
    if filters.query:
        dispatches = folded_search(dispatches, filters.query)
    if filters.kind:
        dispatches = dispatches.filter(kind=filters.kind)
    if filters.urgency:
        dispatches = dispatches.filter(urgency=filters.urgency)
    if filters.state in Dispatch.State.values:
        dispatches = dispatches.filter(state=filters.state)
    elif filters.state in DispatchRecipient.State.values:
        dispatches = dispatches.filter(
            pk__in=DispatchRecipient.objects.filter(
                dispatch__issuer=body, state=filters.state
            ).values("dispatch_id")
        )
    dispatches = _sent_within(dispatches, filters)
    lean = DispatchRecipient.objects.only("id", "dispatch_id", "state").order_by()
    return (
        dispatches.select_related("issuer")
        .prefetch_related(Prefetch("recipients", queryset=lean))
        .order_by(F("sent_at").desc(nulls_first=True), "-pk")
    )


STATE_ORDER = [
    DispatchRecipient.State.ACKNOWLEDGED,
    DispatchRecipient.State.READ,
    DispatchRecipient.State.DELIVERED,
    DispatchRecipient.State.SENT,
    DispatchRecipient.State.FORWARDED,
    DispatchRecipient.State.FAILED,
]
STATE_LABELS = dict(DispatchRecipient.State.choices)


def with_state_counts(dispatches) -> list[Dispatch]:
    """Give each dispatch of a page `state_counts`: [(tone, label, n)] of its recipients, from
    the prefetched rows (no query)."""
    page = list(dispatches)
    for dispatch in page:
        counts = Counter(r.state for r in dispatch.recipients.all())
        dispatch.state_counts = [
            (s.tone, STATE_LABELS[s], counts[s]) for s in STATE_ORDER if counts[s]
        ]
    return page


def unread_count(*, body: Organisation | None) -> int:
    """Dispatches delivered to `body` that nobody there has opened yet."""
    if body is None:
        return 0
    return DispatchRecipient.objects.filter(
        organisation=body, state=DispatchRecipient.State.DELIVERED
    ).count()


def awaiting_acknowledgement(*, body: Organisation | None, limit: int = 5) -> list:
    if body is None:
        return []
    return list(
        DispatchRecipient.objects.filter(
            organisation=body,
            state__in=[DispatchRecipient.State.DELIVERED, DispatchRecipient.State.READ],
        )
        .select_related("dispatch__issuer")
        .order_by(F("reply_due").asc(nulls_last=True), "-sent_at")[:limit]
    )


@dataclass
class DispatchPage:
    """Everything the dispatch page shows, read in a fixed number of queries."""

    dispatch: Dispatch
    recipients: list[DispatchRecipient]
    mine: DispatchRecipient | None
    thread: list[Dispatch]
    attachments: list
    can_edit: bool
    can_send: bool
    can_resend: bool
    can_acknowledge: bool
    can_reply: bool
    can_forward: bool
    overdue_ids: set[int]


def dispatch_page(*, actor: Actor, dispatch: Dispatch) -> DispatchPage:
    recipients = list(
        dispatch.recipients.select_related(
            "organisation", "read_by", "acknowledged_by", "forwarded_from__organisation"
        ).order_by("role", "pk")
    )
    mine = policies.own_recipient(actor, recipients)
    root_id = dispatch.thread_root_id or dispatch.pk
    thread = list(
        Dispatch.objects.visible_to(actor)
        .filter(Q(pk=root_id) | Q(thread_root_id=root_id))
        .select_related("issuer")
        .order_by("sent_at", "pk")
    )
    today = timezone.localdate()
    outstanding = set(
        DispatchRecipient.objects.outstanding()
        .filter(dispatch=dispatch, reply_due__lt=today)
        .values_list("pk", flat=True)
    )
    return DispatchPage(
        dispatch=dispatch,
        recipients=recipients,
        mine=mine,
        thread=thread if len(thread) > 1 else [],
        attachments=list(dispatch.attachments.all()),
        can_edit=policies.can_edit(actor, dispatch),
        can_send=policies.can_send(actor, dispatch),
        can_resend=policies.can_resend(actor, dispatch, recipients),
        can_acknowledge=bool(mine and policies.can_acknowledge(actor, mine)),
        can_reply=bool(mine and policies.can_reply(actor, mine)),
        can_forward=bool(mine and policies.can_forward(actor, mine)),
        overdue_ids=outstanding,
    )


def dispatch_detail_context(*, actor: Actor, page: DispatchPage) -> dict:
    """The dispatch page around `page`: its timeline, the linked case as the viewer may see it,
    and the bodies the actor's recipient body may forward the dispatch to."""
    dispatch = page.dispatch
    forward_from = page.mine.organisation if page.mine else dispatch.issuer
    taken = [r.organisation_id for r in page.recipients] + [dispatch.issuer_id]
    return {
        "dispatch": dispatch,
        "page": page,
        "timeline": dispatch_timeline(dispatch),
        "linked_incident": linked_incident(actor=actor, dispatch=dispatch),
        "forward_candidates": addressable_bodies(actor=actor, issuer=forward_from).exclude(
            pk__in=taken
        ),
    }


def dispatch_timeline(dispatch: Dispatch) -> list:
    """The dispatch's events, oldest first, each naming the bodies it concerned ("Nơi nhận đã
    tiếp nhận: Thường trực HĐND tỉnh"); one query for the events, one for the names."""
    from phoihop.programmes.selectors import timeline

    entries = timeline(dispatch)
    keys = ("organisation", "from", "to")
    ids = {
        value
        for entry in entries
        for key, value in (entry.additional_data or {}).items()
        if key in keys and isinstance(value, int)
    }
    ids |= {pk for entry in entries for pk in (entry.additional_data or {}).get("failed", [])}
    names = dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name"))
    for entry in entries:
        data = entry.additional_data or {}
        bodies = [names[data[k]] for k in keys if isinstance(data.get(k), int) and data[k] in names]
        failed = [names[pk] for pk in data.get("failed", []) if pk in names]
        parts = [" → ".join(bodies)] if bodies else []
        if failed:
            parts.append("không gửi được: " + "; ".join(failed))
        entry.change = "; ".join(c for c in [entry.change, *parts] if c)
    return entries


def addressable_bodies(*, actor: Actor, issuer: Organisation) -> QuerySet[Organisation]:
    """Bodies `issuer` may address: active bodies of its province, or that the actor sees."""
    bodies = Organisation.objects.current().exclude(pk=issuer.pk)
    scope = Q(pk__in=Organisation.objects.visible_to(actor).values("pk"))
    if issuer.province_id:
        scope |= Q(province_id=issuer.province_id)
    return bodies.filter(scope).order_by("path")


COMPOSED_FIELDS = [
    "kind",
    "summary",
    "urgency",
    "body",
    "numbering",
    "number",
    "symbol",
    "issued_on",
    "expects_reply",
    "reply_working_days",
    "programme",
    "incident",
]


def compose_initial(*, issuer: Organisation, dispatch: Dispatch | None = None) -> dict:
    """What the compose form starts from: the draft's values, or the issuer's defaults."""
    if dispatch is None:
        return {
            "symbol": services.default_symbol(issuer),
            "reply_working_days": current_regime().dispatch_reply_working_days,
            "urgency": Dispatch.Urgency.NORMAL,
            "numbering": Dispatch.Numbering.SYSTEM,
        }
    initial = {name: getattr(dispatch, name) for name in COMPOSED_FIELDS}
    initial["addressees"] = list(dispatch.addressees.values_list("pk", flat=True))
    initial["copied"] = list(dispatch.copied.values_list("pk", flat=True))
    return initial


def linkable_programmes(*, actor: Actor) -> QuerySet[Programme]:
    """Programmes a dispatch may be linked to: those the actor sees, still alive."""
    return Programme.objects.visible_to(actor).exclude(
        state__in=[Programme.State.CANCELLED, Programme.State.SUPERSEDED]
    )


# --- Links to cases (INC) -------------------------------------------------------------------


@dataclass(frozen=True)
class LinkedIncident:
    incident: Incident
    shown: bool  # False: a restricted case whose details the viewer may not see


def linked_incident(*, actor: Actor, dispatch: Dispatch) -> LinkedIncident | None:
    """The case a dispatch is linked to, as the viewer may see it (None when they may not see
    the case at all)."""
    if dispatch.incident_id is None:
        return None
    incident = Incident.objects.visible_to(actor).filter(pk=dispatch.incident_id).first()
    if incident is None:
        return None
    shown = incident_policies.can_see_details(actor, incident, access_for(actor, incident))
    return LinkedIncident(incident=incident, shown=shown)


def dispatches_for_incident(*, actor: Actor, incident: Incident) -> list[Dispatch]:
    """Dispatches linked to a case that the viewer may see (not cancelled ones), newest first,
    in one query."""
    return list(
        Dispatch.objects.visible_to(actor)
        .filter(incident=incident)
        .exclude(state=Dispatch.State.CANCELLED)
        .select_related("issuer")
        .order_by(F("sent_at").desc(nulls_first=True), "-pk")
    )

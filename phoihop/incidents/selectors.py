"""Reads of cases and their parts, always starting from what the actor may see."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from phoihop.accounts.models import User
from phoihop.accounts.roles import Role
from phoihop.core.actor import Actor
from phoihop.core.scoping import path_filter
from phoihop.core.search import folded_search
from phoihop.organisations.models import AdminUnit, Organisation
from phoihop.programmes.selectors import timeline as object_timeline

from . import clocks, policies
from .models import Incident, WorkingGroupMember
from .policies import Access

OVERDUE_CHOICES = [
    ("any", "Quá hạn một mốc bất kỳ"),
    ("ack", "Quá hạn tiếp nhận"),
    ("orientation", "Quá hạn thống nhất định hướng"),
]


@dataclass(frozen=True)
class IncidentFilter:
    query: str = ""
    state: str = ""
    severity: str = ""
    overdue: str = ""


def incident_list(
    *, actor: Actor, filters: IncidentFilter, now: datetime | None = None
) -> QuerySet[Incident]:
    """Cases the actor may see, newest first (with `member_of` for a page's restricted rows)."""
    now = now or timezone.now()
    incidents = Incident.objects.visible_to(actor)
    if filters.query:
        incidents = folded_search(incidents, filters.query)
    if filters.state:
        incidents = incidents.filter(state=filters.state)
    if filters.severity:
        incidents = incidents.filter(severity=filters.severity)
    if filters.overdue == "ack":
        incidents = incidents.filter(clocks.ack_overdue_q(now))
    elif filters.overdue == "orientation":
        incidents = incidents.filter(clocks.orientation_overdue_q(now))
    elif filters.overdue == "any":
        incidents = incidents.filter(clocks.overdue_q(now))
    return incidents.select_related("board", "competent_body", "commune").order_by(
        "-reported_at", "-pk"
    )


def member_of(actor: Actor, incident_ids: list[int]) -> set[int]:
    """Which of these cases (a page of a list) have the actor in their working group: one query
    for the page, so a restricted row is shown or hidden without a query per row."""
    if actor.user is None or not incident_ids:
        return set()
    return set(
        WorkingGroupMember.objects.filter(
            incident_id__in=incident_ids, user_id=actor.user.pk, removed_at__isnull=True
        ).values_list("incident_id", flat=True)
    )


def access_for(actor: Actor, incident: Incident) -> Access:
    if actor.user is None:
        return Access()
    return Access(
        is_member=WorkingGroupMember.objects.filter(
            incident=incident, user_id=actor.user.pk, removed_at__isnull=True
        ).exists()
    )


def board_for(organisation: Organisation) -> Organisation | None:
    """The board a body reports its cases to: the board of the nearest Party committee above it
    (a commune without a board of its own reports to the province's)."""
    step = Organisation.steplen
    condition = Q(pk__in=[])
    for n in range(step, len(organisation.path) + 1, step):
        condition |= Q(path__startswith=organisation.path[:n], depth=n // step + 1)
    boards = Organisation.objects.filter(
        condition, kind=Organisation.Kind.BOARD, valid_to__isnull=True
    )
    return max(boards, key=lambda board: len(board.path), default=None)


def upper_board(board: Organisation) -> Organisation | None:
    """The board one level up: the board of the Party committee above this board's committee."""
    step = Organisation.steplen
    committee_path = board.path[:-step]
    if len(committee_path) <= step:
        return None
    above = Organisation.objects.get(path=committee_path[:-step])
    return board_for(above)


def level_bodies(board: Organisation) -> QuerySet[Organisation]:
    """Active bodies at the board's level (its Party committee's subtree): competent bodies."""
    parent = board.path[: -Organisation.steplen]
    return Organisation.objects.filter(
        path__startswith=parent, valid_to__isnull=True, side=Organisation.Side.STATE
    ).order_by("path")


def place_choices(board: Organisation) -> QuerySet[AdminUnit]:
    """Communes, wards and special zones of the board's province (or its own commune)."""
    units = AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE)
    if board.level == Organisation.Level.COMMUNE:
        return units.filter(pk=board.admin_unit_id)
    return units.filter(parent_id=board.province_id).order_by("name")


def reporting_bodies(actor: Actor) -> list[Organisation]:
    """The bodies in which the actor may report a case (policy `can_report` for each)."""
    seen, bodies = set(), []
    for membership in actor.memberships:
        body = membership.organisation
        if body.pk not in seen and policies.can_report(actor, body):
            seen.add(body.pk)
            bodies.append(body)
    return bodies


def members(incident: Incident) -> list[WorkingGroupMember]:
    return list(
        incident.members.filter(removed_at__isnull=True).select_related("user", "organisation")
    )


def case_tree_path(incident: Incident) -> str:
    """The subtree from which officials may join a case: the province's (a commune case may
    draw on the province's bodies), or the whole country for a case at the central board."""
    step = Organisation.steplen
    parent = incident.board_path[:-step]
    return incident.board_path[: max(step, min(len(parent), 2 * step))]


def group_bodies(incident: Incident) -> QuerySet[Organisation]:
    """Active bodies of both sides in the case's tree: working-group seats, press co-hosts."""
    parent = case_tree_path(incident)
    return Organisation.objects.filter(path__startswith=parent, valid_to__isnull=True).order_by(
        "path"
    )


def officials(incident: Incident) -> QuerySet[User]:
    """Officials working in the bodies of the case's tree (spokespersons, group members)."""
    parent = case_tree_path(incident)
    return (
        User.objects.filter(
            is_active=True,
            memberships__is_active=True,
            memberships__organisation__path__startswith=parent,
        )
        .distinct()
        .order_by("full_name", "username")
    )


def member_candidates(incident: Incident) -> QuerySet[User]:
    """Officials at the case's level who are not in its working group yet."""
    current = incident.members.filter(removed_at__isnull=True).values("user_id")
    return officials(incident).exclude(pk__in=current)


def timeline(incident: Incident):
    return object_timeline(incident)


# --- versions and diffs -------------------------------------------------------------------------


@dataclass
class DiffLine:
    kind: str  # "same", "added", "removed"
    text: str


@dataclass
class Version:
    number: int
    at: datetime
    by: User | None
    fields: dict[str, str]
    diff: dict[str, list[DiffLine]] = field(default_factory=dict)


def diff_lines(before: str, after: str) -> list[DiffLine]:
    """A line diff of two texts (difflib), for the version history pages."""
    lines = []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        tag, text = line[:2], line[2:]
        if tag == "? ":
            continue
        kind = {"+ ": "added", "- ": "removed"}.get(tag, "same")
        lines.append(DiffLine(kind, text))
    return lines


def versions(obj, text_fields: list[str], author_field: str) -> list[Version]:
    """Each saved version of `obj` (its last historical record per version number), oldest
    first, with a diff of `text_fields` against the version before."""
    records = list(obj.history.select_related(author_field).order_by("history_date", "history_id"))
    by_number: dict[int, object] = {}
    for record in records:
        by_number[record.version] = record
    result: list[Version] = []
    previous = None
    for number in sorted(by_number):
        record = by_number[number]
        values = {name: _text(getattr(record, name)) for name in text_fields}
        first = min(
            (r for r in records if r.version == number), key=lambda r: (r.history_date, r.pk)
        )
        version = Version(number, first.history_date, getattr(record, author_field), values)
        if previous is not None:
            version.diff = {
                name: diff_lines(previous.fields[name], values[name])
                for name in text_fields
                if previous.fields[name] != values[name]
            }
        result.append(version)
        previous = version
    return result


def _text(value) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


# --- Links from other records --------------------------------------------------------------


def linkable_incidents(actor: Actor) -> QuerySet[Incident]:
    """Cases a record of the actor (a dispatch, a concern, a claim) may be linked to and show:
    those they see, except restricted ones whose details they may not see (the rule of
    `policies.can_see_details`, as one query)."""
    cases = Incident.objects.visible_to(actor)
    if not actor.sees_everything:
        details = ~Q(classification=Incident.Classification.RESTRICTED) | path_filter(
            "board_path", actor.scopes.get(Role.BOARD_LEADER, ())
        )
        if actor.user is not None:
            member = WorkingGroupMember.objects.filter(
                incident=OuterRef("pk"), user_id=actor.user.pk, removed_at__isnull=True
            )
            details |= Q(reported_by_id=actor.user.pk) | Exists(member)
        cases = cases.filter(details)
    return cases.order_by("-reported_at", "-pk")

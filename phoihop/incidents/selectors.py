"""Reads of cases and their parts, always starting from what the actor may see."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Exists, Field, OuterRef, Q, QuerySet
from django.utils import timezone

from phoihop.accounts.models import User
from phoihop.accounts.roles import Role
from phoihop.core.actor import Actor
from phoihop.core.scoping import path_filter
from phoihop.core.search import folded_search
from phoihop.organisations.models import AdminUnit, Organisation
from phoihop.programmes.selectors import timeline as object_timeline

from . import clocks, policies
from .models import Incident, OrientationPlan, PressRelease, WorkingGroupMember
from .policies import Access


def cases() -> QuerySet[Incident]:
    """Cases with the bodies and people that a case's page and API answer show."""
    return Incident.objects.select_related(
        "board", "competent_body", "reporting_body", "reported_by", "acknowledged_by"
    )


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
    boards = Organisation.objects.current().filter(condition, kind=Organisation.Kind.BOARD)
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
    return (
        Organisation.objects.current()
        .filter(path__startswith=parent, side=Organisation.Side.STATE)
        .order_by("path")
    )


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
    return Organisation.objects.current().filter(path__startswith=parent).order_by("path")


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
            details |= Q(reported_by_id=actor.user.pk) | Q(Exists(member))
        cases = cases.filter(details)
    return cases.order_by("-reported_at", "-pk")


# --- What the pages show ------------------------------------------------------------------------


def orientation_plan(incident: Incident) -> OrientationPlan | None:
    return OrientationPlan.objects.filter(incident=incident).first()


def list_rows(*, actor: Actor, incidents, now: datetime) -> list[tuple]:
    """Each case of a list page with whether its details are shown and its clocks (one query
    for the page's working-group seats)."""
    incidents = list(incidents)
    seats = member_of(actor, [incident.pk for incident in incidents])
    rows = []
    for incident in incidents:
        shown = policies.can_see_details(actor, incident, Access(is_member=incident.pk in seats))
        rows.append((incident, shown, clocks.clocks_of(incident, now)))
    return rows


def case_page(*, actor: Actor, incident: Incident, access: Access) -> dict:
    """The case page of someone allowed its details: every part of the case and, for each
    part, what the actor may do (the forms are the view's; the case's dispatches come from
    `exchange.selectors`, which reads this module)."""
    plan = orientation_plan(incident)
    reports = incident.situation_reports.prefetch_related(
        "sections__organisation", "sections__author"
    )
    can_manage = policies.can_manage_group(actor, incident)
    can_press = policies.can_draft_press(actor, incident, access)
    return {
        "incident": incident,
        "access": access,
        "clocks": clocks.clocks_of(incident),
        "places": list(incident.places.all()),
        "timeline": timeline(incident),
        "members": members(incident),
        "log": incident.log_entries.select_related("author", "organisation"),
        "reports": [
            (
                report,
                policies.can_approve_sitrep(actor, report),
                policies.can_publish_sitrep(actor, report),
            )
            for report in reports
        ],
        "plan": plan,
        "plan_versions": plan.version if plan else 0,
        "can_approve_plan": plan is not None
        and (
            policies.can_approve_orientation_for_board(actor, plan)
            or policies.can_approve_orientation_for_competent_body(actor, plan)
        ),
        "can_draft_plan": policies.can_draft_orientation(actor, incident, access),
        "can_assess": policies.can_assess(actor, incident),
        "can_steer": policies.can_steer(actor, incident) and incident.is_open,
        "merge_candidates": merge_candidates(actor=actor, incident=incident),
        "can_manage_group": can_manage,
        "can_contribute": policies.can_contribute(actor, incident, access),
        "releases": list(incident.press_releases.select_related("version_author")),
        "can_press": can_press,
        "conferences": incident.press_conferences.select_related("spokesperson").prefetch_related(
            "hosts__organisation"
        ),
        "duplicates": list(incident.duplicates.all()),
    }


def merge_candidates(*, actor: Actor, incident: Incident) -> QuerySet[Incident]:
    """The open cases of the same board this case may be merged into."""
    return (
        Incident.objects.visible_to(actor)
        .filter(board=incident.board, state__in=Incident.OPEN_STATES)
        .exclude(pk=incident.pk)
    )


def release_page(*, actor: Actor, release: PressRelease, access: Access) -> dict:
    """A press release with its versions and what the actor may do with it."""
    can_edit = policies.can_edit_press_release(actor, release, access)
    return {
        "release": release,
        "incident": release.incident,
        "can_edit": can_edit,
        "can_submit": can_edit and release.state == PressRelease.State.DRAFT,
        "can_approve": policies.can_approve_press_for_board(actor, release)
        or policies.can_approve_press_for_competent_body(actor, release),
        "is_author": actor.user is not None and release.version_author_id == actor.user.pk,
        "can_publish": policies.can_publish_press(actor, release),
        "versions": versions(release, ["title", "body"], "version_author"),
        "labels": {"title": "Tiêu đề", "body": "Nội dung"},
    }


# The orientation plan's fields shown in its version history.
PLAN_FIELDS = ["handler", "message", "spokesperson", "channels"]


def plan_versions_page(incident: Incident) -> dict:
    plan = orientation_plan(incident)
    labels = {}
    for name in PLAN_FIELDS:
        field = OrientationPlan._meta.get_field(name)
        assert isinstance(field, Field)  # PLAN_FIELDS are the plan's own columns
        labels[name] = field.verbose_name
    return {
        "incident": incident,
        "title": "Phương án định hướng thông tin — các phiên bản",
        "versions": versions(plan, PLAN_FIELDS, "drafted_by") if plan else [],
        "labels": labels,
    }

"""Reads of programmes, plans and tasks, always starting from what the actor may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, Case, Count, F, IntegerField, Q, QuerySet, When
from django.utils import timezone

from phoihop.core.actor import Actor
from phoihop.core.models import AuditEntry
from phoihop.core.scoping import path_filter
from phoihop.core.search import folded_search
from phoihop.organisations.models import FocalPoint, Organisation

from . import policies, services
from .models import AnnualPlan, Programme, ProgrammeParty, Task


def counted(prefix: str = "") -> Q:
    """Tasks that count towards progress: not cancelled, not carried over to next year."""
    return ~Q(**{f"{prefix}state__in": [Task.State.CANCELLED, Task.State.CARRIED_OVER]})


def effective_progress(prefix: str = "") -> Case:
    """A finished task counts as 100 % whatever its last reported figure."""
    return Case(
        When(**{f"{prefix}state__in": Task.FINISHED_STATES}, then=100),
        default=F(f"{prefix}progress"),
        output_field=IntegerField(),
    )


def average_progress(prefix: str = "") -> Avg:
    return Avg(effective_progress(prefix), filter=counted(prefix))


@dataclass(frozen=True)
class ProgrammeFilter:
    query: str = ""
    state: str = ""
    party_id: int | None = None
    content_item_id: int | None = None
    year: int | None = None


def programme_list(*, actor: Actor, filters: ProgrammeFilter) -> QuerySet[Programme]:
    programmes = Programme.objects.visible_to(actor)
    if filters.query:
        programmes = folded_search(programmes, filters.query)
    if filters.state:
        programmes = programmes.filter(state=filters.state)
    if filters.party_id:
        programmes = programmes.filter(parties__organisation_id=filters.party_id)
    if filters.content_item_id:
        programmes = programmes.filter(content_items__id=filters.content_item_id)
    if filters.year:
        programmes = programmes.filter(start__year__lte=filters.year, end__year__gte=filters.year)
    return (
        programmes.select_related("board")
        .prefetch_related("parties__organisation")
        .annotate(progress=average_progress("plans__tasks__"))
        .order_by("-start", "title")
        .distinct()
    )


def progress_of(tasks: QuerySet[Task]) -> int | None:
    """Average progress of the counted tasks (None when there is none), in one query."""
    value = tasks.aggregate(p=average_progress())["p"]
    return None if value is None else round(value)


def plan_summaries(programme: Programme) -> list[AnnualPlan]:
    """The programme's plans, each with `progress`, `task_count` and `overdue_count`."""
    today = timezone.localdate()
    return list(
        programme.plans.annotate(
            task_count=Count("tasks", filter=~Q(tasks__state=Task.State.CANCELLED)),
            overdue_count=Count(
                "tasks", filter=Q(tasks__state__in=Task.OPEN_STATES, tasks__due__lt=today)
            ),
            progress=average_progress("tasks__"),
        ).order_by("year")
    )


BOARD_COLUMNS = [
    (Task.State.PROPOSED, Task.State.AGREED),
    (Task.State.ASSIGNED, Task.State.DEFERRED),
    (Task.State.IN_PROGRESS,),
    (Task.State.DONE, Task.State.CONFIRMED),
]


def plan_board(plan: AnnualPlan) -> list[tuple[str, list[Task]]]:
    """The plan's tasks in board columns (one query), nearest deadline first."""
    tasks = list(
        plan.tasks.select_related("lead").prefetch_related("assignments").order_by("due", "pk")
    )
    now = timezone.localdate()
    for task in tasks:
        task.overdue = is_overdue(task, now)
    labels = dict(Task.State.choices)
    columns = []
    for states in BOARD_COLUMNS:
        title = " / ".join(labels[s] for s in states)
        columns.append((title, [t for t in tasks if t.state in states]))
    closed = [t for t in tasks if t.state in (Task.State.CANCELLED, Task.State.CARRIED_OVER)]
    if closed:
        columns.append(("Đã hủy / chuyển năm sau", closed))
    return columns


def my_work(*, actor: Actor) -> QuerySet[Task]:
    """Open tasks led by or assigned to a body the actor works in: overdue first, then by due.

    Board members also see every open task of their board's programmes. Tasks of a programme
    that was closed, superseded or cancelled are no longer anyone's work.
    """
    today = timezone.localdate()
    bodies = [m.organisation_id for m in actor.memberships]
    boards = [m.organisation_id for m in actor.memberships if m.organisation.kind == "board"]
    mine = Q(lead_id__in=bodies) | Q(assignments__organisation_id__in=bodies)
    if boards:
        mine |= Q(plan__programme__board_id__in=boards)
    return (
        Task.objects.visible_to(actor)
        .filter(mine, state__in=Task.OPEN_STATES, plan__programme__state__in=Programme.OPEN_STATES)
        .annotate(overdue=Case(When(due__lt=today, then=0), default=1, output_field=IntegerField()))
        .select_related("lead", "plan__programme")
        .order_by("overdue", "due", "pk")
        .distinct()
    )


@dataclass(frozen=True)
class WorkSummary:
    overdue: int
    due_this_week: int
    open: int


def work_summary(*, actor: Actor) -> WorkSummary:
    today = timezone.localdate()
    counts = (
        my_work(actor=actor)
        .order_by()
        .aggregate(
            overdue=Count("id", filter=Q(due__lt=today), distinct=True),
            due_this_week=Count(
                "id", filter=Q(due__gte=today, due__lte=today + timedelta(days=7)), distinct=True
            ),
            open=Count("id", distinct=True),
        )
    )
    return WorkSummary(**counts)


def timeline(target) -> list[AuditEntry]:
    """Every recorded event of one object, oldest first, each with a readable `change`
    ("Dự thảo → Đang lấy ý kiến", "30 → 60") where the event changed the state or a figure."""
    states = dict(target.State.choices) if hasattr(target, "State") else {}
    entries = list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(target), object_id=target.pk
        )
        .select_related("actor")
        .order_by("timestamp", "pk")
    )
    for entry in entries:
        changes = entry.changes or {}
        entry.change = "; ".join(
            f"{states.get(before, before)} → {states.get(after, after)}"
            for before, after in (changes[f] for f in ("state", "progress", "due") if f in changes)
        )
    return entries


def is_overdue(task: Task, today: date | None = None) -> bool:
    return task.state in Task.OPEN_STATES and task.due < (today or timezone.localdate())


def today() -> date:
    return timezone.localdate()


@dataclass(frozen=True)
class CoverageRow:
    body: Organisation
    programmes: list


@dataclass(frozen=True)
class Coverage:
    board: Organisation
    year: int
    same_level: list[CoverageRow]
    communes: list[CoverageRow]

    @staticmethod
    def _split(rows):
        return sum(1 for r in rows if r.programmes), sum(1 for r in rows if not r.programmes)

    @property
    def same_level_counts(self) -> tuple[int, int]:
        return self._split(self.same_level)

    @property
    def commune_counts(self) -> tuple[int, int]:
        return self._split(self.communes)


RUNNING = [Programme.State.IN_FORCE, Programme.State.UNDER_REVIEW]


def coverage(*, actor: Actor, board, year: int) -> Coverage:
    """Which bodies at the board's level, and which communes below it, have a programme in
    force in `year` (two queries, whatever the number of bodies)."""
    level_path = board.path[: board.steplen * (board.depth - 1)]
    bodies = list(
        Organisation.objects.visible_to(actor)
        .current()
        .filter(path__startswith=level_path)
        .exclude(pk=board.pk)
        .order_by("path")
    )
    running = ProgrammeParty.objects.filter(
        programme__state__in=RUNNING,
        programme__start__year__lte=year,
        programme__end__year__gte=year,
        organisation__path__startswith=level_path,
    ).values_list("organisation__path", "programme_id", "programme__title")
    by_path: dict[str, list[tuple[int, str]]] = {}
    for path, programme_id, title in running:
        by_path.setdefault(path, []).append((programme_id, title))
    same_level, communes = [], []
    for body in bodies:
        if body.depth != board.depth:
            continue
        if body.kind not in {Organisation.Kind.PARTY_COMMITTEE, Organisation.Kind.BOARD}:
            same_level.append(CoverageRow(body, by_path.get(body.path, [])))
        elif body.level == Organisation.Level.COMMUNE:
            inside = {
                pid: title
                for path, items in by_path.items()
                if path.startswith(body.path)
                for pid, title in items
            }
            communes.append(CoverageRow(body, sorted(inside.items())))
    return Coverage(board=board, year=year, same_level=same_level, communes=communes)


def drafting_boards(*, actor: Actor) -> list[Organisation]:
    """The boards where the actor may draft programmes."""
    return [
        m.organisation
        for m in actor.memberships
        if policies.can_create_programme(actor, m.organisation)
    ]


def party_candidates(*, actor: Actor, board: Organisation) -> QuerySet[Organisation]:
    """Current bodies at the board's level and below it that the actor sees."""
    level_path = board.path[: board.steplen * max(board.depth - 1, 1)]
    return (
        Organisation.objects.visible_to(actor)
        .current()
        .filter(path__startswith=level_path)
        .exclude(pk=board.pk)
        .exclude(kind=Organisation.Kind.PARTY_COMMITTEE)
        .order_by("path")
    )


def task_bodies(*, programme: Programme) -> QuerySet[Organisation]:
    """Parties and the current bodies beneath them: who may lead or co-operate on a task."""
    parties = [p.organisation.path for p in programme.parties.select_related("organisation")]
    return (
        Organisation.objects.current()
        .filter(path_filter("path", tuple(parties)))
        .exclude(kind=Organisation.Kind.PARTY_COMMITTEE)
        .order_by("path")
    )


# --- What the pages show (forms are added by the views) ----------------------------------------


def programme_detail_context(*, actor: Actor, programme: Programme) -> dict:
    """The programme page: parties (each with `has_focal_point`), plans, timeline, files, the
    actions the actor may take, and the data the page's forms start from (`party_candidates`,
    None when the actor may not add a party; `deadlines`, the initial deadline values)."""
    parties = list(programme.parties.select_related("organisation"))
    party_ids = [p.organisation_id for p in parties]
    named = set(
        FocalPoint.objects.filter(organisation_id__in=party_ids).values_list(
            "organisation_id", flat=True
        )
    )
    for party in parties:
        party.has_focal_point = party.organisation_id in named
    can_edit = policies.can_edit_programme(actor, programme)
    can_decide = policies.can_decide_programme(actor, programme)
    reminders, focal_after, board_after = programme.deadlines
    return {
        "programme": programme,
        "parties": parties,
        "plans": plan_summaries(programme),
        "actions": services.programme_actions(actor, programme),
        "can_edit": can_edit,
        "can_decide": can_decide,
        "can_manage_plans": policies.can_manage_plans(actor, programme),
        "party_candidates": party_candidates(actor=actor, board=programme.board).exclude(
            pk__in=party_ids
        )
        if can_edit
        else None,
        "timeline": timeline(programme),
        "attachments": programme.attachments.all(),
        "can_attach": policies.can_attach(actor, programme),
        "versions": programme.history.count(),
        "deadlines": {
            "reminder_days": ", ".join(map(str, reminders)),
            "escalate_focal_leader_after": focal_after,
            "escalate_board_leader_after": board_after,
        },
        "successors": successor_candidates(programme) if can_decide else [],
        "can_set_deadlines": policies.can_set_deadlines(actor, programme),
    }


def successor_candidates(programme: Programme) -> QuerySet[Programme]:
    """The board's other live programmes, newest first: what may replace `programme`."""
    return (
        Programme.objects.filter(board=programme.board)
        .exclude(pk=programme.pk)
        .exclude(state__in=[Programme.State.CANCELLED, Programme.State.SUPERSEDED])
        .order_by("-start")
    )


def plan_detail_context(*, actor: Actor, plan: AnnualPlan) -> dict:
    """The plan board: its columns, each task with the `actions` the actor may take on it."""
    programme = plan.programme
    columns = plan_board(plan)
    for _title, tasks in columns:
        for task in tasks:
            cooperating = frozenset(a.organisation_id for a in task.assignments.all())
            task.actions = services.task_actions(actor, task, programme, cooperating)
    return {
        "plan": plan,
        "programme": programme,
        "columns": columns,
        "progress": progress_of(plan.tasks.all()),
        "can_manage": policies.can_manage_plans(actor, programme),
    }


def task_detail_context(*, actor: Actor, task: Task) -> dict:
    """The task page: its co-operating bodies, outputs, timeline, the actions the actor may take,
    and where the output form starts (`output_bodies`, `output_initial`)."""
    programme = task.plan.programme
    assignments = list(task.assignments.select_related("organisation"))
    cooperating = frozenset(a.organisation_id for a in assignments)
    return {
        "task": task,
        "programme": programme,
        "assignments": assignments,
        "outputs": task.outputs.select_related("organisation"),
        "actions": services.task_actions(actor, task, programme, cooperating),
        "can_report": policies.can_report_on_task(actor, task, programme, cooperating),
        "can_steer": policies.can_steer_task(actor, programme) and task.state in Task.OPEN_STATES,
        "output_bodies": output_bodies(task),
        "output_initial": {
            "organisation": next((m.organisation_id for m in actor.memberships), None)
            or task.lead_id,
            "kind": task.expected_output,
        },
        "overdue": is_overdue(task),
        "timeline": timeline(task),
    }


def output_bodies(task: Task) -> QuerySet[Organisation]:
    """Who may be named as having produced an output: the lead, the board, the co-operating
    bodies."""
    return Organisation.objects.filter(
        Q(pk__in=[task.lead_id, task.plan.programme.board_id])
        | Q(pk__in=task.assignments.values("organisation_id"))
    )

"""How complete a request is: expected, submitted, on time, late and missing, per request and
as the bodies × periods grid."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from phoihop.core.actor import Actor
from phoihop.organisations.models import Organisation

from ..models import ReportRequest, ReportSubmission, Timeliness
from ..services.completeness import expected_ids, expected_submissions

STATUS_LABELS: dict[str, str] = {status: status.label for status in Timeliness}


def submission_status(submission: ReportSubmission, today: date, expected: bool) -> str:
    return _status(submission.first_submitted_on, submission.request.deadline, today, expected)


@dataclass
class Completeness:
    request: ReportRequest
    rows: list[tuple[ReportSubmission, str]]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def expected(self) -> int:
        return sum(v for k, v in self.counts.items() if k != "not_expected")

    @property
    def delivered(self) -> int:
        return self.counts.get("on_time", 0) + self.counts.get("late", 0)


# What the completeness of a request needs of each submission (not the report's text).
LEAN_FIELDS = [
    "id",
    "request_id",
    "organisation_id",
    "organisation_path",
    "state",
    "number",
    "signed_on",
    "first_submitted_on",
    "organisation__name",
    "organisation__path",
    "organisation__depth",
    "organisation__valid_from",
    "organisation__valid_to",
]


def _lean_submissions(requests: list[ReportRequest]) -> dict[int, list[ReportSubmission]]:
    """Every submission of `requests` in one query, with its request attached."""
    by_id = {r.pk: r for r in requests}
    grouped: dict[int, list[ReportSubmission]] = {r.pk: [] for r in requests}
    rows = (
        ReportSubmission.objects.filter(request_id__in=by_id)
        .select_related("organisation")
        .only(*LEAN_FIELDS)
        .order_by("organisation_path", "pk")
    )
    for submission in rows:
        submission.request = by_id[submission.request_id]
        grouped[submission.request_id].append(submission)
    return grouped


def completeness(
    request: ReportRequest, today: date | None = None, submissions=None
) -> Completeness:
    """Expected, submitted, on time, late and missing for one request."""
    today = today or timezone.localdate()
    if submissions is None:
        submissions = _lean_submissions([request])[request.pk]
    expected = {s.pk for s in expected_submissions(request, submissions)}
    rows = [(s, submission_status(s, today, s.pk in expected)) for s in submissions]
    counts = {key: 0 for key in STATUS_LABELS}
    for _, status in rows:
        counts[status] += 1
    return Completeness(request=request, rows=rows, counts=counts)


@dataclass(frozen=True)
class GridBody:
    id: int
    name: str
    path: str

    def __str__(self) -> str:
        return self.name


@dataclass
class Grid:
    board: Organisation
    requests: list[ReportRequest]
    rows: list[tuple[GridBody, list[str]]]
    totals: list[Completeness]


def completeness_grid(*, actor: Actor, board: Organisation, limit: int = 8) -> Grid:
    """Bodies × the board's last `limit` issued requests; "" where a body was not asked.
    Reads plain values (one query for every cell), with the same counting rule as a request's
    completeness (`services.completeness.expected_ids`)."""
    requests = list(
        ReportRequest.objects.visible_to(actor)
        .filter(board=board)
        .exclude(state=ReportRequest.State.DRAFT)
        .order_by("-period_end", "-pk")[:limit]
    )[::-1]
    today = timezone.localdate()
    cells = (
        ReportSubmission.objects.filter(request__in=requests)
        .order_by("organisation_path")
        .values_list(
            "request_id",
            "organisation_id",
            "organisation_path",
            "first_submitted_on",
            "organisation__name",
            "organisation__valid_from",
            "organisation__valid_to",
        )
    )
    by_request: dict[int, list[tuple]] = {r.pk: [] for r in requests}
    bodies: dict[int, GridBody] = {}
    for row in cells:
        by_request[row[0]].append(row)
        if row[1] not in bodies:
            bodies[row[1]] = GridBody(row[1], row[4], row[2])
    statuses: dict[int, dict[int, str]] = {pk: {} for pk in bodies}
    totals = []
    for request in requests:
        rows = by_request[request.pk]
        expected = expected_ids(request, {row[1]: (row[5], row[6]) for row in rows})
        counts = {key: 0 for key in STATUS_LABELS}
        for _, body_id, _, sent, *_ in rows:
            status = _status(sent, request.deadline, today, body_id in expected)
            counts[status] += 1
            statuses[body_id][request.pk] = status
        totals.append(Completeness(request=request, rows=[], counts=counts))
    grid_rows = [
        (body, [statuses[body.id].get(r.pk, "") for r in requests]) for body in bodies.values()
    ]
    return Grid(board=board, requests=requests, rows=grid_rows, totals=totals)


def _status(sent: date | None, deadline: date, today: date, expected: bool) -> str:
    if not expected:
        return "not_expected"
    if sent is not None:
        return "on_time" if sent <= deadline else "late"
    return "missing" if today > deadline else "pending"


CHART_SERIES = ["on_time", "late", "missing", "pending"]


def grid_chart(grid: Grid) -> dict:
    """The grid's totals per period for the chart (the table stays the accessible source)."""
    return {
        "categories": [f"{r.period_label} ({r.letter_number})" for r in grid.requests],
        "series": [
            {
                "key": key,
                "name": STATUS_LABELS[key],
                "data": [t.counts.get(key, 0) for t in grid.totals],
            }
            for key in CHART_SERIES
        ],
    }

"""Reads of report requests and submissions: lists, the request's letter, who asks, who is asked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, QuerySet
from django.utils import timezone

from phoihop.accounts.roles import BOARD_ROLES
from phoihop.core.actor import Actor
from phoihop.exchange.models import Dispatch, DispatchRecipient
from phoihop.organisations.models import Organisation

from .. import policies
from ..models import Consolidation, ReportRequest, ReportSubmission
from ..services.requests import reach_path
from .completeness import STATUS_LABELS, completeness


def request_list(*, actor: Actor) -> QuerySet[ReportRequest]:
    return ReportRequest.objects.visible_to(actor).select_related("board")


def my_submissions(*, actor: Actor) -> QuerySet[ReportSubmission]:
    """Reports the actor's own bodies owe or have sent, newest request first."""
    own = {m.organisation_id for m in actor.memberships if m.role in policies.WRITER_ROLES}
    return (
        ReportSubmission.objects.visible_to(actor)
        .filter(organisation_id__in=own)
        .exclude(request__state=ReportRequest.State.DRAFT)
        .select_related("request__board", "organisation")
        .order_by("-request__letter_date", "pk")
    )


def awaiting_review(*, actor: Actor) -> QuerySet[ReportSubmission]:
    boards = requesting_boards(actor=actor)
    return (
        ReportSubmission.objects.visible_to(actor)
        .filter(request__board__in=boards, state=ReportSubmission.State.SUBMITTED)
        .select_related("request", "organisation")
        .order_by("submitted_at")
    )


@dataclass
class LetterDelivery:
    """How far the request's letter got: per recipient body its state label, and the counts."""

    dispatch: Dispatch
    by_body: dict[int, str]
    counts: list[tuple[str, int]]


def letter_delivery(*, actor: Actor, request: ReportRequest) -> LetterDelivery | None:
    """The letter's dispatch and its delivery, read from the recipient rows (one query for the
    rows); None before issue or when the actor may not see the dispatch."""
    if request.dispatch_id is None:
        return None
    dispatch = (
        Dispatch.objects.visible_to(actor)
        .select_related("issuer")
        .filter(pk=request.dispatch_id)
        .first()
    )
    if dispatch is None:
        return None
    labels = dict(DispatchRecipient.State.choices)
    rows = DispatchRecipient.objects.filter(dispatch=dispatch).values_list(
        "organisation_id", "state"
    )
    by_body = {organisation_id: labels[state] for organisation_id, state in rows}
    counts = (
        DispatchRecipient.objects.filter(dispatch=dispatch)
        .values_list("state")
        .annotate(n=Count("id"))
        .order_by("state")
    )
    return LetterDelivery(
        dispatch=dispatch,
        by_body=by_body,
        counts=[(labels[state], n) for state, n in counts],
    )


def requesting_boards(*, actor: Actor) -> list[Organisation]:
    """The boards the actor may send report requests for."""
    ids = {m.organisation_id for m in actor.memberships if m.role in BOARD_ROLES}
    return [
        board
        for board in Organisation.objects.filter(pk__in=ids, kind=Organisation.Kind.BOARD)
        if policies.can_request_reports(actor, board)
    ]


def recipient_candidates(*, board: Organisation, on: date | None = None):
    """Bodies within the board's reach that exist on `on` (today by default)."""
    return (
        Organisation.objects.filter(path__startswith=reach_path(board))
        .exclude(pk=board.pk)
        .exclude(kind=Organisation.Kind.PARTY_COMMITTEE)
        .active_on(on or timezone.localdate())
    )


def grid_board(*, actor: Actor) -> Organisation | None:
    """The board whose grid the actor sees: one they request reports for, else the first board
    they can see (a reader of the figures)."""
    boards = requesting_boards(actor=actor)
    if boards:
        return boards[0]
    return Organisation.objects.visible_to(actor).filter(kind=Organisation.Kind.BOARD).first()


# The request's fields a draft's edit form starts from.
REQUEST_FIELDS = (
    "letter_number",
    "letter_date",
    "title",
    "period_kind",
    "period_start",
    "period_end",
    "data_cutoff",
    "deadline",
)


def request_initial(request: ReportRequest) -> dict:
    """The draft request as its edit form shows it, with the bodies asked."""
    initial = {name: getattr(request, name) for name in REQUEST_FIELDS}
    initial["recipients"] = list(request.submissions.values_list("organisation_id", flat=True))
    return initial


def request_page(*, actor: Actor, request: ReportRequest) -> dict:
    """The request page: completeness for the board's side (each row with its letter's
    delivery), the actor's own submissions, and what the actor may do."""
    result = completeness(request) if actor.can_see(request.board) else None
    letter = letter_delivery(actor=actor, request=request)
    if result and letter:
        for submission, _ in result.rows:
            submission.letter_state = letter.by_body.get(submission.organisation_id, "—")
    return {
        "object": request,
        "letter": letter,
        "result": result,
        "labels": STATUS_LABELS,
        "own": my_submissions(actor=actor).filter(request=request),
        "can_issue": policies.can_issue_request(actor, request),
        "can_edit": policies.can_edit_request(actor, request),
        "can_review": policies.can_review(actor, request),
        "has_consolidation": Consolidation.objects.filter(request=request).exists(),
    }


def submission_page(
    *, actor: Actor, submission: ReportSubmission, today: date | None = None
) -> dict:
    """What the actor may do on a submission's page, and whether it is late."""
    drafting = submission.state == ReportSubmission.State.DRAFTING
    writes = policies.can_write(actor, submission)
    return {
        "object": submission,
        "can_write": writes and drafting,
        "can_start": writes and not drafting,
        "can_advance": policies.can_advance(actor, submission),
        "can_sign": policies.can_sign(actor, submission)
        and submission.state == ReportSubmission.State.INTERNAL_REVIEW,
        "can_review": policies.can_review(actor, submission.request)
        and submission.state == ReportSubmission.State.SUBMITTED,
        "overdue": submission.is_overdue(today or timezone.localdate()),
    }


def consolidation_page(*, actor: Actor, consolidation: Consolidation) -> dict:
    """What the actor may do with a consolidated report: nothing more once it is issued."""
    issued, request = consolidation.issued, consolidation.request
    return {
        "object": consolidation,
        "can_edit": not issued and policies.can_edit_consolidation(actor, request),
        "can_issue": not issued and policies.can_close_request(actor, request),
    }

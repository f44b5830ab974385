"""Yes/no decisions about report requests and submissions; no I/O (everything is on the actor)."""

from __future__ import annotations

from phoihop.accounts.roles import BOARD_ROLES, WORKING_ROLES, Role
from phoihop.core.actor import Actor

from .models import ReportRequest, ReportSubmission

# Who writes a body's report: its working roles (the same people who report on tasks), and
# the board's leader too, who writes the board's own report when a higher board asks for it.
WRITER_ROLES = (*WORKING_ROLES, Role.BOARD_LEADER)


def can_request_reports(actor: Actor, board) -> bool:
    return board.kind == board.Kind.BOARD and actor.has_role(*BOARD_ROLES, over=board)


def can_edit_request(actor: Actor, request: ReportRequest) -> bool:
    return request.state == ReportRequest.State.DRAFT and actor.has_role(
        *BOARD_ROLES, over=request.board
    )


def can_issue_request(actor: Actor, request: ReportRequest) -> bool:
    return request.state == ReportRequest.State.DRAFT and actor.has_role(
        Role.BOARD_LEADER, over=request.board
    )


def can_review(actor: Actor, request: ReportRequest) -> bool:
    """Accept or return submissions, consolidate: the requesting board."""
    return request.state in {
        ReportRequest.State.ISSUED,
        ReportRequest.State.COLLECTING,
    } and actor.has_role(*BOARD_ROLES, over=request.board)


def can_edit_consolidation(actor: Actor, request: ReportRequest) -> bool:
    return request.state == ReportRequest.State.CONSOLIDATED and actor.has_role(
        *BOARD_ROLES, over=request.board
    )


def can_close_request(actor: Actor, request: ReportRequest) -> bool:
    return request.state == ReportRequest.State.CONSOLIDATED and actor.has_role(
        Role.BOARD_LEADER, over=request.board
    )


def _member_of(actor: Actor, organisation_id: int, roles) -> bool:
    return any(m.organisation_id == organisation_id and m.role in roles for m in actor.memberships)


def can_write(actor: Actor, submission: ReportSubmission) -> bool:
    """The body's own officers write while the request is open and the report is theirs."""
    return (
        submission.request.state in {ReportRequest.State.ISSUED, ReportRequest.State.COLLECTING}
        and submission.state in ReportSubmission.EDITABLE_STATES
        and _member_of(actor, submission.organisation_id, WRITER_ROLES)
    )


def can_advance(actor: Actor, submission: ReportSubmission) -> bool:
    """Send for internal review, back to drafting, submit: the body's officers."""
    return submission.request.state in {
        ReportRequest.State.ISSUED,
        ReportRequest.State.COLLECTING,
    } and _member_of(actor, submission.organisation_id, WRITER_ROLES)


def can_sign(actor: Actor, submission: ReportSubmission) -> bool:
    """The leader signs on paper or on the e-signature platform; the body's officers (or its
    clerk) record the number and the date here."""
    return can_advance(actor, submission) or (
        submission.request.state in {ReportRequest.State.ISSUED, ReportRequest.State.COLLECTING}
        and _member_of(actor, submission.organisation_id, (Role.CLERK,))
    )


def can_read_configuration(actor: Actor) -> bool:
    """Report templates and evaluation criteria are national regime data: whoever works with
    reports reads them; only the operator changes them (`programmes.policies.can_edit_regime`)."""
    return actor.sees_everything or bool(actor.memberships)

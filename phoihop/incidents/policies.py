"""Yes/no decisions about cases and their parts; no I/O.

Everything a decision needs is on the actor, the case, and an `Access` the selector computed
once for the page (is the actor in the working group?).
"""

from __future__ import annotations

from dataclasses import dataclass

from phoihop.accounts.roles import BOARD_ROLES, WORKING_ROLES, Role
from phoihop.core.actor import Actor

from .models import Incident, OrientationPlan, PressRelease, SituationReport

# Who confirms that the board received a case: the officer on duty, or a leader.
ACK_ROLES = (Role.DUTY_OFFICER, Role.BOARD_LEADER)
# Who acts for a state body on a case (reports it, answers as the competent body): its working
# roles. The board's officers act on the board's side instead (`BOARD_ROLES`).
STATE_BODY_ROLES = tuple(role for role in WORKING_ROLES if role not in BOARD_ROLES)


@dataclass(frozen=True)
class Access:
    """What the database said about the actor and one case."""

    is_member: bool = False


NO_ACCESS = Access()
RESTRICTED = "Vụ việc hạn chế tiếp cận: chỉ tổ công tác và lãnh đạo Ban được xem chi tiết."


def _works_for(actor: Actor, organisation_id: int, roles=STATE_BODY_ROLES) -> bool:
    return any(
        m.organisation_id == organisation_id and m.role in roles and m.is_active
        for m in actor.memberships
    )


def _board_side(actor: Actor, incident: Incident, roles=BOARD_ROLES) -> bool:
    return actor.has_role(*roles, over=incident.board)


def _competent_side(actor: Actor, incident: Incident) -> bool:
    return _works_for(actor, incident.competent_body_id)


def can_report(actor: Actor, reporting_body) -> bool:
    """A state body's officers report their own cases; the board records what it was told."""
    if reporting_body.kind == reporting_body.Kind.BOARD:
        return actor.has_role(*BOARD_ROLES, Role.DUTY_OFFICER, over=reporting_body)
    return _works_for(actor, reporting_body.pk)


def can_see_details(actor: Actor, incident: Incident, access: Access) -> bool:
    """A restricted case's details: the working group, the board's leaders and whoever reported
    it. Everybody else who may see the case sees only that it exists (a placeholder)."""
    if not incident.is_restricted or actor.sees_everything:
        return True
    return (
        access.is_member
        or _board_side(actor, incident, (Role.BOARD_LEADER,))
        or (actor.user is not None and incident.reported_by_id == actor.user.pk)
    )


def can_acknowledge(actor: Actor, incident: Incident) -> bool:
    return incident.state == Incident.State.REPORTED and _board_side(actor, incident, ACK_ROLES)


def can_assess(actor: Actor, incident: Incident) -> bool:
    return incident.state == Incident.State.ACKNOWLEDGED and _board_side(actor, incident)


def can_start_coordination(actor: Actor, incident: Incident) -> bool:
    return incident.state in (Incident.State.ASSESSED, Incident.State.REOPENED) and _board_side(
        actor, incident
    )


def can_steer(actor: Actor, incident: Incident) -> bool:
    """Escalate, merge, close, reopen: the board's leaders."""
    return _board_side(actor, incident, (Role.BOARD_LEADER,))


def can_resolve(actor: Actor, incident: Incident) -> bool:
    return incident.state in (Incident.State.COORDINATING, Incident.State.REOPENED) and (
        _competent_side(actor, incident) or _board_side(actor, incident, (Role.BOARD_LEADER,))
    )


def can_publicise_result(actor: Actor, incident: Incident) -> bool:
    return incident.state == Incident.State.RESOLVED and (
        _competent_side(actor, incident) or _board_side(actor, incident)
    )


def can_manage_group(actor: Actor, incident: Incident) -> bool:
    """The board and the competent body's leader form and change the working group."""
    return incident.is_open and (
        _board_side(actor, incident)
        or _works_for(actor, incident.competent_body_id, (Role.AGENCY_LEADER,))
    )


def can_contribute(actor: Actor, incident: Incident, access: Access) -> bool:
    """Position log entries and situation-report sections: the group, the board, the
    competent body, while the case is being handled."""
    return (
        incident.state in Incident.WORKING_STATES
        and can_see_details(actor, incident, access)
        and (access.is_member or _board_side(actor, incident) or _competent_side(actor, incident))
    )


def can_draft_orientation(actor: Actor, incident: Incident, access: Access) -> bool:
    return (
        incident.state in Incident.WORKING_STATES
        and can_see_details(actor, incident, access)
        and (_board_side(actor, incident) or _competent_side(actor, incident))
    )


def can_approve_orientation_for_board(actor: Actor, plan: OrientationPlan) -> bool:
    return (
        plan.state == OrientationPlan.State.DRAFT
        and plan.board_approved_by_id is None
        and _board_side(actor, plan.incident, (Role.BOARD_LEADER,))
    )


def can_approve_orientation_for_competent_body(actor: Actor, plan: OrientationPlan) -> bool:
    return (
        plan.state == OrientationPlan.State.DRAFT
        and plan.competent_approved_by_id is None
        and _works_for(actor, plan.incident.competent_body_id, (Role.AGENCY_LEADER,))
    )


def can_approve_sitrep(actor: Actor, report: SituationReport) -> bool:
    return report.state == SituationReport.State.DRAFT and _board_side(
        actor, report.incident, (Role.BOARD_LEADER,)
    )


def can_publish_sitrep(actor: Actor, report: SituationReport) -> bool:
    return report.state == SituationReport.State.APPROVED and _board_side(actor, report.incident)


def can_draft_press(actor: Actor, incident: Incident, access: Access) -> bool:
    """The board, the competent body and the group's spokesperson write press releases."""
    return can_draft_orientation(actor, incident, access) or (
        incident.state in [*Incident.WORKING_STATES, Incident.State.RESOLVED] and access.is_member
    )


def can_edit_press_release(actor: Actor, release: PressRelease, access: Access) -> bool:
    return release.state in (
        PressRelease.State.DRAFT,
        PressRelease.State.IN_REVIEW,
    ) and can_draft_press(actor, release.incident, access)


def _is_author(actor: Actor, release: PressRelease) -> bool:
    return actor.user is not None and release.version_author_id == actor.user.pk


def can_approve_press_for_board(actor: Actor, release: PressRelease) -> bool:
    """The author of the version under review may not approve it."""
    return (
        release.state == PressRelease.State.IN_REVIEW
        and release.board_approved_by_id is None
        and not _is_author(actor, release)
        and _board_side(actor, release.incident, (Role.BOARD_LEADER,))
    )


def can_approve_press_for_competent_body(actor: Actor, release: PressRelease) -> bool:
    return (
        release.state == PressRelease.State.IN_REVIEW
        and release.competent_approved_by_id is None
        and not _is_author(actor, release)
        and _works_for(actor, release.incident.competent_body_id, (Role.AGENCY_LEADER,))
    )


def can_publish_press(actor: Actor, release: PressRelease) -> bool:
    return release.state == PressRelease.State.APPROVED and (
        _board_side(actor, release.incident) or _competent_side(actor, release.incident)
    )


def can_record_conference(actor: Actor, incident: Incident, access: Access) -> bool:
    return can_draft_press(actor, incident, access)

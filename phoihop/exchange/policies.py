"""Yes/no decisions about dispatches and their recipients; no I/O (everything is on the actor).

A body acts through its people: an actor acts for a body when they hold an active membership in
it with one of the `MAIL_ROLES`. Read-only roles (Party standing members), auditors and
administrators see what their scope allows but never issue, acknowledge or reply on a body's
behalf.
"""

from phoihop.accounts.roles import WORKING_ROLES, Role
from phoihop.core.actor import Actor

from .models import Dispatch, DispatchRecipient

# Who handles a body's mail: besides the roles that do its coordination work, its leaders, the
# duty officer and the clerk send, acknowledge and answer dispatches in its name.
MAIL_ROLES = frozenset({*WORKING_ROLES, Role.BOARD_LEADER, Role.DUTY_OFFICER, Role.CLERK})


def acts_for(actor: Actor, organisation_id: int) -> bool:
    """True when the actor holds a working role in that very body."""
    return any(
        m.organisation_id == organisation_id and m.role in MAIL_ROLES for m in actor.memberships
    )


def can_issue(actor: Actor, organisation) -> bool:
    """Compose and send dispatches in the name of `organisation`."""
    return organisation.valid_to is None and acts_for(actor, organisation.pk)


def can_edit(actor: Actor, dispatch: Dispatch) -> bool:
    return dispatch.is_draft and acts_for(actor, dispatch.issuer_id)


def can_send(actor: Actor, dispatch: Dispatch) -> bool:
    return can_edit(actor, dispatch)


def can_cancel(actor: Actor, dispatch: Dispatch) -> bool:
    return can_edit(actor, dispatch)


def can_resend(actor: Actor, dispatch: Dispatch, recipients: list[DispatchRecipient]) -> bool:
    """The issuer re-sends to the recipients that did not get it (failed, or still in flight)."""
    return (
        dispatch.state == Dispatch.State.SENT
        and acts_for(actor, dispatch.issuer_id)
        and any(r.state in RESENDABLE for r in recipients)
    )


RESENDABLE = {DispatchRecipient.State.FAILED, DispatchRecipient.State.SENT}


def can_acknowledge(actor: Actor, recipient: DispatchRecipient) -> bool:
    return recipient.state in {
        DispatchRecipient.State.DELIVERED,
        DispatchRecipient.State.READ,
    } and acts_for(actor, recipient.organisation_id)


def can_mark_read(actor: Actor, recipient: DispatchRecipient) -> bool:
    return recipient.state == DispatchRecipient.State.DELIVERED and acts_for(
        actor, recipient.organisation_id
    )


def can_reply(actor: Actor, recipient: DispatchRecipient) -> bool:
    """Only a body that received the dispatch answers it (once received, not forwarded on)."""
    return recipient.is_received and acts_for(actor, recipient.organisation_id)


def can_forward(actor: Actor, recipient: DispatchRecipient) -> bool:
    """A body that is not competent passes the dispatch on, with a reason."""
    return recipient.is_received and acts_for(actor, recipient.organisation_id)


def can_attach(actor: Actor, dispatch: Dispatch) -> bool:
    return can_edit(actor, dispatch)


def own_recipient(actor: Actor, recipients: list[DispatchRecipient]) -> DispatchRecipient | None:
    """The row of `recipients` the actor acts for: their active body's first, else any."""
    active_id = actor.active.organisation_id if actor.active else None
    mine = [r for r in recipients if acts_for(actor, r.organisation_id)]
    mine.sort(key=lambda r: (r.organisation_id != active_id, r.pk))
    return mine[0] if mine else None

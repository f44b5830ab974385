"""The recipient's side: reading, acknowledging, replying and forwarding to the competent body."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from phoihop.core.actor import Actor
from phoihop.core.audit import record_event
from phoihop.core.exceptions import PolicyDenied, ensure, invalid
from phoihop.notifications.models import Notification
from phoihop.notifications.services import Message, notify_many
from phoihop.organisations.models import Organisation

from .. import policies
from ..models import Dispatch, DispatchRecipient
from .delivery import _deliver, _delivery_messages, _send, _title, receivers
from .drafting import DispatchData, _apply, _may_address, _place, _search_text


def _locked(recipient: DispatchRecipient) -> DispatchRecipient:
    return (
        DispatchRecipient.objects.select_for_update(of=("self",))
        .select_related("dispatch__issuer", "organisation", "acknowledged_by")
        .get(pk=recipient.pk)
    )


@transaction.atomic
def recipient_mark_read(
    *, actor: Actor, recipient: DispatchRecipient, now: datetime | None = None
) -> bool:
    """A person of the recipient body opened the dispatch: delivered → read. Opening it again,
    or by someone else, changes nothing. Returns whether the state changed."""
    if not policies.can_mark_read(actor, recipient):
        return False
    recipient = _locked(recipient)
    if not policies.can_mark_read(actor, recipient):
        return False
    recipient.mark_read()
    recipient.read_at = now or timezone.now()
    recipient.read_by = actor.user
    recipient.save(update_fields=["state", "read_at", "read_by"])
    record_event(
        actor=actor,
        target=recipient.dispatch,
        verb="dispatch_read",
        detail={"organisation": recipient.organisation_id},
    )
    return True


@transaction.atomic
def recipient_acknowledge(
    *, actor: Actor, recipient: DispatchRecipient, now: datetime | None = None
) -> DispatchRecipient:
    """The recipient body confirms it has received the dispatch and will act on it."""
    ensure(
        policies.acts_for(actor, recipient.organisation_id),
        "Chỉ cán bộ của cơ quan nhận được tiếp nhận công văn.",
    )
    recipient = _locked(recipient)
    _acknowledge(actor, recipient, now or timezone.now())
    dispatch = recipient.dispatch
    if dispatch.created_by is not None:
        message = Message(
            users=[dispatch.created_by],
            kind=Notification.Kind.DISPATCH_STATUS,
            title=f"{recipient.organisation} đã tiếp nhận công văn {_title(dispatch)}",
            body="",
            url=dispatch.get_absolute_url(),
            event_key=f"dispatch-recipient:{recipient.pk}:acknowledged",
        )
        transaction.on_commit(lambda: notify_many([message]))
    return recipient


def _acknowledge(actor: Actor, recipient: DispatchRecipient, now: datetime) -> None:
    if recipient.state == DispatchRecipient.State.ACKNOWLEDGED:
        by = f" ({recipient.acknowledged_by})" if recipient.acknowledged_by else ""
        raise invalid(
            f"Công văn đã được tiếp nhận lúc "
            f"{timezone.localtime(recipient.acknowledged_at):%H:%M %d/%m/%Y}{by}: "
            "không cần tiếp nhận lại."
        )
    if not policies.can_acknowledge(actor, recipient):
        raise invalid(
            f"Không tiếp nhận được công văn ở trạng thái «{recipient.get_state_display().lower()}»."
        )
    if recipient.read_at is None:
        recipient.read_at, recipient.read_by = now, actor.user
    recipient.acknowledge()
    recipient.acknowledged_at = now
    recipient.acknowledged_by = actor.user
    recipient.save(
        update_fields=["state", "read_at", "read_by", "acknowledged_at", "acknowledged_by"]
    )
    record_event(
        actor=actor,
        target=recipient.dispatch,
        verb="dispatch_acknowledged",
        detail={"organisation": recipient.organisation_id},
    )


@transaction.atomic
def dispatch_reply(
    *,
    actor: Actor,
    dispatch: Dispatch,
    data: DispatchData,
    now: datetime | None = None,
) -> Dispatch:
    """Answer `dispatch` in the name of the actor's recipient body: a new dispatch from that body
    to the issuer, threaded with `in_reply_to`, sent at once. Answering acknowledges too."""
    recipients = list(dispatch.recipients.select_related("organisation"))
    mine = policies.own_recipient(actor, recipients)
    if mine is None:
        raise PolicyDenied("Chỉ cơ quan nhận công văn mới được trả lời công văn này.")
    ensure(
        policies.can_reply(actor, mine),
        f"Không trả lời được: công văn ở trạng thái «{mine.get_state_display().lower()}» "
        "tại cơ quan của bạn.",
    )
    now = now or timezone.now()
    mine = _locked(mine)
    if mine.state != DispatchRecipient.State.ACKNOWLEDGED:
        _acknowledge(actor, mine, now)
    body = mine.organisation
    reply = Dispatch(
        issuer=body,
        created_by=actor.user,
        in_reply_to=dispatch,
        thread_root_id=dispatch.thread_root_id or dispatch.pk,
    )
    reply_data = DispatchData(
        summary=data.summary or f"Trả lời Công văn {dispatch.number_and_symbol}".strip(),
        kind=Dispatch.Kind.REPLY,
        body=data.body,
        urgency=data.urgency,
        numbering=data.numbering,
        number=data.number,
        symbol=data.symbol,
        issued_on=data.issued_on,
        programme=dispatch.programme,
        task=dispatch.task,
    )
    _apply(reply, reply_data, body)
    _place(reply, body)
    reply.search_text = _search_text(reply, body)
    reply.full_clean()
    reply.save()
    reply.addressees.set([dispatch.issuer])
    record_event(
        actor=actor, target=reply, verb="dispatch_created", detail={"in_reply_to": dispatch.pk}
    )
    _send(actor, reply, now)
    mine.replied_at = now
    mine.save(update_fields=["replied_at"])
    record_event(
        actor=actor,
        target=dispatch,
        verb="dispatch_replied",
        detail={"organisation": body.pk, "reply": reply.pk},
    )
    return reply


@transaction.atomic
def recipient_forward(
    *,
    actor: Actor,
    recipient: DispatchRecipient,
    to: Organisation,
    reason: str,
    now: datetime | None = None,
) -> DispatchRecipient:
    """ "Not within our competence → forwarded to X": the recipient row is closed as forwarded
    and a new row for `to`, linked to it, is delivered (or failed with its reason, so the issuer
    can re-send); never a dead end."""
    ensure(
        policies.acts_for(actor, recipient.organisation_id),
        "Chỉ cán bộ của cơ quan nhận được chuyển công văn.",
    )
    recipient = _locked(recipient)
    if not policies.can_forward(actor, recipient):
        raise invalid(
            f"Không chuyển được công văn ở trạng thái «{recipient.get_state_display().lower()}»."
        )
    if not reason.strip():
        raise invalid("Cần nêu lý do chuyển (vì sao cơ quan kia có thẩm quyền).", "reason")
    if to is None or to.pk == recipient.organisation_id:
        raise invalid("Chọn cơ quan có thẩm quyền khác cơ quan mình.", "to")
    dispatch = recipient.dispatch
    if to.pk == dispatch.issuer_id:
        raise invalid("Không chuyển công văn lại cho chính cơ quan ban hành.", "to")
    if dispatch.recipients.filter(organisation=to).exists():
        raise invalid(f"«{to}» đã là nơi nhận của công văn này.", "to")
    if not _may_address(actor, recipient.organisation, to):
        raise invalid(f"Không thể chuyển công văn đến «{to}».", "to")
    now = now or timezone.now()
    recipient.forward()
    recipient.forwarded_at = now
    recipient.forward_reason = reason.strip()
    recipient.save(update_fields=["state", "forwarded_at", "forward_reason"])
    people = receivers([to.pk])
    row = DispatchRecipient(
        dispatch=dispatch,
        organisation=to,
        organisation_path=to.path,
        role=recipient.role,
        forwarded_from=recipient,
    )
    _deliver(row, now, people.get(to.pk, []), dispatch)
    record_event(
        actor=actor,
        target=dispatch,
        verb="dispatch_forwarded",
        detail={
            "from": recipient.organisation_id,
            "to": to.pk,
            "reason": recipient.forward_reason,
            "delivered": row.is_received,
        },
    )
    messages = _delivery_messages(dispatch, [row], people)
    if dispatch.created_by is not None:
        messages.append(
            Message(
                users=[dispatch.created_by],
                kind=Notification.Kind.DISPATCH_STATUS,
                title=f"{recipient.organisation} đã chuyển công văn {_title(dispatch)} đến {to}",
                body=f"Lý do: {recipient.forward_reason}",
                url=dispatch.get_absolute_url(),
                event_key=f"dispatch-recipient:{recipient.pk}:forwarded",
            )
        )
    transaction.on_commit(lambda: notify_many(messages))
    return row

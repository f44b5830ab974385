"""Sending dispatches: one recipient row per body, each delivered or failed with its reason,
re-sending the ones that did not arrive, and telling people once the transaction commits."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from phoihop.accounts.models import Membership, User
from phoihop.core import calendar
from phoihop.core.actor import Actor
from phoihop.core.audit import record_event
from phoihop.core.exceptions import ensure, invalid
from phoihop.notifications.models import Notification
from phoihop.notifications.services import Message, notify_many
from phoihop.organisations.models import Lineage, Organisation

from .. import policies
from ..models import Dispatch, DispatchRecipient
from .drafting import _search_text
from .numbering import _number


def receivers(organisation_ids) -> dict[int, list[User]]:
    """The people who receive dispatches for each body: active users holding a working role
    there (one query whatever the number of bodies)."""
    found: dict[int, list[User]] = defaultdict(list)
    memberships = (
        Membership.objects.active()
        .filter(
            organisation_id__in=list(organisation_ids),
            role__in=policies.MAIL_ROLES,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("pk")
    )
    for membership in memberships:
        if membership.user not in found[membership.organisation_id]:
            found[membership.organisation_id].append(membership.user)
    return found


def delivery_failure(organisation: Organisation, day: date, people: list[User]) -> str:
    """Why `organisation` cannot receive a dispatch on `day` (empty when it can)."""
    if not organisation.is_active_on(day):
        successor = (
            Lineage.objects.filter(predecessor=organisation, carries_records=True)
            .select_related("successor")
            .first()
        )
        ended = f" từ ngày {organisation.valid_to:%d/%m/%Y}" if organisation.valid_to else ""
        then = f"; nay là «{successor.successor}»" if successor else ""
        return f"Cơ quan không còn hoạt động{ended}{then}."
    if not people:
        return "Cơ quan chưa có người dùng nào đang hoạt động để nhận công văn."
    return ""


def _deliver(
    recipient: DispatchRecipient, now: datetime, people: list[User], dispatch: Dispatch
) -> None:
    """Try one delivery of `recipient` (state sent or failed) and save it."""
    day = timezone.localdate(now)
    recipient.attempts += 1
    recipient.sent_at = now
    reason = delivery_failure(recipient.organisation, day, people)
    if reason:
        recipient.fail()
        recipient.failed_at = now
        recipient.failure_reason = reason
    else:
        recipient.deliver()
        recipient.delivered_at = now
        recipient.failure_reason = ""
        # Addressees owe an answer by the deadline; copies and replies do not.
        if recipient.role == DispatchRecipient.Role.TO and dispatch.kind != Dispatch.Kind.REPLY:
            recipient.reply_due = calendar.add_working_days(day, dispatch.reply_working_days)
    recipient.full_clean()
    recipient.save()


def _delivery_messages(
    dispatch: Dispatch, rows: list[DispatchRecipient], people: dict[int, list[User]]
) -> list[Message]:
    title = _title(dispatch)
    messages = []
    for row in rows:
        if row.state == DispatchRecipient.State.DELIVERED:
            due = f" Hạn trả lời: {row.reply_due:%d/%m/%Y}." if row.reply_due else ""
            messages.append(
                Message(
                    users=people.get(row.organisation_id, []),
                    kind=Notification.Kind.DISPATCH_RECEIVED,
                    title=f"Công văn đến: {title}",
                    body=f"Từ {dispatch.issuer} ({row.get_role_display().lower()}).{due}",
                    url=dispatch.get_absolute_url(),
                    event_key=f"dispatch-recipient:{row.pk}:delivered",
                )
            )
        elif row.state == DispatchRecipient.State.FAILED and dispatch.created_by is not None:
            messages.append(
                Message(
                    users=[dispatch.created_by],
                    kind=Notification.Kind.DISPATCH_STATUS,
                    title=f"Không gửi được công văn đến {row.organisation}: {title}",
                    body=row.failure_reason,
                    url=dispatch.get_absolute_url(),
                    event_key=f"dispatch-recipient:{row.pk}:failed:{row.attempts}",
                )
            )
    return messages


def _title(dispatch: Dispatch) -> str:
    number = f"số {dispatch.number_and_symbol} " if dispatch.number else ""
    return f"{number}V/v {Truncator(dispatch.summary).chars(120)}"


def _send(actor: Actor, dispatch: Dispatch, now: datetime) -> list[DispatchRecipient]:
    to = list(dispatch.addressees.all())
    cc = list(dispatch.copied.exclude(pk__in=[o.pk for o in to]))
    if not to:
        raise invalid("Công văn phải có ít nhất một nơi nhận (kính gửi).", "addressees")
    _number(dispatch, timezone.localdate(now))
    dispatch.send()
    dispatch.sent_at = now
    dispatch.search_text = _search_text(dispatch, dispatch.issuer)
    dispatch.full_clean()
    dispatch.save()
    people = receivers([o.pk for o in [*to, *cc]])
    rows = []
    for role, bodies in ((DispatchRecipient.Role.TO, to), (DispatchRecipient.Role.CC, cc)):
        for organisation in bodies:
            row = DispatchRecipient(
                dispatch=dispatch,
                organisation=organisation,
                organisation_path=organisation.path,
                role=role,
            )
            _deliver(row, now, people.get(organisation.pk, []), dispatch)
            rows.append(row)
    failed = [r.organisation_id for r in rows if r.state == DispatchRecipient.State.FAILED]
    record_event(
        actor=actor,
        target=dispatch,
        verb="dispatch_sent",
        changes={"state": ["draft", "sent"]},
        detail={
            "number": dispatch.number_and_symbol,
            "delivered": [r.organisation_id for r in rows if r.organisation_id not in failed],
            "failed": failed,
        },
    )
    messages = _delivery_messages(dispatch, rows, people)
    transaction.on_commit(lambda: notify_many(messages))
    return rows


@transaction.atomic
def dispatch_send(*, actor: Actor, dispatch: Dispatch, now: datetime | None = None) -> list:
    """Number (system register) and send a draft: one recipient row per body, each delivered or
    failed with its reason (a dissolved or merged body, a body without active users)."""
    ensure(policies.can_send(actor, dispatch), "Chỉ cơ quan ban hành được gửi dự thảo này.")
    dispatch = (
        Dispatch.objects.select_for_update(of=("self",))
        .select_related("issuer")
        .get(pk=dispatch.pk)
    )
    if not dispatch.is_draft:
        raise invalid("Công văn đã được gửi (hoặc đã hủy): không gửi lại được.")
    return _send(actor, dispatch, now or timezone.now())


@transaction.atomic
def dispatch_resend(*, actor: Actor, dispatch: Dispatch, now: datetime | None = None) -> list:
    """Try again the recipients that did not get the dispatch; the others are left alone."""
    rows = list(
        DispatchRecipient.objects.select_for_update(of=("self",))
        .filter(dispatch=dispatch)
        .select_related("organisation")
    )
    ensure(
        dispatch.state == Dispatch.State.SENT and policies.acts_for(actor, dispatch.issuer_id),
        "Chỉ cơ quan ban hành được gửi lại công văn.",
    )
    pending = [r for r in rows if r.state in policies.RESENDABLE]
    if not pending:
        raise invalid("Mọi nơi nhận đã nhận được công văn: không có gì để gửi lại.")
    now = now or timezone.now()
    people = receivers([r.organisation_id for r in pending])
    for row in pending:
        _deliver(row, now, people.get(row.organisation_id, []), dispatch)
    record_event(
        actor=actor,
        target=dispatch,
        verb="dispatch_resent",
        detail={
            "delivered": [r.organisation_id for r in pending if r.is_received],
            "failed": [r.organisation_id for r in pending if not r.is_received],
        },
    )
    messages = _delivery_messages(dispatch, pending, people)
    transaction.on_commit(lambda: notify_many(messages))
    return pending

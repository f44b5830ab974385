"""Every write to dispatches, their recipients, replies, attachments and registers.

Each service checks the policy (403), validates (a Vietnamese ValidationError, nothing written),
saves, records the event on the dispatch's timeline and tells people once the transaction
commits (`notifications.services.notify_many` does the on-commit e-mail itself).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from phoihop.accounts.models import Membership, User
from phoihop.core import calendar
from phoihop.core.actor import Actor
from phoihop.core.audit import field_changes, record_event, snapshot
from phoihop.core.exceptions import ensure, invalid
from phoihop.core.text import fold
from phoihop.core.uploads import check_upload
from phoihop.incidents.models import Incident
from phoihop.incidents.selectors import linkable_incidents
from phoihop.notifications.models import Notification
from phoihop.notifications.services import Message, notify_many
from phoihop.organisations.models import AdminUnit, Lineage, Organisation
from phoihop.programmes.models import Programme, Task
from phoihop.programmes.services import current_regime

from .. import policies
from ..models import Dispatch, DispatchAttachment, DispatchRecipient, Register

DISPATCH_FIELDS = [
    "kind",
    "numbering",
    "number",
    "symbol",
    "issued_on",
    "summary",
    "urgency",
    "body",
    "expects_reply",
    "reply_working_days",
    "programme",
    "task",
    "incident",
]
MAX_RECIPIENTS = 200


@dataclass(frozen=True)
class DispatchData:
    summary: str
    kind: str = Dispatch.Kind.OTHER
    body: str = ""
    urgency: str = Dispatch.Urgency.NORMAL
    numbering: str = Dispatch.Numbering.SYSTEM
    number: int | None = None
    symbol: str | None = None  # None: the issuer's default symbol
    issued_on: date | None = None
    expects_reply: bool = False
    reply_working_days: int | None = None  # None: the current regime's default
    programme: Programme | None = None
    task: Task | None = None
    incident: Incident | None = None
    addressees: list[Organisation] = field(default_factory=list)
    copied: list[Organisation] = field(default_factory=list)


def default_symbol(issuer: Organisation) -> str:
    """The symbol a letter of `issuer` carries by default: `UBND` (state, shown 12/UBND) or
    `CV/BTGDVTU` (Party, shown 310-CV/BTGDVTU)."""
    code = issuer.symbol or issuer.short_name or ""
    if issuer.side == Organisation.Side.PARTY:
        return f"CV/{code}" if code else "CV"
    return code


def _search_text(dispatch: Dispatch, issuer: Organisation) -> str:
    text = (
        f"{dispatch.number_and_symbol} {dispatch.summary} {issuer.short_name or issuer.name} "
        f"{dispatch.body[:300]}"
    )
    return fold(text)[:900]


def _place(dispatch: Dispatch, issuer: Organisation) -> None:
    dispatch.issuer_path = issuer.path
    dispatch.province_id = issuer.province_id
    unit = issuer.admin_unit
    dispatch.commune_id = unit.pk if unit and unit.level == AdminUnit.Level.COMMUNE else None


def _apply(dispatch: Dispatch, data: DispatchData, issuer: Organisation) -> None:
    if data.numbering not in Dispatch.Numbering.values:
        raise invalid("Cách lấy số không hợp lệ.", "numbering")
    dispatch.kind = data.kind
    dispatch.numbering = data.numbering
    dispatch.summary = " ".join(data.summary.split())
    dispatch.body = data.body.strip()
    dispatch.urgency = data.urgency
    dispatch.symbol = (data.symbol if data.symbol is not None else default_symbol(issuer)).strip()
    dispatch.expects_reply = data.expects_reply
    dispatch.reply_working_days = (
        data.reply_working_days
        if data.reply_working_days is not None
        else current_regime().dispatch_reply_working_days
    )
    if not 1 <= dispatch.reply_working_days <= 60:
        raise invalid("Hạn trả lời phải từ 1 đến 60 ngày làm việc.", "reply_working_days")
    if data.numbering == Dispatch.Numbering.MIRRORED:
        if not data.number:
            raise invalid("Nhập số văn bản theo sổ văn bản của cơ quan.", "number")
        dispatch.number = data.number
        dispatch.issued_on = data.issued_on
        dispatch.number_year = (data.issued_on or timezone.localdate()).year
        _check_number_free(dispatch)
    else:
        dispatch.number = None
        dispatch.number_year = None
        dispatch.issued_on = None
    if data.task is not None and data.programme is None:
        dispatch.programme = data.task.plan.programme
    else:
        dispatch.programme = data.programme
    dispatch.task = data.task
    dispatch.incident = data.incident
    if dispatch.task and dispatch.task.plan.programme_id != dispatch.programme_id:
        raise invalid("Nhiệm vụ không thuộc chương trình đã chọn.", "task")


def _check_number_free(dispatch: Dispatch) -> None:
    taken = (
        Dispatch.objects.filter(
            issuer_id=dispatch.issuer_id, number_year=dispatch.number_year, number=dispatch.number
        )
        .exclude(pk=dispatch.pk)
        .first()
    )
    if taken is not None:
        raise invalid(
            f"Số {dispatch.number:02d} năm {dispatch.number_year} của cơ quan đã dùng cho văn bản "
            f"«{Truncator(taken.summary).chars(80)}».",
            "number",
        )


def _check_recipients(
    actor: Actor, issuer: Organisation, addressees: list[Organisation], copied: list[Organisation]
) -> tuple[list[Organisation], list[Organisation]]:
    to = list({o.pk: o for o in addressees}.values())
    cc = [o for o in {o.pk: o for o in copied}.values() if o.pk not in {t.pk for t in to}]
    if len(to) + len(cc) > MAX_RECIPIENTS:
        raise invalid(f"Tối đa {MAX_RECIPIENTS} nơi nhận.", "addressees")
    for organisation in [*to, *cc]:
        if organisation.pk == issuer.pk:
            raise invalid("Cơ quan ban hành không gửi công văn cho chính mình.", "addressees")
        if not _may_address(actor, issuer, organisation):
            raise invalid(f"Không thể gửi công văn đến «{organisation}».", "addressees")
    return to, cc


def _may_address(actor: Actor, issuer: Organisation, organisation: Organisation) -> bool:
    """Bodies the issuer works with: those the actor sees, or of the issuer's province."""
    if actor.can_see(organisation):
        return True
    return issuer.province_id is not None and organisation.province_id == issuer.province_id


def _check_links(actor: Actor, data: DispatchData) -> None:
    """A linked programme, task or case must be one the actor may see."""
    if data.programme is not None and not (
        Programme.objects.visible_to(actor).filter(pk=data.programme.pk).exists()
    ):
        raise invalid("Không thể liên kết với chương trình này.", "programme")
    if (
        data.task is not None
        and not Task.objects.visible_to(actor).filter(pk=data.task.pk).exists()
    ):
        raise invalid("Không thể liên kết với nhiệm vụ này.", "task")
    if data.incident is not None and not _linkable(actor, data.incident):
        raise invalid(
            "Không thể liên kết với vụ việc này: bạn không được xem chi tiết vụ việc.", "incident"
        )


def _linkable(actor: Actor, incident: Incident) -> bool:
    return linkable_incidents(actor).filter(pk=incident.pk).exists()


@transaction.atomic
def dispatch_create(*, actor: Actor, issuer: Organisation, data: DispatchData) -> Dispatch:
    """Draft a dispatch in the name of `issuer`, addressed to `data.addressees` (and copied to
    `data.copied` for information); nothing is sent yet."""
    ensure(
        policies.can_issue(actor, issuer),
        "Chỉ cán bộ của cơ quan ban hành được soạn công văn của cơ quan.",
    )
    to, cc = _check_recipients(actor, issuer, data.addressees, data.copied)
    _check_links(actor, data)
    dispatch = Dispatch(issuer=issuer, created_by=actor.user)
    _apply(dispatch, data, issuer)
    _place(dispatch, issuer)
    dispatch.search_text = _search_text(dispatch, issuer)
    dispatch.full_clean()
    dispatch.save()
    dispatch.addressees.set(to)
    dispatch.copied.set(cc)
    record_event(actor=actor, target=dispatch, verb="dispatch_created")
    return dispatch


@transaction.atomic
def dispatch_update(*, actor: Actor, dispatch: Dispatch, data: DispatchData) -> Dispatch:
    ensure(policies.can_edit(actor, dispatch), "Chỉ sửa được dự thảo công văn của cơ quan mình.")
    issuer = dispatch.issuer
    to, cc = _check_recipients(actor, issuer, data.addressees, data.copied)
    _check_links(actor, data)
    before = snapshot(dispatch, DISPATCH_FIELDS)
    _apply(dispatch, data, issuer)
    dispatch.search_text = _search_text(dispatch, issuer)
    dispatch.full_clean()
    dispatch.save()
    dispatch.addressees.set(to)
    dispatch.copied.set(cc)
    changes = field_changes(dispatch, before, DISPATCH_FIELDS)
    record_event(actor=actor, target=dispatch, verb="dispatch_updated", changes=changes)
    return dispatch


@transaction.atomic
def dispatch_cancel(*, actor: Actor, dispatch: Dispatch, reason: str) -> Dispatch:
    ensure(policies.can_cancel(actor, dispatch), "Chỉ hủy được dự thảo công văn của cơ quan mình.")
    if not reason.strip():
        raise invalid("Cần nêu lý do hủy.", "reason")
    dispatch.cancel()
    dispatch.cancel_reason = reason.strip()
    dispatch.save(update_fields=["state", "cancel_reason"])
    record_event(
        actor=actor,
        target=dispatch,
        verb="dispatch_cancelled",
        changes={"state": ["draft", "cancelled"]},
    )
    return dispatch


@transaction.atomic
def attachment_add(
    *, actor: Actor, dispatch: Dispatch, file, title: str = ""
) -> DispatchAttachment:
    """Attach a checked file to a draft (PDF, DOCX, XLSX, ODT, JPEG, PNG; see core/uploads.py)."""
    ensure(policies.can_attach(actor, dispatch), "Chỉ đính kèm được vào dự thảo của cơ quan mình.")
    if file is None:
        raise invalid("Chọn tệp cần đính kèm.", "file")
    kind = check_upload(file)
    attachment = DispatchAttachment(
        dispatch=dispatch,
        title=(title or "").strip()[:255] or file.name[:255],
        file=file,
        content_type=kind.content_type,
        size=file.size,
        uploaded_by=actor.user,
    )
    attachment.full_clean()
    attachment.save()
    record_event(
        actor=actor,
        target=dispatch,
        verb="dispatch_attachment_added",
        detail={"attachment": attachment.pk, "title": attachment.title},
    )
    return attachment


# --- sending and delivery --------------------------------------------------------------------


def next_number(issuer: Organisation, year: int) -> int:
    """Take the next number of `issuer`'s register for `year` (locks the register row), skipping
    numbers already typed in from the body's own register."""
    register, _ = Register.objects.get_or_create(organisation=issuer, year=year)
    register = Register.objects.select_for_update().get(pk=register.pk)
    number = register.last_number + 1
    used = set(
        Dispatch.objects.filter(issuer=issuer, number_year=year, number__gte=number).values_list(
            "number", flat=True
        )
    )
    while number in used:
        number += 1
    register.last_number = number
    register.save(update_fields=["last_number"])
    return number


def receivers(organisation_ids) -> dict[int, list[User]]:
    """The people who receive dispatches for each body: active users holding a working role
    there (one query whatever the number of bodies)."""
    found: dict[int, list[User]] = defaultdict(list)
    memberships = (
        Membership.objects.active()
        .filter(
            organisation_id__in=list(organisation_ids),
            role__in=policies.WORKING_ROLES,
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
        elif row.state == DispatchRecipient.State.FAILED and dispatch.created_by_id:
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
    today = timezone.localdate(now)
    if dispatch.numbering == Dispatch.Numbering.SYSTEM:
        dispatch.number_year = today.year
        dispatch.number = next_number(dispatch.issuer, today.year)
        dispatch.issued_on = today
    else:
        dispatch.issued_on = dispatch.issued_on or today
        dispatch.number_year = dispatch.issued_on.year
        _check_number_free(dispatch)
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


# --- the recipient's side --------------------------------------------------------------------


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
    if dispatch.created_by_id:
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
    ensure(mine is not None, "Chỉ cơ quan nhận công văn mới được trả lời công văn này.")
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
    if dispatch.created_by_id:
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

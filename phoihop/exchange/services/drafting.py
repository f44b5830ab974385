"""Drafting dispatches: what a draft holds, who it may go to, what it links to, its files."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from phoihop.core.actor import Actor
from phoihop.core.attachments import store_upload
from phoihop.core.audit import field_changes, record_event, snapshot
from phoihop.core.exceptions import ensure, invalid
from phoihop.core.text import fold
from phoihop.incidents.models import Incident
from phoihop.incidents.selectors import linkable_incidents
from phoihop.organisations.models import AdminUnit, Organisation
from phoihop.programmes.models import Programme, Task
from phoihop.programmes.services import current_regime

from .. import policies
from ..models import Dispatch, DispatchAttachment
from .numbering import _check_number_free

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
    attachment = store_upload(
        DispatchAttachment(dispatch=dispatch), upload=file, title=title, user=actor.user
    )
    record_event(
        actor=actor,
        target=dispatch,
        verb="dispatch_attachment_added",
        detail={"attachment": attachment.pk, "title": attachment.title},
    )
    return attachment

"""Report requests: the board's letter, its recipients within reach, issuing it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from phoihop.core import calendar
from phoihop.core.actor import Actor
from phoihop.core.audit import field_changes, record_event
from phoihop.core.exceptions import ensure, invalid
from phoihop.exchange import services as exchange
from phoihop.exchange.models import Dispatch
from phoihop.organisations.models import Organisation
from phoihop.programmes.services import current_regime

from .. import policies
from ..models import PeriodKind, ReportRequest, ReportSubmission, ReportTemplate
from .templates import default_template


def reach_path(board: Organisation) -> str:
    """The subtree a board asks for reports: its whole level (the Party committee's subtree)."""
    if board.depth > 1:
        return board.path[: board.steplen * (board.depth - 1)]
    return board.path


def recipients_by_kind(board: Organisation, kinds: list[str], on: date) -> list[Organisation]:
    """Bodies of the given kinds within the board's reach that exist on `on`."""
    return list(
        Organisation.objects.filter(path__startswith=reach_path(board), kind__in=kinds)
        .exclude(pk=board.pk)
        .active_on(on)
    )


@dataclass(frozen=True)
class RequestData:
    title: str
    letter_number: str
    letter_date: date
    period_kind: str
    period_start: date
    period_end: date
    data_cutoff: date | None = None
    deadline: date | None = None


LETTER_NUMBER = re.compile(r"^\s*0*(\d{1,6})\s*[-/]\s*(\S.*?)\s*$")


def letter_parts(letter_number: str) -> tuple[int, str]:
    """(number, symbol) of a letter's number and symbol: `310-CV/BTGTU` → (310, "CV/BTGTU"),
    the shape the exchange register keeps (FORMATS.md)."""
    match = LETTER_NUMBER.match(letter_number or "")
    if match is None or int(match.group(1)) == 0:
        raise invalid(
            "Số, ký hiệu công văn phải bắt đầu bằng số văn bản rồi đến ký hiệu, "
            "ví dụ 310-CV/BTGTU.",
            "letter_number",
        )
    return int(match.group(1)), match.group(2)


def _checked_request(board, regime, template, data: RequestData, recipients, kinds):
    """(deadline, data cut-off, recipients by id) of a valid request, or a clear refusal."""
    if template.regime_id != regime.pk:
        raise invalid("Mẫu báo cáo không thuộc quy chế đang áp dụng.", "template")
    if data.period_kind not in PeriodKind.values:
        raise invalid("Kỳ báo cáo không hợp lệ.", "period_kind")
    if not data.letter_number.strip():
        raise invalid("Nhập số, ký hiệu công văn yêu cầu (ví dụ 310-CV/BTGTU).", "letter_number")
    letter_parts(data.letter_number)
    deadline = data.deadline or calendar.add_working_days(
        data.letter_date, regime.report_due_working_days
    )
    if deadline < data.letter_date:
        raise invalid("Hạn nộp báo cáo không được trước ngày ban hành công văn.", "deadline")
    if data.period_end < data.period_start:
        raise invalid("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.", "period_end")
    cutoff = data.data_cutoff or data.period_end
    if not data.period_start <= cutoff <= max(data.period_end, data.letter_date):
        raise invalid("Ngày chốt số liệu phải nằm trong kỳ báo cáo.", "data_cutoff")
    bodies = {b.pk: b for b in recipients}
    bodies |= {b.pk: b for b in recipients_by_kind(board, list(kinds), data.letter_date)}
    if not bodies:
        raise invalid("Chọn ít nhất một cơ quan nhận yêu cầu báo cáo.", "recipients")
    reach = reach_path(board)
    for body in bodies.values():
        if body.pk == board.pk or not body.path.startswith(reach):
            raise invalid(f"«{body}» không thuộc phạm vi của {board}.", "recipients")
        if not body.is_active_on(data.letter_date):
            raise invalid(f"«{body}» không còn hoạt động vào ngày công văn.", "recipients")
    return deadline, cutoff, bodies


@transaction.atomic
def report_request_create(
    *,
    actor: Actor,
    board: Organisation,
    data: RequestData,
    recipients: Sequence[Organisation] = (),
    kinds: Sequence[str] = (),
    template: ReportTemplate | None = None,
) -> ReportRequest:
    """Draft a request from `board` to `recipients` and every body of `kinds` in its reach.
    The deadline defaults to the regime's working days after the letter's date."""
    ensure(
        policies.can_request_reports(actor, board),
        "Chỉ lãnh đạo, chuyên viên Ban được yêu cầu báo cáo.",
    )
    regime = current_regime()
    template = template or default_template(regime)
    deadline, cutoff, bodies = _checked_request(board, regime, template, data, recipients, kinds)
    request = ReportRequest(
        board=board,
        regime=regime,
        template=template,
        title=data.title.strip(),
        letter_number=data.letter_number.strip(),
        letter_date=data.letter_date,
        period_kind=data.period_kind,
        period_start=data.period_start,
        period_end=data.period_end,
        data_cutoff=cutoff,
        deadline=deadline,
        created_by=actor.user,
    )
    request.full_clean()
    request.save()
    ReportSubmission.objects.bulk_create(
        ReportSubmission(request=request, organisation=body, organisation_path=body.path)
        for body in sorted(bodies.values(), key=lambda b: b.path)
    )
    record_event(
        actor=actor, target=request, verb="report_request_created", detail={"to": list(bodies)}
    )
    return request


@transaction.atomic
def report_request_update(
    *,
    actor: Actor,
    request: ReportRequest,
    data: RequestData,
    recipients: Sequence[Organisation] = (),
    kinds: Sequence[str] = (),
) -> ReportRequest:
    """Correct a draft: its letter, period, deadline and recipients (nothing is written yet)."""
    ensure(
        policies.can_edit_request(actor, request),
        "Chỉ Ban sửa được yêu cầu báo cáo khi còn là dự thảo.",
    )
    deadline, cutoff, bodies = _checked_request(
        request.board, request.regime, request.template, data, recipients, kinds
    )
    before = {f: getattr(request, f) for f in ("letter_number", "letter_date", "deadline")}
    for name in ("title", "letter_number"):
        setattr(request, name, getattr(data, name).strip())
    for name in ("letter_date", "period_kind", "period_start", "period_end"):
        setattr(request, name, getattr(data, name))
    request.data_cutoff, request.deadline = cutoff, deadline
    request.full_clean()
    request.save()
    kept = set(request.submissions.values_list("organisation_id", flat=True))
    request.submissions.exclude(organisation_id__in=list(bodies)).delete()
    ReportSubmission.objects.bulk_create(
        ReportSubmission(request=request, organisation=body, organisation_path=body.path)
        for body in sorted(bodies.values(), key=lambda b: b.path)
        if body.pk not in kept
    )
    record_event(
        actor=actor,
        target=request,
        verb="report_request_updated",
        changes=field_changes(request, before, list(before)),
        detail={"to": list(bodies)},
    )
    return request


def _letter_dispatch(actor: Actor, request: ReportRequest) -> Dispatch:
    """The request letter as an exchange dispatch from the board to every recipient, with the
    letter's own number (mirrored from the board's register) and date, sent at once."""
    number, symbol = letter_parts(request.letter_number)
    today = timezone.localdate()
    recipients = [s.organisation for s in request.submissions.select_related("organisation")]
    dispatch = exchange.dispatch_create(
        actor=actor,
        issuer=request.board,
        data=exchange.DispatchData(
            summary=request.title,
            kind=Dispatch.Kind.REPORT_REQUEST,
            body=(
                f"Đề nghị các cơ quan báo cáo {request.period_label} (số liệu tính đến ngày "
                f"{request.data_cutoff:%d/%m/%Y}), gửi về {request.board.name} trước ngày "
                f"{request.deadline:%d/%m/%Y}."
            ),
            numbering=Dispatch.Numbering.MIRRORED,
            number=number,
            symbol=symbol,
            issued_on=request.letter_date,
            reply_working_days=min(
                max(calendar.working_days_between(today, request.deadline), 1), 60
            ),
            addressees=recipients,
        ),
    )
    exchange.dispatch_send(actor=actor, dispatch=dispatch)
    dispatch.refresh_from_db()
    return dispatch


@transaction.atomic
def report_request_issue(*, actor: Actor, request: ReportRequest) -> ReportRequest:
    """Issue the letter: it goes out as a dispatch (delivery, read, acknowledgement per
    recipient), recipients are told and may start writing. All or nothing."""
    ensure(
        policies.can_issue_request(actor, request),
        "Chỉ lãnh đạo Ban ban hành yêu cầu báo cáo khi còn là dự thảo.",
    )
    request.issue()
    request.dispatch = _letter_dispatch(actor, request)
    request.save(update_fields=["state", "dispatch"])
    record_event(
        actor=actor,
        target=request,
        verb="report_request_issued",
        detail={"dispatch": request.dispatch.pk},
    )
    from ..reminders import notify_request_issued

    transaction.on_commit(lambda: notify_request_issued(request.pk))
    return request

"""Every write to report templates, requests, submissions and consolidations."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed

from phoihop.core import calendar
from phoihop.core.actor import Actor
from phoihop.core.audit import field_changes, record_event
from phoihop.core.exceptions import ensure, invalid
from phoihop.core.plugins import report_figures
from phoihop.organisations.models import Lineage, Organisation
from phoihop.programmes.models import Programme, ProgrammeParty, Regime
from phoihop.programmes.services import current_regime

from . import policies
from .models import (
    Consolidation,
    PeriodKind,
    ReportRequest,
    ReportSubmission,
    ReportTemplate,
    ReportText,
)

PLACEHOLDERS = {
    "request_number": "số, ký hiệu công văn yêu cầu",
    "request_date": "ngày công văn yêu cầu",
    "board": "tên Ban yêu cầu",
    "organisation": "tên cơ quan báo cáo",
    "period": "kỳ báo cáo",
    "programme": "tên chương trình phối hợp",
    "regime_code": "số hiệu quy chế",
    "cutoff": "ngày chốt số liệu",
}


# --- templates ----------------------------------------------------------------------------------
def check_placeholders(text: str, field: str) -> None:
    """Refuse text whose {placeholders} are unknown or broken ("{period", "{board}}")."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as error:
        raise invalid(
            f"Mẫu có chỗ điền bị hỏng (thiếu hoặc thừa dấu ngoặc nhọn): {error}.", field
        ) from error
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            known = ", ".join("{" + key + "}" for key in PLACEHOLDERS)
            raise invalid(f"Chỗ điền «{{{name}}}» không có trong mẫu. Dùng được: {known}.", field)


def default_template(regime: Regime) -> ReportTemplate:
    """The regime's default report template, created with the standard wording if missing."""
    template = regime.report_templates.filter(is_default=True).first()
    if template is None:
        template = ReportTemplate.objects.create(
            regime=regime, name=f"Báo cáo định kỳ theo {regime.code}", is_default=True
        )
    return template


@transaction.atomic
def template_update(
    *, actor: Actor, template: ReportTemplate, summary: str, opening: str, closing: str
) -> ReportTemplate:
    ensure(actor.sees_everything, "Chỉ quản trị hệ thống được sửa mẫu báo cáo.")
    for field, text in (("summary", summary), ("opening", opening), ("closing", closing)):
        check_placeholders(text, field)
    template.summary, template.opening, template.closing = summary, opening, closing
    template.full_clean()
    template.save()
    record_event(actor=actor, target=template, verb="report_template_updated")
    return template


def fill(text: str, values: dict[str, str]) -> str:
    return " ".join(text.format_map(values).split()) if text else ""


# --- requests ----------------------------------------------------------------------------------
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


def _checked_request(board, regime, template, data: RequestData, recipients, kinds):
    """(deadline, data cut-off, recipients by id) of a valid request, or a clear refusal."""
    if template.regime_id != regime.pk:
        raise invalid("Mẫu báo cáo không thuộc quy chế đang áp dụng.", "template")
    if data.period_kind not in PeriodKind.values:
        raise invalid("Kỳ báo cáo không hợp lệ.", "period_kind")
    if not data.letter_number.strip():
        raise invalid("Nhập số, ký hiệu công văn yêu cầu (ví dụ 310-CV/BTGTU).", "letter_number")
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
    recipients: list[Organisation] = (),
    kinds: list[str] = (),
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
    recipients: list[Organisation] = (),
    kinds: list[str] = (),
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


@transaction.atomic
def report_request_issue(*, actor: Actor, request: ReportRequest) -> ReportRequest:
    """Issue the letter: recipients are told and may start writing."""
    ensure(
        policies.can_issue_request(actor, request),
        "Chỉ lãnh đạo Ban ban hành yêu cầu báo cáo khi còn là dự thảo.",
    )
    request.issue()
    request.save(update_fields=["state"])
    record_event(actor=actor, target=request, verb="report_request_issued")
    from .reminders import notify_request_issued

    transaction.on_commit(lambda: notify_request_issued(request.pk))
    return request


# --- submissions -------------------------------------------------------------------------------
def _values(submission: ReportSubmission) -> dict[str, str]:
    request = submission.request
    party = (
        ProgrammeParty.objects.filter(
            organisation__path__in=_ancestor_paths(submission.organisation),
            programme__board=request.board,
            programme__state__in=Programme.OPEN_STATES,
        )
        .select_related("programme")
        .order_by("-programme__start")
        .first()
    )
    programme = party.programme.title if party else "Chương trình phối hợp"
    return {
        "request_number": request.letter_number,
        "request_date": f"{request.letter_date:%d/%m/%Y}",
        "board": request.board.name,
        "organisation": submission.organisation.name,
        "period": request.period_label,
        "programme": programme,
        "regime_code": request.regime.code,
        "cutoff": f"{request.data_cutoff:%d/%m/%Y}",
    }


def _ancestor_paths(organisation: Organisation) -> list[str]:
    step = organisation.steplen
    return [organisation.path[:n] for n in range(step, len(organisation.path) + 1, step)]


def figure_rows(figures) -> list[dict]:
    return [
        {"key": f.key, "label": f.label, "value": f.value, "section": f.section} for f in figures
    ]


def sentences(figures, section: str) -> str:
    return "\n".join(f"- {f.sentence}" for f in figures if f.section == section and f.sentence)


def previous_submission(submission: ReportSubmission) -> ReportSubmission | None:
    """The body's latest delivered report for an earlier period."""
    return (
        ReportSubmission.objects.filter(
            organisation=submission.organisation,
            state__in=ReportSubmission.DELIVERED_STATES,
            request__period_end__lt=submission.request.period_start,
        )
        .order_by("-request__period_end", "-pk")
        .first()
    )


COPIED_FROM_PREVIOUS = ["strengths", "limitations", "priorities", "recipients"]


def prefill(submission: ReportSubmission) -> None:
    """Fill an empty submission from the template, the system's figures for the body's subtree
    and the period, and the body's previous report (flagged where stale)."""
    request = submission.request
    values = _values(submission)
    template = request.template
    figures = report_figures(
        path=submission.organisation.path, start=request.period_start, end=request.data_cutoff
    )
    submission.summary = fill(template.summary, values)
    submission.opening = fill(template.opening, values)
    submission.closing = fill(template.closing, values)
    submission.figures = figure_rows(figures)
    submission.regular_results = sentences(figures, "regular")
    submission.issue_results = sentences(figures, "issue")
    submission.recipients = f"{request.board.name} (để tổng hợp)"
    previous = previous_submission(submission)
    if previous is not None:
        submission.prefilled_from = previous
        for name in COPIED_FROM_PREVIOUS + ReportText.SIGNATURE_FIELDS:
            setattr(submission, name, getattr(previous, name))
    elif not submission.authority:
        submission.authority = "TM."
        submission.signing_body = submission.organisation.short_name or submission.organisation.name
    submission.stale_flags = stale_passages(submission, request)


YEAR_RANGE = re.compile(r"\b((?:19|20)\d{2})\s*[–—-]\s*((?:19|20)\d{2})\b")
YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\b")
CHECKED_FIELDS = [
    "regular_results",
    "issue_results",
    "strengths",
    "limitations",
    "priorities",
]


def stale_passages(report: ReportText, request: ReportRequest) -> list[dict]:
    """Lines that mention a year outside the period or a date before it: likely copied from an
    earlier report. A range of years containing the period ("2022–2026") is current."""
    years = set(range(request.period_start.year, request.period_end.year + 1))
    flags = []
    for name in CHECKED_FIELDS:
        label = str(ReportSubmission._meta.get_field(name).verbose_name)
        for line in (getattr(report, name) or "").splitlines():
            found = _stale_in(line, years, request.period_start)
            if found:
                flags.append({"field": name, "label": label, "text": line.strip()[:300], **found})
    return flags


def _stale_in(line: str, years: set[int], start: date) -> dict | None:
    for match in DATE.finditer(line):
        day, month, year = (int(g) for g in match.groups())
        try:
            when = date(year, month, day)
        except ValueError:
            continue
        if when < start:
            return {
                "found": match.group(0),
                "reason": f"Ngày {match.group(0)} trước kỳ báo cáo (từ {start:%d/%m/%Y}).",
            }
    rest = line
    for match in YEAR_RANGE.finditer(line):
        low, high = int(match.group(1)), int(match.group(2))
        if any(low <= year <= high for year in years):
            rest = rest.replace(match.group(0), " ")
    rest = DATE.sub(" ", rest)
    for match in YEAR.finditer(rest):
        if int(match.group(1)) not in years:
            period = ", ".join(str(y) for y in sorted(years))
            return {
                "found": match.group(1),
                "reason": f"Năm {match.group(1)} khác năm của kỳ báo cáo ({period}).",
            }
    return None


def _ensure_writable(actor: Actor, submission: ReportSubmission) -> None:
    ensure(
        policies.can_write(actor, submission),
        "Chỉ cơ quan được yêu cầu soạn báo cáo, khi báo cáo chưa trình ký hoặc bị trả lại.",
    )


def _collecting(request: ReportRequest) -> None:
    if request.state == ReportRequest.State.ISSUED:
        request.start_collecting()
        request.save(update_fields=["state"])


@transaction.atomic
def report_submission_start(*, actor: Actor, submission: ReportSubmission) -> ReportSubmission:
    """Begin (or resume after a return): pre-fill a report never started, then draft."""
    _ensure_writable(actor, submission)
    if submission.state == ReportSubmission.State.NOT_STARTED:
        prefill(submission)
    if can_proceed(submission.start):
        submission.start()
    submission.save()
    _collecting(submission.request)
    record_event(actor=actor, target=submission, verb="report_submission_started")
    return submission


EDITABLE_FIELDS = [*ReportText.TEXT_FIELDS, *ReportText.SIGNATURE_FIELDS]


@transaction.atomic
def report_submission_update(
    *, actor: Actor, submission: ReportSubmission, **values
) -> ReportSubmission:
    """Save the editor's text; the stale passages are checked again."""
    _ensure_writable(actor, submission)
    if submission.state != ReportSubmission.State.DRAFTING:
        raise invalid("Bấm «Bắt đầu soạn» trước khi sửa báo cáo.")
    for name, value in values.items():
        if name not in EDITABLE_FIELDS:
            raise invalid(f"Không sửa được trường {name}.")
        setattr(submission, name, (value or "").strip())
    flags = stale_passages(submission, submission.request)
    if flags != submission.stale_flags:
        submission.stale_acknowledged = False
    submission.stale_flags = flags
    submission.full_clean()
    submission.save()
    record_event(actor=actor, target=submission, verb="report_submission_updated")
    return submission


@transaction.atomic
def report_submission_acknowledge_stale(
    *, actor: Actor, submission: ReportSubmission
) -> ReportSubmission:
    """The writer has checked the flagged passages and keeps them as they are."""
    _ensure_writable(actor, submission)
    submission.stale_acknowledged = True
    submission.save(update_fields=["stale_acknowledged"])
    record_event(
        actor=actor,
        target=submission,
        verb="report_stale_acknowledged",
        detail={"flags": len(submission.stale_flags)},
    )
    return submission


def _check_stale(submission: ReportSubmission) -> None:
    if submission.stale_flags and not submission.stale_acknowledged:
        raise invalid(
            f"Báo cáo còn {len(submission.stale_flags)} đoạn có năm hoặc ngày cũ cần rà soát. "
            "Sửa các đoạn đó, hoặc xác nhận đã rà soát, trước khi gửi."
        )


STEPS = {
    "review": ("send_for_review", "Trình lãnh đạo"),
    "redraft": ("back_to_drafting", "Sửa tiếp"),
}


@transaction.atomic
def report_submission_advance(
    *, actor: Actor, submission: ReportSubmission, action: str
) -> ReportSubmission:
    if action not in STEPS:
        raise invalid("Thao tác không hợp lệ.")
    method, label = STEPS[action]
    ensure(policies.can_advance(actor, submission), "Chỉ cơ quan báo cáo được thao tác này.")
    if not can_proceed(getattr(submission, method)):
        raise invalid(
            f"Không thể «{label.lower()}» khi báo cáo ở trạng thái "
            f"«{submission.get_state_display().lower()}»."
        )
    if action == "review":
        _check_stale(submission)
    before = submission.state
    getattr(submission, method)()
    submission.save(update_fields=["state"])
    record_event(
        actor=actor,
        target=submission,
        verb=f"report_submission_{action}",
        changes={"state": [before, submission.state]},
    )
    return submission


@transaction.atomic
def report_submission_sign(
    *, actor: Actor, submission: ReportSubmission, number: str, signed_on: date | None
) -> ReportSubmission:
    """Record the signature: the body's own number and the date it was signed."""
    ensure(policies.can_sign(actor, submission), "Chỉ cơ quan báo cáo ghi nhận việc ký.")
    if not (number or "").strip():
        raise invalid("Nhập số, ký hiệu của báo cáo (ví dụ 05/BC-HĐND).", "number")
    if signed_on is None:
        raise invalid("Nhập ngày ký báo cáo.", "signed_on")
    if signed_on < submission.request.letter_date:
        raise invalid("Ngày ký không được trước ngày của công văn yêu cầu.", "signed_on")
    if not can_proceed(submission.sign):
        raise invalid("Chỉ ghi nhận ký khi báo cáo đang trình lãnh đạo.")
    if not submission.signatory_name.strip():
        raise invalid("Nhập họ tên người ký trong khối chữ ký.", "signatory_name")
    submission.number, submission.signed_on = number.strip(), signed_on
    submission.sign()
    submission.full_clean()
    submission.save()
    record_event(actor=actor, target=submission, verb="report_submission_signed")
    return submission


@transaction.atomic
def report_submission_submit(
    *, actor: Actor, submission: ReportSubmission, today: date | None = None
) -> ReportSubmission:
    """Send the signed report to the board. The first submission date decides timeliness."""
    ensure(policies.can_advance(actor, submission), "Chỉ cơ quan báo cáo được gửi báo cáo.")
    if not submission.number.strip() or submission.signed_on is None:
        raise invalid("Báo cáo chưa có số, ký hiệu và ngày ký nên chưa gửi được.", "number")
    _check_stale(submission)
    if not can_proceed(submission.submit):
        raise invalid(
            "Chỉ gửi được báo cáo đã ký (trạng thái hiện tại: "
            f"«{submission.get_state_display().lower()}»)."
        )
    submission.submit()
    submission.submitted_at = timezone.now()
    if submission.first_submitted_on is None:
        submission.first_submitted_on = today or timezone.localdate()
    submission.return_reason = ""
    submission.save()
    _collecting(submission.request)
    record_event(actor=actor, target=submission, verb="report_submission_submitted")
    return submission


@transaction.atomic
def report_submission_accept(*, actor: Actor, submission: ReportSubmission) -> ReportSubmission:
    ensure(
        policies.can_review(actor, submission.request), "Chỉ Ban yêu cầu được tiếp nhận báo cáo."
    )
    if not can_proceed(submission.accept):
        raise invalid("Chỉ tiếp nhận được báo cáo đã gửi.")
    submission.accept()
    submission.accepted_at = timezone.now()
    submission.save(update_fields=["state", "accepted_at"])
    record_event(actor=actor, target=submission, verb="report_submission_accepted")
    return submission


@transaction.atomic
def report_submission_return(
    *, actor: Actor, submission: ReportSubmission, reason: str
) -> ReportSubmission:
    """Send the report back with a reason; the body drafts again and resubmits."""
    ensure(policies.can_review(actor, submission.request), "Chỉ Ban yêu cầu được trả lại báo cáo.")
    if not (reason or "").strip():
        raise invalid("Nêu lý do trả lại báo cáo.", "reason")
    if not can_proceed(submission.return_):
        raise invalid("Chỉ trả lại được báo cáo đã gửi.")
    submission.return_()
    submission.return_reason = reason.strip()
    submission.save(update_fields=["state", "return_reason"])
    record_event(
        actor=actor, target=submission, verb="report_submission_returned", detail={"reason": reason}
    )
    from .reminders import notify_returned

    transaction.on_commit(lambda: notify_returned(submission.pk))
    return submission


# --- consolidation -----------------------------------------------------------------------------
def expected_ids(request: ReportRequest, bodies: dict[int, tuple]) -> set[int]:
    """Of the bodies asked (id → (valid_from, valid_to)), those that count: bodies that existed
    when the letter was issued and during the period, less a body merged away before the
    deadline whose successor was asked too (counted once, there)."""
    ended = [pk for pk, (_, valid_to) in bodies.items() if valid_to is not None]
    carried = set()
    if ended:
        carried = set(
            Lineage.objects.filter(
                predecessor_id__in=ended,
                successor_id__in=list(bodies),
                carries_records=True,
                effective__lte=request.deadline,
            ).values_list("predecessor_id", flat=True)
        )
    day, start = request.letter_date, request.period_start
    return {
        pk
        for pk, (valid_from, valid_to) in bodies.items()
        if (valid_from is None or valid_from <= day)
        and (valid_to is None or valid_to >= max(day, start))
        and pk not in carried
    }


def expected_submissions(request: ReportRequest, submissions=None) -> list[ReportSubmission]:
    """The submissions that count (see `expected_ids`)."""
    submissions = list(
        submissions
        if submissions is not None
        else request.submissions.select_related("organisation")
    )
    ids = expected_ids(
        request,
        {
            s.organisation_id: (s.organisation.valid_from, s.organisation.valid_to)
            for s in submissions
        },
    )
    return [s for s in submissions if s.organisation_id in ids]


@transaction.atomic
def report_request_consolidate(*, actor: Actor, request: ReportRequest) -> Consolidation:
    """Draft the board's consolidated report from the accepted submissions and the statistics
    of its whole subtree; it lists who did not report."""
    ensure(policies.can_review(actor, request), "Chỉ Ban yêu cầu được tổng hợp báo cáo.")
    submissions = expected_submissions(request)
    accepted = [s for s in submissions if s.state == ReportSubmission.State.ACCEPTED]
    if not accepted:
        raise invalid("Chưa có báo cáo nào được tiếp nhận nên chưa tổng hợp được.")
    missing = [s.organisation.name for s in submissions if s.first_submitted_on is None]
    board = request.board
    figures = report_figures(
        path=reach_path(board), start=request.period_start, end=request.data_cutoff
    )
    values = {
        "request_number": request.letter_number,
        "request_date": f"{request.letter_date:%d/%m/%Y}",
        "board": board.name,
        "organisation": board.name,
        "period": request.period_label,
        "programme": "các chương trình phối hợp",
        "regime_code": request.regime.code,
        "cutoff": f"{request.data_cutoff:%d/%m/%Y}",
    }
    delivered = len([s for s in submissions if s.first_submitted_on is not None])
    on_time = len([s for s in submissions if s.on_time])
    opening = (
        f"Thực hiện Công văn số {request.letter_number} ngày {request.letter_date:%d/%m/%Y} "
        f"của {board.name} về việc báo cáo {request.period_label}, đến ngày "
        f"{timezone.localdate():%d/%m/%Y} đã nhận {delivered}/{len(submissions)} báo cáo "
        f"({on_time} báo cáo đúng hạn). {board.name} tổng hợp kết quả như sau:"
    )
    regular = [sentences(figures, "regular")]
    issue = [sentences(figures, "issue")]
    sections = {"regular": {}, "issue": {}, "strengths": {}, "limitations": {}}
    fields = {
        "regular": "regular_results",
        "issue": "issue_results",
        "strengths": "strengths",
        "limitations": "limitations",
    }
    priorities = []
    for submission in accepted:
        name = submission.organisation.name
        for section, field_name in fields.items():
            if first := _first_line(getattr(submission, field_name)):
                sections[section].setdefault(first, []).append(name)
        for line in submission.priorities.splitlines():
            line = re.sub(r"^\s*(?:[-+•]|\d+[.)])\s*", "", line).strip()
            if line and line not in priorities:
                priorities.append(line)
    # The same sentence from several bodies is written once, naming them all.
    grouped = {
        section: [
            f"- {names[0]}: {text}" if len(names) == 1 else f"- {text} ({'; '.join(names)})"
            for text, names in texts.items()
        ]
        for section, texts in sections.items()
    }
    regular += grouped["regular"]
    issue += grouped["issue"]
    strengths, limitations = grouped["strengths"], grouped["limitations"]
    if missing:
        limitations.append(f"- Chưa gửi báo cáo: {'; '.join(missing)}.")
    consolidation, _ = Consolidation.objects.get_or_create(request=request)
    consolidation.summary = fill(request.template.summary, values)
    consolidation.opening = opening
    consolidation.regular_results = "\n".join(p for p in regular if p)
    consolidation.issue_results = "\n".join(p for p in issue if p)
    consolidation.strengths = "\n".join(strengths)
    consolidation.limitations = "\n".join(limitations)
    consolidation.priorities = "\n".join(priorities)
    consolidation.closing = f"Trên đây là báo cáo tổng hợp {request.period_label} của {board.name}."
    parent = Organisation.objects.get_parent(board)
    consolidation.recipients = f"Thường trực {parent.name} (để báo cáo)" if parent else ""
    consolidation.figures = [
        *figure_rows(figures),
        {
            "key": "request.expected",
            "label": "Cơ quan được yêu cầu báo cáo",
            "value": len(submissions),
        },
        {"key": "request.delivered", "label": "Báo cáo đã nhận", "value": delivered},
        {"key": "request.on_time", "label": "Báo cáo nộp đúng hạn", "value": on_time},
    ]
    consolidation.missing = missing
    if not consolidation.authority:
        consolidation.authority, consolidation.head_title = "KT.", "Trưởng ban"
        consolidation.signatory_title = "Phó Trưởng ban"
    consolidation.full_clean()
    consolidation.save()
    request.consolidate()
    request.save(update_fields=["state"])
    record_event(
        actor=actor,
        target=request,
        verb="report_request_consolidated",
        detail={"accepted": len(accepted), "missing": len(missing)},
    )
    return consolidation


def _first_line(text: str) -> str:
    for line in (text or "").splitlines():
        line = re.sub(r"^\s*[-+•]\s*", "", line).strip()
        if line:
            return line
    return ""


@transaction.atomic
def consolidation_update(*, actor: Actor, consolidation: Consolidation, **values) -> Consolidation:
    ensure(
        policies.can_edit_consolidation(actor, consolidation.request) and not consolidation.issued,
        "Chỉ Ban sửa được báo cáo tổng hợp trước khi ban hành.",
    )
    for name, value in values.items():
        if name not in [*EDITABLE_FIELDS, "number", "signed_on"]:
            raise invalid(f"Không sửa được trường {name}.")
        setattr(consolidation, name, value.strip() if isinstance(value, str) else value)
    consolidation.full_clean()
    consolidation.save()
    record_event(actor=actor, target=consolidation.request, verb="consolidation_updated")
    return consolidation


@transaction.atomic
def consolidation_issue(*, actor: Actor, consolidation: Consolidation) -> Consolidation:
    request = consolidation.request
    ensure(
        policies.can_close_request(actor, request), "Chỉ lãnh đạo Ban ban hành báo cáo tổng hợp."
    )
    if not consolidation.number.strip() or consolidation.signed_on is None:
        raise invalid("Báo cáo tổng hợp chưa có số, ký hiệu và ngày ký.", "number")
    consolidation.issued = True
    consolidation.save(update_fields=["issued"])
    request.close()
    request.save(update_fields=["state"])
    record_event(actor=actor, target=request, verb="consolidation_issued")
    return consolidation

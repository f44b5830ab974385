"""The board's consolidated report: drafted from the accepted submissions and the subtree's
figures, edited, issued."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone

from phoihop.core.actor import Actor
from phoihop.core.audit import record_event
from phoihop.core.exceptions import ensure, invalid
from phoihop.core.plugins import report_figures
from phoihop.organisations.models import Organisation

from .. import policies
from ..models import Consolidation, ReportRequest, ReportSubmission
from .completeness import expected_submissions
from .drafting import figure_rows, sentences
from .requests import reach_path
from .submissions import EDITABLE_FIELDS
from .templates import fill, template_values

SECTION_FIELDS = ["regular_results", "issue_results", "strengths", "limitations"]


def _grouped_first_lines(accepted: list[ReportSubmission]) -> dict[str, list[str]]:
    """Per section, the first line of each accepted report; the same sentence from several
    bodies is written once, naming them all."""
    sections: dict[str, dict[str, list[str]]] = {name: {} for name in SECTION_FIELDS}
    for submission in accepted:
        for name in SECTION_FIELDS:
            if first := _first_line(getattr(submission, name)):
                sections[name].setdefault(first, []).append(submission.organisation.name)
    return {
        name: [
            f"- {names[0]}: {text}" if len(names) == 1 else f"- {text} ({'; '.join(names)})"
            for text, names in texts.items()
        ]
        for name, texts in sections.items()
    }


def _priorities(accepted: list[ReportSubmission]) -> list[str]:
    """The union of the accepted reports' priorities, numbering and bullets removed."""
    priorities: list[str] = []
    for submission in accepted:
        for line in submission.priorities.splitlines():
            line = re.sub(r"^\s*(?:[-+•]|\d+[.)])\s*", "", line).strip()
            if line and line not in priorities:
                priorities.append(line)
    return priorities


def _first_line(text: str) -> str:
    for line in (text or "").splitlines():
        line = re.sub(r"^\s*[-+•]\s*", "", line).strip()
        if line:
            return line
    return ""


def _joined(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def _draft(consolidation: Consolidation, submissions: list[ReportSubmission]) -> None:
    """Write the consolidated text of `consolidation` from the expected `submissions`."""
    request, board = consolidation.request, consolidation.request.board
    accepted = [s for s in submissions if s.state == ReportSubmission.State.ACCEPTED]
    missing = [s.organisation.name for s in submissions if s.first_submitted_on is None]
    delivered = len(submissions) - len(missing)
    on_time = len([s for s in submissions if s.on_time])
    figures = report_figures(
        path=reach_path(board), start=request.period_start, end=request.data_cutoff
    )
    values = template_values(
        request, organisation=board.name, programme="các chương trình phối hợp"
    )
    grouped = _grouped_first_lines(accepted)
    if missing:
        grouped["limitations"].append(f"- Chưa gửi báo cáo: {'; '.join(missing)}.")
    consolidation.summary = fill(request.template.summary, values)
    consolidation.opening = (
        f"Thực hiện Công văn số {request.letter_number} ngày {request.letter_date:%d/%m/%Y} "
        f"của {board.name} về việc báo cáo {request.period_label}, đến ngày "
        f"{timezone.localdate():%d/%m/%Y} đã nhận {delivered}/{len(submissions)} báo cáo "
        f"({on_time} báo cáo đúng hạn). {board.name} tổng hợp kết quả như sau:"
    )
    consolidation.regular_results = _joined(
        sentences(figures, "regular"), *grouped["regular_results"]
    )
    consolidation.issue_results = _joined(sentences(figures, "issue"), *grouped["issue_results"])
    consolidation.strengths = _joined(*grouped["strengths"])
    consolidation.limitations = _joined(*grouped["limitations"])
    consolidation.priorities = _joined(*_priorities(accepted))
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


@transaction.atomic
def report_request_consolidate(*, actor: Actor, request: ReportRequest) -> Consolidation:
    """Draft the board's consolidated report from the accepted submissions and the statistics
    of its whole subtree; it lists who did not report."""
    ensure(policies.can_review(actor, request), "Chỉ Ban yêu cầu được tổng hợp báo cáo.")
    submissions = expected_submissions(request)
    accepted = [s for s in submissions if s.state == ReportSubmission.State.ACCEPTED]
    if not accepted:
        raise invalid("Chưa có báo cáo nào được tiếp nhận nên chưa tổng hợp được.")
    consolidation, _ = Consolidation.objects.get_or_create(request=request)
    _draft(consolidation, submissions)
    consolidation.full_clean()
    consolidation.save()
    request.consolidate()
    request.save(update_fields=["state"])
    record_event(
        actor=actor,
        target=request,
        verb="report_request_consolidated",
        detail={"accepted": len(accepted), "missing": len(consolidation.missing)},
    )
    return consolidation


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

"""A report (a body's submission or the board's consolidation) as an official document.

The seed report's shape (PRODUCT.md): the issuer's header in its own format (state ND30 for a
council or committee, Party HD36 for a board); "BÁO CÁO" and the summary; the opening citing
the requesting letter; I. assessment — 1. results (1.1 regular contents, 1.2 prominent issues,
with the statistics table), 2. overall (2.1 strengths, 2.2 limitations and causes); II. priority
tasks, numbered; the closing formula ending "./."; then, side by side as ND30 lays them out,
"Nơi nhận" (ending "- Lưu: VT.") on the left and the signature block on the right.
"""

from __future__ import annotations

import re
from copy import deepcopy

from docx.oxml.ns import qn

from phoihop.organisations.models import Organisation
from phoihop.reports.models import Consolidation, ReportSubmission, ReportText

from .docx import OfficialDocument
from .issuer import Issuer, Signer

HEADINGS = {
    "assessment": "I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN",
    "results": "1. Kết quả đạt được",
    "regular": "1.1. Kết quả thực hiện các nội dung phối hợp thường xuyên",
    "issue": "1.2. Kết quả phối hợp giải quyết các vấn đề nổi cộm, được dư luận quan tâm",
    "overall": "2. Đánh giá chung",
    "strengths": "2.1. Ưu điểm",
    "limitations": "2.2. Hạn chế và nguyên nhân",
    "priorities": "II. NHIỆM VỤ TRỌNG TÂM KỲ TỚI",
    "figures": "Một số số liệu chủ yếu (tính đến ngày {cutoff}):",
}
FIGURES_HEADER = ["STT", "Chỉ tiêu", "Số liệu"]
FIGURES_WIDTHS_CM = [1.5, 11.0, 3.0]
FIGURES_ALIGNS = ["center", "left", "center"]
EMPTY = "Không có."


def render_submission_docx(submission: ReportSubmission) -> bytes:
    request = submission.request
    return render_report_docx(
        submission.organisation, submission, headings=request.template.headings, request=request
    )


ANNEX_HEADER = ["STT", "Cơ quan", "Số, ngày báo cáo", "Ngày gửi", "Đánh giá"]
ANNEX_WIDTHS_CM = [1.3, 6.7, 3.5, 2.5, 2.5]
ANNEX_ALIGNS = ["center", "left", "left", "center", "left"]


def render_consolidation_docx(consolidation: Consolidation) -> bytes:
    """The consolidated report, with an annex: every body asked and how it reported."""
    from phoihop.reports.selectors import STATUS_LABELS, completeness

    request = consolidation.request
    result = completeness(request)

    def annex(doc: OfficialDocument) -> None:
        doc.page_break()
        doc.line(doc.document, "PHỤ LỤC", bold=True)
        doc.line(doc.document, "TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC CƠ QUAN", bold=True)
        doc.line(
            doc.document,
            f"(Kèm theo báo cáo tổng hợp {request.period_label}; {result.delivered}/"
            f"{result.expected} cơ quan đã gửi, {result.counts['on_time']} đúng hạn)",
            italic=True,
        )
        doc.spacer(8)
        fast_table(
            doc,
            ANNEX_HEADER,
            [
                [
                    str(number),
                    submission.organisation.name,
                    _reference(submission),
                    f"{submission.first_submitted_on:%d/%m/%Y}"
                    if submission.first_submitted_on
                    else "",
                    STATUS_LABELS[status],
                ]
                for number, (submission, status) in enumerate(result.rows, start=1)
            ],
            ANNEX_WIDTHS_CM,
            ANNEX_ALIGNS,
        )

    return render_report_docx(
        request.board,
        consolidation,
        headings=request.template.headings,
        request=request,
        annex=annex,
    )


def fast_table(doc: OfficialDocument, header, rows: list[list[str]], widths_cm, aligns):
    """`doc.table` for long tables: the first row is built and styled by `doc.table`, every
    other row is a copy of it with its texts replaced, appended in one step — the same XML as
    `doc.table` writes, without python-docx's per-row insertion and styling (which grows
    quadratically with the table)."""
    table = doc.table(header, rows[:1], widths_cm, aligns=aligns)
    if len(rows) < 2:
        return table
    model = table.rows[1]._tr
    cells = model.findall(qn("w:tc"))
    texts = [cell.find(f".//{qn('w:t')}") for cell in cells]
    if any(t is None for t in texts):  # an empty first cell has no text node to reuse
        for values in rows[1:]:
            for cell, text in zip(table.add_row().cells, values, strict=True):
                doc.line(cell, text, size=12, first=True)
        return table
    tbl = table._tbl
    for values in rows[1:]:
        row = deepcopy(model)
        for cell, text in zip(row.findall(qn("w:tc")), values, strict=True):
            cell.find(f".//{qn('w:t')}").text = text
        tbl.append(row)
    return table


def _reference(submission: ReportSubmission) -> str:
    if not submission.number:
        return ""
    when = f" ngày {submission.signed_on:%d/%m/%Y}" if submission.signed_on else ""
    return f"{submission.number}{when}"


def render_report_docx(
    organisation: Organisation, report: ReportText, *, headings, request, annex=None
):
    organisation = Organisation.objects.select_related("admin_unit", "province").get(
        pk=organisation.pk
    )
    issuer = Issuer(organisation, day=report.signed_on)
    number = issuer.profile.number(report.number, type_code="BC", symbol=organisation.symbol)
    titles = HEADINGS | (headings or {})
    doc = OfficialDocument(issuer.profile)
    doc.header([issuer.issuer_block(number)])
    doc.title("BÁO CÁO", report.summary)
    doc.body(report.opening or EMPTY)
    doc.heading(titles["assessment"])
    doc.heading(titles["results"])
    doc.heading(titles["regular"])
    doc.body(report.regular_results or EMPTY)
    doc.heading(titles["issue"])
    doc.body(report.issue_results or EMPTY)
    figures = [row for row in report.figures if row.get("label")]
    if figures:
        doc.body(titles["figures"].format(cutoff=f"{request.data_cutoff:%d/%m/%Y}"), italic=True)
        doc.table(
            FIGURES_HEADER,
            (
                [str(number), str(row["label"]), _value(row["value"])]
                for number, row in enumerate(figures, start=1)
            ),
            FIGURES_WIDTHS_CM,
            aligns=FIGURES_ALIGNS,
        )
        doc.spacer(6)
    doc.heading(titles["overall"])
    doc.heading(titles["strengths"])
    doc.body(report.strengths or EMPTY)
    doc.heading(titles["limitations"])
    doc.body(report.limitations or EMPTY)
    doc.heading(titles["priorities"])
    priorities = [_unnumbered(line) for line in report.priorities.splitlines() if line.strip()]
    for number, line in enumerate(priorities, start=1):
        doc.body(f"{number}. {line}")
    if not priorities:
        doc.body(EMPTY)
    doc.body(report.closing or ".")
    doc.close_body()
    doc.spacer(12)
    recipients = [line for line in report.recipients.splitlines() if line.strip()]
    lines = issuer.authority_lines(signer_of(report))
    doc.closing_block(recipients, lines, report.signatory_name)
    if annex is not None:
        annex(doc)
    return doc.to_bytes()


def _value(value) -> str:
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def _unnumbered(line: str) -> str:
    return re.sub(r"^\s*(?:[-+•]|\d+[.)])\s*", "", line).strip().rstrip(";.")


def signer_of(report: ReportText) -> Signer:
    return Signer(
        authority=report.authority,
        deputy_authority=report.deputy_authority,
        collective=report.signing_body,
        head_title=report.head_title,
        title=report.signatory_title,
        name=report.signatory_name,
    )

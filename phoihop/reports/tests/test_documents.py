"""Reports as documents, read back: the seed report's shape and every FORMATS.md rule."""

import os
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table

from phoihop.documents.docx import balanced_lines
from phoihop.documents.pdf import docx_to_pdf, soffice_path
from phoihop.documents.profiles import PARTY_HD36, STATE_ND30
from phoihop.documents.report import render_consolidation_docx, render_submission_docx
from phoihop.documents.tests.reading import (
    all_paragraphs,
    body_blocks,
    cell_lines,
    flat,
    has_bottom_border,
    has_page_field,
    open_docx,
    run_sizes,
)
from phoihop.reports import services

from .conftest import write_and_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(world, issued, council_officer):
    submission = issued.submissions.get(organisation=world.council)
    actor = world.actor(council_officer)
    services.report_submission_start(actor=actor, submission=submission)
    services.report_submission_update(
        actor=actor,
        submission=submission,
        regular_results="- Tổ chức 2 kỳ họp, cung cấp thông tin cho báo chí.",
        issue_results="- Phối hợp giải quyết vụ việc khiếu nại đông người ở phường Đức Phổ.",
        strengths="Phối hợp chặt chẽ, kịp thời.",
        limitations="Thông tin có lúc chậm; nguyên nhân: chưa cử cán bộ chuyên trách.",
        priorities="Tổ chức kỳ họp thường lệ cuối năm\n2. Giám sát chuyên đề về đất đai",
        authority="TM.",
        signing_body="Thường trực HĐND",
        deputy_authority="KT.",
        head_title="Chủ tịch",
        signatory_title="Phó Chủ tịch",
        signatory_name="Nguyễn Văn An",
    )
    write_and_submit(world, submission, council_officer)
    submission.refresh_from_db()
    return submission


@pytest.fixture
def document(submission):
    return open_docx(render_submission_docx(submission))


def texts(document) -> list[str]:
    return [flat(p.text) for p in all_paragraphs(document) if p.text.strip()]


def tables(document) -> list[Table]:
    return [b for b in body_blocks(document) if isinstance(b, Table)]


def test_a_council_report_is_in_the_state_format_with_its_number_and_date(document):
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert tuple(round(m.mm) for m in margins) == STATE_ND30.margins_mm
    header = [[cell_lines(c) for c in row.cells] for row in tables(document)[0].rows]
    left, right = header[0]
    assert " ".join(left) == "THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NGÃI"
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    number, place = header[1]
    assert re.fullmatch(r"Số: \d{2,}/BC-HĐND", number[0]), number
    assert place == ["Quảng Ngãi, ngày 09 tháng 7 năm 2026"]
    assert has_page_field(section.header) and not has_page_field(section.first_page_header)


def test_every_run_is_times_new_roman_and_the_body_is_justified_and_indented(document):
    for paragraph in all_paragraphs(document):
        for run in paragraph.runs:
            assert run.font.name in (None, "Times New Roman")
    body = [p for p in document.paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY and p.text]
    assert len(body) > 10
    for paragraph in body:
        layout = paragraph.paragraph_format
        assert 1.0 <= layout.first_line_indent.cm <= 1.27
        assert layout.space_after.pt >= 6
        assert run_sizes(paragraph) <= {13, 14}


def test_the_seed_reports_structure_in_order(document, submission):
    lines = texts(document)
    expected = [
        "BÁO CÁO",
        submission.summary,
        submission.opening,
        "I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN",
        "1. Kết quả đạt được",
        "1.1. Kết quả thực hiện các nội dung phối hợp thường xuyên",
        "- Tổ chức 2 kỳ họp, cung cấp thông tin cho báo chí.",
        "1.2. Kết quả phối hợp giải quyết các vấn đề nổi cộm, được dư luận quan tâm",
        "2. Đánh giá chung",
        "2.1. Ưu điểm",
        "2.2. Hạn chế và nguyên nhân",
        "II. NHIỆM VỤ TRỌNG TÂM KỲ TỚI",
        "1. Tổ chức kỳ họp thường lệ cuối năm",
        "2. Giám sát chuyên đề về đất đai",
    ]
    positions = [lines.index(text) for text in expected]
    assert positions == sorted(positions)
    assert "310-CV/BTGDVTU" in submission.opening


def test_the_statistics_table_lists_the_figures(document, submission):
    grid = next(t for t in tables(document) if t.style.name == "Table Grid")
    rows = [[flat(c.text) for c in row.cells] for row in grid.rows]
    assert rows[0] == ["STT", "Chỉ tiêu", "Số liệu"]
    labels = [row["label"] for row in submission.figures]
    assert [row[1] for row in rows[1:]] == labels and labels


def test_the_body_ends_with_the_closing_mark_and_recipients_sit_left_of_the_signature(document):
    body = [p for p in document.paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY]
    assert flat(body[-1].text).endswith("./.")
    footer = tables(document)[-1]
    left, right = footer.rows[0].cells
    recipients = cell_lines(left)
    assert recipients[0] == "Nơi nhận:"
    label = left.paragraphs[0].runs[0]
    assert label.bold and label.italic and label.font.size.pt == 12
    assert all(line.startswith("- ") and line.endswith(";") for line in recipients[1:-1])
    assert recipients[-1] == "- Lưu: VT."
    assert {r.font.size.pt for p in left.paragraphs[1:] for r in p.runs} == {11}
    assert cell_lines(right) == [
        "TM. THƯỜNG TRỰC HĐND",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn An",
    ]
    assert all(r.bold for p in right.paragraphs for r in p.runs if r.text.strip())


@pytest.fixture
def consolidated(world, issued, submission):
    """The board's consolidated report of the accepted council report, signed, as a DOCX."""
    board = world.actor(world.board_officer)
    services.report_submission_accept(actor=board, submission=submission)
    consolidation = services.report_request_consolidate(actor=board, request=issued)
    services.consolidation_update(
        actor=board,
        consolidation=consolidation,
        number="45-BC/BTGDVTU",
        signed_on=date(2026, 7, 25),
        signatory_name="Trần Thị Bình",
    )
    return open_docx(render_consolidation_docx(consolidation))


def test_the_consolidated_report_is_in_the_party_format(consolidated):
    document = consolidated
    header = [[cell_lines(c) for c in row.cells] for row in tables(document)[0].rows]
    left, right = header[0]
    assert left[:2] == ["TỈNH ỦY QUẢNG NGÃI", "BAN TUYÊN GIÁO VÀ DÂN VẬN"] and left[2] == "*"
    assert right[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    issuer_paragraph = tables(document)[0].rows[0].cells[0].paragraphs
    assert run_sizes(issuer_paragraph[0]) == {PARTY_HD36.parent_size}
    assert has_bottom_border(tables(document)[0].rows[0].cells[1].paragraphs[-1])
    assert header[1] == [["Số 45-BC/BTGDVTU"], ["Quảng Ngãi, ngày 25 tháng 7 năm 2026"]]
    lines = texts(document)
    assert any("Chưa gửi báo cáo: UBND tỉnh Quảng Ngãi" in line for line in lines)
    footer = [t for t in tables(document) if t.style.name != "Table Grid"][-1]
    signature = cell_lines(footer.rows[0].cells[1])
    assert signature == ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Trần Thị Bình"]
    annex = tables(document)[-1]
    rows = [[flat(c.text) for c in row.cells] for row in annex.rows]
    assert rows[0] == ["STT", "Cơ quan", "Số, ngày báo cáo", "Ngày gửi", "Đánh giá"]
    assert rows[1][1:] == [
        "Thường trực HĐND tỉnh Quảng Ngãi",
        "05/BC-HĐND ngày 09/07/2026",
        "10/07/2026",
        "Đúng hạn",
    ]
    assert [row[4] for row in rows[2:]] == ["Chưa nộp (quá hạn)"] * 2


def test_the_consolidated_report_passes_the_party_format_checks(consolidated):
    document = consolidated
    section = document.sections[0]
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert tuple(round(m.mm) for m in margins) == PARTY_HD36.margins_mm
    for paragraph in all_paragraphs(document):
        assert {run.font.name for run in paragraph.runs} <= {None, "Times New Roman"}
    date_cell = tables(document)[0].rows[1].cells[1].paragraphs[0]
    assert date_cell.runs[0].italic and run_sizes(date_cell) == {PARTY_HD36.date_size}
    title = next(p for p in document.paragraphs if flat(p.text) == "BÁO CÁO")
    assert run_sizes(title) == {PARTY_HD36.type_size} and title.runs[0].bold
    body = [p for p in document.paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY and p.text]
    assert body and all(run_sizes(p) <= {14, 15} for p in body)
    assert flat(body[-1].text).endswith("./.")
    footer = [t for t in tables(document) if t.style.name != "Table Grid"][-1]
    label = footer.rows[0].cells[0].paragraphs[0].runs[0]
    assert flat(label.text) == "Nơi nhận:" and label.underline


def test_long_signature_lines_still_fit():
    assert balanced_lines("TM. THƯỜNG TRỰC HĐND", 8.1, size=14, bold=True) == [
        "TM. THƯỜNG TRỰC HĐND"
    ]


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice is not installed")
def test_the_pdf_is_made_from_the_same_docx_and_keeps_every_vietnamese_letter(submission, tmp_path):
    docx = render_submission_docx(submission)
    pdf = docx_to_pdf(docx)
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat_text = " ".join(text.split())
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
        "Quảng Ngãi, ngày 09 tháng 7 năm 2026",
        "Hạn chế và nguyên nhân",
        "NHIỆM VỤ TRỌNG TÂM",
        "./.",
        "Nơi nhận:",
        "Lưu: VT.",
        "Nguyễn Văn An",
    ):
        assert expected in flat_text, expected
    if os.environ.get("PHOIHOP_KEEP_DOCUMENTS"):
        keep = Path(os.environ["PHOIHOP_KEEP_DOCUMENTS"])
        keep.mkdir(parents=True, exist_ok=True)
        (keep / "bao-cao.docx").write_bytes(docx)
        (keep / "bao-cao.pdf").write_bytes(pdf)

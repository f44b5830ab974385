"""The programme document read back with python-docx: every format rule of FORMATS.md."""

import re
from datetime import date

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table

from phoihop.documents.profiles import PARTY_HD36, STATE_ND30
from phoihop.documents.programme import render_programme_docx
from phoihop.programmes import services
from phoihop.programmes.models import Programme, ProgrammeParty
from phoihop.testing.programmes import build_programme

from .reading import (
    all_paragraphs,
    body_blocks,
    cell_lines,
    flat,
    has_bottom_border,
    has_page_field,
    open_docx,
    run_sizes,
)


@pytest.fixture
def prg(world):
    prg = build_programme(world)
    programme = prg.programme
    # The board's number in the Party pattern, the committee's as a clerk might type it.
    ProgrammeParty.objects.filter(programme=programme, organisation=world.board).update(
        document_number="15-CTr/BTGDVTU", authority="TM.", signatory_title="Trưởng ban"
    )
    ProgrammeParty.objects.filter(pk=prg.party.pk).update(
        document_number="5/CTr-UBND", document_date=date(2022, 1, 5), authority="TM."
    )
    programme.grounds = "Căn cứ tình hình thực tế của tỉnh"
    programme.methods = "Trao đổi thông tin định kỳ hằng quý.\nHọp giao ban 6 tháng một lần."
    programme.save(update_fields=["grounds", "methods"])
    # A second year's plan with a task shared with the commune: the annex spans both plans.
    officer = world.actor(world.board_officer)
    plan = services.plan_create(actor=officer, programme=programme, year=2025)
    services.task_create(
        actor=officer,
        plan=plan,
        data=services.TaskData(
            title="Hội nghị báo cáo viên quý III", lead=world.board, due=date(2025, 9, 5)
        ),
        cooperating=[world.peoples_committee],
    )
    return prg


@pytest.fixture
def document(prg):
    return open_docx(render_programme_docx(prg.programme))


def tables(document) -> list[Table]:
    return [block for block in body_blocks(document) if isinstance(block, Table)]


def header_rows(document) -> list[list[list[str]]]:
    """The header table: for each row, the lines of its left and right cell."""
    return [[cell_lines(cell) for cell in row.cells] for row in tables(document)[0].rows]


def paragraph_with(document, text: str):
    return next(p for p in all_paragraphs(document) if flat(p.text) == text)


def test_the_page_is_a4_portrait_with_the_hosts_margins(document):
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert tuple(round(m.mm) for m in margins) == PARTY_HD36.margins_mm


def test_every_run_is_times_new_roman(document):
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt == PARTY_HD36.body_size
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(k)) for k in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {
        "Times New Roman"
    }
    # The document defaults no longer point at the theme's Calibri.
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    default_fonts = defaults.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert default_fonts.get(qn("w:asciiTheme")) is None
    assert default_fonts.get(qn("w:ascii")) == "Times New Roman"
    assert {run.font.name for p in all_paragraphs(document) for run in p.runs} <= {
        None,
        "Times New Roman",
    }


def test_page_numbers_are_centred_in_the_top_margin_from_page_two(document):
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert has_page_field(section.header)
    assert section.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert 13 <= min(run_sizes(section.header.paragraphs[0])) <= 14
    assert not has_page_field(section.first_page_header)
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()


def test_the_header_shows_each_side_in_its_own_format(document):
    rows = header_rows(document)
    # Board (Party format): parent regular, issuer bold, "*", number without a colon.
    (board_left, board_right), (board_number, board_date) = rows[0], rows[1]
    assert board_left == ["TỈNH ỦY QUẢNG NGÃI", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "*"]
    assert board_right == ["ĐẢNG CỘNG SẢN VIỆT NAM"]
    assert board_number == ["Số 15-CTr/BTGDVTU"]
    assert board_date == ["Quảng Ngãi, ngày 10 tháng 01 năm 2022"]
    # People's committee (state format): national title and motto, "Số:" with a padded number.
    (state_left, state_right), (state_number, state_date) = rows[2], rows[3]
    assert state_left == ["ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"]
    assert state_right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert state_number == ["Số: 05/CTr-UBND"]
    assert state_date == ["Quảng Ngãi, ngày 05 tháng 01 năm 2022"]
    assert re.fullmatch(r"Số \d+-CTr/BTGDVTU", board_number[0])
    assert re.fullmatch(r"Số: \d{2,}/CTr-UBND", state_number[0])


def test_header_sizes_weights_and_rules_follow_each_profile(document):
    table = tables(document)[0]
    assert table.style.name == "Normal Table"  # borderless: no table borders
    party_title = paragraph_with(document, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert party_title.runs[0].bold and run_sizes(party_title) == {15}
    national = paragraph_with(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert national.runs[0].bold and run_sizes(national) == {13}
    motto = paragraph_with(document, "Độc lập - Tự do - Hạnh phúc")
    assert motto.runs[0].bold and run_sizes(motto) == {14}
    # A rule under the motto, under the Party heading and under the state issuer: paragraph
    # borders on the paragraph right after each.
    for cell, text in (
        (table.rows[2].cells[1], "Độc lập - Tự do - Hạnh phúc"),
        (table.rows[0].cells[1], "ĐẢNG CỘNG SẢN VIỆT NAM"),
        (table.rows[2].cells[0], "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"),
    ):
        texts = [flat(p.text) for p in cell.paragraphs]
        assert has_bottom_border(cell.paragraphs[texts.index(text) + 1]), text
    # The Party issuer has "*" under it, not a rule.
    board_cell = table.rows[0].cells[0]
    assert not any(has_bottom_border(p) for p in board_cell.paragraphs)
    issuer = paragraph_with(document, "BAN TUYÊN GIÁO VÀ DÂN VẬN")
    assert issuer.runs[0].bold and run_sizes(issuer) == {PARTY_HD36.issuer_size}
    parent = paragraph_with(document, "TỈNH ỦY QUẢNG NGÃI")
    assert not parent.runs[0].bold and run_sizes(parent) == {PARTY_HD36.parent_size}
    state_issuer = paragraph_with(document, "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI")
    assert state_issuer.runs[0].bold and run_sizes(state_issuer) == {STATE_ND30.issuer_size}
    for text in ("Quảng Ngãi, ngày 10 tháng 01 năm 2022", "Quảng Ngãi, ngày 05 tháng 01 năm 2022"):
        assert paragraph_with(document, text).runs[0].italic


def test_title_and_summary(document, prg):
    title = paragraph_with(document, "CHƯƠNG TRÌNH PHỐI HỢP")
    assert title.runs[0].bold and run_sizes(title) == {PARTY_HD36.type_size}
    paragraphs = [flat(p.text) for p in document.paragraphs]
    summary = paragraphs[paragraphs.index("CHƯƠNG TRÌNH PHỐI HỢP") + 1]
    assert summary == "giai đoạn 2022–2026 giữa Ban và UBND tỉnh"


def test_a_plan_is_titled_as_a_plan(world, prg):
    Programme.objects.filter(pk=prg.programme.pk).update(kind=Programme.Kind.PLAN)
    ProgrammeParty.objects.filter(programme=prg.programme).update(document_number="")
    prg.programme.refresh_from_db()
    document = open_docx(render_programme_docx(prg.programme))
    lines = [flat(p.text) for p in all_paragraphs(document)]
    assert "KẾ HOẠCH PHỐI HỢP" in lines
    # A blank number in each side's pattern, with the plan's type code.
    assert any(re.fullmatch(r"Số -KH/BTGDVTU", line) for line in lines)
    assert any(re.fullmatch(r"Số: /KH-UBND", line) for line in lines)


def test_sections_grounds_contents_by_group_methods_and_focal_points(document, world):
    lines = [flat(p.text) for p in document.paragraphs]
    headings = [line for line in lines if re.match(r"^[IVX]+\. ", line)]
    assert headings == [
        "I. CĂN CỨ",
        "II. NỘI DUNG PHỐI HỢP",
        "III. PHƯƠNG THỨC PHỐI HỢP",
        "IV. TRÁCH NHIỆM VÀ ĐẦU MỐI PHỐI HỢP",
        "V. TỔ CHỨC THỰC HIỆN",
    ]
    # The regime from data is the first ground, called by its document: a Decision.
    assert lines[lines.index("I. CĂN CỨ") + 1] == (
        "Căn cứ Quyết định số 238-QĐ/TW ngày 30/9/2020 của Ban Bí thư ban hành Quy chế phối hợp "
        "giữa ban tuyên giáo các cấp với cơ quan nhà nước cùng cấp;"
    )
    assert not any("Quy định" in line for line in lines)
    assert "Căn cứ tình hình thực tế của tỉnh," in lines
    regular = lines.index("1. Nội dung phối hợp thường xuyên")
    issue = lines.index("2. Phối hợp giải quyết vấn đề nổi cộm")
    assert regular < issue < lines.index("III. PHƯƠNG THỨC PHỐI HỢP")
    assert lines[regular + 1].startswith("- Tuyên truyền chủ trương")
    assert lines[issue + 1].startswith("- Phối hợp xử lý")
    assert "Họp giao ban 6 tháng một lần." in lines  # each line of the methods a paragraph
    responsibilities = lines[lines.index("IV. TRÁCH NHIỆM VÀ ĐẦU MỐI PHỐI HỢP") :]
    assert f"1. {world.board.name}" in responsibilities
    assert f"2. {world.peoples_committee.name}" in responsibilities
    assert responsibilities.count("- Đơn vị tham mưu, đầu mối: Văn phòng.") == 2
    assert sum(line.startswith("- Lãnh đạo phụ trách: ") for line in responsibilities) == 2


def test_body_paragraphs_are_justified_with_a_first_line_indent(document):
    lines = [flat(p.text) for p in document.paragraphs]
    start = lines.index("I. CĂN CỨ")
    end = next(i for i, line in enumerate(lines) if line.endswith("./."))
    for paragraph in document.paragraphs[start : end + 1]:
        layout = paragraph.paragraph_format
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert 1.0 <= layout.first_line_indent.cm <= 1.27
        assert layout.space_after.pt >= 6
        assert 1.0 <= layout.line_spacing <= 1.5
        assert run_sizes(paragraph) <= {13, 14, 15}


def test_the_body_ends_with_the_closing_mark_right_before_the_signatures(document):
    blocks = body_blocks(document)
    closing = [
        i for i, b in enumerate(blocks) if not isinstance(b, Table) and b.text.endswith("./.")
    ]
    assert len(closing) == 1
    following = blocks[closing[0] + 1 :]
    first_table = next(b for b in following if isinstance(b, Table))
    assert any("PHÓ CHỦ TỊCH" in line for c in first_table.rows[0].cells for line in cell_lines(c))


def test_signature_blocks_side_by_side_with_each_sides_authority(document, prg):
    signatures = tables(document)[1]
    heads, _, names = signatures.rows[:3]
    assert len(heads.cells) == 2
    left, right = (cell_lines(cell) for cell in heads.cells)
    # The state side on the left, the host board on the right. The committee's deputy signs
    # for its chair under the collective (ND30); the board is led by its head, who signs
    # with the head's title (HD36: "T/M" is only for a collective).
    assert left == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert right == ["TRƯỞNG BAN"]
    for cell in heads.cells:
        assert all(run.bold for p in cell.paragraphs for run in p.runs if run.text)
    signatory_names = [cell_lines(cell) for cell in names.cells]
    assert signatory_names == [["Người ký 2"], ["Người ký 1"]]
    assert all(run.bold for cell in names.cells for p in cell.paragraphs for run in p.runs)


def test_recipients_block_ends_with_the_archive_line(document):
    paragraphs = document.paragraphs
    lines = [flat(p.text) for p in paragraphs]
    start = lines.index("Nơi nhận:")
    label = paragraphs[start]
    assert label.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert label.runs[0].underline  # the host's (Party) style
    assert run_sizes(label) == {PARTY_HD36.recipients_label_size}
    items = []
    for line in lines[start + 1 :]:
        if not line.startswith("- "):
            break
        items.append(line)
    assert items[-1] == "- Lưu: VT."
    assert all(item.endswith(";") for item in items[:-1]) and len(items) >= 3
    assert "- Thường trực Tỉnh ủy Quảng Ngãi (để báo cáo);" in items
    for paragraph in paragraphs[start + 1 : start + 1 + len(items)]:
        assert run_sizes(paragraph) == {PARTY_HD36.recipients_item_size}


def test_the_annex_lists_every_task_of_every_plan(document, prg):
    annex = tables(document)[-1]
    header, *rows = [[flat(c.text) for c in row.cells] for row in annex.rows]
    assert header == ["STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Trạng thái"]
    tasks = [t for plan in prg.programme.plans.order_by("year") for t in plan.tasks.all()]
    assert len(rows) == len(tasks) == 2
    assert rows[0] == [
        "1",
        "Hội nghị báo cáo viên quý III",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ngãi",
        "UBND tỉnh Quảng Ngãi",
        "05/09/2025",
        "Đề xuất",
    ]
    assert rows[1][:2] == ["2", prg.task.title]
    assert rows[1][4] == "30/06/2026" and rows[1][5] == "Đã giao"
    assert annex.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on each page
    lines = [flat(p.text) for p in document.paragraphs]
    assert "PHỤ LỤC" in lines
    reference = next(line for line in lines if line.startswith("(Kèm theo"))
    assert "15-CTr/BTGDVTU" in reference and "05/CTr-UBND" in reference


def test_an_unsigned_draft_leaves_numbers_and_dates_blank(world):
    officer = world.actor(world.board_officer)
    programme = services.programme_create(
        actor=officer,
        board=world.board,
        data=services.ProgrammeData(
            title="Kế hoạch phối hợp tuyên truyền", start=date(2026, 1, 1), end=date(2026, 12, 31)
        ),
        parties=[world.council],
    )
    document = open_docx(render_programme_docx(programme))
    rows = header_rows(document)
    assert rows[1][0][0].startswith("Số ") and rows[1][0][0].endswith("-CTr/BTGDVTU")
    assert rows[3][0][0].startswith("Số: ") and rows[3][0][0].endswith("/CTr-HĐND")
    assert rows[2][0] == ["THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NGÃI"]
    assert rows[3][1][0].startswith("Quảng Ngãi, ngày ")
    assert "năm 20" not in rows[3][1][0]
    annex = tables(document)[-1]
    assert len(annex.rows) == 1  # the header only: no task yet

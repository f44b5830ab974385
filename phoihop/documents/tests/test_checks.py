"""The format check: every renderer's output passes it, and a broken document is reported."""

import io

import pytest
from django.core.management import CommandError, call_command
from docx.shared import Mm, Pt

from phoihop.documents.checks import check_document
from phoihop.documents.profiles import PARTY_HD36, STATE_ND30

from .documents import consolidation_docx, programme_docx, submission_docx
from .reading import all_paragraphs, flat, open_docx

pytestmark = pytest.mark.django_db

RENDERERS = {
    "programme": programme_docx,
    "submission": submission_docx,
    "consolidation": consolidation_docx,
}


@pytest.mark.parametrize("name", RENDERERS)
def test_every_renderers_output_passes_the_format_check(world, name):
    assert [str(p) for p in check_document(RENDERERS[name](world))] == []


def test_the_profile_is_read_from_the_heading_or_given(world):
    content = submission_docx(world)
    assert check_document(content, STATE_ND30) == []
    # Checked as a Party document, the state report breaks the Party's rules.
    rules = {problem.rule for problem in check_document(content, PARTY_HD36)}
    assert {"type", "recipients", "authority"} <= rules


def broken(content: bytes) -> bytes:
    """The document with one mistake per rule, as a clerk might make them."""
    document = open_docx(content)
    section = document.sections[0]
    section.page_width, section.left_margin = Mm(216), Mm(20)
    paragraphs = all_paragraphs(document)

    def replace(old: str, new: str) -> None:
        paragraph = next(p for p in paragraphs if flat(p.text) == old)
        for run in paragraph.runs[1:]:
            run.text = ""
        paragraph.runs[0].text = new

    replace("Số 15-CTr/BTGDVTU", "Số: 15/CTr-BTGDVTU")
    replace("Quảng Ngãi, ngày 10 tháng 01 năm 2022", "Quảng Ngãi, ngày 10 tháng 1 năm 2022")
    replace("TỈNH ỦY QUẢNG NGÃI", "ĐẢNG BỘ TỈNH QUẢNG NGÃI")
    replace("CHƯƠNG TRÌNH PHỐI HỢP", "Chương trình phối hợp")
    replace("TRƯỞNG BAN", "K/T BAN TUYÊN GIÁO VÀ DÂN VẬN")
    closing = next(p for p in paragraphs if p.text.endswith("./."))
    closing.runs[-1].text = closing.runs[-1].text.removesuffix("./.")
    archive = next(p for p in paragraphs if flat(p.text) == "- Lưu: VT.")
    archive.runs[0].text = "- Lưu VT"
    body = next(p for p in document.paragraphs if p.paragraph_format.first_line_indent)
    body.runs[0].font.size = Pt(12)
    body.runs[0].font.name = "Arial"
    return open_docx_bytes(document)


def open_docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_broken_document_is_reported_rule_by_rule(world):
    problems = check_document(broken(programme_docx(world)))
    messages = [str(p) for p in problems]
    rules = {p.rule for p in problems}
    assert rules == {
        "page",
        "margins",
        "fonts",
        "header",
        "number",
        "date",
        "type",
        "body",
        "closing",
        "recipients",
        "authority",
    }, messages
    assert any("Lề trái 20 mm, phải 30 mm" in m for m in messages)
    assert any("chỉ đứng đầu văn bản của chính cấp ủy" in m for m in messages)
    assert any("không ghi tên cơ quan" in m for m in messages)
    assert any("tháng 1, 2 thêm số 0" in m for m in messages)


def test_the_command_reports_a_good_and_a_broken_file(world, tmp_path, capsys):
    good, bad = tmp_path / "dung.docx", tmp_path / "sai.docx"
    content = programme_docx(world)
    good.write_bytes(content)
    bad.write_bytes(broken(content))
    call_command("check_document", str(good))
    assert "dung.docx: đúng thể thức." in capsys.readouterr().out
    with pytest.raises(CommandError, match="1/2 văn bản sai thể thức"):
        call_command("check_document", str(good), str(bad))
    assert "Lề trái 20 mm" in capsys.readouterr().out


def test_the_command_refuses_a_file_that_is_not_a_docx(tmp_path):
    path = tmp_path / "khong-phai.docx"
    path.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="Không đọc được"):
        call_command("check_document", str(path))


def test_a_line_break_inside_tinh_uy_is_reported(world):
    document = open_docx(programme_docx(world))
    parent = next(p for p in all_paragraphs(document) if flat(p.text) == "TỈNH ỦY QUẢNG NGÃI")
    run = parent.runs[0]
    run.text = "TỈNH"
    run.add_break()
    run.add_text("ỦY QUẢNG NGÃI")
    messages = [str(p) for p in check_document(open_docx_bytes(document))]
    assert messages == ["[header] Xuống dòng giữa «TỈNH ỦY» trong «TỈNH ỦY QUẢNG NGÃI»."]


@pytest.mark.parametrize(
    ("line", "problems"),
    [
        ("Quảng Ngãi, ngày 25 tháng 12 năm 2026", []),
        ("Quảng Ngãi, ngày 05 tháng 02 năm 2026", []),
        ("Quảng Ngãi, ngày 5 tháng 7 năm 2026", ["Ngày dưới 10 phải thêm số 0"]),
        ("Quảng Ngãi, ngày 15 tháng 07 năm 2026", ["Chỉ tháng 1, 2 thêm số 0"]),
    ],
)
def test_dates_are_padded_only_as_nd30_says(world, line, problems):
    document = open_docx(programme_docx(world))
    paragraph = next(
        p for p in all_paragraphs(document) if flat(p.text).startswith("Quảng Ngãi, ngày 10")
    )
    paragraph.runs[0].text = line
    found = [p.message for p in check_document(open_docx_bytes(document)) if p.rule == "date"]
    assert len(found) == len(problems)
    assert all(m.startswith(expected) for m, expected in zip(found, problems, strict=True))

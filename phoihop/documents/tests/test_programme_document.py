"""The programme document read back: format rules in the DOCX, every Vietnamese letter in PDF."""

import io
import re
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from docx import Document

from phoihop.documents.pdf import docx_to_pdf
from phoihop.documents.profiles import place_and_date
from phoihop.documents.programme import render_programme_docx
from phoihop.testing.programmes import build_programme

LETTERS = (
    "aăâbdđeêghiklmnoôơpqrstuưvxy áàảãạ ắằẳẵặ ấầẩẫậ éèẻẽẹ ếềểễệ íìỉĩị óòỏõọ ốồổỗộ ớờởỡợ "
    "úùủũụ ứừửữự ýỳỷỹỵ"
)


@pytest.fixture
def prg(world):
    return build_programme(world)


def texts(document) -> list[str]:
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text for p in cell.paragraphs]
    return lines


def test_place_and_date_pad_days_under_ten_and_months_one_and_two():
    assert place_and_date("Quảng Ngãi", date(2024, 7, 5)) == "Quảng Ngãi, ngày 05 tháng 7 năm 2024"
    assert (
        place_and_date("Quảng Ngãi", date(2022, 1, 10)) == "Quảng Ngãi, ngày 10 tháng 01 năm 2022"
    )


def test_the_docx_follows_the_format_rules(world, prg):
    document = Document(io.BytesIO(render_programme_docx(prg.programme)))
    section = document.sections[0]

    def mm(length):
        return round(length.mm)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    margins = (section.top_margin, section.left_margin, section.right_margin)
    assert tuple(mm(m) for m in margins) == (20, 30, 15)
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert section.different_first_page_header_footer  # no page number on page 1
    lines = texts(document)
    for heading in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "CHƯƠNG TRÌNH PHỐI HỢP",
    ):
        assert heading in lines
    # Each side carries its own number in its own format: Party without a colon, state with.
    assert any(re.fullmatch(r"Số \d\d/CTr-BTGDVTU", line) for line in lines)
    assert any(re.fullmatch(r"Số: \d\d/CTr-UBND", line) for line in lines)
    assert "Quảng Ngãi, ngày 10 tháng 01 năm 2022" in lines
    assert any(line.endswith("./.") for line in lines)
    assert "Nơi nhận:" in lines
    assert lines[lines.index("Nơi nhận:") + 4] == "- Lưu: VT."
    assert any(line.startswith("TM. ") for line in lines)
    assert "Phối hợp giải quyết vấn đề nổi cộm" in " ".join(lines)
    annex = document.tables[-1]
    assert [c.text for c in annex.rows[0].cells][:3] == ["STT", "Nhiệm vụ", "Chủ trì"]
    assert annex.rows[1].cells[1].text == prg.task.title
    assert len(annex.rows) == 2


def test_every_vietnamese_letter_survives_into_the_pdf(world, prg):
    prg.programme.title = f"Chương trình {LETTERS} {LETTERS.upper()}"
    prg.programme.save(update_fields=["title"])
    pdf = docx_to_pdf(render_programme_docx(prg.programme))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "van-ban.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout
    flat = " ".join(text.split())
    for letter in set(LETTERS.replace(" ", "") + LETTERS.upper().replace(" ", "")):
        assert letter in flat, letter


def test_the_outsider_gets_404_and_a_party_gets_the_docx(world, client, prg):
    url = reverse("programmes:docx", args=[prg.programme.pk])
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    client.force_login(world.agency_officer)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert Document(io.BytesIO(response.content)).paragraphs

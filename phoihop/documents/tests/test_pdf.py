"""The PDF, made by LibreOffice from the same DOCX: every Vietnamese letter survives, fonts are
the Times New Roman family (or its metric twin), and failures are clear Vietnamese messages."""

import os
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from phoihop.documents import pdf
from phoihop.documents.pdf import PdfUnavailable, docx_to_pdf
from phoihop.documents.programme import render_programme_docx
from phoihop.testing.programmes import build_programme

LETTERS = "ăâđêôơư áàảãạ ắằẳẵặ ấầẩẫậ éèẻẽẹ ếềểễệ íìỉĩị óòỏõọ ốồổỗộ ớờởỡợ úùủũụ ứừửữự ýỳỷỹỵ đ"


def pdf_text(content: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "van-ban.pdf"
        path.write_bytes(content)
        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout


def pdf_fonts(content: bytes) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "van-ban.pdf"
        path.write_bytes(content)
        output = subprocess.run(
            ["pdffonts", str(path)], capture_output=True, check=True, text=True
        ).stdout
    return [line.split()[0] for line in output.splitlines()[2:] if line.strip()]


def test_every_vietnamese_letter_survives_into_the_pdf(world):
    prg = build_programme(world)
    programme = prg.programme
    programme.title = f"Chương trình {LETTERS} {LETTERS.upper()}"
    programme.save(update_fields=["title"])

    content = docx_to_pdf(render_programme_docx(programme))

    assert content.startswith(b"%PDF")
    text = " ".join(pdf_text(content).split())
    letters = set(LETTERS.replace(" ", "")) | set(LETTERS.upper().replace(" ", ""))
    assert len(letters) == 2 * 67  # 67 letters with a mark (or đ), lower and upper case
    missing = sorted(letter for letter in letters if letter not in text)
    assert not missing, missing
    # The whole title line survives (not only its letters), and the fixed headings too.
    assert f"{LETTERS.upper()}" in text
    for heading in ("ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "./."):
        assert heading in text
    # No fallback font: everything is set in Times New Roman or a metric-compatible twin.
    fonts = pdf_fonts(content)
    assert fonts
    assert all(("Times" in f or "LiberationSerif" in f or "Tinos" in f) for f in fonts), fonts


def test_two_conversions_at_once_each_use_their_own_profile(world):
    prg = build_programme(world)
    docx = render_programme_docx(prg.programme)
    results, errors = [], []

    def convert():
        try:
            results.append(docx_to_pdf(docx))
        except Exception as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=convert) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors
    assert len(results) == 2 and all(r.startswith(b"%PDF") for r in results)


def test_missing_libreoffice_gives_a_clear_vietnamese_message(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice, no libreoffice on the path
    with pytest.raises(PdfUnavailable, match="chưa cài LibreOffice"):
        docx_to_pdf(b"PK")


def test_a_failed_conversion_says_so(monkeypatch, tmp_path):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setattr(pdf, "soffice_path", lambda: str(fake))
    with pytest.raises(PdfUnavailable, match="Không tạo được bản PDF"):
        docx_to_pdf(b"PK")


def test_a_hung_conversion_is_stopped_with_all_its_processes(monkeypatch, tmp_path):
    # A stand-in that forks a child and hangs, as soffice → soffice.bin can.
    marker = tmp_path / "child.pid"
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {marker}\nwait\n")
    fake.chmod(0o755)
    monkeypatch.setattr(pdf, "soffice_path", lambda: str(fake))
    started = time.monotonic()
    with pytest.raises(PdfUnavailable, match="quá lâu"):
        docx_to_pdf(b"PK", timeout=1)
    assert time.monotonic() - started < 10
    child = int(marker.read_text())
    for _ in range(50):  # the kill is immediate; allow the kernel a moment to reap
        if not _alive(child):
            break
        time.sleep(0.1)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie waiting for its parent is dead for our purpose.
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split()[2] == "Z")

"""PDF made from the very DOCX that was approved, by LibreOffice in headless mode.

Each conversion runs its own LibreOffice with its own profile directory (concurrent processes
sharing one profile block each other), in its own process group so a timeout kills all of it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import uuid
from pathlib import Path

TIMEOUT_SECONDS = 120
MISSING = "Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF; hãy tải bản DOCX."
FAILED = "Không tạo được bản PDF lúc này; hãy thử lại sau hoặc tải bản DOCX."
TIMED_OUT = "Tạo bản PDF quá lâu nên đã dừng; hãy thử lại sau hoặc tải bản DOCX."


class PdfUnavailable(RuntimeError):
    """LibreOffice is missing or failed; the message is Vietnamese, for the user."""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, *, timeout: float = TIMEOUT_SECONDS) -> bytes:
    soffice = soffice_path()
    if soffice is None:
        raise PdfUnavailable(MISSING)
    with tempfile.TemporaryDirectory(prefix="phoihop-pdf-") as folder:
        work = Path(folder)
        source = work / "van-ban.docx"
        source.write_bytes(docx)
        profile = Path(tempfile.gettempdir()) / f"lo-{uuid.uuid4().hex}"
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            _run(command, timeout)
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        target = work / "van-ban.pdf"
        if not target.exists() or target.stat().st_size == 0:
            raise PdfUnavailable(FAILED)
        return target.read_bytes()


def _run(command: list[str], timeout: float) -> None:
    try:
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
            env={**os.environ, "HOME": tempfile.gettempdir()},
        )
    except OSError as error:
        raise PdfUnavailable(MISSING) from error
    try:
        process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as error:
        # LibreOffice forks (soffice → oosplash → soffice.bin): end its whole group.
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise PdfUnavailable(TIMED_OUT) from error
    if process.returncode != 0:
        raise PdfUnavailable(FAILED)

"""PDF made from the very DOCX that was approved, by LibreOffice in headless mode."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

TIMEOUT_SECONDS = 120


class PdfUnavailable(RuntimeError):
    """LibreOffice is missing or failed: the DOCX is still available."""


def docx_to_pdf(docx: bytes) -> bytes:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise PdfUnavailable(
            "Máy chủ chưa cài LibreOffice nên chưa tạo được PDF; hãy tải bản DOCX."
        )
    with tempfile.TemporaryDirectory(prefix="phoihop-pdf-") as folder:
        work = Path(folder)
        source = work / "van-ban.docx"
        source.write_bytes(docx)
        # One profile directory per conversion: concurrent LibreOffice processes sharing one
        # profile block each other.
        profile = (work / f"lo-{uuid.uuid4().hex}").as_uri()
        try:
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(work),
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
            )
        except (subprocess.SubprocessError, OSError) as error:
            raise PdfUnavailable(
                "Không tạo được PDF lúc này; hãy thử lại hoặc tải bản DOCX."
            ) from error
        return (work / "van-ban.pdf").read_bytes()

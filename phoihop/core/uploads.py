"""Checking an uploaded file before it is kept: allowed type by extension AND by content.

Every file a user attaches (a dispatch's attachment, a programme's signed scan, a task's output)
goes through `check_upload`. The extension says what the file claims to be; the first bytes (and,
for the office formats, the ZIP members) say what it is. Both must agree, executables are refused
whatever they are called, and nothing larger than `settings.ATTACHMENT_MAX_BYTES` (default 20 MB)
is kept. Every refusal is a Vietnamese ValidationError on the field "file".
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from django.conf import settings

from phoihop.core.exceptions import invalid

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SNIFF_BYTES = 8


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str


ALLOWED = {
    ".pdf": FileType("PDF", "application/pdf"),
    ".docx": FileType(
        "Word (DOCX)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    ".xlsx": FileType(
        "Excel (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
    # Offices still sign and scan into the pre-2007 binary formats.
    ".doc": FileType("Word 97–2003 (DOC)", "application/msword"),
    ".xls": FileType("Excel 97–2003 (XLS)", "application/vnd.ms-excel"),
    ".odt": FileType("OpenDocument (ODT)", "application/vnd.oasis.opendocument.text"),
    ".jpg": FileType("ảnh JPEG", "image/jpeg"),
    ".jpeg": FileType("ảnh JPEG", "image/jpeg"),
    ".png": FileType("ảnh PNG", "image/png"),
}
EXECUTABLE_SUFFIXES = {
    ".exe", ".dll", ".com", ".bat", ".cmd", ".msi", ".scr", ".ps1", ".vbs", ".js", ".jar",
    ".sh", ".apk", ".app", ".bin", ".elf", ".so",
}  # fmt: skip
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")
ZIP_MEMBERS = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of .doc and .xls


def max_bytes() -> int:
    return int(getattr(settings, "ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def suffix_of(name: str) -> str:
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_upload(file) -> FileType:
    """The checked type of `file` (an UploadedFile or File); raise when it may not be sent."""
    name = getattr(file, "name", "") or ""
    suffix = suffix_of(name)
    allowed = ", ".join(sorted({t.label for t in ALLOWED.values()}))
    if suffix in EXECUTABLE_SUFFIXES:
        raise invalid(f"Không nhận tệp chương trình chạy được («{name}»).", "file")
    if suffix not in ALLOWED:
        raise invalid(f"Chỉ nhận các loại tệp: {allowed}.", "file")
    limit = max_bytes()
    if file.size is None or file.size > limit:
        raise invalid(f"Tệp «{name}» lớn hơn {limit // (1024 * 1024)} MB.", "file")
    if file.size == 0:
        raise invalid(f"Tệp «{name}» rỗng.", "file")
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    if head.startswith(EXECUTABLE_MAGIC):
        raise invalid(f"Tệp «{name}» thực chất là chương trình chạy được: không nhận.", "file")
    if not _content_matches(suffix, head, file):
        raise invalid(
            f"Nội dung tệp «{name}» không đúng là {ALLOWED[suffix].label} như tên tệp: không nhận.",
            "file",
        )
    return ALLOWED[suffix]


def _content_matches(suffix: str, head: bytes, file) -> bool:
    if suffix == ".pdf":
        return head.startswith(b"%PDF-")
    if suffix in {".jpg", ".jpeg"}:
        return head.startswith(b"\xff\xd8\xff")
    if suffix == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if suffix in {".doc", ".xls"}:
        return head.startswith(OLE_MAGIC)
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if suffix == ".odt":
                return "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE
            return ZIP_MEMBERS[suffix] in names
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    finally:
        file.seek(0)

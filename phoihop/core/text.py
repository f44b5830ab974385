"""Text rules: search folding, the cleaning rule at the input boundary, and the writers' filter."""

import re
import unicodedata

from django.core.exceptions import ValidationError

_D_MAP = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str | None) -> str:
    """Fold `text` for search: đ/Đ→d first, strip combining marks, lower-case, squeeze spaces.

    Works the same for NFC and NFD input, so "Quảng Ngãi", its decomposed form and
    "quang ngai" all fold to "quang ngai".
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.translate(_D_MAP).lower().split())


# --- the boundary rule (ARCHITECTURE rule 10, decision 0016) -----------------------------------

# Characters no text field may hold: C0 and C1 controls (tab, LF and CR are allowed where a field
# is multi-line), lone surrogates (unencodable, they break every writer), the two non-characters
# U+FFFE/U+FFFF (XML refuses them), and the bidi embedding/override/isolate controls, which make
# a document show text in another order than it is stored.
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
_MULTILINE_ALLOWED = {"\t", "\n"}
_XML_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

CONTROL_CHARACTERS = "{field} chứa ký tự điều khiển không hợp lệ."


def _refused(ch: str) -> bool:
    code = ord(ch)
    return (
        code < 0x20
        or 0x7F <= code <= 0x9F
        or 0xD800 <= code <= 0xDFFF
        or ch in ("\ufffe", "\uffff")
        or ch in _BIDI
    )


def clean_text(value: str, *, multiline: bool, field: str = "Nội dung") -> str:
    """The one rule every text value typed into a form or sent to the API goes through.

    NFC-normalised (a decomposed "ệ" from a Mac or a PDF compares and searches as the typed
    one). In a multi-line field CRLF and lone CR become LF and tab/LF stay. In a single-line
    field a tab becomes a space (pasted from a spreadsheet; harmless) and a line break is
    refused. Any other control character is refused with a message naming `field`, never
    silently dropped, so what is stored is exactly what the writer meant.
    """
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        allowed = _MULTILINE_ALLOWED
    else:
        value = value.replace("\t", " ")
        allowed = set()
    if any(_refused(ch) and ch not in allowed for ch in value):
        raise ValidationError(CONTROL_CHARACTERS.format(field=field), code="control_characters")
    return unicodedata.normalize("NFC", value)


def strip_unstorable(value: str) -> str:
    """Drop what XML 1.0 cannot hold (C0 controls but tab/LF/CR, surrogates, U+FFFE/U+FFFF).

    For writers of documents and spreadsheets: text stored before the boundary rule, or
    written by a migration or a shell, must never make a DOCX, PDF or XLSX fail.
    """
    return _XML_REFUSED.sub("", value)


_STORED_REFUSED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)
CLEANING_BATCH = 500


def strip_refused(value: str) -> str:
    """What `clean_text` refuses, dropped: for text stored before the rule (data migrations)."""
    return _STORED_REFUSED.sub("", value)


def clean_stored_text(model, batch: int = CLEANING_BATCH) -> int:
    """Strip refused characters from every text column of `model`, `batch` rows at a time by
    primary key (a migration's historical model; nothing is loaded whole). Returns rows changed."""
    fields = [
        f.attname
        for f in model._meta.concrete_fields
        if f.get_internal_type() in ("CharField", "TextField") and not f.primary_key
    ]
    if not fields:
        return 0
    changed, last = 0, None
    while True:
        rows = model._base_manager.order_by("pk")
        rows = list((rows.filter(pk__gt=last) if last is not None else rows)[:batch])
        if not rows:
            return changed
        dirty = [row for row in rows if _strip_row(row, fields)]
        model._base_manager.bulk_update(dirty, fields)
        changed, last = changed + len(dirty), rows[-1].pk


def _strip_row(row, fields: list[str]) -> bool:
    dirty = False
    for name in fields:
        value = getattr(row, name)
        if isinstance(value, str) and (clean := strip_refused(value)) != value:
            setattr(row, name, clean)
            dirty = True
    return dirty

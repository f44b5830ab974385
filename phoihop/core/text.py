"""Text folding: the one function that makes Vietnamese text searchable without diacritics."""

import unicodedata

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

"""Reading numbers from query strings: an id or a year typed into a URL is a short number.

Anything else (letters, signs, superscript digits, thirty digits) reads as "not given", so a
filter ignores it instead of failing on it further down.
"""

from __future__ import annotations

MAX_DIGITS = 9


def query_number(raw: str | None) -> int | None:
    if not raw or len(raw) > MAX_DIGITS or not raw.isdecimal() or not raw.isascii():
        return None
    return int(raw)

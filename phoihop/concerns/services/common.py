"""Small helpers every concerns service module shares."""

from __future__ import annotations


def clean(text: str) -> str:
    return (text or "").strip()

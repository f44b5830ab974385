"""Small helpers every concerns service module shares."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def clean(text: str) -> str:
    return (text or "").strip()


def validation_messages(error: ValidationError) -> list[str]:
    """The Vietnamese messages of a service error, for the API and flash messages."""
    if hasattr(error, "message_dict"):
        return [m for messages in error.message_dict.values() for m in messages]
    return list(error.messages)

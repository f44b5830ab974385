"""Errors raised by services, shown to the user in Vietnamese."""

from django.core.exceptions import PermissionDenied, ValidationError


class PolicyDenied(PermissionDenied):
    """The actor may see the object but not do this to it: the view answers 403."""


def ensure(condition: bool, message: str) -> None:
    """Stop a service with a 403 and `message` when a policy says no."""
    if not condition:
        raise PolicyDenied(message)


def invalid(message: str, field: str | None = None) -> ValidationError:
    """A validation error for one field (or the whole form) with a Vietnamese message."""
    return ValidationError({field: [message]} if field else message)

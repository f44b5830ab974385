"""Yes/no decisions about installation-wide settings; no I/O."""

from .actor import Actor


def can_edit_calendar(actor: Actor) -> bool:
    """The calendar is national: only the installation's operator changes it."""
    return actor.sees_everything

"""Background tasks of the concerns app: idempotent, safe to run twice."""

from datetime import date

from django_tasks import task

from .contacts import purge_contacts
from .reminders import send_concern_reminders
from .suggestions import retrain


@task()
def remind_about_concerns(today: str | None = None) -> int:
    """Reminders, overdue notices and escalations; returns the notifications created."""
    return send_concern_reminders(date.fromisoformat(today) if today else None)


@task()
def retrain_suggestions() -> list[str]:
    """Retrain the suggestion models whose confirmed data changed; returns their targets."""
    return retrain()


@task()
def purge_petitioner_contacts() -> int:
    """Erase the contacts of concerns finished more than N months ago."""
    return purge_contacts()

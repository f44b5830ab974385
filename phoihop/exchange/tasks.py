"""Background tasks of the exchange app: they take ids or dates, re-check state, may run twice."""

from datetime import date

from django_tasks import task

from .reminders import send_dispatch_reminders


@task()
def remind_about_dispatches(today: str | None = None) -> int:
    """The periodic reply-deadline reminder and escalation run (see reminders.py); `today` is an
    ISO date for a manual run. Returns the number of notifications created."""
    return send_dispatch_reminders(date.fromisoformat(today) if today else None)

"""Background tasks of the obligations engine: they re-read state and may run twice safely."""

from datetime import datetime

from django_tasks import task

from .reminders import send_obligation_reminders


@task()
def remind_about_obligations(now: str | None = None) -> int:
    """The periodic reminder and escalation sweep over every capability (reminders.py); `now`
    is an ISO moment for a manual run. Returns the number of notifications created."""
    return send_obligation_reminders(datetime.fromisoformat(now) if now else None)

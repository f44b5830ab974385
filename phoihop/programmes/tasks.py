"""Background tasks of the programmes app: they take ids, re-check state, may run twice."""

from datetime import date

from django_tasks import task

from .reminders import send_task_reminders


@task()
def remind_about_tasks(today: str | None = None) -> int:
    """The periodic reminder and escalation run (see reminders.py); `today` is an ISO date for
    a manual run, the local date by default. Returns the number of notifications created."""
    return send_task_reminders(date.fromisoformat(today) if today else None)

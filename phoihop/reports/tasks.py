"""Background tasks of the reports app: they take ids, re-check state, may run twice."""

from datetime import date

from django_tasks import task

from .reminders import send_report_reminders


@task()
def remind_about_reports(today: str | None = None) -> int:
    """The periodic report reminder and escalation run (see reminders.py)."""
    return send_report_reminders(date.fromisoformat(today) if today else None)

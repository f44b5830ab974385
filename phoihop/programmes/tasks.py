"""Background tasks of the programmes app."""

from django_tasks import task

from .reminders import send_task_reminders


@task()
def remind_about_tasks() -> int:
    return send_task_reminders()

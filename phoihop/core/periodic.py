"""Periodic jobs, declared once here and run by the single `run_scheduler` process.

Each job has a period; its current slot is the start of the period it falls in. The scheduler
claims a slot by inserting a unique `ScheduledRun` row, so a second scheduler (or a restart in
the same period) enqueues nothing twice. Tasks are idempotent anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduledRun


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: str  # dotted path to a django-tasks task taking no arguments
    every: timedelta

    def slot(self, now: datetime) -> datetime:
        seconds = int(self.every.total_seconds())
        epoch = int(now.timestamp())
        return datetime.fromtimestamp(epoch - epoch % seconds, tz=UTC)


PERIODIC_JOBS: list[PeriodicJob] = [
    PeriodicJob(
        "clear_expired_sessions", "phoihop.core.tasks.clear_expired_sessions", timedelta(days=1)
    ),
    PeriodicJob("fail_stale_jobs", "phoihop.core.tasks.fail_stale_jobs", timedelta(minutes=15)),
    PeriodicJob(
        "remind_about_tasks", "phoihop.programmes.tasks.remind_about_tasks", timedelta(hours=6)
    ),
    PeriodicJob(
        "remind_about_dispatches",
        "phoihop.exchange.tasks.remind_about_dispatches",
        timedelta(hours=6),
    ),
    # Slots start at 00:00 UTC, i.e. 07:00 in Hà Nội: the morning digest of the day before.
    PeriodicJob(
        "send_daily_digests", "phoihop.notifications.tasks.send_daily_digests", timedelta(days=1)
    ),
    PeriodicJob(
        "check_incident_clocks",
        "phoihop.incidents.tasks.check_incident_clocks",
        timedelta(minutes=15),
    ),
    PeriodicJob(
        "remind_about_reports", "phoihop.reports.tasks.remind_about_reports", timedelta(hours=6)
    ),
    PeriodicJob(
        "remind_about_concerns", "phoihop.concerns.tasks.remind_about_concerns", timedelta(hours=6)
    ),
    PeriodicJob(
        "retrain_suggestions", "phoihop.concerns.tasks.retrain_suggestions", timedelta(hours=6)
    ),
    PeriodicJob(
        "purge_petitioner_contacts",
        "phoihop.concerns.tasks.purge_petitioner_contacts",
        timedelta(days=1),
    ),
]


def run_due_jobs(now: datetime | None = None, jobs: list[PeriodicJob] | None = None) -> list[str]:
    """Enqueue every job whose current slot has not been claimed yet; return their names."""
    now = now or timezone.now()
    enqueued = []
    for job in jobs if jobs is not None else PERIODIC_JOBS:
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(job=job.name, slot=job.slot(now))
                task = import_string(job.task)
                transaction.on_commit(task.enqueue)
        except IntegrityError:
            continue
        enqueued.append(job.name)
    return enqueued

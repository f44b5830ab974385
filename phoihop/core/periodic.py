"""Periodic jobs, declared by each app in `<app>/periodic.py` (`PERIODIC_JOBS`) and run by the
single `run_scheduler` process.

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
from .plugins import app_modules


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: str  # dotted path to a django-tasks task taking no arguments
    every: timedelta

    def slot(self, now: datetime) -> datetime:
        seconds = int(self.every.total_seconds())
        epoch = int(now.timestamp())
        return datetime.fromtimestamp(epoch - epoch % seconds, tz=UTC)


# The core's own jobs; every app declares its own the same way in `<app>/periodic.py`.
PERIODIC_JOBS: list[PeriodicJob] = [
    PeriodicJob(
        "clear_expired_sessions", "phoihop.core.tasks.clear_expired_sessions", timedelta(days=1)
    ),
    PeriodicJob("fail_stale_jobs", "phoihop.core.tasks.fail_stale_jobs", timedelta(minutes=15)),
]


def periodic_jobs() -> list[PeriodicJob]:
    """Every installed app's `PERIODIC_JOBS`, in INSTALLED_APPS order."""
    return [job for module in app_modules("periodic") for job in module.PERIODIC_JOBS]


def run_due_jobs(now: datetime | None = None, jobs: list[PeriodicJob] | None = None) -> list[str]:
    """Enqueue every job whose current slot has not been claimed yet; return their names."""
    now = now or timezone.now()
    enqueued = []
    for job in jobs if jobs is not None else periodic_jobs():
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(job=job.name, slot=job.slot(now))
                task = import_string(job.task)
                transaction.on_commit(task.enqueue)
        except IntegrityError:
            continue
        enqueued.append(job.name)
    return enqueued

"""Starting background jobs with a progress row, and the registry of what each kind runs."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from .actor import Actor
from .models import Job

RUNNERS: dict[str, Callable[[Job], None]] = {}


def runner(kind: str):
    """Register the function that does the work of jobs of `kind`."""

    def register(function: Callable[[Job], None]) -> Callable[[Job], None]:
        RUNNERS[kind] = function
        return function

    return register


@transaction.atomic
def job_start(*, actor: Actor, kind: str, title: str, params: dict) -> Job:
    """Queue a job for the actor; the worker picks it up once this transaction commits."""
    from .tasks import run_job

    if kind not in RUNNERS:
        raise ValueError(f"Unknown job kind {kind!r}")
    job = Job.objects.create(kind=kind, title=title, owner=actor.user, params=params)
    transaction.on_commit(lambda: run_job.enqueue(job.pk))
    return job


def job_progress(job: Job, done: int, total: int | None = None) -> None:
    """Record progress from inside a runner (one small UPDATE, visible at once)."""
    values = {"done": done} if total is None else {"done": done, "total": total}
    Job.objects.filter(pk=job.pk).update(**values)

"""Starting background jobs with a progress row, and recording their progress."""

from __future__ import annotations

from django.db import transaction

from .actor import Actor
from .job_registry import RUNNERS
from .models import Job
from .tasks import run_job


@transaction.atomic
def job_start(*, actor: Actor, kind: str, title: str, params: dict) -> Job:
    """Queue a job for the actor; the worker picks it up once this transaction commits."""
    if kind not in RUNNERS:
        raise ValueError(f"Unknown job kind {kind!r}")
    job = Job.objects.create(kind=kind, title=title, owner=actor.signed_in_user(), params=params)
    transaction.on_commit(lambda: run_job.enqueue(job.pk))
    return job


def job_progress(job: Job, done: int, total: int | None = None) -> None:
    """Record progress from inside a runner (one small UPDATE, visible at once)."""
    values = {"done": done} if total is None else {"done": done, "total": total}
    Job.objects.filter(pk=job.pk).update(**values)

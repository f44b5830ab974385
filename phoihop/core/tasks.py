"""Background tasks of the core: they take ids, re-check state, and may run twice safely."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from django_tasks import task

from .job_registry import RUNNERS
from .models import Job


@task()
def clear_expired_sessions() -> None:
    call_command("clearsessions")


STALE_AFTER = timedelta(hours=2)


@task()
def fail_stale_jobs() -> None:
    """A worker that died mid-job leaves it running forever; tell its owner it failed."""
    Job.objects.filter(
        status=Job.Status.RUNNING, created_at__lt=timezone.now() - STALE_AFTER
    ).update(
        status=Job.Status.FAILED,
        message="Công việc bị gián đoạn (máy chạy nền dừng giữa chừng). Vui lòng chạy lại.",
        finished_at=timezone.now(),
    )


@task()
def run_job(job_id: int) -> None:
    """Run a queued `Job` with the runner registered for its kind (see core.job_registry)."""
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING
    )
    if not claimed:  # already run, or running in another worker
        return
    job = Job.objects.get(pk=job_id)
    try:
        RUNNERS[job.kind](job)
    except Exception as exc:  # the user sees the failure on the progress page
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED, message=str(exc)[:20000], finished_at=timezone.now()
        )
        raise
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE, finished_at=timezone.now())

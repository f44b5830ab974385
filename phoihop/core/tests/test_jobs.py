"""Background jobs end to end: queued on commit, run by a real worker, idempotent (the audit
export, a real kind, is tested with the site app)."""

import pytest
from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from phoihop.core.job_registry import RUNNERS
from phoihop.core.jobs import job_progress, job_start
from phoihop.core.models import Job
from phoihop.core.tasks import run_job
from phoihop.testing.queues import work_off_database_queue, work_off_redis_queue

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def counting_runner(monkeypatch):
    """A job kind whose runner counts how often it really ran."""
    calls = []

    def count(job):
        calls.append(job.pk)
        job_progress(job, 1, 1)

    monkeypatch.setitem(RUNNERS, "count", count)
    return calls


def start(world, kind: str) -> Job:
    return job_start(actor=world.actor(world.auditor), kind=kind, title="Đếm", params={})


# --- Database backend --------------------------------------------------------------------------


def test_a_job_enqueued_twice_does_its_work_once(world, database_queue, counting_runner):
    job = start(world, kind="count")
    run_job.enqueue(job.pk)  # a duplicate delivery
    assert DBTaskResult.objects.count() == 2

    work_off_database_queue()
    run_job.call(job.pk)

    assert counting_runner == [job.pk]
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {
        TaskResultStatus.SUCCESSFUL
    }
    job.refresh_from_db()
    assert job.status == Job.Status.DONE


def test_a_failing_job_is_marked_failed_with_its_message(world, database_queue, monkeypatch):
    def broken(job):
        raise RuntimeError("Không đọc được dữ liệu")

    monkeypatch.setitem(RUNNERS, "broken", broken)
    job = start(world, kind="broken")
    work_off_database_queue()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message == "Không đọc được dữ liệu"
    assert job.finished_at is not None
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED


def test_nothing_is_queued_when_the_starting_transaction_rolls_back(
    world, database_queue, counting_runner
):
    with pytest.raises(RuntimeError), transaction.atomic():
        start(world, kind="count")
        raise RuntimeError("rollback")
    assert not Job.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_an_unknown_job_kind_is_refused(world, database_queue):
    with pytest.raises(ValueError):
        start(world, kind="no_such_kind")
    assert not Job.objects.exists()
    assert not DBTaskResult.objects.exists()


# --- Redis (RQ) backend ------------------------------------------------------------------------


@pytest.mark.redis
def test_a_job_delivered_twice_through_redis_does_its_work_once(
    world, redis_queue, counting_runner
):
    job = start(world, kind="count")
    run_job.enqueue(job.pk)
    assert redis_queue.count == 2

    work_off_redis_queue()

    assert counting_runner == [job.pk]
    assert redis_queue.finished_job_registry.count == 2
    job.refresh_from_db()
    assert job.status == Job.Status.DONE


def test_a_job_left_running_by_a_dead_worker_is_marked_failed(world):
    from datetime import timedelta

    from django.utils import timezone

    from phoihop.core.tasks import fail_stale_jobs

    stale = Job.objects.create(
        kind="audit_export", title="cũ", owner=world.auditor, status="running"
    )
    fresh = Job.objects.create(
        kind="audit_export", title="mới", owner=world.auditor, status="running"
    )
    Job.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(hours=3))
    fail_stale_jobs.call()
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == Job.Status.FAILED and "gián đoạn" in stale.message
    assert fresh.status == Job.Status.RUNNING

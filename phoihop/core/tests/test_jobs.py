"""Background jobs end to end: queued on commit, run by a real worker, idempotent."""

import json
import signal
from io import BytesIO

import django_rq
import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from phoihop.core.audit_export import HEADER
from phoihop.core.jobs import RUNNERS, job_progress, job_start
from phoihop.core.models import AuditEntry, Job
from phoihop.core.selectors import AuditFilter, audit_list
from phoihop.core.tasks import run_job
from phoihop.organisations.services import organisation_update

pytestmark = pytest.mark.django_db(transaction=True)

OLD_NAME, NEW_NAME = "Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa và Thể thao"


@pytest.fixture(autouse=True)
def _restore_signal_handlers():
    """Workers install their own SIGINT/SIGTERM handlers; give pytest its own back."""
    names = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    saved = {name: signal.getsignal(name) for name in names}
    yield
    for name, handler in saved.items():
        signal.signal(name, handler)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


@pytest.fixture
def counting_runner(monkeypatch):
    """A job kind whose runner counts how often it really ran."""
    calls = []

    def count(job):
        calls.append(job.pk)
        job_progress(job, 1, 1)

    monkeypatch.setitem(RUNNERS, "count", count)
    return calls


def work_off_database_queue() -> None:
    call_command(
        "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
    )


def start(world, kind="audit_export", who="auditor") -> Job:
    return job_start(
        actor=world.actor(getattr(world, who)), kind=kind, title="Xuất nhật ký", params={}
    )


def workbook_rows(job: Job) -> list[tuple]:
    with job.result.open("rb") as stored:
        sheet = load_workbook(BytesIO(stored.read()), read_only=True)["Nhật ký"]
        return list(sheet.iter_rows(values_only=True))


# --- Database backend --------------------------------------------------------------------------


def test_an_audit_export_runs_in_the_worker_and_writes_a_vietnamese_workbook(world, database_queue):
    organisation_update(
        actor=world.actor(world.admin), organisation=world.department, name=NEW_NAME
    )
    job = start(world)
    assert job.status == Job.Status.QUEUED
    assert DBTaskResult.objects.get().status == TaskResultStatus.READY

    work_off_database_queue()

    job.refresh_from_db()
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    assert job.status == Job.Status.DONE
    assert job.finished_at is not None
    assert job.result.name.endswith(f"nhat-ky-{job.pk}.xlsx")
    expected = audit_list(actor=world.actor(world.auditor), filters=AuditFilter())
    assert job.total == job.done == expected.count() > 0
    assert job.percent == 100

    rows = workbook_rows(job)
    assert rows[0] == tuple(HEADER)
    assert len(rows) == 1 + expected.count()
    renamed = next(row for row in rows if row[3] == "Sửa thông tin cơ quan")
    assert renamed[1] == "admin"
    assert renamed[2] == NEW_NAME
    assert renamed[4] == f"cơ quan: {NEW_NAME}"
    assert json.loads(renamed[5]) == {"name": [OLD_NAME, NEW_NAME]}
    assert OLD_NAME in renamed[5]  # written as text, not \u escapes
    offices = {row[2] for row in rows[1:]}
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ngãi" in offices
    assert not any("Hà Nội" in (office or "") for office in offices)


def test_an_export_run_again_is_not_redone(world, database_queue):
    job = start(world)
    work_off_database_queue()
    job.refresh_from_db()
    finished, result = job.finished_at, job.result.name
    organisation_update(actor=world.actor(world.admin), organisation=world.board, symbol="BTG")

    run_job.call(job.pk)

    job.refresh_from_db()
    assert (job.finished_at, job.result.name) == (finished, result)
    assert len(workbook_rows(job)) == 1 + job.total
    assert job.total < AuditEntry.objects.count()


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


def test_nothing_is_queued_when_the_starting_transaction_rolls_back(world, database_queue):
    with pytest.raises(RuntimeError), transaction.atomic():
        start(world)
        raise RuntimeError("rollback")
    assert not Job.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_an_unknown_job_kind_is_refused(world, database_queue):
    with pytest.raises(ValueError):
        start(world, kind="no_such_kind")
    assert not Job.objects.exists()
    assert not DBTaskResult.objects.exists()


# --- Redis (RQ) backend ------------------------------------------------------------------------

REDIS_TEST_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": REDIS_TEST_URL, "DEFAULT_TIMEOUT": 60}}
    connection = django_rq.get_connection("default")
    assert connection.connection_pool.connection_kwargs["db"] == 15
    connection.flushdb()
    yield django_rq.get_queue("default")
    connection.flushdb()


def work_off_redis_queue() -> None:
    call_command(
        "rqworker",
        "default",
        burst=True,
        worker_class="rq.worker.SimpleWorker",
        job_class="django_tasks_rq.Job",
        verbosity=0,
    )


@pytest.mark.redis
def test_an_audit_export_runs_through_redis(world, redis_queue):
    job = start(world)
    assert redis_queue.count == 1

    work_off_redis_queue()

    job.refresh_from_db()
    assert redis_queue.count == 0
    assert redis_queue.finished_job_registry.count == 1
    assert job.status == Job.Status.DONE
    rows = workbook_rows(job)
    assert rows[0] == tuple(HEADER)
    assert len(rows) == 1 + job.total
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ngãi" in {row[2] for row in rows[1:]}


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

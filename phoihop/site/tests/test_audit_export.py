"""The audit trail exported in the background: run by a real worker, a Vietnamese workbook of
what its owner may see, not redone when delivered again."""

import json
from io import BytesIO

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from phoihop.core.jobs import job_start
from phoihop.core.models import AuditEntry, Job
from phoihop.core.selectors import AuditFilter, audit_list
from phoihop.core.tasks import run_job
from phoihop.organisations.services import organisation_update
from phoihop.site.audit_export import HEADER
from phoihop.testing.queues import work_off_database_queue, work_off_redis_queue

pytestmark = pytest.mark.django_db(transaction=True)

OLD_NAME, NEW_NAME = "Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa và Thể thao"


def start(world) -> Job:
    return job_start(
        actor=world.actor(world.auditor), kind="audit_export", title="Xuất nhật ký", params={}
    )


def workbook_rows(job: Job) -> list[tuple]:
    with job.result.open("rb") as stored:
        sheet = load_workbook(BytesIO(stored.read()), read_only=True)["Nhật ký"]
        return list(sheet.iter_rows(values_only=True))


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

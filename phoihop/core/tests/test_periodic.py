from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks import task_backends

from phoihop.core.models import ScheduledRun
from phoihop.core.periodic import PeriodicJob, periodic_jobs, run_due_jobs
from phoihop.core.plugins import app_modules

pytestmark = pytest.mark.django_db

HOURLY = PeriodicJob("sweep", "phoihop.core.tasks.clear_expired_sessions", timedelta(hours=1))
DAILY = PeriodicJob("purge", "phoihop.core.tasks.clear_expired_sessions", timedelta(days=1))
NOON = datetime(2026, 3, 9, 5, 0, tzinfo=UTC)  # 12:00 in Hà Nội


@pytest.fixture
def queue(settings):
    """The task backend swapped for django-tasks' dummy one, which keeps what was enqueued."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    backend.clear()
    return backend


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def run_at(now, jobs):
        with django_capture_on_commit_callbacks(execute=True):
            return run_due_jobs(now=now, jobs=jobs)

    return run_at


def test_a_slot_is_the_start_of_the_period_in_utc():
    assert HOURLY.slot(NOON + timedelta(minutes=59, seconds=59)) == NOON
    assert HOURLY.slot(NOON + timedelta(hours=1)) == NOON + timedelta(hours=1)
    assert DAILY.slot(NOON) == datetime(2026, 3, 9, tzinfo=UTC)
    assert HOURLY.slot(NOON).tzinfo is not None


def test_running_twice_in_the_same_slot_enqueues_once(queue, run):
    assert run(NOON, [HOURLY]) == ["sweep"]
    assert run(NOON + timedelta(minutes=30), [HOURLY]) == []
    assert [r.task.name for r in queue.results] == ["clear_expired_sessions"]
    assert ScheduledRun.objects.filter(job="sweep").count() == 1


def test_the_next_slot_enqueues_again(queue, run):
    run(NOON, [HOURLY])
    assert run(NOON + timedelta(hours=1), [HOURLY]) == ["sweep"]
    assert len(queue.results) == 2
    assert list(ScheduledRun.objects.order_by("slot").values_list("slot", flat=True)) == [
        NOON,
        NOON + timedelta(hours=1),
    ]


def test_each_job_claims_its_own_slots(queue, run):
    assert run(NOON, [HOURLY, DAILY]) == ["sweep", "purge"]
    assert run(NOON + timedelta(hours=2), [HOURLY, DAILY]) == ["sweep"]
    assert len(queue.results) == 3


def test_nothing_is_enqueued_before_the_claim_commits(queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run_due_jobs(now=NOON, jobs=[HOURLY])
    assert queue.results == []
    assert len(callbacks) == 1


def test_the_declared_jobs_point_at_real_tasks(queue, run):
    assert run(NOON, None) == [job.name for job in periodic_jobs()]
    assert len(queue.results) == len(periodic_jobs())


def test_each_app_declares_its_own_jobs_under_unique_names():
    modules = app_modules("periodic")
    assert len(modules) > 1  # the core's and the apps'
    for module in modules:
        app = module.__name__.removesuffix(".periodic")
        assert module.PERIODIC_JOBS
        assert all(job.task.startswith(f"{app}.") for job in module.PERIODIC_JOBS), app
    names = [job.name for job in periodic_jobs()]
    assert len(names) == len(set(names))


def test_the_scheduler_command_enqueues_once_and_says_so_in_vietnamese(queue):
    out = StringIO()
    call_command("run_scheduler", once=True, stdout=out)
    assert out.getvalue().splitlines() == [
        f"Đã đưa vào hàng đợi: {job.name}" for job in periodic_jobs()
    ]
    out = StringIO()
    call_command("run_scheduler", once=True, stdout=out)
    assert out.getvalue() == ""

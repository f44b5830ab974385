"""Task queues for tests that run background jobs through a real worker: the database queue
(django-tasks-db) and Redis (RQ), each worked off in the test's own process.

Fixtures here are imported by the `conftest.py` of the test packages that use them.
"""

from __future__ import annotations

import signal
from contextlib import contextmanager

import django_rq
import pytest
from django.core.management import call_command

REDIS_TEST_URL = "redis://127.0.0.1:6379/15"


@contextmanager
def _worker_sandbox(settings, media_root):
    """Files the jobs write go to `media_root`; the worker's SIGINT/SIGTERM handlers are replaced
    by pytest's own again afterwards."""
    settings.MEDIA_ROOT = media_root
    names = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    saved = {name: signal.getsignal(name) for name in names}
    try:
        yield
    finally:
        for name, handler in saved.items():
            signal.signal(name, handler)


@pytest.fixture
def database_queue(settings, tmp_path):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    with _worker_sandbox(settings, tmp_path):
        yield


@pytest.fixture
def redis_queue(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": REDIS_TEST_URL, "DEFAULT_TIMEOUT": 60}}
    connection = django_rq.get_connection("default")
    assert connection.connection_pool.connection_kwargs["db"] == 15
    connection.flushdb()
    with _worker_sandbox(settings, tmp_path):
        yield django_rq.get_queue("default")
    connection.flushdb()


def work_off_database_queue() -> None:
    call_command(
        "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
    )


def work_off_redis_queue() -> None:
    call_command(
        "rqworker",
        "default",
        burst=True,
        worker_class="rq.worker.SimpleWorker",
        job_class="django_tasks_rq.Job",
        verbosity=0,
    )

"""Background tasks of the incidents app: they take ids, re-check state, may run twice."""

from datetime import datetime

from django_tasks import task

from .services import incident_clocks_check


@task()
def check_incident_clocks(now: str | None = None) -> int:
    """The periodic clock check (see services/clocks.py); `now` is an ISO datetime for a manual
    run. Returns the number of notifications created."""
    return incident_clocks_check(now=datetime.fromisoformat(now) if now else None)

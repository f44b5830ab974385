"""Periodic jobs of the incidents app (run by `run_scheduler`, see core.periodic)."""

from datetime import timedelta

from phoihop.core.periodic import PeriodicJob

PERIODIC_JOBS = [
    PeriodicJob(
        "check_incident_clocks",
        "phoihop.incidents.tasks.check_incident_clocks",
        timedelta(minutes=15),
    ),
]

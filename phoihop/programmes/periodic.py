"""Periodic jobs of the programmes app (run by `run_scheduler`, see core.periodic)."""

from datetime import timedelta

from phoihop.core.periodic import PeriodicJob

PERIODIC_JOBS = [
    PeriodicJob(
        "remind_about_tasks", "phoihop.programmes.tasks.remind_about_tasks", timedelta(hours=6)
    ),
]

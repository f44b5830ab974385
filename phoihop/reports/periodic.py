"""Periodic jobs of the reports app (run by `run_scheduler`, see core.periodic)."""

from datetime import timedelta

from phoihop.core.periodic import PeriodicJob

PERIODIC_JOBS = [
    PeriodicJob(
        "remind_about_reports", "phoihop.reports.tasks.remind_about_reports", timedelta(hours=6)
    ),
]

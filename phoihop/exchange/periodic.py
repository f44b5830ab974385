"""Periodic jobs of the exchange app (run by `run_scheduler`, see core.periodic)."""

from datetime import timedelta

from phoihop.core.periodic import PeriodicJob

PERIODIC_JOBS = [
    PeriodicJob(
        "remind_about_dispatches",
        "phoihop.exchange.tasks.remind_about_dispatches",
        timedelta(hours=6),
    ),
]

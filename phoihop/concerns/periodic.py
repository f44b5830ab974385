"""Periodic jobs of the concerns app (run by `run_scheduler`, see core.periodic)."""

from datetime import timedelta

from phoihop.core.periodic import PeriodicJob

PERIODIC_JOBS = [
    PeriodicJob(
        "remind_about_concerns", "phoihop.concerns.tasks.remind_about_concerns", timedelta(hours=6)
    ),
    PeriodicJob(
        "retrain_suggestions", "phoihop.concerns.tasks.retrain_suggestions", timedelta(hours=6)
    ),
    PeriodicJob(
        "purge_petitioner_contacts",
        "phoihop.concerns.tasks.purge_petitioner_contacts",
        timedelta(days=1),
    ),
]

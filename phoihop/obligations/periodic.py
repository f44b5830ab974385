"""The obligations engine's periodic job, collected by `core.periodic`.

Every 15 minutes: the shortest rungs are working hours (a case's acknowledgement is due in two),
and a sweep with nothing due reads one index range and stops.
"""

from datetime import timedelta

from phoihop.core.periodic import PeriodicJob

PERIODIC_JOBS = [
    PeriodicJob(
        "remind_about_obligations",
        "phoihop.obligations.tasks.remind_about_obligations",
        timedelta(minutes=15),
    )
]

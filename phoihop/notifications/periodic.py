"""Periodic jobs of the notifications app (run by `run_scheduler`, see core.periodic)."""

from datetime import timedelta

from phoihop.core.periodic import PeriodicJob

PERIODIC_JOBS = [
    # Slots start at 00:00 UTC, i.e. 07:00 in Hà Nội: the morning digest of the day before.
    PeriodicJob(
        "send_daily_digests", "phoihop.notifications.tasks.send_daily_digests", timedelta(days=1)
    ),
]

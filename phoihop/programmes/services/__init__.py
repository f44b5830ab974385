"""Every write to programmes, parties, plans, tasks and outputs (split by entity next)."""

from .tasks import *  # noqa: F403

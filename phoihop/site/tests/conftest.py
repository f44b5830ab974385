"""Fixtures of the tests that run jobs through a real worker (see phoihop.testing.queues)."""

from phoihop.testing.queues import database_queue, redis_queue

__all__ = ["database_queue", "redis_queue"]

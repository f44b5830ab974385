"""What each kind of background job runs: apps register their kinds, the worker looks them up.

An app registers a kind with `@runner("kind")` on a module its `AppConfig.ready` imports, so
`job_start` (which refuses unknown kinds) and the worker's `run_job` both find it without the
core naming the app.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Job

RUNNERS: dict[str, Callable[[Job], None]] = {}


def runner(kind: str):
    """Register the function that does the work of jobs of `kind`."""

    def register(function: Callable[[Job], None]) -> Callable[[Job], None]:
        RUNNERS[kind] = function
        return function

    return register

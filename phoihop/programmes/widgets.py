"""Home-page cards of the programmes app: the actor's task counts, first on the page, and the
progress of the programmes in force, after the roles."""

from __future__ import annotations

from phoihop.core.plugins import HomeWidget

from . import selectors
from .models import Programme

RUNNING_SHOWN = 6


def home_widgets(*, actor) -> list[HomeWidget]:
    work = selectors.work_summary(actor=actor)
    widgets = [HomeWidget("programmes/_home_work.html", {"work": work}, order=10)]
    running = list(
        selectors.programme_list(
            actor=actor, filters=selectors.ProgrammeFilter(state=Programme.State.IN_FORCE)
        )[:RUNNING_SHOWN]
    )
    if running:
        widgets.append(
            HomeWidget("programmes/_home_running.html", {"programmes": running}, order=70)
        )
    return widgets

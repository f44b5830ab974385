"""Home-page cards: the concern queues the actor works in, and those past their deadline."""

from __future__ import annotations

from django.utils import timezone

from phoihop.core.paging import capped_count
from phoihop.core.plugins import HomeWidget

from . import selectors
from .models import Concern


def home_widgets(*, actor) -> list[HomeWidget]:
    counts = selectors.queue_counts(actor=actor)
    if not counts:
        return []
    overdue = capped_count(
        Concern.objects.visible_to(actor).filter(
            state__in=Concern.OPEN_STATES,
            merged_into__isnull=True,
            due__lt=timezone.localdate(),
        )
    )
    queues = [
        (name, selectors.QUEUES[name][0], count, f"concerns:{name}_queue")
        for name, count in counts.items()
    ]
    return [HomeWidget("concerns/_home_queues.html", {"queues": queues, "overdue": overdue}, 40)]

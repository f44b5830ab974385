"""Home-page cards of the reports app: reports my body owes, reports awaiting my review."""

from __future__ import annotations

from phoihop.core.plugins import HomeWidget

from . import selectors
from .models import ReportSubmission


def home_widgets(*, actor) -> list[HomeWidget]:
    widgets = []
    due = list(
        selectors.my_submissions(actor=actor).exclude(state__in=ReportSubmission.DELIVERED_STATES)[
            :5
        ]
    )
    if due:
        widgets.append(HomeWidget("reports/_home_due.html", {"submissions": due}, order=40))
    awaiting = list(selectors.awaiting_review(actor=actor)[:5])
    if awaiting:
        widgets.append(HomeWidget("reports/_home_review.html", {"submissions": awaiting}, order=41))
    return widgets

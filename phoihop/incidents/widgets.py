"""Home-page cards of the incidents app (found by `core.plugins.home_widgets`)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from phoihop.accounts.roles import Role
from phoihop.core.plugins import HomeWidget

from . import clocks
from .models import Incident


def home_widgets(*, actor) -> list[HomeWidget]:
    """Unacknowledged cases and cases past a clock, among the cases the actor may see (one
    query); shown to the board and to anyone with an open case in view."""
    if not actor.is_authenticated:
        return []
    counts = (
        Incident.objects.visible_to(actor)
        .order_by()
        .aggregate(
            open=Count("id", filter=Q(state__in=Incident.OPEN_STATES)),
            unacknowledged=Count("id", filter=Q(state=Incident.State.REPORTED)),
            overdue=Count("id", filter=clocks.overdue_q(timezone.now())),
        )
    )
    board = actor.has_role(Role.BOARD_LEADER, Role.BOARD_OFFICER, Role.DUTY_OFFICER)
    if not counts["open"] and not board:
        return []
    return [HomeWidget("incidents/_home_cases.html", counts, order=20)]

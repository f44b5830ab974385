"""Home-page card of the organisations app: the bodies and communes in the actor's scope."""

from __future__ import annotations

from phoihop.core.plugins import HomeWidget

from .selectors import scope_summary


def home_widgets(*, actor) -> list[HomeWidget]:
    return [HomeWidget("organisations/_home_scope.html", scope_summary(actor=actor), order=15)]

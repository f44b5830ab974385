"""Home-page cards of the exchange app: the acting body's unread dispatches and those awaiting
its acknowledgement."""

from __future__ import annotations

from phoihop.core.plugins import HomeWidget

from . import selectors


def home_widgets(*, actor) -> list[HomeWidget]:
    body = selectors.acting_body(actor)
    if body is None:
        return []
    return [
        HomeWidget(
            template="exchange/_home_awaiting.html",
            context={
                "body": body,
                "unread": selectors.unread_count(body=body),
                "rows": selectors.awaiting_acknowledgement(body=body),
            },
            order=30,
        )
    ]

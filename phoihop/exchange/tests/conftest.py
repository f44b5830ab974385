"""Dispatches built through the services for the exchange tests.

The world's council and people's committee get an officer each, so that a dispatch from the
board to them is delivered; a body without users (the commune's Party committee) fails.
"""

from __future__ import annotations

import pytest

from phoihop.accounts.roles import Role
from phoihop.exchange import services
from phoihop.testing.world import person


@pytest.fixture
def xworld(world):
    world.council_officer = person("council_officer", world.council, Role.COUNCIL_OFFICER)
    world.committee_officer = person(
        "committee_officer", world.peoples_committee, Role.COMMITTEE_OFFICER
    )
    return world


@pytest.fixture
def officer(xworld):
    return xworld.actor(xworld.board_officer)


def draft(world, *, issuer=None, by=None, addressees=None, copied=(), **extra):
    data = services.DispatchData(
        summary=extra.pop("summary", "Lịch kỳ họp thứ Mười Hội đồng nhân dân tỉnh"),
        kind=extra.pop("kind", "activity_info"),
        body=extra.pop("body", "Thông báo lịch kỳ họp để Ban định hướng tuyên truyền."),
        addressees=list(addressees if addressees is not None else [world.council]),
        copied=list(copied),
        **extra,
    )
    return services.dispatch_create(
        actor=world.actor(by or world.board_officer), issuer=issuer or world.board, data=data
    )


def sent(world, **kwargs):
    dispatch = draft(world, **kwargs)
    services.dispatch_send(
        actor=world.actor(kwargs.get("by") or world.board_officer), dispatch=dispatch
    )
    dispatch.refresh_from_db()
    return dispatch

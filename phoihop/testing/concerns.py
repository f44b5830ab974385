"""Concerns built through the services, for the tests of every app, the API and the browser."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from phoihop.accounts.roles import Role
from phoihop.concerns.categories import load_categories
from phoihop.concerns.models import Category, Concern
from phoihop.concerns.services import recording, transitions
from phoihop.testing.world import person

FIRST_SEEN = date(2026, 3, 2)


@dataclass
class Officers:
    council_officer: object
    committee_officer: object


def officers(world) -> Officers:
    """The council's and the people's committee's office officers (not in the shared world)."""
    return Officers(
        council_officer=person("council_officer", world.council, Role.COUNCIL_OFFICER),
        committee_officer=person(
            "committee_officer", world.peoples_committee, Role.COMMITTEE_OFFICER
        ),
    )


def category(code: str = "land") -> Category:
    load_categories(Category)
    return Category.objects.get(code=code)


def capture(world, *, title="Người dân phản ánh chậm bồi thường dự án khu dân cư", **extra):
    data = recording.ConcernData(
        title=title,
        summary=extra.pop("summary", "Nhiều hộ dân chưa nhận tiền bồi thường sau hai năm."),
        category=extra.pop("category", None) or category(),
        first_seen=extra.pop("first_seen", FIRST_SEEN),
        scale=extra.pop("scale", Concern.Scale.LOCAL),
        trend=extra.pop("trend", Concern.Trend.RISING),
    )
    return recording.concern_create(
        actor=world.actor(world.board_officer),
        board=world.board,
        data=data,
        places=extra.pop("places", [world.duc_pho]),
        sources=extra.pop("sources", [recording.SourceData(kind="voter_meeting")]),
        **extra,
    )


def doc(ref: str = "12/BTGDV", day: date = date(2026, 3, 10)) -> transitions.StepData:
    return transitions.StepData(document_ref=ref, document_date=day)


def run_to(world, people: Officers, concern: Concern, target: str) -> Concern:
    """Walk `concern` along the main chain, each step by the officer who owns it, until
    it reaches `target` (a state)."""
    board = world.actor(world.board_officer)
    council = world.actor(people.council_officer)
    committee = world.actor(people.committee_officer)
    agency = world.actor(world.agency_officer)
    steps = [
        ("triaged", board, "triage", transitions.StepData(), transitions.ActionInput()),
        ("forwarded", board, "forward", doc("15/BTGDV-DLXH"), transitions.ActionInput()),
        ("requested", council, "request", doc("40/HĐND-VP"), transitions.ActionInput()),
        (
            "assigned",
            committee,
            "assign",
            doc("88/UBND-KT"),
            transitions.ActionInput(agencies=[world.department]),
        ),
        ("verifying", agency, "verify", transitions.StepData(), transitions.ActionInput()),
        (
            "answered",
            agency,
            "answer",
            doc("120/SVHTTDL", date(2026, 4, 1)),
            transitions.ActionInput(
                answer="Đã chi trả cho 40 hộ; còn 5 hộ đang xác minh nguồn gốc đất."
            ),
        ),
        ("supervising", council, "supervise", doc("55/HĐND-GS"), transitions.ActionInput()),
        ("closed", council, "close", doc("60/HĐND-GS"), transitions.ActionInput()),
    ]
    order = ["captured"] + [s[0] for s in steps]
    for state, actor, action, step, extra in steps:
        if concern.state == target:
            break
        if order.index(state) <= order.index(concern.state):
            continue
        concern = transitions.concern_act(
            actor=actor, concern=concern, action=action, step=step, extra=extra
        )
    assert concern.state == target
    return concern

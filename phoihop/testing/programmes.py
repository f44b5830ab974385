"""A programme in force between the world's board and its people's committee, with a plan,
a task led by the department and one output: for tests that need programme data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from phoihop.organisations.services import focal_point_set
from phoihop.programmes import services
from phoihop.programmes.models import AnnualPlan, Output, Programme, ProgrammeParty, Task
from phoihop.testing.world import World


@dataclass
class ProgrammeWorld:
    programme: Programme
    party: ProgrammeParty
    plan: AnnualPlan
    task: Task
    output: Output


def sign_all(world: World, programme: Programme) -> None:
    """Fill every party's signing details and name focal points, so it can come into force."""
    admin = world.actor(world.admin)
    for number, party in enumerate(programme.parties.select_related("organisation"), start=1):
        services.party_update(
            actor=world.actor(world.board_officer),
            party=party,
            authority="TM.",
            signatory_title="Phó Chủ tịch",
            signatory_name=f"Người ký {number}",
            document_number=f"{number:02d}/CTr-{party.organisation.symbol or 'X'}",
            document_date=date(2022, 1, 10),
        )
        members = party.organisation.memberships.filter(is_active=True)
        leader = members.first().user if members.exists() else world.board_leader
        if not members.exists():
            from phoihop.accounts.models import Membership

            Membership.objects.create(
                user=world.board_leader, organisation=party.organisation, role="agency_leader"
            )
        focal_point_set(
            actor=admin, organisation=party.organisation, leader=leader, advisory_unit="Văn phòng"
        )


def build_programme(world: World, year: int = 2026) -> ProgrammeWorld:
    officer, leader = world.actor(world.board_officer), world.actor(world.board_leader)
    programme = services.programme_create(
        actor=officer,
        board=world.board,
        data=services.ProgrammeData(
            title="Chương trình phối hợp giai đoạn 2022–2026 giữa Ban và UBND tỉnh",
            start=date(2022, 1, 1),
            end=date(2026, 12, 31),
        ),
        parties=[world.peoples_committee],
    )
    services.programme_advance(actor=officer, programme=programme, action="submit")
    services.programme_advance(actor=leader, programme=programme, action="agree")
    sign_all(world, programme)
    services.programme_advance(actor=leader, programme=programme, action="sign")
    services.programme_advance(actor=leader, programme=programme, action="bring_into_force")
    plan = services.plan_create(actor=officer, programme=programme, year=year)
    task = services.task_create(
        actor=officer,
        plan=plan,
        data=services.TaskData(
            title="Tuyên truyền kết quả kỳ họp HĐND tỉnh",
            lead=world.department,
            due=date(year, 6, 30),
        ),
    )
    services.task_advance(actor=officer, task=task, action="agree")
    services.task_advance(actor=officer, task=task, action="assign")
    output = services.output_add(
        actor=officer,
        task=task,
        kind=Task.OutputKind.ARTICLE_SERIES,
        title="Loạt bài về kỳ họp",
        produced_on=date(year, 5, 1),
        organisation=world.department,
    )
    programme.refresh_from_db()
    party = programme.parties.get(organisation=world.peoples_committee)
    return ProgrammeWorld(programme=programme, party=party, plan=plan, task=task, output=output)

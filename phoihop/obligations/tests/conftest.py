"""Fixtures of the obligations tests: two declared steps and real objects to owe things about.

Capabilities declare their real steps in the next round; until then the registry is replaced
here by two steps worded like theirs will be.
"""

import pytest

from phoihop.accounts.roles import Role
from phoihop.exchange import services as exchange
from phoihop.obligations import steps
from phoihop.obligations.steps import Step, collect
from phoihop.programmes import services as programmes
from phoihop.testing.programmes import build_programme
from phoihop.testing.world import person


class Declared:
    STEPS = [
        Step(
            code="task.report",
            capability="PRG",
            title="Báo cáo kết quả thực hiện nhiệm vụ",
            notice="Nhiệm vụ mới: {label} (hạn {due})",
            reminder="Sắp đến hạn báo cáo: {label} (hạn {due})",
            escalation="Quá hạn báo cáo: {label} — {body} (hạn {due})",
            roles=(Role.AGENCY_LEADER, Role.AGENCY_OFFICER),
        ),
        Step(
            code="dispatch.reply",
            capability="XCH",
            title="Trả lời công văn",
            notice="Công văn cần trả lời: {label} (hạn {due})",
            reminder="Sắp đến hạn trả lời: {label}",
            escalation="Quá hạn trả lời công văn: {label} — {body}",
            roles=(Role.COUNCIL_OFFICER, Role.BOARD_OFFICER),
        ),
    ]


TEST_STEPS = collect([Declared])


@pytest.fixture(autouse=True)
def declared_steps(monkeypatch):
    monkeypatch.setattr(steps, "registered_steps", lambda: TEST_STEPS)
    return TEST_STEPS


@pytest.fixture
def prg(world):
    return build_programme(world)


@pytest.fixture
def task(prg):
    return prg.task


@pytest.fixture
def council_officer(world):
    return person("council_officer", world.council, Role.COUNCIL_OFFICER)


@pytest.fixture
def dispatch(world, council_officer):
    officer = world.actor(world.board_officer)
    sent = exchange.dispatch_create(
        actor=officer,
        issuer=world.board,
        data=exchange.DispatchData(
            summary="Đề nghị cung cấp lịch kỳ họp", addressees=[world.council]
        ),
    )
    exchange.dispatch_send(actor=officer, dispatch=sent)
    return sent


def more_tasks(world, prg, count: int) -> list:
    """`count` more tasks in the programme world's plan, led by the department."""
    officer = world.actor(world.board_officer)
    return [
        programmes.task_create(
            actor=officer,
            plan=prg.plan,
            data=programmes.TaskData(
                title=f"Nhiệm vụ {n}", lead=world.department, due=prg.task.due
            ),
        )
        for n in range(count)
    ]

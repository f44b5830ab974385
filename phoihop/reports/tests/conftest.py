"""Fixtures for the reports app: a request from the world's board to three bodies."""

from datetime import date

import pytest

from phoihop.accounts.roles import Role
from phoihop.reports import services
from phoihop.testing.world import person


def request_data(**overrides) -> services.RequestData:
    values = {
        "title": "Báo cáo kết quả 6 tháng đầu năm 2026 thực hiện Quyết định số 238-QĐ/TW",
        "letter_number": "310-CV/BTGDVTU",
        "letter_date": date(2026, 7, 3),
        "period_kind": "first_half",
        "period_start": date(2026, 1, 1),
        "period_end": date(2026, 6, 30),
    }
    return services.RequestData(**(values | overrides))


@pytest.fixture
def council_officer(world):
    return person("council_officer", world.council, Role.COUNCIL_OFFICER)


@pytest.fixture
def issued(world, council_officer):
    """An issued request to the council, the people's committee and the department."""
    request = services.report_request_create(
        actor=world.actor(world.board_officer),
        board=world.board,
        data=request_data(),
        recipients=[world.council, world.peoples_committee, world.department],
    )
    services.report_request_issue(actor=world.actor(world.board_leader), request=request)
    return request


def write_and_submit(world, submission, user, *, today=date(2026, 7, 10), acknowledge=True):
    actor = world.actor(user)
    if submission.state != submission.State.DRAFTING:
        services.report_submission_start(actor=actor, submission=submission)
    defaults = {
        "strengths": "Phối hợp chặt chẽ, kịp thời.",
        "signatory_title": "Phó Chủ tịch",
        "signatory_name": "Nguyễn Văn A",
    }
    services.report_submission_update(
        actor=actor,
        submission=submission,
        **{name: value for name, value in defaults.items() if not getattr(submission, name)},
    )
    if acknowledge and submission.stale_flags:
        services.report_submission_acknowledge_stale(actor=actor, submission=submission)
    services.report_submission_advance(actor=actor, submission=submission, action="review")
    services.report_submission_sign(
        actor=actor, submission=submission, number="05/BC-HĐND", signed_on=date(2026, 7, 9)
    )
    return services.report_submission_submit(actor=actor, submission=submission, today=today)

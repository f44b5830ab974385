"""Rendered documents for the format tests: a joint programme (the board's Party format with a
state side), a council's report (state) and the board's consolidated report (Party)."""

from __future__ import annotations

from datetime import date

from phoihop.accounts.roles import Role
from phoihop.documents.programme import render_programme_docx
from phoihop.documents.report import render_consolidation_docx, render_submission_docx
from phoihop.programmes.models import ProgrammeParty
from phoihop.reports import services
from phoihop.reports.tests.conftest import request_data, write_and_submit
from phoihop.testing.programmes import build_programme
from phoihop.testing.world import person


def programme_docx(world) -> bytes:
    prg = build_programme(world)
    ProgrammeParty.objects.filter(programme=prg.programme, organisation=world.board).update(
        document_number="15-CTr/BTGDVTU", signatory_title="Trưởng ban"
    )
    return render_programme_docx(prg.programme)


def issued_request(world, recipients=None):
    request = services.report_request_create(
        actor=world.actor(world.board_officer),
        board=world.board,
        data=request_data(),
        recipients=recipients or [world.council, world.department],
    )
    services.report_request_issue(actor=world.actor(world.board_leader), request=request)
    return request


def submitted(world, request, organisation, role=Role.COUNCIL_OFFICER, **signature):
    submission = request.submissions.get(organisation=organisation)
    officer = person(f"officer_{organisation.pk}", organisation, role)
    actor = world.actor(officer)
    services.report_submission_start(actor=actor, submission=submission)
    services.report_submission_update(
        actor=actor,
        submission=submission,
        regular_results="- Tổ chức 2 kỳ họp, cung cấp thông tin cho báo chí.",
        priorities="Tổ chức kỳ họp thường lệ cuối năm",
        **signature,
    )
    write_and_submit(world, submission, officer)
    submission.refresh_from_db()
    return submission


COUNCIL_SIGNATURE = {
    "authority": "TM.",
    "signing_body": "Thường trực HĐND",
    "deputy_authority": "KT.",
    "head_title": "Chủ tịch",
    "signatory_title": "Phó Chủ tịch",
    "signatory_name": "Nguyễn Văn An",
}


def submission_docx(world) -> bytes:
    request = issued_request(world)
    return render_submission_docx(submitted(world, request, world.council, **COUNCIL_SIGNATURE))


def consolidation_docx(world) -> bytes:
    request = issued_request(world)
    submission = submitted(world, request, world.council, **COUNCIL_SIGNATURE)
    board = world.actor(world.board_officer)
    services.report_submission_accept(actor=board, submission=submission)
    consolidation = services.report_request_consolidate(actor=board, request=request)
    services.consolidation_update(
        actor=board,
        consolidation=consolidation,
        number="45-BC/BTGDVTU",
        signed_on=date(2026, 7, 25),
        signatory_name="Trần Thị Bình",
    )
    return render_consolidation_docx(consolidation)

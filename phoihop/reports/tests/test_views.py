from datetime import date

import pytest
from django.urls import reverse

from phoihop.reports import services
from phoihop.reports.models import ReportRequest, ReportSubmission

from .conftest import write_and_submit

pytestmark = pytest.mark.django_db


def test_the_board_drafts_a_request_from_the_form(world, login):
    client = login(world.board_officer)
    page = client.get(reverse("reports:create"))
    assert page.status_code == 200 and "Số, ký hiệu công văn" in page.content.decode()
    response = client.post(
        reverse("reports:create"),
        {
            "letter_number": "310-CV/BTGDVTU",
            "letter_date": "2026-07-03",
            "title": "Báo cáo 6 tháng đầu năm 2026",
            "period_kind": "first_half",
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "recipients": [world.council.pk, world.department.pk],
            "kinds": ["court"],
        },
    )
    request = ReportRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == request.get_absolute_url()
    assert request.submissions.count() == 2


def test_a_deadline_before_the_letter_is_shown_on_the_form_and_nothing_is_saved(world, login):
    client = login(world.board_officer)
    response = client.post(
        reverse("reports:create"),
        {
            "letter_number": "310-CV/BTGDVTU",
            "letter_date": "2026-07-03",
            "title": "Báo cáo",
            "period_kind": "first_half",
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "deadline": "2026-07-01",
            "recipients": [world.council.pk],
        },
    )
    assert response.status_code == 400
    assert "Hạn nộp báo cáo không được trước ngày ban hành" in response.content.decode()
    assert not ReportRequest.objects.exists()


def test_a_body_outside_the_boards_reach_is_not_even_offered(world, login):
    client = login(world.board_officer)
    response = client.post(
        reverse("reports:create"),
        {
            "letter_number": "310-CV/BTGDVTU",
            "letter_date": "2026-07-03",
            "title": "Báo cáo",
            "period_kind": "first_half",
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "recipients": [world.other_board.pk],
        },
    )
    assert response.status_code == 400 and not ReportRequest.objects.exists()


def test_an_agency_officer_may_not_open_the_request_form(world, login):
    assert login(world.agency_officer).get(reverse("reports:create")).status_code == 403


def test_the_editor_shows_prefilled_figures_and_the_stale_warning(world, login, issued):
    submission = issued.submissions.get(organisation=world.department)
    client = login(world.agency_officer)
    client.post(reverse("reports:submission_action", args=[submission.pk]), {"action": "start"})
    form = {
        name: getattr(ReportSubmission.objects.get(pk=submission.pk), name)
        for name in ["summary", "opening", "regular_results", "closing", "recipients"]
    }
    response = client.post(
        reverse("reports:submission", args=[submission.pk]),
        form | {"strengths": "Như năm 2024, phối hợp tốt.", "signatory_name": "Lê Văn C"},
    )
    assert response.status_code == 302
    page = client.get(reverse("reports:submission", args=[submission.pk])).content.decode()
    assert "Nhiệm vụ phối hợp đến hạn trong kỳ" in page
    assert "Năm 2024 khác năm của kỳ báo cáo (2026)" in page
    assert "Đã rà soát, giữ nguyên" in page


def test_the_board_returns_with_a_reason_and_sees_the_completeness(
    world, login, issued, council_officer
):
    submission = issued.submissions.get(organisation=world.council)
    write_and_submit(world, submission, council_officer)
    client = login(world.board_officer)
    url = reverse("reports:submission_action", args=[submission.pk])
    client.post(url, {"action": "return", "reason": ""})
    assert ReportSubmission.objects.get(pk=submission.pk).state == "submitted"
    client.post(url, {"action": "return", "reason": "Thiếu số liệu"})
    assert ReportSubmission.objects.get(pk=submission.pk).state == "returned"
    page = client.get(issued.get_absolute_url()).content.decode()
    assert "1/3 đã nộp" in page and "Đúng hạn" in page


def test_the_body_cannot_accept_its_own_report(world, login, issued, council_officer):
    submission = issued.submissions.get(organisation=world.council)
    write_and_submit(world, submission, council_officer)
    response = login(council_officer).post(
        reverse("reports:submission_action", args=[submission.pk]), {"action": "accept"}
    )
    assert response.status_code == 403
    assert ReportSubmission.objects.get(pk=submission.pk).state == "submitted"


def test_another_recipient_sees_the_request_but_not_the_other_bodies_reports(world, login, issued):
    client = login(world.agency_officer)
    assert client.get(issued.get_absolute_url()).status_code == 200
    council = issued.submissions.get(organisation=world.council)
    assert client.get(reverse("reports:submission", args=[council.pk])).status_code == 404


def test_consolidating_with_nothing_accepted_says_so(world, login, issued):
    client = login(world.board_officer)
    response = client.post(reverse("reports:request_consolidate", args=[issued.pk]), follow=True)
    assert "Chưa có báo cáo nào được tiếp nhận" in response.content.decode()
    assert ReportRequest.objects.get(pk=issued.pk).state == "issued"


def test_the_grid_colours_each_body_and_period(world, login, issued, council_officer):
    write_and_submit(world, issued.submissions.get(organisation=world.council), council_officer)
    page = login(world.board_leader).get(reverse("reports:grid")).content.decode()
    assert 'class="text-center table-success" data-status="on_time"' in page
    assert "1/3 (1)" in page


def test_the_grid_charts_on_time_late_and_missing_per_period_from_the_same_counts(
    world, login, issued, council_officer
):
    import json
    import re

    write_and_submit(world, issued.submissions.get(organisation=world.council), council_officer)
    page = login(world.board_leader).get(reverse("reports:grid")).content.decode()
    assert 'id="grid-chart"' in page and "vendor/echarts/echarts.min.js" in page
    assert "cdn" not in page.lower()
    raw = re.search(r'<script id="grid-chart-data" type="application/json">(.*?)</script>', page)
    chart = json.loads(raw.group(1))
    assert chart["categories"] == ["6 tháng đầu năm 2026 (310-CV/BTGDVTU)"]
    series = {s["key"]: s["data"] for s in chart["series"]}
    assert series["on_time"] == [1] and series["late"] == [0]
    assert series["missing"][0] + series["pending"][0] == 2


def test_the_grid_without_issued_requests_draws_no_chart(world, login):
    page = login(world.board_leader).get(reverse("reports:grid")).content.decode()
    assert 'id="grid-chart"' not in page and "Chưa có yêu cầu báo cáo" in page


def test_consolidation_page_docx_and_pdf(world, login, issued, council_officer):
    submission = issued.submissions.get(organisation=world.council)
    write_and_submit(world, submission, council_officer)
    board = world.actor(world.board_officer)
    services.report_submission_accept(actor=board, submission=submission)
    client = login(world.board_officer)
    client.post(reverse("reports:request_consolidate", args=[issued.pk]))
    page = client.get(reverse("reports:consolidation", args=[issued.pk]))
    assert page.status_code == 200 and "Chưa gửi báo cáo (2)" in page.content.decode()
    docx = client.get(reverse("reports:consolidation_docx", args=[issued.pk]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    name = f"bao-cao-tong-hop-{issued.pk}"
    assert docx["Content-Disposition"] == f'attachment; filename="{name}.docx"'
    pdf = client.get(reverse("reports:consolidation_pdf", args=[issued.pk]))
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    assert pdf["Content-Disposition"] == f'attachment; filename="{name}.pdf"'
    own = client.get(reverse("reports:submission_docx", args=[submission.pk]))
    assert own.status_code == 200 and own.content[:2] == b"PK"
    assert own["Content-Disposition"] == f'attachment; filename="bao-cao-{submission.pk}.docx"'


def test_without_libreoffice_the_pdf_link_goes_back_with_the_reason(
    world, login, issued, monkeypatch
):
    monkeypatch.setattr("phoihop.documents.pdf.soffice_path", lambda: None)
    submission = issued.submissions.get(organisation=world.council)
    client = login(world.board_officer)
    response = client.get(reverse("reports:submission_pdf", args=[submission.pk]), follow=True)
    assert response.redirect_chain[-1][0] == submission.get_absolute_url()
    assert "chưa cài LibreOffice" in response.content.decode()


def test_home_shows_reports_due_and_awaiting_review(world, login, issued, council_officer):
    page = login(world.agency_officer).get(reverse("core:home")).content.decode()
    assert "Báo cáo phải nộp" in page
    write_and_submit(
        world,
        issued.submissions.get(organisation=world.council),
        council_officer,
        today=date.today(),
    )
    page = login(world.board_officer).get(reverse("core:home")).content.decode()
    assert "Báo cáo chờ tiếp nhận" in page


@pytest.mark.parametrize("name", ["reports:list", "reports:grid"])
def test_list_and_grid_queries_do_not_grow_with_the_number_of_requests(world, login, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .conftest import request_data

    client = login(world.board_leader)

    def make(number: int) -> None:
        request = services.report_request_create(
            actor=world.actor(world.board_officer),
            board=world.board,
            data=request_data(letter_number=f"{number}-CV/BTGDVTU"),
            recipients=[world.council, world.department, world.peoples_committee],
        )
        services.report_request_issue(actor=world.actor(world.board_leader), request=request)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(name)).status_code == 200
        return len(captured)

    make(1)
    one = count()
    for number in range(2, 6):
        make(number)
    assert count() == one


def test_a_draft_is_corrected_and_an_issued_request_no_longer_can_be(world, login):
    from .conftest import request_data

    request = services.report_request_create(
        actor=world.actor(world.board_officer),
        board=world.board,
        data=request_data(),
        recipients=[world.council, world.department],
    )
    client = login(world.board_officer)
    url = reverse("reports:request_edit", args=[request.pk])
    assert client.get(url).status_code == 200
    form = {
        "letter_number": "311-CV/BTGDVTU",
        "letter_date": "2026-07-06",
        "title": "Báo cáo 6 tháng đầu năm 2026",
        "period_kind": "first_half",
        "period_start": "2026-01-01",
        "period_end": "2026-06-30",
        "recipients": [world.council.pk, world.peoples_committee.pk],
    }
    bad = client.post(url, form | {"deadline": "2026-07-01"})
    assert bad.status_code == 400 and "không được trước ngày ban hành" in bad.content.decode()
    request.refresh_from_db()
    assert request.letter_number == "310-CV/BTGDVTU"
    assert client.post(url, form).status_code == 302
    request.refresh_from_db()
    assert request.letter_number == "311-CV/BTGDVTU"
    assert set(request.submissions.values_list("organisation_id", flat=True)) == {
        world.council.pk,
        world.peoples_committee.pk,
    }
    services.report_request_issue(actor=world.actor(world.board_leader), request=request)
    assert client.get(url).status_code == 403
    assert client.post(url, form).status_code == 403

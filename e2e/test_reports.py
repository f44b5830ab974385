"""A report request from issue to consolidation, in the browser (real Chromium)."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from phoihop.accounts.roles import Role
from phoihop.documents.tests.reading import all_paragraphs, flat, open_docx
from phoihop.programmes.models import Regime
from phoihop.reports import services
from phoihop.reports.models import ReportRequest, ReportSubmission, ReportTemplate
from phoihop.testing.world import person

pytestmark = pytest.mark.browser


def last_years_report(world, writer) -> None:
    """The council's accepted 2025 report, whose text the 2026 report starts from."""
    officer = world.actor(world.board_officer)
    request = services.report_request_create(
        actor=officer,
        board=world.board,
        data=services.RequestData(
            title="Báo cáo năm 2025",
            letter_number="285-CV/BTGDVTU",
            letter_date=date(2025, 12, 1),
            period_kind="year",
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
            data_cutoff=date(2025, 11, 30),
        ),
        recipients=[world.council],
    )
    services.report_request_issue(actor=world.actor(world.board_leader), request=request)
    submission = request.submissions.get()
    actor = world.actor(writer)
    services.report_submission_start(actor=actor, submission=submission)
    services.report_submission_update(
        actor=actor,
        submission=submission,
        strengths="Năm 2025, Thường trực HĐND cung cấp thông tin kịp thời.",
        priorities="Cung cấp thông tin các kỳ họp",
        authority="TM.",
        signing_body="Thường trực HĐND",
        signatory_title="Phó Chủ tịch",
        signatory_name="Đinh Thị Thu",
    )
    services.report_submission_acknowledge_stale(actor=actor, submission=submission)
    services.report_submission_advance(actor=actor, submission=submission, action="review")
    services.report_submission_sign(
        actor=actor, submission=submission, number="40/BC-HĐND", signed_on=date(2025, 12, 8)
    )
    services.report_submission_submit(actor=actor, submission=submission)
    services.report_submission_accept(actor=officer, submission=submission)


def switch_to(page, log_in, user):
    page.context.clear_cookies()
    return log_in(user)


def sign_and_submit(page, number: str) -> None:
    page.get_by_role("button", name="Trình lãnh đạo").click()
    expect(page.locator("#submission-state")).to_have_text("Đang trình lãnh đạo")
    page.fill("input[name=number]", number)
    page.fill("input[name=signed_on]", "2026-07-10")
    page.get_by_role("button", name="Ghi nhận đã ký").click()
    expect(page.locator("#submission-state")).to_have_text("Đã ký")
    page.get_by_role("button", name="Gửi Ban").click()
    expect(page.locator("#submission-state")).to_have_text("Đã gửi Ban")


def test_a_report_request_goes_from_issue_to_consolidation_in_the_browser(
    world, page, live_server, log_in, artifacts, traffic
):
    writer = person("council_officer", world.council, Role.COUNCIL_OFFICER)
    last_years_report(world, writer)

    log_in(world.board_leader)
    page.get_by_role("link", name="Báo cáo").first.click()
    page.get_by_role("link", name="Yêu cầu báo cáo").click()
    page.fill("input[name=letter_number]", "310-CV/BTGDVTU")
    page.fill("input[name=letter_date]", "2026-07-03")
    page.fill("input[name=title]", "Báo cáo kết quả 6 tháng đầu năm 2026")
    page.select_option("select[name=period_kind]", value="first_half")
    page.fill("input[name=period_start]", "2026-01-01")
    page.fill("input[name=period_end]", "2026-06-30")
    for body in (world.council, world.peoples_committee, world.department):
        page.get_by_label(body.name, exact=True).check()
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.locator("h1")).to_have_text("Công văn số 310-CV/BTGDVTU")
    page.get_by_role("button", name="Ban hành yêu cầu").click()
    expect(page.locator(".alert-success").first).to_contain_text("Đã ban hành")
    request = ReportRequest.objects.get(letter_number="310-CV/BTGDVTU")
    assert request.submissions.count() == 3
    # The letter went out as a dispatch: the page links it and shows how far it got.
    expect(page.locator("#letter-dispatch")).to_contain_text("310-CV/BTGDVTU")
    assert request.dispatch.recipients.count() == 3
    submission = request.submissions.get(organisation=world.council)
    url = f"{live_server.url}{submission.get_absolute_url()}"

    switch_to(page, log_in, writer)
    page.goto(f"{live_server.url}/cong-van/")
    expect(page.locator("body")).to_contain_text("310-CV/BTGDVTU")
    page.goto(url)
    page.get_by_role("button", name="Bắt đầu soạn").click()
    expect(page.locator("#figures")).to_contain_text("Nhiệm vụ phối hợp đến hạn trong kỳ")
    expect(page.locator("#stale-flags")).to_contain_text("Năm 2025 khác năm của kỳ báo cáo (2026)")
    expect(page.locator("textarea[name=opening]")).to_have_value(
        "Thực hiện Công văn số 310-CV/BTGDVTU ngày 03/07/2026 của Ban Tuyên giáo và Dân vận "
        "Tỉnh ủy Quảng Ngãi về việc báo cáo 6 tháng đầu năm 2026, Thường trực HĐND tỉnh Quảng "
        "Ngãi báo cáo kết quả như sau:"
    )
    page.screenshot(path=str(artifacts / "reports-editor.png"), full_page=True)
    # Submitting with the stale year still there is refused, and says why.
    page.get_by_role("button", name="Trình lãnh đạo").click()
    expect(page.locator(".alert-danger")).to_contain_text("năm hoặc ngày cũ cần rà soát")
    page.fill("textarea[name=strengths]", "6 tháng đầu năm 2026, phối hợp chặt chẽ.")
    page.get_by_role("button", name="Lưu báo cáo").click()
    expect(page.locator("#stale-flags")).to_have_count(0)
    sign_and_submit(page, "05/BC-HĐND")

    switch_to(page, log_in, world.board_leader)
    page.goto(url)
    page.fill("textarea[name=reason]", "Bổ sung số liệu phiên chất vấn")
    page.get_by_role("button", name="Trả lại").click()
    expect(page.locator("#submission-state")).to_have_text("Bị trả lại")

    switch_to(page, log_in, writer)
    page.goto(url)
    expect(page.locator(".alert-warning").first).to_contain_text("Bổ sung số liệu phiên chất vấn")
    page.get_by_role("button", name="Soạn lại").click()
    page.fill("textarea[name=issue_results]", "- Tổ chức 1 phiên chất vấn về đất đai.")
    page.get_by_role("button", name="Lưu báo cáo").click()
    sign_and_submit(page, "06/BC-HĐND")

    switch_to(page, log_in, world.board_leader)
    page.goto(url)
    page.get_by_role("button", name="Tiếp nhận báo cáo").click()
    expect(page.locator("#submission-state")).to_have_text("Ban đã tiếp nhận")
    assert ReportSubmission.objects.get(pk=submission.pk).state == "accepted"

    page.goto(f"{live_server.url}/bao-cao/tinh-hinh-nop/")
    expect(page.locator("#completeness-grid")).to_contain_text("Thường trực HĐND tỉnh Quảng Ngãi")
    expect(page.locator("#grid-chart[data-ready=true] svg").first).to_be_visible()
    page.screenshot(path=str(artifacts / "reports-grid.png"), full_page=True)

    page.goto(f"{live_server.url}{request.get_absolute_url()}")
    page.get_by_role("button", name="Tổng hợp báo cáo").click()
    expect(page.locator("h1")).to_contain_text("Báo cáo tổng hợp 6 tháng đầu năm 2026")
    expect(page.locator("#missing")).to_contain_text("UBND tỉnh Quảng Ngãi")
    with page.expect_download() as docx:
        page.get_by_role("link", name="DOCX").click()
    assert docx.value.suggested_filename.endswith(".docx")
    document = open_docx(Path(docx.value.path()).read_bytes())
    text = "\n".join(flat(p.text) for p in all_paragraphs(document))
    assert "BÁO CÁO" in text and "Công văn số 310-CV/BTGDVTU" in text
    assert "Tổ chức 1 phiên chất vấn về đất đai" in text
    assert "Quảng Ngãi, ngày" in text
    with page.expect_download(timeout=120_000) as pdf:
        page.get_by_role("link", name="PDF").click()
    path = Path(pdf.value.path())
    assert path.read_bytes()[:4] == b"%PDF"
    pdf_text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "BÁO CÁO" in pdf_text and "310-CV/BTGDVTU" in flat(pdf_text)
    assert "Tổ chức 1 phiên chất vấn về đất đai" in flat(pdf_text)
    assert traffic.foreign_hosts() == [] and traffic.page_errors == []


def test_the_operator_rewords_a_report_template_and_a_broken_one_is_refused(
    world, page, live_server, log_in, traffic
):
    template = services.default_template(Regime.objects.get(is_current=True))
    world.admin.is_superuser = True
    world.admin.save()
    log_in(world.admin)
    page.goto(f"{live_server.url}/bao-cao/")
    page.get_by_role("link", name="Cấu hình").click()
    expect(page.locator("#templates")).to_contain_text(template.name)
    page.get_by_role("link", name=template.name).click()
    page.fill("textarea[name=closing]", "Trên đây là báo cáo {period của {organisation}.")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".invalid-feedback").first).to_contain_text("bị hỏng")
    assert ReportTemplate.objects.get(pk=template.pk).closing == template.closing
    page.fill("textarea[name=closing]", "Trên đây là báo cáo {period} của {organisation}.")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".alert-success").first).to_contain_text("Đã lưu mẫu báo cáo")
    expect(page.locator(".list-group")).to_contain_text("Sửa mẫu báo cáo")
    closing = ReportTemplate.objects.get(pk=template.pk).closing
    assert closing == "Trên đây là báo cáo {period} của {organisation}."
    page.goto(f"{live_server.url}/bao-cao/cau-hinh/")
    page.get_by_role("link", name="Thêm tiêu chí").click()
    page.fill("input[name=label]", "Báo cáo nộp đúng hạn")
    page.select_option("select[name=numerator_key]", "reports.on_time")
    page.select_option("select[name=denominator_key]", "reports.expected")
    page.fill("input[name=weight]", "0")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".invalid-feedback").first).to_contain_text("Tổng trọng số")
    page.fill("input[name=weight]", "40")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#criteria")).to_contain_text("Báo cáo nộp đúng hạn")
    assert traffic.foreign_hosts() == [] and traffic.page_errors == []

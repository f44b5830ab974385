"""A sensitive case from the report to the approved press release, in the browser (Chromium)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from phoihop.incidents import services
from phoihop.incidents.models import Channel, Incident, PressRelease
from phoihop.testing.incidents import SUMMARY, case_people

pytestmark = pytest.mark.browser


def switch_user(page, log_in, user):
    page.context.clear_cookies()
    return log_in(user)


def test_a_case_is_reported_acknowledged_and_its_press_release_approved(
    world, page, live_server, log_in, artifacts, traffic
):
    page.on("dialog", lambda dialog: dialog.accept())
    people = case_people(world)

    # The department's officer reports the case.
    log_in(world.agency_officer)
    page.get_by_role("link", name="Vụ việc").first.click()
    page.get_by_role("link", name="Thông báo vụ việc").click()
    page.fill("input[name=title]", "Tụ tập đông người phản đối phương án bồi thường")
    page.fill("textarea[name=summary]", SUMMARY)
    page.select_option("select[name=sector]", value="land")
    page.select_option("select[name=severity]", value="high")
    page.select_option("select[name=places]", label="Phường Đức Phổ")
    page.select_option("select[name=competent_body]", label="Sở Văn hóa, Thể thao và Du lịch")
    page.get_by_label("Điện thoại").check()
    page.get_by_label("Hệ thống Phối Hợp").check()
    page.get_by_role("button", name="Gửi thông báo").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã thông báo vụ việc")
    expect(page.locator(".page-lead .badge").first).to_have_text("Mới thông báo")
    case = Incident.objects.get()

    # The board's duty officer acknowledges it from the case list.
    switch_user(page, log_in, people.duty_officer)
    page.goto(f"{live_server.url}/vu-viec/")
    expect(page.locator("#incident-rows")).to_contain_text("còn")
    page.screenshot(path=str(artifacts / "incidents-list.png"), full_page=True)
    page.get_by_role("link", name="Tụ tập đông người phản đối phương án bồi thường").click()
    page.get_by_role("button", name="Xác nhận tiếp nhận").click()
    expect(page.locator(".page-lead .badge").first).to_have_text("Ban đã tiếp nhận")
    expect(page.get_by_role("button", name="Xác nhận tiếp nhận")).to_have_count(0)

    # The plan is agreed and the press release written twice and submitted (through services).
    officer = world.actor(world.board_officer)
    services.incident_assess(actor=officer, incident=case, assessment="Phức tạp.")
    plan = services.orientation_plan_save(
        actor=officer,
        incident=case,
        data=services.OrientationData(
            handler="UBND phường Đức Phổ",
            message="Thông tin đúng tiến độ.",
            spokesperson="Phó Chủ tịch UBND phường",
            channels=[Channel.PRESS],
        ),
    )
    services.orientation_plan_approve(actor=world.actor(world.board_leader), plan=plan)
    services.orientation_plan_approve(actor=world.actor(people.agency_leader), plan=plan)
    release = services.press_release_save(
        actor=officer, incident=case, title="Thông cáo báo chí", body="Nội dung bản đầu."
    )
    release = services.press_release_save(
        actor=officer,
        incident=case,
        release=release,
        title="Thông cáo báo chí",
        body="Nội dung bản đầu, đã bổ sung số liệu.",
    )
    services.press_release_submit(actor=officer, release=release)
    services.press_release_approve(actor=world.actor(people.agency_leader), release=release)

    # The board leader approves it; the history shows both versions and what changed.
    switch_user(page, log_in, world.board_leader)
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    page.screenshot(path=str(artifacts / "incidents-case.png"), full_page=True)
    page.get_by_role("link", name="Thông cáo báo chí").click()
    expect(page.locator("#phien-ban-1")).to_contain_text("Nội dung bản đầu.")
    expect(page.locator("#phien-ban-2")).to_contain_text("+ Nội dung bản đầu, đã bổ sung số liệu.")
    page.get_by_role("button", name="Duyệt thông cáo").click()
    expect(page.locator(".alert-success")).to_contain_text("đã duyệt")
    expect(page.locator(".page-lead .badge")).to_have_text("Đã duyệt")
    page.screenshot(path=str(artifacts / "incidents-press-release.png"), full_page=True)
    release.refresh_from_db()
    assert release.state == PressRelease.State.APPROVED
    assert release.board_approved_by == world.board_leader
    assert traffic.foreign_hosts() == [] and traffic.page_errors == []
    assert traffic.console_errors == []

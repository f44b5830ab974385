"""A dispatch to three bodies, one acknowledges, in the browser (real Chromium)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from phoihop.accounts.roles import Role
from phoihop.exchange.models import Dispatch
from phoihop.testing.world import person

pytestmark = pytest.mark.browser


def test_a_dispatch_to_three_bodies_where_one_acknowledges(
    world, page, live_server, log_in, artifacts, traffic
):
    page.on("dialog", lambda dialog: dialog.accept())
    council_officer = person("council_officer", world.council, Role.COUNCIL_OFFICER)
    person("committee_officer", world.peoples_committee, Role.COMMITTEE_OFFICER)
    log_in(world.board_officer)

    page.get_by_role("link", name="Công văn").first.click()
    page.get_by_role("link", name="Soạn công văn").click()
    page.select_option("select[name=kind]", "activity_info")
    page.fill("input[name=summary]", "Định hướng tuyên truyền Kỳ họp thứ Năm HĐND tỉnh")
    page.select_option(
        "select[name=addressees]",
        [str(world.council.pk), str(world.peoples_committee.pk), str(world.department.pk)],
    )
    page.fill("textarea[name=body]", "Đề nghị các cơ quan cung cấp thông tin về kỳ họp.")
    page.screenshot(path=artifacts / "exchange-compose-1366.png", full_page=True)
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.locator(".page-lead .badge").first).to_have_text("Dự thảo")
    page.get_by_role("button", name="Gửi").first.click()
    expect(page.locator(".alert-success").first).to_contain_text("Đã gửi đến 3 nơi nhận")
    expect(page.locator("h1")).to_contain_text("Số 01-CV/BTGDVTU")
    dispatch = Dispatch.objects.get()

    page.context.clear_cookies()
    log_in(council_officer)
    expect(page.locator("#widget-dispatches")).to_contain_text("Định hướng tuyên truyền")
    page.screenshot(path=artifacts / "exchange-home-1366.png")
    page.get_by_role("link", name="Công văn").first.click()
    expect(page.locator("#dispatch-rows")).to_contain_text("Định hướng tuyên truyền")
    page.screenshot(path=artifacts / "exchange-inbox-1366.png", full_page=True)
    page.get_by_role("link", name="V/v Định hướng tuyên truyền").click()
    page.get_by_role("button", name="Tiếp nhận").click()
    expect(page.locator(".alert-success").first).to_contain_text("Đã tiếp nhận công văn")

    page.context.clear_cookies()
    log_in(world.board_officer)
    page.goto(f"{live_server.url}{dispatch.get_absolute_url()}")
    rows = page.locator("#recipients tbody tr")
    expect(rows).to_have_count(3)
    expect(page.locator(f"#recipients tr[data-organisation='{world.council.pk}']")).to_contain_text(
        "Đã tiếp nhận"
    )
    expect(page.locator("#recipients .badge", has_text="Đã tiếp nhận")).to_have_count(1)
    expect(page.locator("#recipients .badge", has_text="Đã đến")).to_have_count(2)
    page.screenshot(path=artifacts / "exchange-dispatch-1366.png", full_page=True)
    page.goto(f"{live_server.url}/cong-van/di/")
    page.screenshot(path=artifacts / "exchange-outbox-1366.png", full_page=True)
    assert traffic.foreign_hosts() == [] and traffic.failed == [] and traffic.page_errors == []

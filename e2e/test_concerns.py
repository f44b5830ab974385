"""A concern from entry to close in the browser (real Chromium): the board enters it and accepts
a suggested category, the council, the people's committee and the agency each take their step;
a handling officer sees the petitioner contact, an agency officer does not."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from phoihop.concerns import suggestions
from phoihop.concerns.models import Concern
from phoihop.concerns.services import transitions
from phoihop.core.models import AuditEntry
from phoihop.testing.concerns import capture, category, officers

pytestmark = pytest.mark.browser

LAND = [
    "Chậm bồi thường đất dự án khu dân cư",
    "Tranh chấp ranh giới thửa đất nông nghiệp",
    "Chậm cấp giấy chứng nhận quyền sử dụng đất",
]
ENVIRONMENT = [
    "Ô nhiễm mùi hôi nhà máy thủy sản",
    "Xả nước thải ra sông gây cá chết",
    "Bụi từ mỏ đá ảnh hưởng khu dân cư",
]


def _train(world) -> None:
    officer = world.actor(world.board_officer)
    for titles, code in ((LAND, "land"), (ENVIRONMENT, "environment")):
        for i in range(15):
            concern = capture(world, title=f"{titles[i % 3]} ({i})", category=category(code))
            transitions.concern_act(actor=officer, concern=concern, action="triage")
    assert suggestions.retrain() == ["category"]


def _switch(page, log_in, user):
    page.context.clear_cookies()
    log_in(user)


def _step(page, action: str, ref: str | None = None, day: str = "2026-03-10", **fields):
    form = page.locator(f"#action-{action}")
    if ref is not None:
        form.locator("input[name=document_ref]").fill(ref)
        form.locator("input[name=document_date]").fill(day)
    for name, value in fields.items():
        control = form.locator(f"[name={name}]")
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    form.get_by_role("button").click()
    expect(page.locator(".alert-success").first).to_be_visible()


def test_a_concern_travels_the_whole_chain_in_the_browser(
    world, page, live_server, log_in, artifacts, traffic
):
    people = officers(world)
    _train(world)
    log_in(world.board_officer)
    page.get_by_role("link", name="Vấn đề").first.click()
    page.get_by_role("link", name="Ghi nhận vấn đề").click()
    page.fill("#id_title", "Người dân phản ánh chậm bồi thường đất dự án khu dân cư Nam Đức Phổ")
    page.fill("#id_summary", "Các hộ đã bàn giao mặt bằng nhưng chưa nhận đủ tiền bồi thường.")
    page.select_option("#id_places", label="Phường Đức Phổ")
    page.fill("#id_first_seen", "2026-03-02")
    page.get_by_label("Tiếp xúc cử tri").check()
    page.fill("#id_contact", "Ông Trần Văn Kiến, tổ dân phố 2, 0905123456")
    # The learned suggestion appears with its confidence and words; the officer accepts it.
    suggestion = page.locator("#category-suggestions li").first
    expect(suggestion).to_contain_text("Đất đai")
    expect(suggestion).to_contain_text("%")
    page.screenshot(path=artifacts / "concern-entry-1366.png", full_page=True)
    suggestion.get_by_role("button", name="Chọn").click()
    expect(page.locator("#id_category")).to_have_value(str(category("land").pk))
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("h1")).to_contain_text("Nam Đức Phổ")
    concern = Concern.objects.get(title__contains="Nam Đức Phổ")
    assert concern.category.code == "land"

    _step(page, "triage")
    _step(page, "forward", "152/BTGDVTU-DLXH", "2026-03-03")
    expect(page.locator("#concern-owner")).to_have_text(world.council.name)

    _switch(page, log_in, people.council_officer)
    page.goto(f"{live_server.url}{concern.get_absolute_url()}")
    page.screenshot(path=artifacts / "concern-council-1366.png", full_page=True)
    # The council's office handles the concern and may read the contact, with a reason.
    page.fill("#contact-reason", "Gửi văn bản trả lời theo quy định")
    page.get_by_role("button", name="Xem thông tin liên hệ").click()
    expect(page.locator("#contact-text")).to_contain_text("0905123456")
    _step(page, "request", "41/HĐND-VP", "2026-03-06")

    _switch(page, log_in, people.committee_officer)
    page.goto(f"{live_server.url}{concern.get_absolute_url()}")
    _step(page, "assign", "1204/UBND-KTN", "2026-03-11", agencies=str(world.department.pk))

    _switch(page, log_in, world.agency_officer)
    page.goto(f"{live_server.url}/van-de/co-quan-duoc-giao/")
    page.get_by_role("link", name=concern.title).click()
    expect(page.locator("body")).not_to_contain_text("0905123456")
    expect(page.locator("#petitioner-contact")).to_have_count(0)
    _step(
        page,
        "answer",
        "388/SVHTTDL",
        "2026-04-02",
        answer="Đã chi trả cho 40 hộ; 5 hộ còn lại chi trả trong tháng 5.",
    )

    _switch(page, log_in, people.council_officer)
    page.goto(f"{live_server.url}{concern.get_absolute_url()}")
    _step(page, "supervise", "57/HĐND-GS", "2026-04-10")
    _step(page, "close", "60/HĐND-GS", "2026-04-20")
    expect(page.locator(".page-lead .badge")).to_have_text("Đã kết thúc")
    expect(page.locator("#chain li")).to_have_count(8)
    page.screenshot(path=artifacts / "concern-detail-1366.png", full_page=True)
    assert AuditEntry.objects.filter(verb="contact_viewed", object_id=concern.pk).count() == 1

    _switch(page, log_in, world.board_officer)
    page.goto(f"{live_server.url}/van-de/")
    page.screenshot(path=artifacts / "concern-list-1366.png", full_page=True)
    page.goto(f"{live_server.url}/van-de/thong-ke/")
    expect(page.locator("#chart-categories svg")).to_be_visible()
    page.screenshot(path=artifacts / "concern-statistics-1366.png", full_page=True)
    assert traffic.foreign_hosts() == [] and traffic.failed == []
    assert traffic.page_errors == [] and traffic.console_errors == []


def test_the_operator_adds_a_category_and_the_board_picks_it_in_the_concern_form(
    world, page, live_server, log_in, artifacts, traffic
):
    from phoihop.accounts.models import User
    from phoihop.concerns.models import Category
    from phoihop.testing.world import PASSWORD

    category("land")
    operator = User.objects.create_superuser(
        "operator", email="op@phoihop.local", password=PASSWORD
    )
    log_in(operator)
    page.goto(f"{live_server.url}/van-de/")
    page.get_by_role("link", name="Lĩnh vực", exact=True).click()
    expect(page.locator("#categories")).to_contain_text("Đất đai")
    page.get_by_role("link", name="Thêm lĩnh vực").click()
    # A duplicate code and a negative deadline are refused with messages, nothing is added.
    page.fill("#id_code", "land")
    page.fill("#id_name", "Cấp nước sinh hoạt")
    page.fill("#id_deadline_working_days", "-5")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("body")).to_contain_text("đã được dùng")
    assert not Category.objects.filter(name="Cấp nước sinh hoạt").exists()
    page.fill("#id_code", "water")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("body")).to_contain_text("từ 1 đến 365 ngày làm việc")
    page.fill("#id_deadline_working_days", "12")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".alert-success").first).to_contain_text("Cấp nước sinh hoạt")
    row = page.locator("#categories tr", has_text="Cấp nước sinh hoạt")
    expect(row).to_contain_text("12")
    page.screenshot(path=artifacts / "concern-categories-1366.png", full_page=True)
    # Deactivating asks first.
    page.locator("#categories tr", has_text="Đất đai").get_by_role(
        "link", name="Ngừng sử dụng"
    ).click()
    expect(page.locator("h1")).to_contain_text("Ngừng sử dụng lĩnh vực «Đất đai»?")
    page.get_by_role("button", name="Ngừng sử dụng").click()
    expect(page.locator("#categories tr", has_text="Đất đai")).to_contain_text("Ngừng sử dụng")

    _switch(page, log_in, world.board_officer)
    page.goto(f"{live_server.url}/van-de/ghi-nhan/")
    options = page.locator("#id_category option")
    expect(options.filter(has_text="Cấp nước sinh hoạt")).to_have_count(1)
    expect(options.filter(has_text="Đất đai")).to_have_count(0)
    assert traffic.foreign_hosts() == [] and traffic.failed == []
    # The two refused saves answered 400 (the form with its messages): nothing else failed.
    assert traffic.page_errors == []
    assert (
        traffic.console_errors
        == ["Failed to load resource: the server responded with a status of 400 (Bad Request)"] * 2
    )

"""What a user does in the browser: log in, browse, search, manage accounts (real Chromium)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from phoihop.accounts.models import Membership, User
from phoihop.accounts.roles import Role
from phoihop.testing.world import PASSWORD

pytestmark = pytest.mark.browser


def test_a_wrong_password_is_refused_in_vietnamese_and_the_right_one_opens_the_home_page(
    world, page, live_server, traffic
):
    login_url = f"{live_server.url}/tai-khoan/dang-nhap/"
    page.goto(login_url)
    page.fill("#id_username", world.board_officer.username)
    page.fill("#id_password", "sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()

    expect(page.get_by_role("alert")).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng")
    assert page.url.startswith(login_url)
    expect(page.locator("h1")).to_have_text("Đăng nhập")

    page.fill("#id_username", world.board_officer.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator("h1")).to_have_text(f"Xin chào, {world.board_officer}")
    expect(page.locator(".page-lead")).to_contain_text(world.board.name)
    assert not traffic.failed, traffic.failed


def test_a_user_browses_from_the_home_page_to_a_province_and_into_a_body(world, log_in, traffic):
    page = log_in(world.board_officer)

    page.get_by_role("link", name="Cơ quan, địa bàn").first.click()
    expect(page.locator("h1")).to_have_text("Cơ quan, địa bàn")
    page.get_by_role("link", name="Quảng Ngãi", exact=True).click()

    expect(page.locator("h1")).to_have_text("Quảng Ngãi")
    bodies = page.locator(".tree-list")
    expect(bodies.get_by_role("link", name=world.board.name)).to_be_visible()
    expect(page.locator("#communes")).to_contain_text("Phường Đức Phổ")

    bodies.get_by_role("link", name=world.department.name).click()
    expect(page.locator("h1")).to_have_text(world.department.name)
    expect(page.locator(".breadcrumb")).to_contain_text("Cơ quan, địa bàn")
    assert not traffic.failed, traffic.failed


def test_the_commune_filter_on_a_province_page_narrows_the_list_without_diacritics(
    world, log_in, live_server, traffic
):
    page = log_in(world.board_officer)
    page.goto(f"{live_server.url}/co-quan/dia-ban/{world.quang_ngai.pk}/")

    with page.expect_response(re.compile(r"\?q=")):
        page.fill("#commune-q", "zzz")
    expect(page.locator("#communes")).to_contain_text("Không có xã, phường nào khớp.")

    with page.expect_response(re.compile(r"\?q=duc")):
        page.fill("#commune-q", "duc pho")
    expect(page.locator("#communes").get_by_role("link", name="Phường Đức Phổ")).to_be_visible()
    assert not traffic.failed, traffic.failed


def test_searching_without_diacritics_from_the_navbar_finds_units_and_bodies(
    world, log_in, live_server, traffic
):
    page = log_in(world.admin)

    page.fill("#global-search", "duc pho")
    page.press("#global-search", "Enter")
    page.wait_for_url(re.compile(r"/tim-kiem/\?q=duc\+pho$"))

    units = page.locator("section[aria-labelledby=hits-units]")
    bodies = page.locator("section[aria-labelledby=hits-bodies]")
    expect(units.get_by_role("link", name="Phường Đức Phổ")).to_be_visible()
    expect(
        bodies.get_by_role("link", name=world.commune_committee.name, exact=True)
    ).to_be_visible()
    expect(bodies.get_by_role("link", name=world.commune_peoples_committee.name)).to_be_visible()
    expect(bodies).not_to_contain_text(world.board.name)

    page.fill("#global-search", "quang ngai")
    page.press("#global-search", "Enter")
    page.wait_for_url(re.compile(r"q=quang\+ngai$"))
    expect(units.get_by_role("link", name="Quảng Ngãi", exact=True)).to_be_visible()
    expect(
        bodies.get_by_role("link", name=world.province_committee.name, exact=True)
    ).to_be_visible()
    assert not traffic.failed, traffic.failed


def test_an_officer_of_another_province_gets_the_vietnamese_not_found_page(
    world, log_in, live_server
):
    page = log_in(world.outsider)

    response = page.goto(f"{live_server.url}/co-quan/{world.department.pk}/")

    assert response.status == 404
    expect(page.locator("h1")).to_contain_text("Không tìm thấy")
    expect(page).to_have_title(re.compile("^Không tìm thấy"))
    expect(page.locator("body")).not_to_contain_text(world.department.name)


def test_an_administrator_creates_a_user_and_then_revokes_the_role(world, log_in, live_server):
    page = log_in(world.admin)
    page.goto(f"{live_server.url}/tai-khoan/nguoi-dung/")
    page.get_by_role("link", name="Thêm người dùng").click()
    expect(page.locator("h1")).to_have_text("Thêm người dùng")

    page.get_by_label("Tên đăng nhập").fill("nguyen.van.an")
    page.get_by_label("Họ và tên").fill("Nguyễn Văn An")
    page.get_by_label("Thư điện tử").fill("an@phoihop.local")
    page.get_by_label("Mật khẩu ban đầu").fill("Mot-mat-khau-dai-2025")
    page.get_by_label("Cơ quan").select_option(str(world.department.pk))
    page.get_by_label("Vai trò").select_option(Role.AGENCY_OFFICER.value)
    page.get_by_label("Chức danh").fill("Chuyên viên")
    page.get_by_role("button", name="Tạo tài khoản").click()

    created = User.objects.get(username="nguyen.van.an")
    page.wait_for_url(f"{live_server.url}/tai-khoan/nguoi-dung/{created.pk}/")
    expect(page.locator("h1")).to_have_text("Nguyễn Văn An")
    expect(page.get_by_role("alert")).to_contain_text("Đã tạo tài khoản nguyen.van.an")
    row = page.locator("tr", has_text=world.department.name)
    expect(row).to_contain_text("Hiệu lực")

    questions = []

    def accept(dialog):
        questions.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    row.get_by_role("button", name="Thu hồi").click()

    expect(page.get_by_role("alert")).to_contain_text("Đã thu hồi vai trò.")
    expect(row).to_contain_text("Đã thu hồi")
    assert questions and questions[0].startswith("Thu hồi vai trò")
    assert not Membership.objects.get(user=created).is_active


def test_dismissing_the_confirmation_keeps_the_role(world, log_in, live_server):
    page = log_in(world.admin)
    membership = Membership.objects.get(user=world.agency_officer)
    page.goto(f"{live_server.url}/tai-khoan/nguoi-dung/{world.agency_officer.pk}/")

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Thu hồi").click()

    expect(page.locator("tr", has_text=world.department.name)).to_contain_text("Hiệu lực")
    membership.refresh_from_db()
    assert membership.is_active

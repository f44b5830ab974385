"""Every page loads its own assets only, under the strict CSP, without console errors."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _assets_are_working(page) -> dict:
    """Bootstrap's and our CSS applied, Bootstrap's JS and htmx loaded, the icon font loaded."""
    return page.evaluate(
        """async () => {
            await document.fonts.ready;
            const root = getComputedStyle(document.documentElement);
            return {
                stylesheets: [...document.styleSheets].map((s) => s.href),
                bootstrapCss: root.getPropertyValue("--bs-blue").trim() !== "",
                ourCss: root.getPropertyValue("--ph-red").trim() !== "",
                bootstrapJs: typeof window.bootstrap === "object",
                htmx: typeof window.htmx === "object",
                iconFont: document.fonts.check('16px "bootstrap-icons"'),
                sideways: document.documentElement.scrollWidth - window.innerWidth,
            };
        }"""
    )


def _check_assets(name: str, assets: dict) -> None:
    assert len(assets["stylesheets"]) == 3, (name, assets)
    assert assets["bootstrapCss"] and assets["ourCss"], (name, assets)
    assert assets["bootstrapJs"] and assets["htmx"], (name, assets)
    assert assets["iconFont"], (name, assets)
    assert assets["sideways"] <= 0, (name, "the page scrolls sideways", assets)


def test_no_page_asks_any_host_but_this_server_or_logs_a_console_error(
    world, log_in, live_server, traffic
):
    page = log_in(world.admin)
    paths = {
        "home": "/",
        "organisation browser": "/co-quan/",
        "province": f"/co-quan/dia-ban/{world.quang_ngai.pk}/",
        "commune": f"/co-quan/dia-ban/{world.duc_pho.pk}/",
        "body": f"/co-quan/{world.board.pk}/",
        "search": "/tim-kiem/?q=duc+pho",
        "audit": "/nhat-ky/",
        "users": "/tai-khoan/nguoi-dung/",
        "calendar": "/lich-lam-viec/",
        "profile": "/tai-khoan/ho-so/",
    }
    for name, path in paths.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, f"{name}: {response.status}"
        expect(page.locator("h1")).to_be_visible()
        _check_assets(name, _assets_are_working(page))

    # The commune filter's htmx request goes through the same checks.
    page.goto(f"{live_server.url}/co-quan/dia-ban/{world.quang_ngai.pk}/")
    with page.expect_response(lambda response: "q=duc" in response.url):
        page.fill("#commune-q", "duc")

    assert traffic.requests
    assert traffic.foreign_hosts() == []
    assert traffic.failed == []
    assert traffic.console_errors == []
    assert traffic.page_errors == []


def test_the_login_and_error_pages_load_their_assets_without_console_errors(
    world, page, live_server, traffic
):
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    expect(page.get_by_role("button", name="Đăng nhập")).to_be_visible()
    _check_assets("login", _assets_are_working(page))
    page.goto(f"{live_server.url}/tai-khoan/quen-mat-khau/")
    expect(page.locator("h1")).to_be_visible()
    response = page.goto(f"{live_server.url}/khong-co-trang-nay/")
    assert response.status == 404
    expect(page.locator("h1")).to_contain_text("Không tìm thấy")

    assert traffic.foreign_hosts() == []
    assert traffic.failed == []
    assert traffic.console_errors == [
        "Failed to load resource: the server responded with a status of 404 (Not Found)"
    ]
    assert traffic.page_errors == []


@pytest.mark.parametrize("width", [1024, 1200, 1280, 1366, 1440, 1920])
def test_the_administrators_full_menu_fits_without_sideways_scrolling(world, log_in, page, width):
    page.set_viewport_size({"width": width, "height": 800})
    log_in(world.admin)
    assert _assets_are_working(page)["sideways"] <= 0
    menu = page.locator("#nav-main .navbar-nav").first.locator("a.nav-link")
    expect(menu).to_have_count(7)
    if width < 1200:  # collapsed behind the toggler
        expect(page.locator("#global-search")).to_be_hidden()
        page.locator(".navbar-toggler").click()
    expect(page.locator("#global-search")).to_be_visible()
    expect(menu.last).to_be_visible()
    heights = {round(link.bounding_box()["height"]) for link in menu.all()}
    assert len(heights) == 1, ("a menu label wraps onto two lines", heights)
    assert _assets_are_working(page)["sideways"] <= 0
    # The catalogues and the administrator's pages sit under "Danh mục", the last entry.
    menu.last.click()
    catalogue = page.locator("#nav-main .dropdown-menu").first
    for label in ("Cơ quan, địa bàn", "Lịch làm việc", "Người dùng", "Nhật ký hệ thống"):
        expect(catalogue.get_by_role("link", name=label)).to_be_visible()


def test_the_browser_enforces_the_strict_content_security_policy(world, log_in, traffic):
    """Guards the watcher itself: an inline style is refused and reported on the console."""
    page = log_in(world.board_officer)
    assert traffic.console_errors == []

    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 100))")

    assert len(traffic.console_errors) == 1
    assert "Content Security Policy" in traffic.console_errors[0]


@pytest.mark.parametrize(
    "name, path, ready",
    [
        ("login", "/tai-khoan/dang-nhap/", "#id_username"),
        ("home", "/", "h1"),
        ("browser", "/co-quan/", "table"),
        ("province", "/co-quan/dia-ban/{quang_ngai}/", "#communes"),
        ("body", "/co-quan/{board}/", "h1"),
        ("search", "/tim-kiem/?q=duc+pho", "#search-results"),
        ("users", "/tai-khoan/nguoi-dung/", "table"),
        ("calendar", "/lich-lam-viec/", "h1"),
        ("not-found", "/co-quan/999999/", "h1"),
    ],
)
@pytest.mark.parametrize("width", [1366, 390], ids=["desktop", "phone"])
def test_screenshots_of_the_main_pages(
    world, log_in, page, live_server, artifacts, name, path, ready, width
):
    """Screenshots for a person to look at (test-artifacts/, git-ignored)."""
    if name != "login":
        log_in(world.admin)
    page.set_viewport_size({"width": width, "height": 900})
    url = live_server.url + path.format(quang_ngai=world.quang_ngai.pk, board=world.board.pk)
    page.goto(url)
    page.wait_for_selector(ready)
    page.evaluate("document.fonts.ready")
    target = artifacts / f"{name}-{width}.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0

"""Every page loads its own assets only, under the strict CSP, without console errors."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _assets_are_working(page) -> dict:
    """Bootstrap's CSS applied, its JS and htmx loaded, the icon font loaded."""
    return page.evaluate(
        """async () => {
            await document.fonts.ready;
            return {
                stylesheets: [...document.styleSheets].map((s) => s.href),
                bootstrap: typeof window.bootstrap === "object",
                htmx: typeof window.htmx === "object",
                bodyFont: getComputedStyle(document.body).fontFamily,
                iconFont: document.fonts.check('16px "bootstrap-icons"'),
            };
        }"""
    )


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
        assets = _assets_are_working(page)
        assert len(assets["stylesheets"]) == 3, (name, assets)
        assert assets["bootstrap"] and assets["htmx"], (name, assets)
        assert "system-ui" in assets["bodyFont"] or "sans-serif" in assets["bodyFont"], (
            name,
            assets,
        )
        assert assets["iconFont"], (name, assets)

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
    assert len(_assets_are_working(page)["stylesheets"]) == 3
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

"""Real-browser fixtures: Debian's Chromium driven by Playwright's sync API.

The sync API runs an event loop in the test thread, which makes Django refuse ORM calls made
from that thread ("You cannot call this from an async context"); the tests themselves only
build data before driving the browser, so allowing it here is safe.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from django.urls import reverse
from playwright.sync_api import Browser, Page, sync_playwright

from phoihop.testing.world import PASSWORD, build_world

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
WARM_UP_TIMEOUT = 120  # seconds; a loaded machine imports the whole URL configuration slowly


def pytest_collection_modifyitems(items):
    """Browser tests share committed data with the live server's thread: transactional database."""
    here = Path(__file__).resolve().parent
    marker = pytest.mark.django_db(transaction=True)
    for item in items:
        if here in item.path.parents:
            item.add_marker(marker)


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Traffic:
    """What the page asked for and complained about while a test drove it."""

    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def foreign_hosts(self) -> list[str]:
        return [
            url
            for url in self.requests
            if not url.startswith(("data:", "blob:", "about:"))
            and urlsplit(url).hostname not in LOCAL_HOSTS
        ]


@pytest.fixture(scope="session")
def live_server(live_server):
    """pytest-django's live server, already past its slow first request.

    The first request imports every app's URLs, views and templates; on a loaded machine that
    alone outlasts a page's 10 s timeout, so one page is fetched here, before any test waits.
    """
    with urlopen(f"{live_server.url}{reverse('accounts:login')}", timeout=WARM_UP_TIMEOUT) as reply:
        assert reply.status == 200, reply.status
    return live_server


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


@pytest.fixture
def page(browser: Browser, traffic: Traffic) -> Page:
    context = browser.new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 1366, "height": 900}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("request", lambda request: traffic.requests.append(request.url))
    page.on(
        "response",
        lambda response: (
            traffic.failed.append(f"{response.status} {response.url}")
            if response.status >= 400 and "/static/" in response.url
            else None
        ),
    )
    page.on(
        "requestfailed",
        # ERR_ABORTED: the page navigated away first (typically the favicon); not a fault.
        lambda request: (
            traffic.failed.append(f"{request.failure} {request.url}")
            if request.failure != "net::ERR_ABORTED"
            else None
        ),
    )
    page.on(
        "console",
        lambda message: (
            traffic.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: traffic.page_errors.append(str(error)))
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 makes building the world's seven accounts the slowest part of every test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(transactional_db):
    """The shared test world, committed so that the live server's thread sees it."""
    return build_world()


@pytest.fixture
def log_in(page: Page, live_server):
    """Log in through the real form and wait for the home page."""

    def as_user(user) -> Page:
        page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    return as_user


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS

"""Bad input never ends in a server error: every page is sent garbage, by people who may act.

Every form field name the application declares is posted to every page with a value of one
bad kind at a time (a number beyond 64 bits, an impossible date, a NUL byte, 100 000
characters), and every page is opened with the same values as query
parameters. A page may refuse (400, 403, 404, 405) or show the form again with its message;
it may never fail.
"""

from __future__ import annotations

import gc
import tracemalloc

import pytest
from django import forms

from phoihop.core.plugins import app_modules

from .test_access_walk import PUBLIC, objects_outsider_must_not_reach, url_for, url_names

GARBAGE = {
    "huge number": "1" + "0" * 30,
    "impossible date": "2026-13-45",
    "NUL byte": "a\x00b",
    "100 000 characters": "x" * 100_000,
}
SKIPPED = {"accounts:logout"}  # signing out is not input


def field_names() -> set[str]:
    names = {"q", "page", "action", "text", "reason", "pk", "id"}
    for module in app_modules("forms"):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, forms.BaseForm):
                names |= set(value.base_fields)
    return names


@pytest.fixture
def pages(world):
    objects = objects_outsider_must_not_reach(world)
    names = sorted(set(url_names()) - PUBLIC - SKIPPED)
    return [url_for(name, objects) for name in names if not name.startswith("api:")]


@pytest.mark.parametrize("kind", GARBAGE)
@pytest.mark.parametrize("who", ["board_leader", "admin"])
def test_no_page_fails_on_garbage(world, client, pages, kind, who):
    client.raise_request_exception = False  # collect every failure, not just the first
    client.force_login(getattr(world, who))
    data = dict.fromkeys(field_names(), GARBAGE[kind])
    failures = []
    for url in pages:
        for response in (client.get(url, data), client.post(url, data)):
            if response.status_code >= 500:
                error = response.exc_info[1] if response.exc_info else response.status_code
                failures.append((response.request["REQUEST_METHOD"], url, repr(error)[:300]))
    assert failures == []


def test_the_requests_of_a_test_do_not_pile_up(world, client):
    """The walk sends hundreds of ~15 MB requests in one test; none may outlive its response.

    pytest's log capture kept every django.request record, and with it the request, until the
    test ended: the walk grew to gigabytes (pyproject.toml disables it). Each round below holds
    over 4 MB of request data; kept, 20 rounds would be over 80 MB. The last request may still
    be referenced (about 2 MB), hence the margin.
    """
    client.force_login(world.board_leader)
    data = {"text": "x" * 1_000_000}

    def send(rounds):
        for _ in range(rounds):
            client.get("/khong-co-trang-nay/", data)  # a 404, logged with its request
            client.post("/khong-co-trang-nay/", data)

    send(1)  # what the first request caches stays
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        send(20)
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 10 * len(data["text"]), f"{grown / 2**20:.0f} MiB kept by 20 rounds"

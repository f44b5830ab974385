"""XCH benchmark: 50,000 dispatches in one province.

Half are sent by the board to the council and the people's committee, half by the council to
the board, so the board's inbox and outbox each hold about 25,000 rows. Measures the server time
of the inbox, the outbox and a folded search (Django test client: middleware, selector, template)
against hand-written SQL returning the same page and counts, in the same run, and prints the
query counts of the first and of a deep page (they must be equal). One command:
`.venv/bin/python bench/exchange.py` (also part of `make bench`). Uses its own database,
var/bench-xch.sqlite3, unless DATABASE_URL is set.
"""

import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phoihop.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-xch.sqlite3'}")
os.environ.setdefault("PHOIHOP_ALLOWED_HOSTS", "testserver,127.0.0.1")

import django

django.setup()

from django.core.management import call_command
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import timezone

from phoihop.accounts.models import User
from phoihop.accounts.selectors import build_actor
from phoihop.core.text import fold
from phoihop.exchange import selectors
from phoihop.exchange.models import Dispatch, DispatchRecipient
from phoihop.organisations.models import Organisation

DISPATCHES, ROUNDS, BATCH = 50_000, 15, 2_000
TOPICS = [
    "Lịch kỳ họp HĐND tỉnh",
    "Tổng hợp dư luận xã hội về giải phóng mặt bằng",
    "Đề nghị báo cáo sơ kết 6 tháng",
    "Nghị quyết về chính sách hỗ trợ người dân",
    "Kết quả giám sát chuyên đề",
    "Phiên chất vấn tại kỳ họp",
]


def build() -> tuple[Organisation, Organisation]:
    call_command("migrate", verbosity=0)
    call_command("load_admin_units", verbosity=0)
    call_command("seed_demo", verbosity=0)
    board = Organisation.objects.get(name="Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ngãi")
    council = Organisation.objects.get(kind="council_standing", province=board.province)
    committee = Organisation.objects.get(
        kind="peoples_committee", level="province", province=board.province
    )
    if Dispatch.objects.filter(summary__startswith="[bench]").exists():
        return board, council
    rng = random.Random(11)
    start = timezone.now() - timedelta(days=3 * 365)
    kinds = ["activity_info", "opinion_digest", "report_request", "other"]
    states = ["delivered", "read", "acknowledged", "acknowledged", "failed", "forwarded"]
    with transaction.atomic():
        for first in range(0, DISPATCHES, BATCH):
            batch = []
            for n in range(first, min(first + BATCH, DISPATCHES)):
                issuer = board if n % 2 == 0 else council
                sent_at = start + timedelta(minutes=n * 30)
                summary = f"[bench] {rng.choice(TOPICS)} số {n}"
                symbol = "CV/BTGDVTU" if issuer is board else "HĐND"
                batch.append(
                    Dispatch(
                        issuer=issuer,
                        kind=rng.choice(kinds),
                        number=n // 2 + 1,
                        number_year=sent_at.year,
                        symbol=symbol,
                        issued_on=sent_at.date(),
                        summary=summary,
                        urgency="urgent" if n % 17 == 0 else "normal",
                        state="sent",
                        issuer_path=issuer.path,
                        province_id=issuer.province_id,
                        search_text=fold(f"{summary} {issuer.short_name or issuer.name}"),
                        sent_at=sent_at,
                    )
                )
            Dispatch.objects.bulk_create(batch)
            rows = []
            for dispatch in batch:
                targets = [council, committee] if dispatch.issuer_id == board.pk else [board]
                for organisation in targets:
                    state = rng.choice(states)
                    rows.append(
                        DispatchRecipient(
                            dispatch=dispatch,
                            organisation=organisation,
                            organisation_path=organisation.path,
                            state=state,
                            sent_at=dispatch.sent_at,
                            delivered_at=None if state == "failed" else dispatch.sent_at,
                            reply_due=dispatch.issued_on + timedelta(days=7),
                            attempts=1,
                        )
                    )
            DispatchRecipient.objects.bulk_create(rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return board, council


def count_queries(function) -> int:
    executed = []

    def counting(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        function()
    return len(executed)


def median_ms(function) -> float:
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def raw(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def inbox_sql(board_id: int):
    """The same inbox page by hand: the count, the unread count and 30 rows with the issuer."""
    raw("SELECT COUNT(*) FROM exchange_dispatchrecipient WHERE organisation_id = %s", [board_id])
    raw(
        "SELECT COUNT(*) FROM exchange_dispatchrecipient WHERE organisation_id = %s "
        "AND state = 'delivered'",
        [board_id],
    )
    return raw(
        "SELECT r.id, r.state, r.role, r.delivered_at, r.reply_due, d.id, d.number, d.symbol, "
        "d.summary, d.kind, d.urgency, o.name, o.short_name, o.side "
        "FROM exchange_dispatchrecipient r JOIN exchange_dispatch d ON d.id = r.dispatch_id "
        "JOIN organisations_organisation o ON o.id = d.issuer_id WHERE r.organisation_id = %s "
        "ORDER BY r.sent_at DESC, r.id DESC LIMIT 30",
        [board_id],
    )


def outbox_sql(board_id: int):
    """The same outbox page by hand: the count, 30 dispatches, their recipients' states."""
    raw("SELECT COUNT(*) FROM exchange_dispatch WHERE issuer_id = %s", [board_id])
    page = raw(
        "SELECT d.id, d.number, d.symbol, d.summary, d.kind, d.urgency, d.state, d.sent_at "
        "FROM exchange_dispatch d WHERE d.issuer_id = %s "
        "ORDER BY d.sent_at DESC NULLS FIRST, d.id DESC LIMIT 30",
        [board_id],
    )
    ids = [row[0] for row in page]
    marks = ",".join(["%s"] * len(ids))
    return raw(
        "SELECT dispatch_id, state, COUNT(*) FROM exchange_dispatchrecipient "
        f"WHERE dispatch_id IN ({marks}) GROUP BY dispatch_id, state",
        ids,
    )


def search_sql(board_id: int, term: str):
    """The outbox filtered by one folded word: LIKE on the folded column (both databases)."""
    like = f"%{fold(term)}%"
    raw(
        "SELECT COUNT(*) FROM exchange_dispatch WHERE issuer_id = %s AND search_text LIKE %s",
        [board_id, like],
    )
    return raw(
        "SELECT d.id, d.number, d.symbol, d.summary FROM exchange_dispatch d "
        "WHERE d.issuer_id = %s AND d.search_text LIKE %s "
        "ORDER BY d.sent_at DESC NULLS FIRST, d.id DESC LIMIT 30",
        [board_id, like],
    )


def rows_only(box: str, actor, body, query: str = ""):
    """Selector and rows template only (what the HTMX partial renders), without middleware."""
    filters = selectors.DispatchFilter(query=query)
    if box == "inbox":
        rows = selectors.inbox(actor=actor, body=body, filters=filters)
    else:
        rows = selectors.outbox(actor=actor, body=body, filters=filters)
    page = Paginator(rows, 30).get_page(1)
    if box != "inbox":
        page.object_list = selectors.with_state_counts(page.object_list)
    request = RequestFactory().get("/cong-van/")
    return render_to_string(f"exchange/_{box}_rows.html", {"page": page, "request": request})


def main() -> None:
    board, _council = build()
    client = Client()
    client.force_login(User.objects.get(username="demo_board_officer"))
    assert client.get("/cong-van/").status_code == 200
    actor = build_actor(User.objects.get(username="demo_board_officer"))
    cases = [
        (
            "inbox",
            "/cong-van/",
            "/cong-van/?page=500",
            lambda: inbox_sql(board.pk),
            lambda: rows_only("inbox", actor, board),
        ),
        (
            "outbox",
            "/cong-van/di/",
            "/cong-van/di/?page=500",
            lambda: outbox_sql(board.pk),
            lambda: rows_only("outbox", actor, board),
        ),
        (
            "outbox search",
            "/cong-van/di/?q=giam+sat",
            "/cong-van/di/?q=giam+sat&page=50",
            lambda: search_sql(board.pk, "giám sát"),
            lambda: rows_only("outbox", actor, board, "giám sát"),
        ),
    ]
    empty = median_ms(lambda: client.get("/cong-van/di/?q=khongcotu"))
    print(
        f"database: {connection.vendor}; {Dispatch.objects.count()} dispatches, "
        f"{DispatchRecipient.objects.count()} recipient rows; median of {ROUNDS} runs"
    )
    print(f"an outbox page with no match (fixed cost of any page): {empty:.2f} ms")
    for name, url, deep, baseline, partial in cases:
        first_queries = count_queries(lambda u=url: client.get(u))
        deep_queries = count_queries(lambda u=deep: client.get(u))
        ours = median_ms(lambda u=url: client.get(u))
        rows = median_ms(partial)
        base = median_ms(baseline)
        print(
            f"{name:14} page {ours:7.2f} ms  selector+rows {rows:6.2f} ms  SQL {base:6.2f} ms  "
            f"ratio page {ours / base:5.1f}, rows {rows / base:5.1f}  "
            f"queries {first_queries} (page 1) / {deep_queries} (deep page)"
        )


if __name__ == "__main__":
    main()

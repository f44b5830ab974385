"""INC benchmark: a province with 5,000 cases.

Measures the server time of the case list (first page, a deep page, a folded search, the
"overdue" filter) against hand-written SQL that fetches the same page in the same run, and
prints the query counts (which must not depend on the page or the number of rows). One command:
`make bench` (or `.venv/bin/python bench/incidents.py`). Uses its own database,
var/bench-inc.sqlite3, unless DATABASE_URL is set.
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
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-inc.sqlite3'}")
os.environ.setdefault("PHOIHOP_ALLOWED_HOSTS", "testserver,127.0.0.1")

import django

django.setup()

from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from phoihop.accounts.models import User
from phoihop.core.text import fold
from phoihop.incidents.models import Incident
from phoihop.organisations.models import AdminUnit, Organisation

CASES, ROUNDS = 5000, 15
WORDS = [
    "bồi thường",
    "giải phóng mặt bằng",
    "ô nhiễm",
    "tiền lương",
    "di tích",
    "sạt lở",
    "tranh chấp",
]


def build() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_admin_units", verbosity=0)
    call_command("seed_demo", verbosity=0)
    board = Organisation.objects.get(name="Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ngãi")
    if Incident.objects.filter(title__startswith="[bench]").exists():
        return
    bodies = list(Organisation.objects.filter(level="province", kind="department"))
    communes = list(AdminUnit.objects.filter(level="commune", parent_id=board.province_id))
    rng = random.Random(11)
    states = [s for s, _ in Incident.State.choices]
    now = timezone.now()
    rows = []
    for n in range(CASES):
        body = bodies[n % len(bodies)]
        commune = communes[rng.randrange(len(communes))]
        reported = now - timedelta(minutes=rng.randrange(60 * 24 * 365))
        title = f"[bench] Vụ việc {n}: {rng.choice(WORDS)} tại {commune.name}"
        rows.append(
            Incident(
                board=board,
                competent_body=body,
                reporting_body=body,
                title=title,
                summary="Tóm tắt trung lập của vụ việc.",
                sector=rng.choice(Incident.Sector.values),
                severity=rng.choice(Incident.Severity.values),
                channels=["phone"],
                reported_at=reported,
                state=rng.choice(states),
                ack_due=reported + timedelta(hours=2),
                orientation_due=reported + timedelta(days=3),
                board_path=board.path,
                competent_path=body.path,
                reporting_path=body.path,
                province_id=board.province_id,
                commune_id=commune.pk,
                search_text=fold(f"{title} Tóm tắt trung lập của vụ việc. {commune.name}"),
            )
        )
    with transaction.atomic():
        Incident.objects.bulk_create(rows, batch_size=500)
        through = Incident.places.through
        created = Incident.objects.filter(title__startswith="[bench]").values_list(
            "pk", "commune_id"
        )
        through.objects.bulk_create(
            [through(incident_id=pk, adminunit_id=commune) for pk, commune in created],
            batch_size=1000,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


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


PAGE = (
    "SELECT i.id, i.title, i.severity, i.state, i.reported_at, i.ack_due, i.orientation_due, "
    "i.acknowledged_at, i.orientation_agreed_at, b.name, c.name, u.name FROM incidents_incident i "
    "JOIN organisations_organisation b ON b.id = i.board_id "
    "JOIN organisations_organisation c ON c.id = i.competent_body_id "
    "LEFT JOIN organisations_adminunit u ON u.id = i.commune_id "
    "WHERE (i.board_path LIKE %s OR i.competent_path LIKE %s OR i.reporting_path LIKE %s) {extra} "
    "ORDER BY i.reported_at DESC, i.id DESC LIMIT 30 OFFSET %s"
)
COUNT = (
    "SELECT COUNT(*) FROM incidents_incident i WHERE (i.board_path LIKE %s OR "
    "i.competent_path LIKE %s OR i.reporting_path LIKE %s) {extra}"
)


def page_sql(scope: str, extra: str = "", params=(), offset: int = 0):
    like = [f"{scope}%"] * 3
    raw(COUNT.format(extra=extra), [*like, *params])
    return raw(PAGE.format(extra=extra), [*like, *params, offset])


def main() -> None:
    build()
    user = User.objects.get(username="demo_board_officer")
    client = Client()
    client.force_login(user)
    scope = Organisation.objects.get(name="Tỉnh ủy Quảng Ngãi").path
    now = timezone.now()
    cases = [
        ("first page", "/vu-viec/", lambda: page_sql(scope)),
        ("page 100", "/vu-viec/?page=100", lambda: page_sql(scope, offset=30 * 99)),
        (
            "search",
            "/vu-viec/?q=giai+phong",
            lambda: page_sql(scope, "AND i.search_text LIKE %s", ["%giai phong%"]),
        ),
        (
            "overdue ack",
            "/vu-viec/?overdue=ack",
            lambda: page_sql(scope, "AND i.state = 'reported' AND i.ack_due < %s", [now]),
        ),
    ]
    print(
        f"database: {connection.vendor}; {Incident.objects.count()} cases; "
        f"median of {ROUNDS} runs; 30 rows a page"
    )
    for name, url, baseline in cases:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        queries = count_queries(lambda u=url: client.get(u))
        ours = median_ms(lambda u=url: client.get(u))
        base = median_ms(baseline)
        print(
            f"{name:12} ours {ours:8.2f} ms  SQL {base:7.2f} ms  ratio {ours / base:6.1f}  "
            f"queries {queries}"
        )


if __name__ == "__main__":
    main()

"""Foundation benchmarks: our code path against the equivalent raw SQL, measured in the same run.

Run with `make bench` (uses the database in DATABASE_URL, default var/phoihop.sqlite3, after
`make run` or `manage.py load_admin_units && manage.py seed_demo`). Prints medians and ratios.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phoihop.settings")

import django

django.setup()

from django.db import connection
from django.test import Client

from phoihop.accounts.models import User
from phoihop.organisations.selectors import admin_unit_search

ROUNDS = 30
QUERIES = ["duc pho", "quang", "phuong an", "xa son"]


def median_ms(function) -> float:
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def raw_like(query: str):
    words = query.split()
    where = " AND ".join("search_text LIKE %s" for _ in words)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, name FROM organisations_adminunit WHERE {where} ORDER BY parent_id, name "
            "LIMIT 20",
            [f"%{w}%" for w in words],
        )
        return cursor.fetchall()


def main() -> None:
    print(f"database: {connection.vendor}; {ROUNDS} rounds; median ms")
    for query in QUERIES:
        ours = median_ms(lambda q=query: list(admin_unit_search(query=q)[:20]))
        base = median_ms(lambda q=query: raw_like(q))
        print(
            f"search {query!r:14} ours {ours:7.2f}  raw LIKE {base:7.2f}  ratio {ours / base:5.2f}"
        )
    user = User.objects.filter(username="demo_board_officer").first()
    if user is None:
        print("demo data missing: run `manage.py seed_demo` for the page benchmark")
        return
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    page = median_ms(lambda: client.get("/co-quan/"))
    base = median_ms(raw_browser)
    print(f"page /co-quan/ ours {page:7.2f}  raw SQL {base:7.2f}  ratio {page / base:5.2f}")


def raw_browser():
    """The two reads behind the organisation browser, as plain SQL (no scoping, no template)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.id, p.name, COUNT(c.id) FROM organisations_adminunit p LEFT JOIN "
            "organisations_adminunit c ON c.parent_id = p.id WHERE p.level = 'province' "
            "GROUP BY p.id, p.name ORDER BY p.name"
        )
        cursor.fetchall()
        cursor.execute(
            "SELECT province_id, COUNT(id) FROM organisations_organisation "
            "WHERE valid_to IS NULL GROUP BY province_id"
        )
        return cursor.fetchall()


if __name__ == "__main__":
    main()

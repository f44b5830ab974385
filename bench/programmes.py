"""PRG benchmark: a province with 50 programmes and 5,000 tasks.

Measures the server time of the plan board, "Việc của tôi" and the home page against
hand-written SQL that computes the same numbers, in the same run, and prints the query counts
(which must not depend on the number of rows). One command: `make bench` (or
`.venv/bin/python bench/programmes.py`). Uses its own database, var/bench-prg.sqlite3, unless
DATABASE_URL is set.
"""

import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phoihop.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-prg.sqlite3'}")
os.environ.setdefault("PHOIHOP_ALLOWED_HOSTS", "testserver,127.0.0.1")

import django

django.setup()

from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client

from phoihop.accounts.models import User
from phoihop.organisations.models import Organisation
from phoihop.programmes.models import AnnualPlan, Programme, ProgrammeParty, Regime, Task

PROGRAMMES, TASKS_PER_PLAN, ROUNDS = 50, 50, 15
TODAY = date.today()


def build() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_admin_units", verbosity=0)
    call_command("seed_demo", verbosity=0)
    board = Organisation.objects.get(name="Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ngãi")
    if Programme.objects.filter(title__startswith="[bench]").exists():
        return
    bodies = list(Organisation.objects.filter(level="province", kind="department"))
    regime = Regime.objects.get(is_current=True)
    rng = random.Random(7)
    states = [s for s, _ in Task.State.choices]
    with transaction.atomic():
        for n in range(PROGRAMMES):
            partner = bodies[n % len(bodies)]
            programme = Programme.objects.create(
                regime=regime,
                board=board,
                title=f"[bench] Chương trình {n}",
                start=date(2022, 1, 1),
                end=date(2026, 12, 31),
                state="in_force",
                search_text=f"bench chuong trinh {n}",
            )
            ProgrammeParty.objects.bulk_create(
                [
                    ProgrammeParty(programme=programme, organisation=board),
                    ProgrammeParty(programme=programme, organisation=partner),
                ]
            )
            for year in (2025, 2026):
                plan = AnnualPlan.objects.create(programme=programme, year=year)
                Task.objects.bulk_create(
                    Task(
                        plan=plan,
                        title=f"[bench] nhiệm vụ {n}-{year}-{k}",
                        lead=partner,
                        lead_path=partner.path,
                        due=date(year, 1, 1) + timedelta(days=rng.randrange(360)),
                        state=rng.choice(states),
                        progress=rng.randrange(101),
                    )
                    for k in range(TASKS_PER_PLAN)
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


OPEN = "('proposed','agreed','assigned','in_progress','deferred')"


def main() -> None:
    build()
    plan = AnnualPlan.objects.filter(programme__title__startswith="[bench]", year=2026).first()
    client = Client()
    client.force_login(User.objects.get(username="demo_board_officer"))
    board_id = plan.programme.board_id
    cases = [
        (
            "plan board",
            plan.get_absolute_url(),
            lambda: raw(
                "SELECT t.id, t.title, t.state, t.due, t.progress, o.name FROM programmes_task t "
                "JOIN organisations_organisation o ON o.id = t.lead_id WHERE t.plan_id = %s "
                "ORDER BY t.due, t.id",
                [plan.pk],
            ),
        ),
        (
            "Việc của tôi",
            "/viec-cua-toi/",
            lambda: raw(
                "SELECT t.id, t.title, t.due FROM programmes_task t JOIN programmes_annualplan p "
                "ON p.id = t.plan_id JOIN programmes_programme g ON g.id = p.programme_id "
                f"WHERE g.board_id = %s AND t.state IN {OPEN} ORDER BY t.due < %s DESC, t.due "
                "LIMIT 50",
                [board_id, TODAY],
            ),
        ),
        (
            "home widgets",
            "/",
            lambda: raw(
                "SELECT SUM(CASE WHEN t.due < %s THEN 1 ELSE 0 END), COUNT(*) FROM programmes_task t "
                "JOIN programmes_annualplan p ON p.id = t.plan_id JOIN programmes_programme g ON "
                f"g.id = p.programme_id WHERE g.board_id = %s AND t.state IN {OPEN}",
                [TODAY, board_id],
            ),
        ),
        (
            "programme list",
            "/chuong-trinh/",
            lambda: raw(
                "SELECT g.id, g.title, AVG(CASE WHEN t.state IN ('done','confirmed') THEN 100 "
                "ELSE t.progress END) FROM programmes_programme g LEFT JOIN programmes_annualplan p "
                "ON p.programme_id = g.id LEFT JOIN programmes_task t ON t.plan_id = p.id AND "
                "t.state NOT IN ('cancelled','carried_over') GROUP BY g.id, g.title "
                "ORDER BY g.start DESC, g.title LIMIT 30"
            ),
        ),
    ]
    print(
        f"database: {connection.vendor}; {Task.objects.count()} tasks, "
        f"{Programme.objects.count()} programmes; median of {ROUNDS} runs"
    )
    for name, url, baseline in cases:
        queries = count_queries(lambda u=url: client.get(u))
        ours = median_ms(lambda u=url: client.get(u))
        base = median_ms(baseline)
        print(
            f"{name:15} ours {ours:8.2f} ms  SQL {base:7.2f} ms  ratio {ours / base:6.1f}  "
            f"queries {queries}"
        )


if __name__ == "__main__":
    main()

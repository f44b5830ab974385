"""Obligations benchmark: N open and M closed obligations across the 34 provinces' bodies.

Builds, in its own database, a tree with every province's Party committee, board, council,
people's committee, five departments and ten communes (committee and people's committee each),
one officer per body, and a busy board officer in the first province's board. Then generates the
obligations (open ones due from a month ago to two months ahead, 5 % of them with a rung due now;
closed ones older) and measures, in the same run and on the same data:

* "Việc của tôi" for the busy board officer: the selectors (group counts and the first page)
  against hand-written SQL of the same result, and the page through the test client;
* the navigation count: selector against hand-written SQL, and the HTMX fragment;
* the reminder sweep over the whole country (in a transaction rolled back afterwards) against the
  hand-written SQL that lists the same obligations and the owners to tell;

with the number of queries of each. One command:

    .venv/bin/python bench/obligations.py --open 100000 --closed 500000

Uses var/bench-obl.sqlite3 unless DATABASE_URL is set; a PostgreSQL database is created if it is
missing (UTF-8 ctype). The capabilities declare their steps next round: the bench declares five
steps worded like theirs.
"""

import argparse
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
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-obl.sqlite3'}")
os.environ.setdefault("PHOIHOP_ALLOWED_HOSTS", "testserver,127.0.0.1")


def ensure_postgresql_database(url: str) -> None:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        return
    import psycopg
    from psycopg import sql

    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(
                sql.SQL(
                    "CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8' "
                    "LC_CTYPE 'C.UTF-8' LC_COLLATE 'C.UTF-8'"
                ).format(sql.Identifier(name))
            )


ensure_postgresql_database(os.environ["DATABASE_URL"])

import django

django.setup()

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from phoihop.accounts.models import Membership, User
from phoihop.accounts.roles import Role
from phoihop.accounts.selectors import build_actor
from phoihop.core.paging import COUNT_CAP
from phoihop.obligations import selectors, steps
from phoihop.obligations.ladder import default_ladder
from phoihop.obligations.models import Obligation
from phoihop.obligations.reminders import send_obligation_reminders
from phoihop.obligations.selectors import ObligationFilter
from phoihop.organisations.models import AdminUnit, Organisation
from phoihop.programmes.models import Task

ROUNDS = 15
BATCH = 5000
CHUNK = 50_000  # rows generated and written at a time, to keep the memory small
Kind, Side = Organisation.Kind, Organisation.Side
WORDS = {
    "notice": "{label} (hạn {due})",
    "reminder": "Sắp đến hạn: {label}",
    "escalation": "{label}",
}
BENCH_STEPS = steps.collect(
    [
        type(
            "Declared",
            (),
            {
                "STEPS": [
                    steps.Step(
                        "task.report",
                        "PRG",
                        "Báo cáo nhiệm vụ",
                        **WORDS,
                        roles=(Role.AGENCY_LEADER, Role.AGENCY_OFFICER),
                    ),
                    steps.Step(
                        "dispatch.reply",
                        "XCH",
                        "Trả lời công văn",
                        **WORDS,
                        roles=(Role.COUNCIL_OFFICER, Role.BOARD_OFFICER),
                    ),
                    steps.Step(
                        "case.acknowledge",
                        "INC",
                        "Tiếp nhận vụ việc",
                        **WORDS,
                        roles=(Role.BOARD_OFFICER, Role.DUTY_OFFICER),
                    ),
                    steps.Step(
                        "concern.answer",
                        "CNC",
                        "Trả lời vấn đề",
                        **WORDS,
                        roles=(Role.AGENCY_OFFICER,),
                    ),
                    steps.Step(
                        "report.submit",
                        "RPT",
                        "Nộp báo cáo",
                        **WORDS,
                        roles=(Role.BOARD_OFFICER, Role.AGENCY_OFFICER),
                    ),
                ]
            },
        )
    ]
)
steps.registered_steps = lambda: BENCH_STEPS
OFFICER_ROLE = {
    Kind.BOARD: Role.BOARD_OFFICER,
    Kind.COUNCIL_STANDING: Role.COUNCIL_OFFICER,
    Kind.PARTY_COMMITTEE: Role.PARTY_STANDING,
}
BUSY = "bench_busy_board_officer"


def _child(parent, name, kind, side, unit, province):
    body = Organisation(
        name=name, kind=kind, side=side, level=unit.level, admin_unit=unit, province=province
    )
    if parent is None:
        return Organisation.objects.add_root(instance=body)
    return Organisation.objects.add_child(Organisation.objects.get(pk=parent.pk), instance=body)


def build_tree() -> list[Organisation]:
    """Every province's bodies and ten communes each; returns the boards, first province first."""
    if Organisation.objects.filter(name="[bench] Trung ương").exists():
        return list(Organisation.objects.filter(kind=Kind.BOARD, name__startswith="[bench]"))
    print("building the tree of 34 provinces…", flush=True)
    centre = Organisation.objects.add_root(
        instance=Organisation(
            name="[bench] Trung ương",
            kind=Kind.PARTY_COMMITTEE,
            side=Side.PARTY,
            level=Organisation.Level.CENTRAL,
        )
    )
    boards = []
    for province in AdminUnit.objects.filter(level=AdminUnit.Level.PROVINCE).order_by("code"):
        committee = _child(
            centre,
            f"[bench] Tỉnh ủy {province}",
            Kind.PARTY_COMMITTEE,
            Side.PARTY,
            province,
            province,
        )
        boards.append(
            _child(
                committee,
                f"[bench] Ban TGDV {province}",
                Kind.BOARD,
                Side.PARTY,
                province,
                province,
            )
        )
        _child(
            committee,
            f"[bench] HĐND {province}",
            Kind.COUNCIL_STANDING,
            Side.STATE,
            province,
            province,
        )
        people = _child(
            committee,
            f"[bench] UBND {province}",
            Kind.PEOPLES_COMMITTEE,
            Side.STATE,
            province,
            province,
        )
        for n in range(5):
            _child(
                people,
                f"[bench] Sở {n} {province}",
                Kind.DEPARTMENT,
                Side.STATE,
                province,
                province,
            )
        for commune in AdminUnit.objects.filter(parent=province).order_by("code")[:10]:
            party = _child(
                committee,
                f"[bench] Đảng ủy {commune}",
                Kind.PARTY_COMMITTEE,
                Side.PARTY,
                commune,
                province,
            )
            _child(
                party,
                f"[bench] UBND {commune}",
                Kind.PEOPLES_COMMITTEE,
                Side.STATE,
                commune,
                province,
            )
    return boards


def build_people(boards) -> User:
    if User.objects.filter(username=BUSY).exists():
        return User.objects.get(username=BUSY)
    bodies = list(Organisation.objects.filter(name__startswith="[bench]", depth__gt=1))
    users = User.objects.bulk_create(
        [User(username=f"bench_{body.pk}", full_name=f"Cán bộ {body.pk}") for body in bodies]
    )
    Membership.objects.bulk_create(
        Membership(
            user=user, organisation=body, role=OFFICER_ROLE.get(body.kind, Role.AGENCY_OFFICER)
        )
        for user, body in zip(users, bodies, strict=True)
    )
    leaders = User.objects.bulk_create(
        [User(username=f"bench_leader_{board.pk}") for board in boards]
    )
    Membership.objects.bulk_create(
        Membership(user=leader, organisation=board, role=Role.BOARD_LEADER)
        for leader, board in zip(leaders, boards, strict=True)
    )
    busy = User.objects.create_user(BUSY, password="bench-only-password")
    Membership.objects.create(user=busy, organisation=boards[0], role=Role.BOARD_OFFICER)
    return busy


def generate(boards, open_count: int, closed_count: int) -> None:
    have = Obligation.objects.count()
    if have >= open_count + closed_count:
        return
    print(f"generating {open_count} open and {closed_count} closed obligations…", flush=True)
    started = time.perf_counter()
    rng = random.Random(14)
    bodies = list(Organisation.objects.filter(name__startswith="[bench]", depth__gt=1))
    busy_board = boards[0]
    opener = User.objects.get(username=f"bench_{busy_board.pk}")
    task_type = ContentType.objects.get_for_model(Task).pk
    codes = list(BENCH_STEPS)
    ladder = default_ladder()
    now = timezone.now()
    columns = [
        "target_type_id",
        "target_id",
        "target_label",
        "target_url",
        "step",
        "capability",
        "organisation_id",
        "organisation_path",
        "province_id",
        "role",
        "opened_by_id",
        "opened_at",
        "due_at",
        "ladder",
        "schedule",
        "next_alert_at",
        "state",
        "met_at",
        "closed_at",
        "close_reason",
        "no_one_to_act",
    ]

    def row(n: int, is_open: bool) -> tuple:
        # 2 % of the open ones are owed by the busy officer's board: about 2,000 at 100,000.
        body = busy_board if is_open and rng.random() < 0.02 else rng.choice(bodies)
        code = rng.choice(codes)
        if is_open:
            due = now + timedelta(hours=rng.uniform(-24 * 30, 24 * 60))
            alert = now - timedelta(minutes=5) if rng.random() < 0.05 else due + timedelta(days=1)
            ends = (None, None, "open")
        else:
            due = now - timedelta(days=rng.uniform(60, 900))
            alert, ends = None, (due, due, "done")
        opened = min(due, now) - timedelta(days=10)
        rungs = [{"key": "board", "at": (alert or due).isoformat()}]
        return (
            task_type,
            n,
            f"Hồ sơ số {n}",
            f"/chuong-trinh/nhiem-vu/{n}/",
            code,
            BENCH_STEPS[code].capability,
            body.pk,
            body.path,
            body.province_id,
            "",
            opener.pk if rng.random() < 0.01 else None,
            opened,
            due,
            ladder,
            rungs,
            alert,
            ends[2],
            ends[0],
            ends[1],
            "",
            False,
        )

    total = open_count + closed_count
    with transaction.atomic():
        for start in range(have, total, CHUNK):
            _insert(
                columns, [row(n, n < open_count) for n in range(start, min(start + CHUNK, total))]
            )
    with connection.cursor() as cursor:
        # VACUUM sets the visibility map, which index-only scans need (autovacuum would).
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"  generated and analysed in {time.perf_counter() - started:.0f} s", flush=True)


def _insert(columns: list[str], rows: list[tuple]) -> None:
    import json

    json_columns = {columns.index("ladder"), columns.index("schedule")}
    encoded = [
        tuple(json.dumps(v) if i in json_columns else v for i, v in enumerate(row)) for row in rows
    ]
    table = Obligation._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ", ".join(columns)
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in encoded:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
        for start in range(0, len(encoded), BATCH):
            cursor.executemany(sql, encoded[start : start + BATCH])


def count_queries(function) -> int:
    executed = []

    def counting(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        function()
    return len(executed)


def median_ms(function, rounds: int = ROUNDS) -> float:
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def raw(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _mine_sql(actor) -> tuple[str, list]:
    """The "mine" condition by hand, for the same memberships and steps as the selector."""
    acted = steps.steps_by_role()
    parts, params = ["(o.state = 'open' AND o.user_id = %s)"], [actor.user.pk]
    for membership in actor.memberships:
        codes = acted.get(membership.role, [])
        marks = ", ".join(["%s"] * len(codes)) or "NULL"
        parts.append(
            f"(o.state = 'open' AND o.organisation_id = %s AND o.user_id IS NULL AND (o.role = %s OR "
            f"(o.role = '' AND o.step IN ({marks}))))"
        )
        params += [membership.organisation_id, membership.role, *codes]
    return "(" + " OR ".join(parts) + ")", params


def hand_mine(actor, now, week_end):
    mine, params = _mine_sql(actor)
    table = Obligation._meta.db_table
    first = f"SELECT o.due_at FROM {table} o WHERE {mine} ORDER BY o.due_at LIMIT {COUNT_CAP + 1}"
    raw(
        "SELECT COUNT(*), SUM(CASE WHEN due_at < %s THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN due_at >= %s AND due_at < %s THEN 1 ELSE 0 END) "
        f"FROM ({first}) s",
        [now, now, week_end, *params],
    )
    raw(
        f"SELECT COUNT(*) FROM (SELECT 1 FROM {table} o WHERE o.state = 'open' "
        f"AND o.opened_by_id = %s AND NOT {mine} LIMIT {COUNT_CAP + 1}) s",
        [actor.user.pk, *params],
    )
    return raw(
        f"SELECT o.id, o.due_at, o.step, o.target_label, o.target_url, o.capability, "
        f"o.no_one_to_act, b.name, b.short_name FROM {table} o "
        f"JOIN organisations_organisation b ON b.id = o.organisation_id "
        f"WHERE {mine} ORDER BY o.due_at, o.id LIMIT 51",
        params,
    )


def hand_count(actor):
    mine, params = _mine_sql(actor)
    return raw(
        f"SELECT COUNT(*) FROM (SELECT 1 FROM {Obligation._meta.db_table} o "
        f"WHERE {mine} LIMIT {COUNT_CAP + 1}) s",
        params,
    )


def hand_sweep(now):
    """The obligations with a rung due now and the owners to tell, in one statement."""
    pairs = [(code, role) for code, step in BENCH_STEPS.items() for role in step.roles]
    values = " UNION ALL ".join(["SELECT %s AS step, %s AS role"] * len(pairs))
    flat = [value for pair in pairs for value in pair]
    return raw(
        f"WITH acting AS ({values}) "
        f"SELECT o.id, m.user_id FROM {Obligation._meta.db_table} o "
        "JOIN acting a ON a.step = o.step "
        "JOIN accounts_membership m ON m.organisation_id = o.organisation_id "
        "AND m.role = a.role AND m.is_active "
        "WHERE o.state = 'open' AND o.next_alert_at <= %s",
        [*flat, now],
    )


class Rollback(Exception):
    pass


def bench_sweep(now) -> tuple[float, int, int]:
    """One sweep of the whole country, undone afterwards so the figures can be rerun."""
    result = {}

    def sweep():
        result["sent"] = send_obligation_reminders(now)

    started = time.perf_counter()
    try:
        with transaction.atomic():
            result["queries"] = count_queries(sweep)
            result["ms"] = (time.perf_counter() - started) * 1000
            raise Rollback
    except Rollback:
        pass
    return result["ms"], result["sent"], result["queries"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--open", type=int, default=20_000)
    parser.add_argument("--closed", type=int, default=100_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if not AdminUnit.objects.exists():
        call_command("load_admin_units", verbosity=0)
    boards = build_tree()
    busy = build_people(boards)
    generate(boards, args.open, args.closed)

    actor = build_actor(busy)
    now = timezone.now()
    week_end = selectors.end_of_week(now)
    filters = ObligationFilter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {Obligation._meta.db_table}")
    open_total = Obligation.objects.open().count()
    print(
        f"database: {connection.vendor} {connection.Database.__name__}; "
        f"{open_total} open, {Obligation.objects.count() - open_total} closed obligations; "
        f"{Organisation.objects.filter(name__startswith='[bench]').count()} bodies; "
        f"{os.cpu_count()} CPUs; {ROUNDS} rounds, median ms"
    )
    mine_rows = selectors.my_open(actor=actor).count()
    print(f"busy board officer: {mine_rows} open obligations of their own")

    def ours_mine():
        selectors.group_counts(actor=actor, filters=filters, now=now)
        selectors.obligation_page(actor=actor, filters=filters, params={}, now=now)

    client = Client()
    client.force_login(busy)
    page, fragment = reverse("obligations:mine"), reverse("obligations:count")
    assert client.get(page).status_code == 200
    report = [
        ("Việc của tôi (selectors)", ours_mine, lambda: hand_mine(actor, now, week_end)),
        (
            "nav count (selector)",
            lambda: selectors.open_count(actor=actor),
            lambda: hand_count(actor),
        ),
    ]
    for label, ours, hand in report:
        ours_ms, hand_ms = median_ms(ours), median_ms(hand)
        print(
            f"  {label:28} ours {ours_ms:7.1f}  hand SQL {hand_ms:7.1f}  "
            f"ratio {ours_ms / max(hand_ms, 0.01):5.2f}  queries {count_queries(ours)} "
            f"(hand {count_queries(hand)})"
        )
    for label, url in (("page /viec-can-lam/", page), ("nav fragment", fragment)):
        print(
            f"  {label:28} server {median_ms(lambda url=url: client.get(url)):7.1f}  "
            f"queries {count_queries(lambda url=url: client.get(url))} "
            "(session, user, memberships included)"
        )
    hand_ms = median_ms(lambda: hand_sweep(now), rounds=3)
    due = Obligation.objects.open().filter(next_alert_at__lte=now).count()
    sweep_ms, sent, queries = bench_sweep(now)
    print(
        f"  reminder sweep, whole country: {due} obligations due, {sent} notifications, "
        f"{sweep_ms:.0f} ms, {queries} queries; hand SQL listing the same obligations and "
        f"owners {hand_ms:.0f} ms (read only)"
    )


if __name__ == "__main__":
    main()

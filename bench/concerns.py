"""CNC benchmark: N concerns (scale factor; national scale is 2,000,000) under one board.

Measures, in the same run and on the same data:

* folded search, "newest 20 matches" and the capped count, for rare and common terms, through
  the selector the list page uses, against the best hand-written SQL we know for the database
  (SQLite: the FTS5 trigram index; PostgreSQL: the pg_trgm GIN index), p50 and p95;
* the list page (server time, through the test client) for the same searches;
* the statistics selector against hand-written GROUP BY SQL computing the same figures;
* suggestions: training time, throughput (records/s, one by one as the page asks and in
  batch) and top-1/top-3 accuracy on held-out confirmed records.

All concerns belong to the Quảng Ngãi board: the worst case for that province's officers (in
the country the 2 million would be spread over 34 provinces, and every read is scoped to one).
The texts are generated from templates with noise, so accuracy is optimistic for real data.

    .venv/bin/python bench/concerns.py --scale 100000

Uses its own database, var/bench-cnc.sqlite3, unless DATABASE_URL is set. National scale on
PostgreSQL (the database is created if missing, with a C.UTF-8 ctype; rows are written with
INSERT … SELECT generate_series, about 3 minutes for 2 million on 2 cores):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/phoihop_bench2m \
        .venv/bin/python bench/concerns.py --scale 2000000
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
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-cnc.sqlite3'}")
os.environ.setdefault("PHOIHOP_ALLOWED_HOSTS", "testserver,127.0.0.1")


def ensure_postgresql_database(url: str) -> None:
    """Create the bench's PostgreSQL database if it is missing, with a UTF-8 ctype (under
    LC_CTYPE=C, lower(), ILIKE and trigrams break on Vietnamese)."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        return
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return
        conn.execute(
            sql.SQL(
                "CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8' "
                "LC_CTYPE 'C.UTF-8' LC_COLLATE 'C.UTF-8'"
            ).format(sql.Identifier(name))
        )
        print(f"created database {name} (C.UTF-8)", flush=True)


ensure_postgresql_database(os.environ["DATABASE_URL"])

import django

django.setup()

from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from phoihop.accounts.models import User
from phoihop.accounts.selectors import build_actor
from phoihop.concerns import selectors, suggestions
from phoihop.concerns.demo import HISTORY, PROJECTS
from phoihop.concerns.models import Category, Concern
from phoihop.core.search import folded_search
from phoihop.core.text import fold
from phoihop.organisations.models import AdminUnit, Organisation

ROUNDS = 15
# "hoc tieng on": two common words that seldom meet (the planner's walk reads every row).
RARE = ["titan", "khoang san titan", "hoc tieng on"]
COMMON = ["boi thuong", "dat"]
EXTRA = [
    "người dân bức xúc",
    "kéo dài nhiều năm",
    "đề nghị xem xét",
    "chưa được giải quyết",
    "ảnh hưởng đời sống",
    "cử tri kiến nghị",
    "báo chí phản ánh",
    "",
]
BATCH = 5000
BOARD = "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ngãi"


def build(scale: int) -> None:
    call_command("migrate", verbosity=0)
    if not AdminUnit.objects.exists():
        call_command("load_admin_units", verbosity=0)
    if not User.objects.filter(username="demo_board_officer").exists():
        call_command("seed_demo", verbosity=0)
    have = Concern.objects.filter(title__startswith="[b]").count()
    if have >= scale:
        return
    world = _generator_world()
    print(f"generating {scale - have} concerns…", flush=True)
    started = time.perf_counter()
    if connection.vendor == "postgresql":
        _generate_postgresql(world, have, scale, started)
    else:
        _generate_orm(world, have, scale, started)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"  generated and analysed in {time.perf_counter() - started:.0f} s", flush=True)


def _generator_world() -> dict:
    """Everything a generated row is drawn from, with the folded texts precomputed (the stored
    `search_text` must be exactly what the services would have written)."""
    board = Organisation.objects.get(name=BOARD)
    communes = list(AdminUnit.objects.filter(parent__code=51, level="commune").order_by("pk"))
    categories = {c.code: c for c in Category.objects.all()}
    bodies = {o.symbol: o for o in Organisation.objects.filter(province__code=51, symbol__gt="")}
    titles = [
        (code, template.format(p=project))
        for code, (_symbol, templates) in HISTORY.items()
        for template in templates
        for project in PROJECTS
    ]
    return {
        "board": board,
        "communes": communes,
        "categories": categories,
        "codes": list(HISTORY),
        "bodies": bodies,
        "titles": titles,
    }


def _generate_postgresql(world: dict, have: int, scale: int, started: float) -> None:
    """INSERT … SELECT generate_series in chunks, with the table's secondary indexes dropped
    during the load and rebuilt after it (one sort per index instead of 2 million inserts)."""
    codes, categories = world["codes"], world["categories"]
    titles = world["titles"]
    communes = world["communes"]
    board = world["board"]
    label_ids = [categories[c].pk for c in codes]
    params = {
        "title": [t for _c, t in titles],
        "title_folded": [fold(t) for _c, t in titles],
        "title_label": [codes.index(c) + 1 for c, _t in titles],
        "label_id": label_ids,
        "label_folded": [fold(categories[c].name) for c in codes],
        "label_body": [getattr(world["bodies"].get(HISTORY[c][0]), "pk", None) for c in codes],
        "commune_id": [c.pk for c in communes],
        "commune_name": [c.name for c in communes],
        "commune_folded": [fold(c.name) for c in communes],
        "province_id": communes[0].parent_id,
        "extra": [f"{e} " if e else "" for e in EXTRA],
        "extra_folded": [f"{fold(e)} " if e else "" for e in EXTRA],
        "states": list(Concern.State.values),
        "finished": list(Concern.FINISHED_STATES),
        "board_id": board.pk,
        "board_path": board.path,
        "total": scale,
    }
    # One transaction: a failure half-way leaves neither rows nor dropped indexes behind.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        cursor.execute(
            "SET LOCAL session_replication_role = replica"
        )  # no FK triggers while loading
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'concerns_concern' "
            "AND indexname NOT LIKE '%_pkey'"
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("SELECT setseed(0.2025)")
        for offset in range(have, scale, PG_CHUNK):
            upto = min(offset + PG_CHUNK, scale)
            cursor.execute(PG_INSERT, {**params, "low": offset + 1, "high": upto})
            print(f"  {upto} ({time.perf_counter() - started:.0f} s)", flush=True)
        for name, definition in indexes:
            cursor.execute(definition)
            print(f"  index {name} ({time.perf_counter() - started:.0f} s)", flush=True)


PG_CHUNK = 500_000
# Row g of `total`: created g/total of the way through the last 900 days (ids follow creation
# time, as `auto_now_add` makes them); 15 % noisy labels; 1 in 2000 mentions titanium (the rare
# term); half confirmed. The texts are drawn with the same templates as the ORM generator.
PG_INSERT = """
INSERT INTO concerns_concern (
    board_id, owner_id, title, summary, category_id, category_confirmed, competent_body_id,
    first_seen, scale, trend, state, due, board_path, owner_path, province_id, commune_id,
    search_text, created_at, confirmed_at, closed_at, reopen_count, council_request_number,
    answer, answer_document)
SELECT %(board_id)s, %(board_id)s,
       '[b] ' || t.title || t.rare, r.extra || 'tại ' || r.commune_name,
       (%(label_id)s::int[])[r.label], r.confirmed,
       CASE WHEN r.confirmed THEN (%(label_body)s::int[])[r.label] END,
       r.created::date, 'local', 'stable', r.state, (r.created + interval '45 days')::date,
       %(board_path)s, %(board_path)s, %(province_id)s, r.commune_id,
       t.folded || t.rare_folded || ' ' || (%(label_folded)s::text[])[r.label] || ' '
           || r.commune_folded || ' ' || r.extra_folded || 'tai ' || r.commune_folded,
       r.created, CASE WHEN r.confirmed THEN r.created END,
       CASE WHEN r.state = ANY(%(finished)s::text[])
            THEN r.created + (5 + floor(random() * 195)) * interval '1 day' END,
       0, '', '', ''
FROM (
    SELECT g,
           1 + floor(random() * array_length(%(title)s::text[], 1))::int AS title_index,
           random() AS noise, random() AS label_draw, random() AS rare_draw,
           1 + floor(random() * array_length(%(commune_id)s::int[], 1))::int AS commune_index,
           1 + floor(random() * array_length(%(extra)s::text[], 1))::int AS extra_index,
           (%(states)s::text[])[1 + floor(random() * array_length(%(states)s::text[], 1))::int]
               AS state,
           random() < 0.5 AS confirmed,
           now() - interval '900 days' * (1 - g::float / %(total)s)
               - random() * interval '10 minutes' AS created
    FROM generate_series(%(low)s, %(high)s) AS g
) AS d
CROSS JOIN LATERAL (
    SELECT (%(title)s::text[])[d.title_index] AS title,
           (%(title_folded)s::text[])[d.title_index] AS folded,
           (%(title_label)s::int[])[d.title_index] AS label,
           CASE WHEN d.rare_draw < 0.0005 THEN ' liên quan khai thác khoáng sản titan'
                ELSE '' END AS rare,
           CASE WHEN d.rare_draw < 0.0005 THEN ' lien quan khai thac khoang san titan'
                ELSE '' END AS rare_folded
) AS t
CROSS JOIN LATERAL (
    SELECT d.*, (%(commune_id)s::int[])[d.commune_index] AS commune_id,
           (%(commune_name)s::text[])[d.commune_index] AS commune_name,
           (%(commune_folded)s::text[])[d.commune_index] AS commune_folded,
           (%(extra)s::text[])[d.extra_index] AS extra,
           (%(extra_folded)s::text[])[d.extra_index] AS extra_folded,
           CASE WHEN d.noise > 0.15 THEN t.label
                ELSE 1 + floor(d.label_draw * array_length(%(label_id)s::int[], 1))::int
           END AS label
) AS r
ORDER BY d.g
"""


def _generate_orm(world: dict, have: int, scale: int, started: float) -> None:
    """The same rows through bulk_create (SQLite, small scales)."""
    board, categories, codes = world["board"], world["categories"], world["codes"]
    rng = random.Random(2025 + have)
    states = list(Concern.State.values)
    now = timezone.now()
    span = timedelta(days=900)
    for offset in range(have, scale, BATCH):
        rows = []
        for n in range(offset, min(offset + BATCH, scale)):
            code, title = rng.choice(world["titles"])
            label = code if rng.random() > 0.15 else rng.choice(codes)  # noisy labels
            if rng.random() < 0.0005:
                title += " liên quan khai thác khoáng sản titan"
            commune = rng.choice(world["communes"])
            extra = rng.choice(EXTRA)
            summary = f"{extra} tại {commune.name}".strip()
            created = now - span * (1 - (n + 1) / scale)
            state = rng.choice(states)
            confirmed = rng.random() < 0.5
            category = categories[label]
            concern = Concern(
                board=board,
                owner=board,
                title=f"[b] {title}",
                summary=summary,
                category=category,
                category_confirmed=confirmed,
                competent_body=world["bodies"].get(HISTORY[label][0]) if confirmed else None,
                first_seen=created.date(),
                scale="local",
                trend="stable",
                state=state,
                due=(created + timedelta(days=45)).date(),
                board_path=board.path,
                owner_path=board.path,
                province_id=commune.parent_id,
                commune=commune,
                search_text=fold(f"{title} {category.name} {commune.name} {summary}"),
            )
            concern._created = created
            rows.append(concern)
        with transaction.atomic():
            Concern.objects.bulk_create(rows)
            for c in rows:
                c.created_at = c._created
                c.confirmed_at = c._created if c.category_confirmed else None
                c.closed_at = (
                    c._created + timedelta(days=rng.randint(5, 200))
                    if c.state in Concern.FINISHED_STATES
                    else None
                )
            Concern.objects.bulk_update(rows, ["created_at", "confirmed_at", "closed_at"])
        print(f"  {min(offset + BATCH, scale)} ({time.perf_counter() - started:.0f} s)", flush=True)


def timings(function, rounds: int = ROUNDS, slow_ms: float = 2000) -> tuple[float, float]:
    """p50 and p95 in ms; a plan slower than `slow_ms` is measured once (it is the bad one)."""
    values = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        values.append((time.perf_counter() - start) * 1000)
        if values[0] > slow_ms:
            break
    values.sort()
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return statistics.median(values), p95


SCOPE = "c.merged_into_id IS NULL AND c.board_path LIKE %s"


def _like(terms: list[str], column: str = "c.search_text") -> tuple[str, list[str]]:
    return " AND ".join(f"{column} LIKE %s" for _ in terms), [f"%{t}%" for t in terms]


def hand_walk(board_path: str, query: str) -> list:
    """Plain hand-written "newest 20": the planner picks (it walks the created_at index, right
    for common terms, unless its estimate says the term is rare)."""
    where, params = _like(fold(query).split())
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT c.id, c.title FROM concerns_concern c WHERE {where} AND {SCOPE} "
            "ORDER BY c.created_at DESC, c.id DESC LIMIT 20",
            [*params, board_path + "%"],
        )
        return cursor.fetchall()


def hand_index(board_path: str, query: str) -> list:
    """Hand-written "newest 20" from the text index first (right for rare terms): a
    MATERIALIZED CTE over the trigram GIN index on PostgreSQL, the FTS5 table on SQLite."""
    terms = fold(query).split()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            match = " AND ".join('"' + t + '"' for t in terms)
            cursor.execute(
                "SELECT c.id, c.title FROM concerns_concern c "
                "WHERE c.id IN (SELECT rowid FROM concerns_concern_fts "
                f"WHERE concerns_concern_fts MATCH %s) AND {SCOPE} "
                "ORDER BY c.created_at DESC, c.id DESC LIMIT 20",
                [match, board_path + "%"],
            )
        else:
            where, params = _like(terms, "search_text")
            cursor.execute(
                f"WITH m AS MATERIALIZED (SELECT id FROM concerns_concern WHERE {where}) "
                "SELECT c.id, c.title FROM concerns_concern c JOIN m ON m.id = c.id "
                f"WHERE {SCOPE} ORDER BY c.created_at DESC, c.id DESC LIMIT 20",
                [*params, board_path + "%"],
            )
        return cursor.fetchall()


OPEN_STATES = (
    "('captured','triaged','forwarded','requested','assigned','verifying','answered',"
    "'supervising','partly_resolved')"
)


def hand_resolution(cursor, base: str, params: list) -> None:
    """Median and 90th percentile of closed − created, computed in the database: PostgreSQL's
    percentile_cont; on SQLite the two ranks around each percentile read by OFFSET."""
    closed = f"{base} AND state = 'closed' AND closed_at IS NOT NULL"
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY closed_at - created_at),"
            f" percentile_cont(0.9) WITHIN GROUP (ORDER BY closed_at - created_at) {closed}",
            params,
        )
        cursor.fetchall()
        return
    cursor.execute(f"SELECT count(*) {closed}", params)
    (count,) = cursor.fetchone()
    for fraction in (0.5, 0.9):
        cursor.execute(
            f"SELECT julianday(closed_at) - julianday(created_at) AS d {closed} "
            "ORDER BY d LIMIT 2 OFFSET %s",
            [*params, int(fraction * max(count - 1, 0))],
        )
        cursor.fetchall()


def hand_statistics(board_path: str) -> None:
    """The statistics page's figures in hand-written SQL, one plain query per figure: the same
    groups, ages, percentiles and 30-day windows as the selector, without the ORM (the selector
    counts states, sectors and communes in one grouped pass instead of three)."""
    now = timezone.now()
    d30, d60, d90, d180 = (now - timedelta(days=n) for n in (30, 60, 90, 180))
    base = "FROM concerns_concern WHERE board_path LIKE %s AND merged_into_id IS NULL"
    board = board_path + "%"
    open_base = f"{base} AND state IN {OPEN_STATES}"
    queries = [
        (f"SELECT state, count(*) {base} GROUP BY state", [board]),
        (f"SELECT category_id, count(*) {base} GROUP BY category_id", [board]),
        (f"SELECT commune_id, count(*) {base} GROUP BY commune_id", [board]),
        (
            f"SELECT owner_id, count(*) {open_base} AND due < %s GROUP BY owner_id",
            [board, timezone.localdate()],
        ),
        (
            "SELECT sum(CASE WHEN created_at > %s THEN 1 ELSE 0 END),"
            " sum(CASE WHEN created_at <= %s AND created_at > %s THEN 1 ELSE 0 END),"
            " sum(CASE WHEN created_at <= %s AND created_at > %s THEN 1 ELSE 0 END),"
            f" sum(CASE WHEN created_at <= %s THEN 1 ELSE 0 END) {open_base}",
            [d30, d30, d90, d90, d180, d180, board],
        ),
        (
            "SELECT commune_id, sum(CASE WHEN created_at > %s THEN 1 ELSE 0 END),"
            " sum(CASE WHEN created_at <= %s THEN 1 ELSE 0 END)"
            f" {base} AND created_at > %s GROUP BY commune_id",
            [d30, d30, board, d60],
        ),
    ]
    with connection.cursor() as cursor:
        for sql, params in queries:
            cursor.execute(sql, params)
            cursor.fetchall()
        hand_resolution(cursor, base, [board])


def bench_search(actor, board, client) -> None:
    print(
        "\nsearch, newest 20 matches — p50 / p95 ms; naive = the planner's own choice for the "
        "same ORM query without our probe; best hand = the faster of two hand-written shapes"
    )
    for kind, terms in (("rare", RARE), ("common", COMMON)):
        for query in terms:
            filters = selectors.ConcernFilter(query=query)
            ours = timings(
                lambda f=filters: list(selectors.concern_list(actor=actor, filters=f)[:20])
            )
            naive_qs = folded_search(
                Concern.objects.visible_to(actor).filter(merged_into__isnull=True), query
            ).order_by("-created_at", "-pk")
            naive = timings(lambda q=naive_qs: list(q[:20]), rounds=5)
            walk = timings(lambda q=query: hand_walk(board.path, q), rounds=5)
            index = timings(lambda q=query: hand_index(board.path, q))
            best = min(walk, index)
            assert [r[0] for r in hand_index(board.path, query)] == [
                c.pk for c in selectors.concern_list(actor=actor, filters=filters)[:20]
            ], query
            count = timings(
                lambda f=filters: selectors.concern_list(actor=actor, filters=f)[:1001].count(),
                rounds=5,
            )
            page = timings(lambda q=query: client.get("/van-de/", {"q": q}), rounds=5)
            print(
                f"  {kind:6} {query!r:18} ours {ours[0]:7.1f} / {ours[1]:7.1f}   "
                f"best hand {best[0]:7.1f} / {best[1]:7.1f} "
                f"(plain {walk[0]:.1f}, index-first {index[0]:.1f})   ratio {ours[0] / best[0]:5.2f}   "
                f"naive {naive[0]:8.1f}   count≤1001 {count[0]:6.1f}   list page {page[0]:6.1f}"
            )
    newest = timings(lambda: list(selectors.concern_list(actor=actor)[:20]))
    print(f"  newest 20, no search: {newest[0]:.1f} / {newest[1]:.1f}")


def bench_statistics(actor, board, client) -> None:
    ours = timings(lambda: selectors.concern_statistics(actor=actor), rounds=5)
    hand = timings(lambda: hand_statistics(board.path), rounds=5)
    page = timings(lambda: client.get("/van-de/thong-ke/"), rounds=3)
    print(
        f"\nstatistics: selector {ours[0]:.0f} / {ours[1]:.0f} ms   hand SQL {hand[0]:.0f} / "
        f"{hand[1]:.0f} ms   ratio {ours[0] / hand[0]:.2f}   page {page[0]:.0f} ms"
    )


def bench_suggestions(limit: int) -> None:
    rows = list(
        Concern.objects.filter(category_confirmed=True, title__startswith="[b]")
        .order_by("pk")
        .values_list("title", "summary", "category_id")[:limit]
    )
    rng = random.Random(9)
    rng.shuffle(rows)
    cut = int(len(rows) * 0.8)
    train, held = rows[:cut], rows[cut:][:5000]
    texts = [suggestions.record_text(t, s) for t, s, _ in train]
    labels = [c for _, _, c in train]
    start = time.perf_counter()
    pipeline = suggestions.train(texts, labels)
    trained = time.perf_counter() - start
    held_texts = [suggestions.record_text(t, s) for t, s, _ in held]
    start = time.perf_counter()
    probabilities = pipeline.predict_proba(held_texts)
    batch = len(held) / (time.perf_counter() - start)
    classes = pipeline.named_steps["model"].classes_
    top1 = top3 = 0
    for row, (_, _, truth) in zip(probabilities, held, strict=True):
        order = classes[row.argsort()[::-1][:3]]
        top1 += order[0] == truth
        top3 += truth in order
    sample = held_texts[:300]
    start = time.perf_counter()
    for text in sample:
        suggestions.rank(pipeline, text)
    single = len(sample) / (time.perf_counter() - start)
    print(
        f"\nsuggestions: trained on {len(train)} confirmed records in {trained:.1f} s; "
        f"held out {len(held)}: top-1 {top1 / len(held):.1%}, top-3 {top3 / len(held):.1%}; "
        f"throughput {batch:.0f} records/s in batch, {single:.0f} records/s one by one "
        "(with the weighing words)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--train-limit", type=int, default=50_000)
    args = parser.parse_args()
    build(args.scale)
    user = User.objects.get(username="demo_board_officer")
    actor = build_actor(user)
    board = Organisation.objects.get(name=BOARD)
    client = Client()
    client.force_login(user)
    total = Concern.objects.count()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT version()"
            if connection.vendor == "postgresql"
            else "SELECT 'SQLite ' || sqlite_version()"
        )
        version = cursor.fetchone()[0].split(" on ")[0]
    print(f"database: {version}; {total} concerns; {os.cpu_count()} CPUs; {ROUNDS} rounds")
    bench_search(actor, board, client)
    bench_statistics(actor, board, client)
    bench_suggestions(args.train_limit)


if __name__ == "__main__":
    main()

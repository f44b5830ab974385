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

Uses its own database, var/bench-cnc.sqlite3, unless DATABASE_URL is set.
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
from phoihop.core.text import fold
from phoihop.organisations.models import AdminUnit, Organisation

ROUNDS = 15
RARE, COMMON = ["titan", "khoang san titan"], ["boi thuong", "dat"]
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


def build(scale: int) -> None:
    call_command("migrate", verbosity=0)
    if not AdminUnit.objects.exists():
        call_command("load_admin_units", verbosity=0)
    if not User.objects.filter(username="demo_board_officer").exists():
        call_command("seed_demo", verbosity=0)
    board = Organisation.objects.get(name="Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ngãi")
    have = Concern.objects.filter(title__startswith="[b]").count()
    if have >= scale:
        return
    communes = list(AdminUnit.objects.filter(parent__code=51, level="commune"))
    categories = {c.code: c for c in Category.objects.all()}
    bodies = {o.symbol: o for o in Organisation.objects.filter(province__code=51, symbol__gt="")}
    rng = random.Random(2025 + have)
    codes = list(HISTORY)
    states = [s for s in Concern.State.values]
    now = timezone.now()
    print(f"generating {scale - have} concerns…", flush=True)
    started = time.perf_counter()
    for offset in range(have, scale, BATCH):
        rows = []
        for _n in range(offset, min(offset + BATCH, scale)):
            code = rng.choice(codes)
            symbol, templates = HISTORY[code]
            title = rng.choice(templates).format(p=rng.choice(PROJECTS))
            label = code if rng.random() > 0.15 else rng.choice(codes)  # noisy labels
            if rng.random() < 0.0005:
                title += " liên quan khai thác khoáng sản titan"
            commune = rng.choice(communes)
            summary = f"{rng.choice(EXTRA)} tại {commune.name}"
            created = now - timedelta(days=rng.randint(0, 900), minutes=rng.randint(0, 1440))
            state = rng.choice(states)
            confirmed = rng.random() < 0.5
            concern = Concern(
                board=board,
                owner=board,
                title=f"[b] {title}",
                summary=summary,
                category=categories[label],
                category_confirmed=confirmed,
                competent_body=bodies.get(symbol) if confirmed else None,
                first_seen=created.date(),
                scale="local",
                trend="stable",
                state=state,
                due=(created + timedelta(days=45)).date(),
                board_path=board.path,
                owner_path=board.path,
                province_id=commune.parent_id,
                commune=commune,
                search_text=fold(f"{title} {categories[label].name} {commune.name} {summary}"),
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
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def timings(function, rounds: int = ROUNDS) -> tuple[float, float]:
    values = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        values.append((time.perf_counter() - start) * 1000)
    values.sort()
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return statistics.median(values), p95


def hand_newest(board_path: str, query: str) -> list:
    terms = fold(query).split()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            match = " AND ".join('"' + t + '"' for t in terms)
            cursor.execute(
                "SELECT c.id, c.title FROM concerns_concern c "
                "WHERE c.id IN (SELECT rowid FROM concerns_concern_fts "
                "WHERE concerns_concern_fts MATCH %s) AND c.merged_into_id IS NULL "
                "AND c.board_path LIKE %s ORDER BY c.created_at DESC, c.id DESC LIMIT 20",
                [match, board_path + "%"],
            )
        else:
            where = " AND ".join("c.search_text LIKE %s" for _ in terms)
            cursor.execute(
                f"SELECT c.id, c.title FROM concerns_concern c WHERE {where} "
                "AND c.merged_into_id IS NULL AND c.board_path LIKE %s "
                "ORDER BY c.created_at DESC, c.id DESC LIMIT 20",
                [*(f"%{t}%" for t in terms), board_path + "%"],
            )
        return cursor.fetchall()


def hand_statistics(board_path: str) -> None:
    with connection.cursor() as cursor:
        base = "FROM concerns_concern WHERE board_path LIKE %s AND merged_into_id IS NULL"
        for sql in (
            f"SELECT state, count(*) {base} GROUP BY state",
            f"SELECT category_id, count(*) {base} GROUP BY category_id",
            f"SELECT commune_id, count(*) {base} GROUP BY commune_id ORDER BY 2 DESC LIMIT 15",
            f"SELECT owner_id, count(*) {base} AND due < %s AND state IN "
            "('captured','triaged','forwarded','requested','assigned','verifying','answered',"
            "'supervising','partly_resolved') GROUP BY owner_id",
            f"SELECT created_at, closed_at {base} AND state = 'closed' AND closed_at IS NOT NULL",
        ):
            params = [board_path + "%"]
            if "due <" in sql:
                params.append(timezone.localdate())
            cursor.execute(sql, params)
            cursor.fetchall()


def bench_search(actor, board, client) -> None:
    print("\nsearch (newest 20 matches; capped count) — p50 / p95 ms")
    for kind, terms in (("rare", RARE), ("common", COMMON)):
        for query in terms:
            filters = selectors.ConcernFilter(query=query)
            ours = timings(
                lambda f=filters: list(selectors.concern_list(actor=actor, filters=f)[:20])
            )
            hand = timings(lambda q=query: hand_newest(board.path, q))
            count = timings(
                lambda f=filters: selectors.concern_list(actor=actor, filters=f)[:1001].count(),
                rounds=5,
            )
            page = timings(lambda q=query: client.get("/van-de/", {"q": q}), rounds=5)
            print(
                f"  {kind:6} {query!r:20} ours {ours[0]:8.1f} / {ours[1]:8.1f}   "
                f"hand SQL {hand[0]:8.1f} / {hand[1]:8.1f}   "
                f"count≤1001 {count[0]:8.1f}   list page {page[0]:8.1f}"
            )
    newest = timings(lambda: list(selectors.concern_list(actor=actor)[:20]))
    print(f"  newest 20, no search: {newest[0]:.1f} / {newest[1]:.1f}")


def bench_statistics(actor, board, client) -> None:
    ours = timings(lambda: selectors.concern_statistics(actor=actor), rounds=5)
    hand = timings(lambda: hand_statistics(board.path), rounds=5)
    page = timings(lambda: client.get("/van-de/thong-ke/"), rounds=3)
    print(
        f"\nstatistics: selector {ours[0]:.0f} / {ours[1]:.0f} ms   hand SQL {hand[0]:.0f} / "
        f"{hand[1]:.0f} ms   page {page[0]:.0f} ms"
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
    board = Organisation.objects.get(name="Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ngãi")
    client = Client()
    client.force_login(user)
    total = Concern.objects.count()
    print(f"database: {connection.vendor}; {total} concerns; {ROUNDS} rounds")
    bench_search(actor, board, client)
    bench_statistics(actor, board, client)
    bench_suggestions(args.train_limit)


if __name__ == "__main__":
    main()

"""RPT benchmark: consolidation and DOCX for a province and for the whole country, and the
completeness grid, each against a minimal baseline measured in the same run.

The country: 34 provinces and 3,321 communes (`load_admin_units`), a board, council, people's
committee, court and procuracy per province and a people's committee per commune, generated
in bulk (about 3,500 bodies). The central board asks every one of them for a report (four
periods); the Quảng Ngãi board asks its own bodies and communes. Submissions are synthetic: a
mix of accepted on time, late, returned and missing.

Compared:
* consolidation (`report_request_consolidate`: completeness with the lineage rule, the
  subtree's report figures, drafting the text) + `render_consolidation_docx` (header, body,
  statistics table, annex of every body) against a minimal python-docx script that builds the
  same two tables from one SQL query;
* the completeness grid (`selectors.completeness_grid`) against one SQL query computing the
  same statuses.

One command: `make bench` (or `.venv/bin/python bench/reports.py`). Uses its own database,
var/bench-rpt.sqlite3, unless DATABASE_URL is set.
"""

import io
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
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-rpt.sqlite3'}")

import django

django.setup()

from django.core.management import call_command
from django.db import connection, transaction
from docx import Document
from docx.shared import Cm

from phoihop.core.actor import Actor
from phoihop.documents.report import render_consolidation_docx
from phoihop.organisations.models import AdminUnit, Organisation
from phoihop.programmes.services import current_regime
from phoihop.reports import selectors, services
from phoihop.reports.models import ReportRequest, ReportSubmission

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
SYSTEM = Actor(user=None, sees_everything=True)
K, S = Organisation.Kind, Organisation.Side
MARK = "[bench]"
PERIODS = [
    ("first_half", date(2025, 1, 1), date(2025, 6, 30), date(2025, 7, 3)),
    ("year", date(2025, 1, 1), date(2025, 12, 31), date(2025, 12, 1)),
    ("first_half", date(2026, 1, 1), date(2026, 6, 30), date(2026, 7, 3)),
    ("year", date(2026, 1, 1), date(2026, 12, 31), date(2026, 12, 1)),
]


def _children(parent: Organisation, specs, start: int):
    """Organisation rows under `parent` with treebeard paths, for bulk_create."""
    rows = []
    for offset, (name, kind, side, unit) in enumerate(specs):
        path = Organisation._get_path(parent.path, parent.depth + 1, start + offset)
        rows.append(
            Organisation(
                name=name,
                kind=kind,
                side=side,
                admin_unit=unit,
                province=unit if unit.parent_id is None else unit.parent,
                level="province" if unit.parent_id is None else "commune",
                symbol="UBND" if kind == K.PEOPLES_COMMITTEE else "",
                path=path,
                depth=parent.depth + 1,
                numchild=0,
                search_text=name.lower(),
            )
        )
    return rows


def build_country() -> None:
    if Organisation.objects.filter(name__startswith=MARK).exists():
        return
    centre = Organisation.objects.get(depth=1)
    provinces = list(AdminUnit.objects.filter(level="province").order_by("code"))
    communes: dict[int, list[AdminUnit]] = {}
    for unit in AdminUnit.objects.filter(level="commune").order_by("code"):
        communes.setdefault(unit.parent_id, []).append(unit)
    with transaction.atomic():
        start = centre.numchild + 1
        committees = _children(
            centre,
            [(f"{MARK} Tỉnh ủy {p.name}", K.PARTY_COMMITTEE, S.PARTY, p) for p in provinces],
            start,
        )
        Organisation.objects.bulk_create(committees)
        Organisation.objects.filter(pk=centre.pk).update(numchild=centre.numchild + len(provinces))
        bodies = []
        for committee, province in zip(committees, provinces, strict=True):
            specs = [
                (f"{MARK} Ban Tuyên giáo và Dân vận {province.name}", K.BOARD, S.PARTY, province),
                (f"{MARK} Thường trực HĐND {province.name}", K.COUNCIL_STANDING, S.STATE, province),
                (f"{MARK} UBND {province.name}", K.PEOPLES_COMMITTEE, S.STATE, province),
                (f"{MARK} Tòa án nhân dân {province.name}", K.COURT, S.STATE, province),
                (f"{MARK} Viện kiểm sát nhân dân {province.name}", K.PROCURACY, S.STATE, province),
            ]
            specs += [
                (f"{MARK} UBND {unit.name}", K.PEOPLES_COMMITTEE, S.STATE, unit)
                for unit in communes.get(province.pk, [])
            ]
            bodies += _children(committee, specs, 1)
        Organisation.objects.bulk_create(bodies, batch_size=1000)
        for committee in committees:
            count = sum(1 for b in bodies if b.path.startswith(committee.path))
            Organisation.objects.filter(path=committee.path).update(numchild=count)


def synthetic_request(board: Organisation, bodies, period, letter: str) -> ReportRequest:
    kind, start, end, issued = period
    request = ReportRequest.objects.create(
        board=board,
        regime=current_regime(),
        template=services.default_template(current_regime()),
        title=f"{MARK} Báo cáo {letter}",
        letter_number=letter,
        letter_date=issued,
        period_kind=kind,
        period_start=start,
        period_end=end,
        data_cutoff=end,
        deadline=issued + timedelta(days=14),
        state=ReportRequest.State.COLLECTING,
    )
    rng = random.Random(letter)
    rows = []
    for body in bodies:
        roll = rng.random()
        row = ReportSubmission(request=request, organisation=body, organisation_path=body.path)
        if roll < 0.8:
            late = roll > 0.65
            row.state = ReportSubmission.State.ACCEPTED if roll < 0.6 else "submitted"
            row.first_submitted_on = request.deadline + timedelta(days=3 if late else -2)
            row.number = f"{rng.randrange(1, 300):02d}/BC-UBND"
            row.signed_on = row.first_submitted_on
            row.strengths = "Phối hợp chặt chẽ, kịp thời."
            row.priorities = "Cung cấp thông tin định kỳ\nPhối hợp giám sát chuyên đề"
        rows.append(row)
    ReportSubmission.objects.bulk_create(rows, batch_size=1000)
    return request


def build() -> dict[str, list[ReportRequest]]:
    call_command("migrate", verbosity=0)
    if not AdminUnit.objects.exists():
        call_command("load_admin_units", verbosity=0)
    if not Organisation.objects.filter(kind=K.BOARD).exists():
        call_command("seed_demo", verbosity=0)
    build_country()
    central = Organisation.objects.get(symbol="BTGDVTW")
    province_board = Organisation.objects.filter(
        name__startswith=f"{MARK} Ban Tuyên giáo", province__name="Quảng Ngãi"
    ).first()
    if not ReportRequest.objects.filter(title__startswith=MARK).exists():
        everyone = list(
            Organisation.objects.filter(name__startswith=MARK)
            .exclude(kind__in=[K.PARTY_COMMITTEE, K.BOARD])
            .order_by("path")
        )
        local = [b for b in everyone if b.path.startswith(province_board.path[:8])]
        with transaction.atomic():
            for n, period in enumerate(PERIODS):
                synthetic_request(central, everyone, period, f"{400 + n}-CV/BTGDVTW")
                synthetic_request(province_board, local, period, f"{300 + n}-CV/BTGDVTU")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    requests = ReportRequest.objects.filter(title__startswith=MARK).select_related(
        "board", "regime", "template"
    )
    return {
        "province": [r for r in requests if r.board_id == province_board.pk],
        "country": [r for r in requests if r.board_id == central.pk],
    }


def median_ms(function, rounds=ROUNDS) -> float:
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def ours_consolidate_and_render(request: ReportRequest) -> int:
    """Consolidate and render, then roll back (so every round starts from the same state)."""
    with transaction.atomic():
        request = ReportRequest.objects.select_related("board", "regime", "template").get(
            pk=request.pk
        )
        consolidation = services.report_request_consolidate(actor=SYSTEM, request=request)
        size = len(render_consolidation_docx(consolidation))
        transaction.set_rollback(True)
    return size


BASELINE_SQL = """
SELECT o.name, s.number, s.signed_on, s.first_submitted_on, r.deadline
FROM reports_reportsubmission s
JOIN organisations_organisation o ON o.id = s.organisation_id
JOIN reports_reportrequest r ON r.id = s.request_id
WHERE s.request_id = %s ORDER BY s.organisation_path
"""


def baseline_docx(request: ReportRequest) -> int:
    """The same two tables (statistics, annex) with plain python-docx from one query."""
    with connection.cursor() as cursor:
        cursor.execute(BASELINE_SQL, [request.pk])
        rows = cursor.fetchall()
    document = Document()
    document.add_paragraph("BÁO CÁO")
    stats = document.add_table(rows=1, cols=3)
    for cell, text in zip(stats.rows[0].cells, ["STT", "Chỉ tiêu", "Số liệu"], strict=True):
        cell.text = text
    delivered = sum(1 for r in rows if r[3] is not None)
    for n, (label, value) in enumerate(
        [("Cơ quan được yêu cầu", len(rows)), ("Báo cáo đã nhận", delivered)], start=1
    ):
        cells = stats.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = str(n), label, str(value)
    annex = document.add_table(rows=1, cols=5)
    for cell, text in zip(
        annex.rows[0].cells, ["STT", "Cơ quan", "Số", "Ngày", "Đánh giá"], strict=True
    ):
        cell.text = text
    for n, (name, number, signed, sent, deadline) in enumerate(rows, start=1):
        cells = annex.add_row().cells
        cells[0].text, cells[1].text = str(n), name
        cells[2].text = f"{number} ngày {signed}" if number else ""
        cells[3].text = str(sent or "")
        cells[4].text = "" if sent is None else ("Đúng hạn" if sent <= deadline else "Trễ hạn")
        cells[1].width = Cm(6.7)
    buffer = io.BytesIO()
    document.save(buffer)
    return len(buffer.getvalue())


GRID_SQL = """
SELECT s.organisation_id, s.request_id,
  CASE WHEN s.first_submitted_on IS NULL THEN
         CASE WHEN %s > r.deadline THEN 'missing' ELSE 'pending' END
       WHEN s.first_submitted_on <= r.deadline THEN 'on_time' ELSE 'late' END
FROM reports_reportsubmission s
JOIN reports_reportrequest r ON r.id = s.request_id
JOIN organisations_organisation o ON o.id = s.organisation_id
WHERE r.board_id = %s AND r.state <> 'draft'
  AND (o.valid_from IS NULL OR o.valid_from <= r.letter_date)
  AND (o.valid_to IS NULL OR o.valid_to >= r.letter_date)
ORDER BY s.organisation_path, r.period_end
"""


def baseline_grid(board_id: int):
    with connection.cursor() as cursor:
        cursor.execute(GRID_SQL, [date.today(), board_id])
        return cursor.fetchall()


def main() -> None:
    requests = build()
    print(
        f"database: {connection.vendor}; {Organisation.objects.count()} bodies, "
        f"{ReportSubmission.objects.count()} submissions; median of {ROUNDS} runs"
    )
    for scope in ("province", "country"):
        request = requests[scope][-1]
        count = request.submissions.count()
        ours = median_ms(lambda r=request: ours_consolidate_and_render(r))
        base = median_ms(lambda r=request: baseline_docx(r))
        print(
            f"{scope:8} consolidation + DOCX ({count:5} bodies)  ours {ours:9.1f} ms  "
            f"python-docx {base:8.1f} ms  ratio {ours / base:5.2f}"
        )
        board = request.board
        ours = median_ms(lambda b=board: selectors.completeness_grid(actor=SYSTEM, board=b))
        base = median_ms(lambda b=board: baseline_grid(b.pk))
        cells = len(baseline_grid(board.pk))
        print(
            f"{scope:8} completeness grid ({cells:6} cells)        ours {ours:9.1f} ms  "
            f"SQL {base:16.1f} ms  ratio {ours / base:5.2f}"
        )


if __name__ == "__main__":
    main()

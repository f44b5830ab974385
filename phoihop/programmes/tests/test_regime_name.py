"""The regime is named by its document (FORMATS.md): "Quyết định số 238-QĐ/TW ngày 30/9/2020
của Ban Bí thư", from its data, everywhere; stored texts with the wrong name are migrated."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from phoihop.programmes.models import Programme, Regime
from phoihop.programmes.regimes import correct_name, fixture_citation
from phoihop.reports.models import ReportRequest, ReportTemplate

CITATION = "Quyết định số 238-QĐ/TW ngày 30/9/2020 của Ban Bí thư"
BEFORE = [("programmes", "0007_regime_review_defaults"), ("reports", "0003_request_dispatch")]
AFTER = [("programmes", "0010_regime_citation"), ("reports", "0004_regime_name")]


@pytest.mark.django_db
def test_the_current_regime_is_cited_by_its_decision(world):
    regime = Regime.objects.current()
    assert regime.citation == CITATION == fixture_citation()
    assert regime.short_citation == "Quyết định số 238-QĐ/TW"
    assert regime.full_citation == (
        f"{CITATION} ban hành Quy chế phối hợp giữa ban tuyên giáo các cấp với cơ quan nhà nước "
        "cùng cấp"
    )


def test_the_wrong_name_is_corrected_in_any_text():
    name = {"document_type": "Quyết định", "code": "238-QĐ/TW"}
    assert correct_name("thực hiện Quy định 238-QĐ/TW năm 2025", **name) == (
        "thực hiện Quyết định số 238-QĐ/TW năm 2025"
    )
    assert correct_name("Quy định số 238-QĐ/TW ngày 30/9/2020", **name) == (
        "Quyết định số 238-QĐ/TW ngày 30/9/2020"
    )
    assert correct_name("Quy định số 97-QĐ/TW", **name) == "Quy định số 97-QĐ/TW"


@pytest.mark.django_db
def test_every_page_cites_the_regime_from_its_data(world, login):
    page = login(world.board_officer).get(reverse("programmes:list")).content.decode()
    assert f"(theo {CITATION})" in page  # the footer
    assert "theo Quyết định số 238-QĐ/TW mà" in page
    assert "Quy định 238" not in page
    Regime.objects.filter(is_current=True).update(issuer="Bộ Chính trị")
    page = login(world.board_officer).get(reverse("programmes:list")).content.decode()
    assert "238-QĐ/TW ngày 30/9/2020 của Bộ Chính trị" in page


def test_the_api_description_cites_the_decision(settings):
    assert settings.SPECTACULAR_SETTINGS["DESCRIPTION"] == (
        f"API v1 của hệ thống Phối Hợp ({CITATION})."
    )


def applied_state():
    """The models as the applied migrations left them (every app, not only those migrated)."""
    loader = MigrationLoader(connection)
    applied = set(loader.applied_migrations)
    last = [n for n in applied if not applied & set(loader.graph.node_map[n].children)]
    return loader.project_state(last).apps


@pytest.mark.django_db(transaction=True)
def test_the_migration_renames_the_regime_in_stored_texts():
    MigrationExecutor(connection).migrate(BEFORE)
    try:
        board_id, template_id = _plant_the_wrong_name_and_migrate()
    finally:
        # A failure must not leave the database half migrated for the tests that follow.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    _assert_the_name_is_corrected(board_id, template_id)


def _plant_the_wrong_name_and_migrate():
    old = applied_state()
    # A transactional test before this one may have emptied the tables the data migrations
    # filled, so the regime row is written here as it stood before the correction.
    regime, _ = old.get_model("programmes", "Regime").objects.update_or_create(
        code="238-QĐ/TW",
        defaults={
            "title": (
                "Quy định về phối hợp giữa ban tuyên giáo các cấp với cơ quan nhà nước cùng cấp"
            ),
            "issued_on": date(2020, 9, 30),
            "is_current": True,
        },
    )
    board = old.get_model("organisations", "Organisation").objects.create(
        path="9999", depth=1, numchild=0, name="Ban", kind="board", side="party", level="province"
    )
    wrong = "Kết quả thực hiện {programme} theo Quy định số {regime_code} {period}"
    template = old.get_model("reports", "ReportTemplate").objects.create(
        regime=regime, name="Báo cáo", summary=wrong, opening="", closing=""
    )
    day = date(2025, 12, 1)
    old.get_model("reports", "ReportRequest").objects.create(
        board=board,
        regime=regime,
        template=template,
        title="Báo cáo kết quả thực hiện Quy định 238-QĐ/TW năm 2025",
        letter_number="285-CV/BTGDVTU",
        **{"letter_date": day, "period_kind": "year", "period_start": day},
        **{"period_end": day, "data_cutoff": day, "deadline": day},
    )
    old.get_model("programmes", "Programme").objects.create(
        regime=regime,
        board=board,
        title="Chương trình phối hợp",
        grounds="Quy định số 238-QĐ/TW ngày 30/9/2020 của Ban Bí thư;",
        start=day,
        end=day,
    )

    MigrationExecutor(connection).migrate(AFTER)
    return board.pk, template.pk


def _assert_the_name_is_corrected(board_id: int, template_id: int):
    regime = Regime.objects.get(code="238-QĐ/TW")
    assert (regime.document_type, regime.issuer) == ("Quyết định", "Ban Bí thư")
    assert regime.title.startswith("Quy chế phối hợp")
    assert regime.citation == CITATION
    assert ReportTemplate.objects.get(pk=template_id).summary == (
        "Kết quả thực hiện {programme} theo {regime} {period}"
    )
    assert ReportRequest.objects.get(board_id=board_id).title == (
        "Báo cáo kết quả thực hiện Quyết định số 238-QĐ/TW năm 2025"
    )
    assert Programme.objects.get(board_id=board_id).grounds == f"{CITATION};"

"""Learned suggestions, similar concerns, contacts at rest and their purge, reminders, figures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from phoihop.concerns import contacts, selectors, suggestions
from phoihop.concerns.models import Concern, PetitionerContact, SuggestionModel
from phoihop.concerns.reminders import send_concern_reminders
from phoihop.concerns.services import transitions
from phoihop.concerns.statistics import report_figures
from phoihop.notifications.models import Notification
from phoihop.testing.concerns import capture, category, run_to
from phoihop.testing.world import admin_unit

pytestmark = pytest.mark.django_db

LAND = ["Chậm bồi thường đất dự án khu dân cư", "Tranh chấp ranh giới thửa đất nông nghiệp"]
ENVIRONMENT = ["Ô nhiễm mùi hôi nhà máy thủy sản", "Xả nước thải ra sông gây cá chết"]


def _confirmed(world, titles, code, n=12, body=None):
    officer = world.actor(world.board_officer)
    for i in range(n):
        concern = capture(world, title=f"{titles[i % 2]} lần {i}", category=category(code))
        extra = transitions.ActionInput(competent_body=body)
        transitions.concern_act(actor=officer, concern=concern, action="triage", extra=extra)


def test_no_model_no_suggestion_and_training_needs_confirmed_records(world):
    assert suggestions.suggest("Chậm bồi thường đất") == []
    capture(world)  # not confirmed
    assert suggestions.retrain() == []
    assert not SuggestionModel.objects.exists()


def test_retrain_learns_confirmed_categories_and_explains_the_choice(world):
    _confirmed(world, LAND, "land")
    _confirmed(world, ENVIRONMENT, "environment")
    assert suggestions.retrain() == ["category"]
    assert suggestions.retrain() == []  # nothing changed: no retraining
    top = suggestions.suggest("Người dân khiếu nại bồi thường đất chậm")
    assert len(top) <= 3 and top[0].label == "Đất đai"
    assert 0 < top[0].confidence <= 1 and top[0].words
    assert sum(s.confidence for s in top) <= 1.0001
    other = suggestions.suggest("Nước thải nhà máy gây ô nhiễm")
    assert other[0].label == "Môi trường"
    # a newly confirmed record changes the fingerprint: the next run retrains
    _confirmed(world, LAND, "land", n=1)
    assert suggestions.retrain() == ["category"]
    assert SuggestionModel.objects.filter(target="category").count() == 2


def test_the_competent_body_is_learned_from_the_bodies_confirmed_at_triage(world):
    _confirmed(world, LAND, "land", body=world.department)
    _confirmed(world, ENVIRONMENT, "environment", body=world.peoples_committee)
    assert suggestions.retrain() == ["category", "body"]
    top = suggestions.suggest("Khiếu nại chậm bồi thường đất", target="body")
    assert top[0].label == world.department.name and top[0].pk == world.department.pk
    other = suggestions.suggest("Nhà máy xả nước thải gây ô nhiễm", target="body")
    assert other[0].label == world.peoples_committee.name


def test_the_body_is_picked_at_triage_not_on_the_entry_form_which_has_no_such_field(world, login):
    _confirmed(world, LAND, "land", body=world.department)
    _confirmed(world, ENVIRONMENT, "environment", body=world.peoples_committee)
    suggestions.retrain()
    client = login(world.board_officer)
    pick_body = 'data-pick-select="[name=competent_body]"'
    entry = client.post(reverse("concerns:suggest"), {"title": "Chậm bồi thường đất"})
    assert world.department.name in entry.content.decode()
    assert pick_body not in entry.content.decode()
    assert 'data-pick-select="[name=category]"' in entry.content.decode()
    waiting = capture(world, title="Chậm bồi thường đất ở khu tái định cư")
    triage = client.get(reverse("concerns:detail_suggestions", args=[waiting.pk]))
    assert pick_body in triage.content.decode()


def test_similar_open_concerns_in_the_province_are_suggested(world):
    first = capture(world, title="Chậm bồi thường dự án khu dân cư Nam Đức Phổ")
    capture(world, title="Sạt lở bờ biển", summary="Sóng lớn làm sạt lở kè.")
    found = selectors.similar_concerns(
        actor=world.actor(world.board_officer),
        title="Bồi thường chậm ở khu dân cư Nam Đức Phổ",
        province_id=world.quang_ngai.pk,
        commune_ids=[world.duc_pho.pk],
    )
    assert [s.concern for s in found] == [first] and found[0].same_commune
    assert "khu" in found[0].shared and "Chậm" in found[0].shared
    outsider = selectors.similar_concerns(
        actor=world.actor(world.outsider),
        title="Bồi thường chậm ở khu dân cư Nam Đức Phổ",
        province_id=world.quang_ngai.pk,
        commune_ids=[],
    )
    assert outsider == []


def test_several_similar_concerns_are_ranked(world):
    for n in range(4):
        capture(world, title=f"Chậm bồi thường dự án khu dân cư số {n}")
    found = selectors.similar_concerns(
        actor=world.actor(world.board_officer),
        title="Chậm bồi thường khu dân cư",
        province_id=world.quang_ngai.pk,
        commune_ids=[world.duc_pho.pk],
    )
    assert len(found) == 4 and all("bồi" in s.shared for s in found)


def test_the_contact_is_encrypted_at_rest_and_purged_after_the_retention(world, people):
    concern = run_to(world, people, capture(world), "closed")
    officer = world.actor(world.board_officer)
    contact = contacts.contact_store(actor=officer, concern=concern, text="Ông F, 0933333333")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ciphertext FROM concerns_petitionercontact WHERE id = %s", [contact.pk]
        )
        raw = bytes(cursor.fetchone()[0])
    assert b"0933333333" not in raw and contacts.decrypt(raw) == "Ông F, 0933333333"
    contacts.retention_set(actor=world.actor(world.auditor), months=6)
    assert contacts.purge_contacts(timezone.now() + timedelta(days=150)) == 0
    assert contacts.purge_contacts(timezone.now() + timedelta(days=200)) == 1
    assert contacts.purge_contacts(timezone.now() + timedelta(days=200)) == 0  # idempotent
    contact.refresh_from_db()
    assert contact.purged_at and bytes(contact.ciphertext) == b""
    assert not contacts.has_contact(concern)


def test_a_contact_is_never_in_the_list_search_or_api_listing(world, login):
    concern = capture(world)
    contacts.contact_store(
        actor=world.actor(world.board_officer), concern=concern, text="Bà G, 0944444444"
    )
    client = login(world.board_officer)
    assert "Không có vấn đề nào" in client.get("/van-de/?q=0944444444").content.decode()
    assert "0944444444" not in client.get("/api/v1/concerns/").content.decode()
    assert "0944444444" not in client.get(f"/api/v1/concerns/{concern.pk}/").content.decode()
    assert "0944444444" not in concern.search_text
    assert PetitionerContact.objects.count() == 1


def test_months_before_keeps_the_day_or_the_month_end():
    from datetime import datetime

    assert contacts.months_before(datetime(2026, 3, 31), 1) == datetime(2026, 2, 28)
    assert contacts.months_before(datetime(2026, 1, 15), 13) == datetime(2024, 12, 15)


def test_reminders_before_and_after_the_deadline_notify_once(world, people):
    concern = run_to(world, people, capture(world), "requested")
    Concern.objects.filter(pk=concern.pk).update(due=date(2026, 6, 10))
    assert send_concern_reminders(date(2026, 6, 9)) == 1
    assert send_concern_reminders(date(2026, 6, 9)) == 0
    assert Notification.objects.filter(user=people.committee_officer).count() == 1
    send_concern_reminders(date(2026, 6, 30))
    assert Notification.objects.filter(user=world.board_leader, kind="concern_escalation")


def test_report_figures_count_the_period_under_a_path(world, people):
    concern = run_to(world, people, capture(world), "closed")
    today = timezone.localdate()
    figures = {
        f.key: f.value
        for f in report_figures(path=world.board.path, start=today - timedelta(days=1), end=today)
    }
    assert figures["concerns_captured"] == 1 and figures["concerns_forwarded"] == 1
    assert all(f.section == "issue" for f in report_figures(path="", start=today, end=today))
    other = report_figures(path=world.other_board.path, start=today, end=today)
    assert {f.key: f.value for f in other}["concerns_captured"] == 0
    assert concern.answered_on == date(2026, 4, 1)
    april = {
        f.key: f.value
        for f in report_figures(
            path=world.board.path, start=date(2026, 4, 1), end=date(2026, 4, 30)
        )
    }
    assert april["concerns_answered"] == 1


def test_statistics_count_by_category_and_resolution_time(world, people):
    run_to(world, people, capture(world), "closed")
    capture(world, title="Ô nhiễm", category=category("environment"))
    figures = selectors.concern_statistics(actor=world.actor(world.board_officer))
    assert figures.total == 2 and figures.open == 1 and figures.resolved == 1
    assert dict(figures.by_category) == {"Đất đai": 1, "Môi trường": 1}
    assert figures.resolution_median is not None and figures.rising
    assert selectors.concern_statistics(actor=world.actor(world.outsider)).total == 0


def test_resolution_median_and_90th_percentile_are_interpolated_by_the_database(world, people):
    officer = world.actor(world.board_officer)
    assert selectors.concern_statistics(actor=officer).resolution_median is None
    start = timezone.now() - timedelta(days=40)
    for days in (1, 2, 3, 10):
        closed = run_to(world, people, capture(world), "closed")
        Concern.objects.filter(pk=closed.pk).update(
            created_at=start, closed_at=start + timedelta(days=days)
        )
    figures = selectors.concern_statistics(actor=officer)
    # Ranks 1.5 and 2.7 of (1, 2, 3, 10): 2 + 0.5 × 1 and 3 + 0.7 × 7.
    assert (figures.resolved, figures.resolution_median, figures.resolution_p90) == (4, 2.5, 7.9)


def test_statistics_count_states_communes_and_the_ages_of_open_concerns(world, people):
    sa_huynh = admin_unit(21457, "Phường Sa Huỳnh", "ward", world.quang_ngai)
    run_to(world, people, capture(world), "closed")
    capture(world)
    old = capture(world, places=[sa_huynh], category=category("environment"))
    Concern.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=100))
    figures = selectors.concern_statistics(actor=world.actor(world.board_officer))
    assert (figures.total, figures.open) == (3, 2)
    assert dict(figures.by_state) == {"Mới ghi nhận": 2, "Đã kết thúc": 1}
    assert figures.by_commune == [("Phường Đức Phổ", 2), ("Phường Sa Huỳnh", 1)]
    assert dict(figures.by_category) == {"Đất đai": 2, "Môi trường": 1}
    # The closed concern is not aged; the one from 100 days ago is in 90–180.
    assert [n for _label, n in figures.by_age] == [1, 0, 1, 0]

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from phoihop.programmes.models import Regime
from phoihop.reports import selectors, services
from phoihop.reports.models import Award, ReviewConference
from phoihop.testing.programmes import build_programme

pytestmark = pytest.mark.django_db


def test_the_board_plans_a_conference_and_records_the_invitation(world, login):
    client = login(world.board_officer)
    response = client.post(
        reverse("reports:conference_create"),
        {
            "kind": "preliminary",
            "title": "Hội nghị sơ kết năm 2026",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "held_on": "2027-01-12",
            "participants": [world.council.pk, world.department.pk],
        },
    )
    conference = ReviewConference.objects.get()
    assert response.status_code == 302
    action = reverse("reports:conference_action", args=[conference.pk])
    page = client.post(action, {"action": "invite", "number": ""}, follow=True)
    assert "Nhập số giấy mời" in page.content.decode()
    client.post(action, {"action": "invite", "number": "12-GM/BTGDVTU", "invited_on": "2027-01-05"})
    conference.refresh_from_db()
    assert conference.state == "invited" and conference.invitation_number == "12-GM/BTGDVTU"
    page = client.get(conference.get_absolute_url()).content.decode()
    assert "Giấy mời số 12-GM/BTGDVTU" in page


def test_a_conference_held_before_the_period_ends_is_refused(world, login):
    response = login(world.board_officer).post(
        reverse("reports:conference_create"),
        {
            "kind": "preliminary",
            "title": "Sơ kết",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "held_on": "2026-12-01",
        },
    )
    assert response.status_code == 400 and not ReviewConference.objects.exists()
    assert "sau khi kết thúc kỳ đánh giá" in response.content.decode()


def test_an_agency_officer_sees_a_conference_it_takes_part_in_but_cannot_act(world, login):
    conference = services.review_conference_create(
        actor=world.actor(world.board_officer),
        board=world.board,
        data=services.ConferenceData(
            kind="preliminary",
            title="Sơ kết",
            period_start=date(2026, 1, 1),
            period_end=date(2026, 12, 31),
            held_on=date(2027, 1, 12),
        ),
        participants=[world.department],
    )
    client = login(world.agency_officer)
    assert client.get(conference.get_absolute_url()).status_code == 200
    action = reverse("reports:conference_action", args=[conference.pk])
    assert client.post(action, {"action": "hold"}).status_code == 403


def test_awards_page_proposes_and_only_the_leader_approves(world, login):
    officer = login(world.board_officer)
    officer.post(
        reverse("reports:awards"),
        {"organisation": world.department.pk, "title": "Bằng khen", "reason": "Xuất sắc"},
    )
    award = Award.objects.get()
    url = reverse("reports:award_action", args=[award.pk])
    body = {"action": "approve", "decision_reference": "15-QĐ/TU", "decided_on": "2027-01-08"}
    assert officer.post(url, body).status_code == 403
    login(world.board_leader).post(url, body)
    assert Award.objects.get().state == "approved"


def test_evaluations_page_and_xlsx_explain_each_score(world, login):
    build_programme(world)
    client = login(world.board_officer)
    page = client.get(reverse("reports:evaluations"), {"tu": "2026-01-01", "den": "2026-12-31"})
    assert "0/1 = 0% × trọng số 75% (quy định 30%) = 0,0 điểm" in page.content.decode()
    response = client.get(
        reverse("reports:evaluations_xlsx"), {"tu": "2026-01-01", "den": "2026-12-31"}
    )
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][:2] == ("Cơ quan", "Tiêu chí")
    department = [r for r in rows if r[0] == world.department.name]
    assert department[0][6] == "0/1 = 0% × trọng số 75% (quy định 30%) = 0,0 điểm"
    assert department[-1][1] == "Tổng điểm" and department[-1][5] == 0


def test_an_award_is_proposed_from_the_evaluation_page(world, login):
    client = login(world.board_officer)
    page = client.get(reverse("reports:evaluations")).content.decode()
    link = f"{reverse('reports:awards')}?co_quan={world.department.pk}"
    assert link in page
    form = client.get(link).content.decode()
    assert f'value="{world.department.pk}" selected' in form


def test_an_agency_officer_has_no_evaluation_page(world, login):
    assert login(world.agency_officer).get(reverse("reports:evaluations")).status_code == 403


def test_the_conference_form_proposes_the_regimes_january_date(world, login):
    regime = Regime.objects.get(is_current=True)
    defaults = selectors.conference_defaults(
        board=world.board, kind="", today=date(2026, 12, 2), regime=regime
    )
    assert defaults["held_on"] == date(2027, 1, 15)
    assert (defaults["period_start"], defaults["period_end"]) == (
        date(2026, 1, 1),
        date(2026, 12, 31),
    )
    regime.preliminary_review_by_day = 10
    regime.save()
    page = login(world.board_officer).get(reverse("reports:conference_create"))
    year = date.today().year + (date.today().month > 6)
    assert f'value="{year}-01-10"' in page.content.decode()


def test_the_final_review_is_proposed_within_the_regimes_months_after_the_phase(world):
    programme = build_programme(world).programme
    regime = Regime.objects.get(is_current=True)
    regime.final_review_within_months = 2
    defaults = selectors.conference_defaults(
        board=world.board, kind="final", today=programme.end, regime=regime
    )
    assert defaults["period_end"] == programme.end
    assert defaults["held_on"] == selectors.months_after(programme.end, 2)
    assert selectors.months_after(date(2026, 12, 31), 2) == date(2027, 2, 28)

"""The case pages: scoping (outsider 404, 403 where visible but not allowed), the forms and
the query-count guard of the list."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from phoihop.incidents import services
from phoihop.incidents.models import Incident, PositionLog, PressRelease
from phoihop.testing.incidents import SUMMARY, report_case, restricted_case

from .test_services import coordinate

LIST = reverse("incidents:list")


def url(name, obj):
    return reverse(f"incidents:{name}", args=[obj.pk])


def test_the_outsider_gets_404_on_the_case_and_its_parts(world, people, case, login):
    client = login(world.outsider)
    assert client.get(url("detail", case)).status_code == 404
    assert client.post(url("action", case), {"action": "acknowledge"}).status_code == 404
    assert client.post(url("log_append", case), {"text": "x"}).status_code == 404
    response = client.get(LIST)
    assert response.status_code == 200 and case.title not in response.content.decode()


def test_the_board_sees_the_case_with_its_clocks_and_the_duty_officer_acknowledges_it(
    world, people, case, login
):
    client = login(people.duty_officer)
    page = client.get(url("detail", case)).content.decode()
    assert case.title in page and "Ban tiếp nhận: còn" in page and "Xác nhận tiếp nhận" in page
    response = client.post(url("action", case), {"action": "acknowledge"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == Incident.State.ACKNOWLEDGED
    again = client.post(url("action", case), {"action": "acknowledge"}, follow=True)
    assert "đã được tiếp nhận" in again.content.decode()


def test_an_overrun_clock_is_shown_on_the_list_and_filtered(world, people, login):
    late = report_case(world, reported_at=timezone.now() - timedelta(days=5))
    fresh = report_case(world, title="Vụ việc mới báo")
    client = login(world.board_leader)
    page = client.get(LIST, {"overdue": "ack"}).content.decode()
    assert late.title in page and fresh.title not in page and "quá hạn" in page


def test_an_agency_officer_reports_a_case_through_the_form(world, people, login):
    client = login(world.agency_officer)
    assert client.get(reverse("incidents:create")).status_code == 200
    data = {
        "reporting_body": world.department.pk,
        "title": "Khiếu nại đông người về bồi thường",
        "classification": "normal",
        "summary": SUMMARY,
        "sector": "land",
        "severity": "high",
        "places": [world.duc_pho.pk],
        "competent_body": world.department.pk,
        "channels": ["phone", "system"],
    }
    response = client.post(reverse("incidents:create"), data)
    assert response.status_code == 302
    case = Incident.objects.get()
    assert case.severity == "high" and case.reported_by == world.agency_officer


def test_a_report_with_bad_input_answers_400_and_writes_nothing(world, people, login):
    client = login(world.agency_officer)
    data = {
        "reporting_body": world.department.pk,
        "title": "Vụ việc mật",
        "classification": "restricted",
        "summary": "nội dung mật",
        "sector": "land",
        "severity": "high",
        "places": [world.duc_pho.pk],
        "competent_body": world.department.pk,
        "channels": ["phone"],
    }
    response = client.post(reverse("incidents:create"), data)
    assert response.status_code == 400 and "không ghi nội dung" in response.content.decode()
    assert not Incident.objects.exists()


def test_the_outsider_and_a_body_without_officers_role_cannot_open_the_report_form(world, login):
    assert login(world.auditor).get(reverse("incidents:create")).status_code == 403


def test_a_restricted_case_shows_a_placeholder_to_a_non_member_and_403_on_its_parts(
    world, people, login
):
    case = restricted_case(world)
    services.incident_acknowledge(actor=world.actor(people.duty_officer), incident=case)
    client = login(world.board_officer)  # in the board, not in the group, not a leader
    listing = client.get(LIST).content.decode()
    assert f"Vụ việc hạn chế tiếp cận #{case.pk}" in listing and case.title not in listing
    page = client.get(url("detail", case))
    assert page.status_code == 200 and case.title not in page.content.decode()
    assert case.reference not in page.content.decode()
    assert client.post(url("log_append", case), {"text": "x"}).status_code == 403
    assert client.get(url("orientation_versions", case)).status_code == 403
    assert not PositionLog.objects.exists()
    # The board leader and the members of the group see it.
    assert case.reference in login(world.board_leader).get(url("detail", case)).content.decode()
    services.working_group_add_member(
        actor=world.actor(world.board_leader),
        incident=case,
        user=world.board_officer,
        organisation=world.board,
        role="member",
    )
    assert case.reference in client.get(url("detail", case)).content.decode()


def test_the_case_list_query_count_does_not_grow_with_the_page(
    world, people, login, django_assert_max_num_queries
):
    client = login(world.board_leader)
    report_case(world)
    with django_assert_max_num_queries(20) as few:
        client.get(LIST)
    for n in range(25):
        report_case(world, title=f"Vụ việc {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST)
    assert response.content.decode().count("Vụ việc ") >= 25


def test_the_folded_search_finds_a_case_without_diacritics(world, people, case, login):
    other = report_case(world, title="Ô nhiễm môi trường", summary="Nước thải.")
    page = login(world.board_leader).get(LIST, {"q": "giai phong mat bang"}).content.decode()
    assert case.title in page and other.title not in page
    rows = login(world.board_leader).get(LIST, {"q": "o nhiem"}, HTTP_HX_REQUEST="true")
    assert other.title in rows.content.decode() and "<html" not in rows.content.decode()


def test_a_press_release_page_shows_both_versions_and_the_diff(world, people, case, login):
    case = coordinate(world, people, case)
    release = services.press_release_save(
        actor=world.actor(world.board_officer), incident=case, title="Thông cáo", body="Dòng một"
    )
    client = login(world.board_officer)
    response = client.post(
        url("press_release", release), {"title": "Thông cáo", "body": "Dòng hai"}
    )
    assert response.status_code == 302
    page = client.get(url("press_release", release)).content.decode()
    assert "Phiên bản 1" in page and "Phiên bản 2" in page
    assert "+ Dòng hai" in page and "− Dòng một" in page


def test_the_author_is_told_and_refused_when_approving_their_own_release(
    world, people, case, login
):
    case = coordinate(world, people, case)
    leader = world.actor(world.board_leader)
    release = services.press_release_save(actor=leader, incident=case, title="T", body="B")
    services.press_release_submit(actor=leader, release=release)
    client = login(world.board_leader)
    assert "không tự phê duyệt" in client.get(url("press_release", release)).content.decode()
    assert client.post(url("release_action", release), {"action": "approve"}).status_code == 403
    release.refresh_from_db()
    assert release.board_approved_by is None and release.state == PressRelease.State.IN_REVIEW


@pytest.mark.parametrize("name", ["log_append", "section_save", "release_create"])
def test_empty_texts_are_refused_with_a_message(world, people, case, login, name):
    coordinate(world, people, case)
    response = login(world.board_officer).post(url(name, case), {"text": " "}, follow=True)
    assert response.status_code == 200 and "alert-danger" in response.content.decode()


def test_the_orientation_plan_is_saved_approved_and_its_versions_shown(world, people, case, login):
    services.incident_acknowledge(actor=world.actor(people.duty_officer), incident=case)
    client = login(world.board_officer)
    data = {"handler": "UBND phường", "message": "Nội dung A", "spokesperson": "Phó Chủ tịch"}
    data["channels"] = ["press"]
    assert client.post(url("orientation_save", case), data).status_code == 302
    data["message"] = "Nội dung B"
    client.post(url("orientation_save", case), data)
    assert login(world.board_leader).post(url("orientation_approve", case)).status_code == 302
    page = client.get(url("orientation_versions", case)).content.decode()
    assert "Phiên bản 2" in page and "+ Nội dung B" in page


def test_the_home_page_shows_the_unacknowledged_cases(world, people, case, login):
    page = login(people.duty_officer).get(reverse("core:home")).content.decode()
    assert "Chưa được Ban tiếp nhận" in page

"""/api/v1/incidents/ and press-releases/: the case lifecycle through the API.

Every read is scoped like the pages (the outsider gets 404), a restricted case shows only its
non-secret metadata to someone outside its working group (and 403 on its parts), every write goes
through the services (403 from the policies, 400 with field names otherwise).
"""

import pytest
from django.urls import reverse
from rest_framework.test import APIRequestFactory

from phoihop.incidents import services
from phoihop.incidents.models import Incident, PressRelease
from phoihop.incidents.tests.test_services import coordinate
from phoihop.testing.incidents import SUMMARY, case_people, report_case, restricted_case

from .conftest import assert_error

LIST = reverse("api:incidents")


def url(name, obj):
    return reverse(f"api:{name}", kwargs={"pk": obj.pk})


def ok(response, status=200):
    assert response.status_code == status, response.content
    return response.json()


@pytest.fixture(autouse=True)
def _json_requests(monkeypatch):
    monkeypatch.setattr(APIRequestFactory, "default_format", "json")


@pytest.fixture
def people(world):
    return case_people(world)


@pytest.fixture
def case(world, people):
    return report_case(world)


def test_the_outsider_gets_404_on_every_case_endpoint(world, people, case, api_as):
    client = api_as(world.outsider)
    assert ok(client.get(LIST))["results"] == []
    for name in ("incident", "incident_log", "incident_orientation_plan", "incident_members"):
        assert_error(client.get(url(name, case)), 404)
    assert_error(client.post(url("incident_actions", case), {"action": "acknowledge"}), 404)


def test_anonymous_gets_401(api, case):
    assert_error(api.get(LIST), 401)


def test_an_agency_officer_reports_and_the_duty_officer_acknowledges(world, people, api_as):
    body = {
        "reporting_body": world.department.pk,
        "competent_body": world.department.pk,
        "title": "Tụ tập đông người",
        "summary": SUMMARY,
        "sector": "land",
        "severity": "high",
        "channels": ["phone", "system"],
        "places": [world.duc_pho.pk],
    }
    created = ok(api_as(world.agency_officer).post(LIST, body), 201)
    assert created["state"] == "reported" and created["board"]["id"] == world.board.pk
    assert [c["label"] for c in created["clocks"]] == [
        "Ban tiếp nhận",
        "Thống nhất phương án định hướng",
    ]
    case = Incident.objects.get(pk=created["id"])
    duty = api_as(people.duty_officer)
    assert [a["name"] for a in ok(duty.get(url("incident", case)))["actions"]] == ["acknowledge"]
    done = ok(duty.post(url("incident_actions", case), {"action": "acknowledge"}))
    assert done["state"] == "acknowledged"
    again = assert_error(duty.post(url("incident_actions", case), {"action": "acknowledge"}), 400)
    assert "đã được tiếp nhận" in str(again)


def test_bad_input_is_a_400_with_the_field_and_nothing_is_written(world, people, api_as):
    client = api_as(world.agency_officer)
    body = {
        "reporting_body": world.department.pk,
        "competent_body": world.department.pk,
        "title": "x",
        "sector": "land",
        "severity": "high",
        "channels": ["carrier_pigeon"],
        "places": [999999],
    }
    fields = assert_error(client.post(LIST, body), 400)["fields"]
    assert {"channels", "places"} <= set(fields)
    body.update(channels=["phone"], places=[world.duc_pho.pk])
    fields = assert_error(client.post(LIST, body), 400)["fields"]
    assert "summary" in fields
    assert not Incident.objects.exists()


def test_a_restricted_case_is_a_placeholder_for_a_non_member_and_403_on_its_parts(
    world, people, api_as
):
    case = restricted_case(world)
    officer = api_as(world.board_officer)
    rows = ok(officer.get(LIST))["results"]
    assert rows == [rows[0]] and rows[0]["details_hidden"] is True and "title" not in rows[0]
    detail = ok(officer.get(url("incident", case)))
    assert detail["details_hidden"] and "reference" not in detail
    assert_error(officer.get(url("incident_log", case)), 403)
    assert_error(officer.post(url("incident_log", case), {"text": "x"}), 403)
    leader = ok(api_as(world.board_leader).get(url("incident", case)))
    assert leader["reference"] == case.reference and leader["details_hidden"] is False


def test_the_plan_versions_and_the_press_release_lifecycle(world, people, case, api_as):
    services.incident_acknowledge(actor=world.actor(people.duty_officer), incident=case)
    officer = api_as(world.board_officer)
    plan = {"handler": "UBND phường", "message": "A", "spokesperson": "Phó Chủ tịch"}
    plan["channels"] = ["press"]
    ok(officer.put(url("incident_orientation_plan", case), plan))
    ok(officer.put(url("incident_orientation_plan", case), {**plan, "message": "B"}))
    versions = ok(officer.get(url("incident_orientation_plan_versions", case)))
    assert [v["number"] for v in versions] == [1, 2]
    assert {"kind": "added", "text": "B"} in versions[1]["diff"]["message"]
    ok(api_as(world.board_leader).post(url("incident_orientation_plan_approve", case)))
    agreed = ok(api_as(people.agency_leader).post(url("incident_orientation_plan_approve", case)))
    assert agreed["state"] == "approved"

    created = ok(
        officer.post(url("incident_press_releases", case), {"title": "T", "body": "1"}), 201
    )
    release = PressRelease.objects.get(pk=created["id"])
    ok(officer.put(url("press_release", release), {"title": "T", "body": "2"}))
    ok(officer.post(url("press_release_actions", release), {"action": "submit"}))
    assert_error(officer.post(url("press_release_actions", release), {"action": "approve"}), 403)
    ok(
        api_as(world.board_leader).post(
            url("press_release_actions", release), {"action": "approve"}
        )
    )
    approved = ok(
        api_as(people.agency_leader).post(
            url("press_release_actions", release), {"action": "approve"}
        )
    )
    assert approved["state"] == "approved"
    bad = {"action": "publish", "where": "", "when": None}
    assert_error(officer.post(url("press_release_actions", release), bad), 400)
    published = ok(
        officer.post(
            url("press_release_actions", release),
            {"action": "publish", "where": "Báo Quảng Ngãi", "when": "2026-11-30T08:00:00+07:00"},
        )
    )
    assert published["state"] == "published"
    versions = ok(officer.get(url("press_release_versions", release)))
    assert [v["number"] for v in versions] == [1, 2]


def test_log_members_sitreps_and_conferences(world, people, case, api_as):
    case = coordinate(world, people, case)
    officer = api_as(world.board_officer)
    member = {"user": world.commune_officer.pk, "organisation": world.commune_peoples_committee.pk}
    ok(officer.post(url("incident_members", case), {**member, "role": "member"}), 201)
    commune = api_as(world.commune_officer)
    ok(commune.post(url("incident_log", case), {"text": "Đã đối thoại"}), 201)
    assert ok(commune.get(url("incident_log", case)))[0]["organisation"]["id"] == (
        world.commune_peoples_committee.pk
    )
    ok(commune.post(url("incident_sitreps", case), {"text": "Phường: ổn định"}), 201)
    assert ok(officer.get(url("incident_sitreps", case)))[0]["sections"][0]["text"]
    conference = {
        "held_at": "2026-11-30T15:00:00+07:00",
        "place": "UBND tỉnh",
        "spokesperson": people.agency_leader.pk,
        "outlets": "Báo Quảng Ngãi",
        "co_hosts": [world.board.pk, world.department.pk],
    }
    ok(officer.post(url("incident_press_conferences", case), conference), 201)
    assert len(ok(officer.get(url("incident_press_conferences", case)))) == 1


def test_escalate_and_merge_through_the_api(world, people, case, api_as):
    leader = api_as(world.board_leader)
    duplicate = report_case(world, title="Trùng")
    merged = ok(
        leader.post(url("incident_actions", duplicate), {"action": "merge", "into": case.pk})
    )
    assert merged["state"] == "merged" and merged["merged_into"] == case.pk
    assert_error(leader.post(url("incident_actions", case), {"action": "escalate"}), 400)
    escalated = ok(
        leader.post(
            url("incident_actions", case), {"action": "escalate", "text": "Vượt thẩm quyền"}
        )
    )
    assert escalated["state"] == "escalated" and escalated["escalated_to"]


def test_the_list_filters_by_state_and_searches_folded(world, people, case, api_as):
    report_case(world, title="Ô nhiễm nguồn nước", summary="Nước thải")
    client = api_as(world.board_leader)
    assert [r["id"] for r in ok(client.get(LIST, {"q": "giai phong"}))["results"]] == [case.pk]
    assert len(ok(client.get(LIST, {"state": "reported"}))["results"]) == 2
    assert_error(client.get(LIST, {"state": "nope"}), 400)


def test_sitrep_approval_and_publication_and_leaving_the_group(world, people, case, api_as):
    from phoihop.incidents.models import SituationReport, WorkingGroupMember

    case = coordinate(world, people, case)
    officer = api_as(world.board_officer)
    ok(officer.post(url("incident_sitreps", case), {"text": "Ban: ổn định"}), 201)
    report = SituationReport.objects.get()
    assert_error(officer.post(url("sitrep_actions", report), {"action": "approve"}), 403)
    assert_error(api_as(world.outsider).post(url("sitrep_actions", report), {"action": "x"}), 404)
    leader = api_as(world.board_leader)
    assert ok(leader.post(url("sitrep_actions", report), {"action": "approve"}))["state"] == (
        "approved"
    )
    assert ok(officer.post(url("sitrep_actions", report), {"action": "publish"}))["state"] == (
        "published"
    )
    body = {"user": world.agency_officer.pk, "organisation": world.department.pk, "role": "member"}
    member = WorkingGroupMember.objects.get(
        pk=ok(officer.post(url("incident_members", case), body), 201)["id"]
    )
    assert_error(api_as(world.outsider).delete(url("incident_member", member)), 404)
    assert_error(api_as(world.agency_officer).delete(url("incident_member", member)), 403)
    assert officer.delete(url("incident_member", member)).status_code == 204
    member.refresh_from_db()
    assert member.removed_at is not None

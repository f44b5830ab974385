"""/api/v1/report-requests/ and report-submissions/: the RPT lifecycle through the API."""

from datetime import date

import pytest
from django.urls import reverse

from phoihop.accounts.roles import Role
from phoihop.reports.models import ReportRequest
from phoihop.testing.programmes import build_programme
from phoihop.testing.world import person

from .conftest import assert_error

pytestmark = pytest.mark.django_db

REQUESTS = reverse("api:report_requests")


def url(name: str, pk: int) -> str:
    return reverse(f"api:{name}", kwargs={"pk": pk})


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.content
    return response.json()


def body(world, **overrides) -> dict:
    return {
        "board": world.board.pk,
        "title": "Báo cáo 6 tháng đầu năm 2026",
        "letter_number": "310-CV/BTGDVTU",
        "letter_date": "2026-07-03",
        "period_kind": "first_half",
        "period_start": "2026-01-01",
        "period_end": "2026-06-30",
        "recipients": [world.council.pk, world.department.pk],
    } | overrides


def conference_body(world) -> dict:
    return {
        "board": world.board.pk,
        "kind": "preliminary",
        "title": "Sơ kết năm 2026",
        "period_start": "2026-01-01",
        "period_end": "2026-12-31",
        "held_on": "2027-01-12",
        "participants": [world.council.pk],
    }


def test_the_whole_lifecycle_through_the_api(world, api_as):
    council_officer = person("council_officer", world.council, Role.COUNCIL_OFFICER)
    board = api_as(world.board_officer)
    created = ok(board.post(REQUESTS, body(world), format="json"), 201)
    assert created["state"] == "draft" and created["period_label"] == "6 tháng đầu năm 2026"
    assert_error(api_as(world.board_officer).post(url("report_request_issue", created["id"])), 403)
    ok(api_as(world.board_leader).post(url("report_request_issue", created["id"])))

    writer = api_as(council_officer)
    mine = ok(writer.get(reverse("api:report_submissions")))["results"]
    assert [row["organisation"]["id"] for row in mine] == [world.council.pk]
    pk = mine[0]["id"]
    actions = url("report_submission_action", pk)
    started = ok(writer.post(actions, {"action": "start"}, format="json"))
    assert "310-CV/BTGDVTU" in started["opening"] and started["figures"]
    edited = ok(
        writer.patch(
            url("report_submission", pk),
            {"strengths": "Như năm 2025.", "signatory_name": "Nguyễn Văn A"},
            format="json",
        )
    )
    assert [flag["found"] for flag in edited["stale_flags"]] == ["2025"]
    error = assert_error(writer.post(actions, {"action": "review"}, format="json"), 400)
    assert "năm hoặc ngày cũ" in str(error["fields"])
    ok(writer.post(actions, {"action": "acknowledge"}, format="json"))
    ok(writer.post(actions, {"action": "review"}, format="json"))
    no_number = assert_error(writer.post(actions, {"action": "sign"}, format="json"), 400)
    assert "number" in no_number["fields"]
    ok(
        writer.post(
            actions,
            {"action": "sign", "number": "05/BC-HĐND", "signed_on": "2026-07-09"},
            format="json",
        )
    )
    submitted = ok(writer.post(actions, {"action": "submit"}, format="json"))
    assert submitted["state"] == "submitted"
    assert_error(writer.post(actions, {"action": "accept"}, format="json"), 403)
    ok(board.post(actions, {"action": "accept"}, format="json"))

    completeness = ok(board.get(url("report_request_completeness", created["id"])))
    assert completeness["expected"] == 2 and completeness["delivered"] == 1
    consolidation = ok(board.post(url("report_request_consolidate", created["id"])), 201)
    assert consolidation["missing"] == [world.department.name]
    patched = ok(
        board.patch(
            url("report_consolidation", created["id"]), {"strengths": "Tốt."}, format="json"
        )
    )
    assert patched["strengths"] == "Tốt."
    grid = ok(board.get(reverse("api:completeness_grid"), {"board": world.board.pk}))
    assert [r["letter_number"] for r in grid["requests"]] == ["310-CV/BTGDVTU"]
    cells = {row["organisation"]["id"]: row["cells"] for row in grid["rows"]}
    council_row = [r for r in completeness["rows"] if r["organisation"]["id"] == world.council.pk]
    assert cells[world.council.pk] == [council_row[0]["status"]]  # the same counting rule
    assert ok(board.get(reverse("api:completeness_grid")))["board"]["id"] == world.board.pk
    assert_error(board.get(reverse("api:completeness_grid"), {"board": "x"}), 400)
    assert_error(board.get(reverse("api:completeness_grid"), {"board": "²"}), 400)
    assert_error(api_as(world.agency_officer).get(reverse("api:completeness_grid")), 403)
    assert_error(
        api_as(world.outsider).get(reverse("api:completeness_grid"), {"board": world.board.pk}),
        404,
    )
    issue = url("report_consolidation_issue", created["id"])
    assert_error(board.post(issue), 403)
    leader = api_as(world.board_leader)
    assert "number" in assert_error(leader.post(issue), 400)["fields"]
    ok(
        board.patch(
            url("report_consolidation", created["id"]),
            {"number": "320-BC/BTGDVTU", "signed_on": "2026-07-25"},
            format="json",
        )
    )
    assert ok(leader.post(issue))["issued"] is True
    assert ReportRequest.objects.get(pk=created["id"]).state == ReportRequest.State.CLOSED


def test_a_review_conference_is_invited_held_and_concluded_through_the_api(world, api_as):
    prg = build_programme(world)  # its conclusions go into the programme's 2027 plan
    prg.programme.end = date(2027, 12, 31)
    prg.programme.save(update_fields=["end"])
    board = api_as(world.board_officer)
    conference = ok(
        board.post(reverse("api:review_conferences"), conference_body(world), format="json"),
        201,
    )
    actions = url("review_conference_actions", conference["id"])
    assert (
        "number"
        in assert_error(
            board.post(actions, {"action": "invite", "invited_on": "2027-01-05"}, format="json"),
            400,
        )["fields"]
    )
    invite = {"action": "invite", "number": "12-GM/BTGDVTU", "invited_on": "2027-01-05"}
    assert_error(api_as(world.outsider).post(actions, invite, format="json"), 404)
    assert ok(board.post(actions, invite, format="json"))["invitation_number"] == "12-GM/BTGDVTU"
    assert ok(board.post(actions, {"action": "hold"}, format="json"))["state"] == "held"
    documents = url("review_conference_documents", conference["id"])
    assert_error(board.post(documents, {"title": "Báo cáo", "link": "không"}, format="json"), 400)
    document = {"title": "Báo cáo sơ kết", "link": "https://example.org/bc"}
    ok(board.post(documents, document, format="json"), 201)
    conclusions = url("review_conference_conclusions", conference["id"])
    conclusion = {"text": "Tăng cường đối thoại", "lead": world.other_board.pk, "due": "2027-06-30"}
    assert "lead" in assert_error(board.post(conclusions, conclusion, format="json"), 400)["fields"]
    conclusion["lead"] = world.department.pk
    ok(board.post(conclusions, conclusion, format="json"), 201)
    conclude = {"action": "conclude", "number": "05-TB/BTGDVTU"}
    concluded = ok(board.post(actions, conclude, format="json"))
    assert concluded["state"] == "concluded" and concluded["conclusions"][0]["task"]


def test_bad_requests_answer_400_and_change_nothing(world, api_as):
    board = api_as(world.board_officer)
    late = assert_error(
        board.post(REQUESTS, body(world, deadline="2026-07-01"), format="json"), 400
    )
    assert "deadline" in late["fields"]
    stranger = assert_error(
        board.post(REQUESTS, body(world, recipients=[world.other_board.pk]), format="json"), 400
    )
    assert "recipients" in stranger["fields"]
    assert not ReportRequest.objects.exists()


def test_the_outsider_gets_404_on_every_quang_ngai_report(world, api_as):
    created = ok(api_as(world.board_officer).post(REQUESTS, body(world), format="json"), 201)
    submission = ReportRequest.objects.get(pk=created["id"]).submissions.first()
    outsider = api_as(world.outsider)
    assert ok(outsider.get(REQUESTS))["results"] == []
    for name, pk in (
        ("report_request", created["id"]),
        ("report_request_completeness", created["id"]),
        ("report_submission", submission.pk),
    ):
        assert_error(outsider.get(url(name, pk)), 404)
    assert_error(outsider.post(url("report_request_issue", created["id"])), 404)
    action = url("report_submission_action", submission.pk)
    assert_error(outsider.post(action, {"action": "start"}, format="json"), 404)


def test_a_recipient_may_not_read_the_boards_completeness(world, api_as):
    created = ok(api_as(world.board_officer).post(REQUESTS, body(world), format="json"), 201)
    response = api_as(world.agency_officer).get(url("report_request_completeness", created["id"]))
    assert_error(response, 403)


def test_conferences_awards_and_evaluations_through_the_api(world, api_as):
    board = api_as(world.board_officer)
    created = ok(
        board.post(reverse("api:review_conferences"), conference_body(world), format="json"),
        201,
    )
    assert created["participants"] == [{"id": world.council.pk, "name": world.council.name}]
    assert_error(api_as(world.outsider).get(url("review_conference", created["id"])), 404)
    award = ok(
        board.post(
            reverse("api:awards"),
            {"board": world.board.pk, "organisation": world.council.pk, "reason": "Xuất sắc"},
            format="json",
        ),
        201,
    )
    approve = {"action": "approve", "decision_reference": "15-QĐ/TU", "decided_on": "2027-01-08"}
    assert_error(board.post(url("award_actions", award["id"]), approve, format="json"), 403)
    leader = api_as(world.board_leader)
    assert ok(leader.post(url("award_actions", award["id"]), approve, format="json"))["state"] == (
        "approved"
    )
    found = ok(board.get(reverse("api:evaluations"), {"start": "2026-01-01", "end": "2026-12-31"}))
    assert {row["organisation"]["id"] for row in found} >= {world.council.pk, world.department.pk}
    assert_error(api_as(world.agency_officer).get(reverse("api:evaluations")), 403)


def test_a_draft_request_is_corrected_through_the_api(world, api_as):
    board = api_as(world.board_officer)
    created = ok(board.post(REQUESTS, body(world), format="json"), 201)
    changed = body(world, letter_number="311-CV/BTGDVTU", recipients=[world.council.pk])
    changed.pop("board")
    updated = ok(board.put(url("report_request", created["id"]), changed, format="json"))
    assert updated["letter_number"] == "311-CV/BTGDVTU"
    assert ReportRequest.objects.get().submissions.count() == 1
    assert_error(
        api_as(world.outsider).put(url("report_request", created["id"]), changed, format="json"),
        404,
    )
    ok(api_as(world.board_leader).post(url("report_request_issue", created["id"])))
    assert_error(board.put(url("report_request", created["id"]), changed, format="json"), 403)

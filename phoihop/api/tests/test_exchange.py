"""API v1 for dispatches (XCH): the same services as the pages, the one error shape, scoping."""

from __future__ import annotations

import pytest
from django.urls import reverse

from phoihop.accounts.roles import Role
from phoihop.exchange.models import Dispatch, DispatchRecipient
from phoihop.testing.world import person

from .conftest import assert_error


@pytest.fixture
def council_officer(world):
    return person("council_officer", world.council, Role.COUNCIL_OFFICER)


def create(client, world, **extra):
    payload = {
        "summary": "Lịch kỳ họp thứ Mười HĐND tỉnh",
        "kind": "activity_info",
        "addressees": [world.council.pk, world.peoples_committee.pk],
        **extra,
    }
    return client.post(reverse("api:dispatches"), payload, format="json")


def test_create_send_and_read_each_recipients_state(world, api_as, council_officer):
    board = api_as(world.board_officer)
    response = create(board, world)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "draft" and body["recipients"] == []
    assert {a["id"] for a in body["addressees"]} == {world.council.pk, world.peoples_committee.pk}
    assert body["permissions"]["can_send"] is True
    sent = board.post(reverse("api:dispatch_send", args=[body["id"]]))
    assert sent.status_code == 200
    detail = sent.json()
    assert detail["number_and_symbol"] == "01-CV/BTGDVTU"
    states = {r["organisation"]["id"]: r["state"] for r in detail["recipients"]}
    assert states == {world.council.pk: "delivered", world.peoples_committee.pk: "failed"}
    failed = next(r for r in detail["recipients"] if r["state"] == "failed")
    assert "chưa có người dùng" in failed["failure_reason"]
    recipients = board.get(reverse("api:dispatch_recipients", args=[body["id"]])).json()
    assert len(recipients) == 2
    outbox = board.get(reverse("api:dispatches"), {"q": "ky hop"}).json()
    assert [d["id"] for d in outbox["results"]] == [body["id"]]


def test_the_council_acknowledges_once_replies_and_forwards_through_the_api(
    world, api_as, council_officer
):
    board = api_as(world.board_officer)
    pk = create(board, world, addressees=[world.council.pk], expects_reply=True).json()["id"]
    board.post(reverse("api:dispatch_send", args=[pk]))
    council = api_as(council_officer)
    inbox = council.get(reverse("api:inbox")).json()
    assert [row["dispatch"]["id"] for row in inbox["results"]] == [pk]
    row_id = inbox["results"][0]["id"]
    assert_error(board.post(reverse("api:recipient_acknowledge", args=[row_id])), 403)
    ack = council.post(reverse("api:recipient_acknowledge", args=[row_id]))
    assert ack.status_code == 200 and ack.json()["state"] == "acknowledged"
    again = assert_error(council.post(reverse("api:recipient_acknowledge", args=[row_id])), 400)
    assert "đã được tiếp nhận" in again["message"] or again["fields"]
    reply = council.post(
        reverse("api:dispatch_reply", args=[pk]), {"body": "Đã nhận."}, format="json"
    )
    assert reply.status_code == 201 and reply.json()["in_reply_to"] == pk
    assert reply.json()["number_and_symbol"] == "01/HĐND"
    forward = council.post(
        reverse("api:recipient_forward", args=[row_id]),
        {"to": world.department.pk, "reason": "Thuộc lĩnh vực của Sở."},
        format="json",
    )
    # Acknowledged rows may still be forwarded; the department has an officer.
    assert forward.status_code == 201, forward.content
    assert forward.json()["forwarded_from"] == row_id
    assert DispatchRecipient.objects.get(pk=row_id).state == "forwarded"


def test_bad_input_is_a_400_in_the_one_shape_and_writes_nothing(world, api_as):
    board = api_as(world.board_officer)
    error = assert_error(create(board, world, addressees=[world.other_board.pk]), 400)
    assert "addressees" in error["fields"]
    error = assert_error(create(board, world, numbering="mirrored"), 400)
    assert "number" in error["fields"]
    assert_error(create(board, world, summary=""), 400)
    assert Dispatch.objects.count() == 0


def test_replying_to_a_dispatch_the_body_did_not_receive_is_403(world, api_as, council_officer):
    board = api_as(world.board_officer)
    pk = create(board, world, addressees=[world.council.pk]).json()["id"]
    board.post(reverse("api:dispatch_send", args=[pk]))
    error = assert_error(
        board.post(reverse("api:dispatch_reply", args=[pk]), {"body": "x"}, format="json"), 403
    )
    assert "Chỉ cơ quan nhận" in error["message"]
    assert Dispatch.objects.count() == 1


def test_the_outsider_gets_404_and_an_empty_list(world, api_as, council_officer):
    board = api_as(world.board_officer)
    pk = create(board, world).json()["id"]
    board.post(reverse("api:dispatch_send", args=[pk]))
    row = DispatchRecipient.objects.filter(dispatch_id=pk).first()
    outsider = api_as(world.outsider)
    for name, arg in [
        ("api:dispatch", pk),
        ("api:dispatch_recipients", pk),
    ]:
        assert_error(outsider.get(reverse(name, args=[arg])), 404)
    for name, arg in [
        ("api:dispatch_send", pk),
        ("api:dispatch_resend", pk),
        ("api:dispatch_reply", pk),
        ("api:recipient_acknowledge", row.pk),
        ("api:recipient_forward", row.pk),
    ]:
        assert_error(outsider.post(reverse(name, args=[arg]), {}, format="json"), 404)
    assert outsider.get(reverse("api:dispatches")).json()["results"] == []
    assert outsider.get(reverse("api:inbox")).json()["results"] == []


def test_the_dispatch_paths_are_in_the_schema(api, db):
    schema = api.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in [
        "/api/v1/dispatches/",
        "/api/v1/dispatches/inbox/",
        "/api/v1/dispatches/{id}/",
        "/api/v1/dispatches/{id}/send/",
        "/api/v1/dispatches/{id}/resend/",
        "/api/v1/dispatches/{id}/recipients/",
        "/api/v1/dispatches/{id}/reply/",
        "/api/v1/recipients/{id}/acknowledge/",
        "/api/v1/recipients/{id}/forward/",
    ]:
        assert path in schema["paths"], path
    assert "DispatchRecipientStateEnum" in schema["components"]["schemas"]


def test_a_dispatch_links_to_a_case_through_the_api_validated_by_the_service(world, api_as):
    from phoihop.testing.incidents import case_people, report_case, restricted_case

    case_people(world)
    case = report_case(world)
    secret = restricted_case(world, title="Vụ việc mật")
    board = api_as(world.board_officer)
    response = create(board, world, incident=case.pk)
    assert response.status_code == 201, response.content
    assert response.json()["incident"] == case.pk
    assert Dispatch.objects.get(pk=response.json()["id"]).incident == case
    # A restricted case whose details the board officer may not see: the service refuses it.
    error = assert_error(create(board, world, incident=secret.pk), 400)
    assert "chi tiết vụ việc" in error["fields"]["incident"][0]
    # The outsider does not even learn that the case exists.
    outsider = api_as(world.outsider)
    error = assert_error(
        create(outsider, world, addressees=[world.other_board.pk], incident=case.pk), 400
    )
    assert "incident" in error["fields"]
    assert Dispatch.objects.count() == 1

"""/api/v1/concerns/, concern-contacts/, claims/: the CNC chain through the API, with the
outsider."""

from __future__ import annotations

import pytest
from django.urls import reverse

from phoihop.concerns import contacts
from phoihop.concerns.models import Claim, Concern
from phoihop.concerns.tests.helpers import capture, category, officers
from phoihop.core.models import AuditEntry

from .conftest import assert_error

pytestmark = pytest.mark.django_db
LIST_URL = reverse("api:concerns")


def url(name: str, pk: int) -> str:
    return reverse(f"api:{name}", kwargs={"pk": pk})


def body(world, **extra) -> dict:
    data = {
        "title": "Chậm giao đất tái định cư dự án đường ven biển",
        "summary": "Các hộ chờ tái định cư hơn một năm.",
        "category": category("resettlement").pk,
        "places": [world.duc_pho.pk],
        "first_seen": "2026-02-10",
        "scale": "several",
        "trend": "stable",
        "sources": [{"kind": "online_post", "url": "https://baoquangngai.vn/bai-viet"}],
    }
    data.update(extra)
    return data


def test_board_officer_creates_and_walks_a_concern_to_the_end(world, api_as):
    people = officers(world)
    board = api_as(world.board_officer)
    created = board.post(LIST_URL, body(world), format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["actions"][0]["action"] == "triage"
    steps = [
        (board, {"action": "triage"}),
        (board, {"action": "forward", "document_ref": "9/BTG", "document_date": "2026-03-01"}),
        (
            api_as(people.council_officer),
            {"action": "request", "document_ref": "40/HĐND", "document_date": "2026-03-05"},
        ),
        (
            api_as(people.committee_officer),
            {
                "action": "assign",
                "agencies": [world.department.pk],
                "document_ref": "8/UBND",
                "document_date": "2026-03-09",
            },
        ),
        (
            api_as(world.agency_officer),
            {
                "action": "answer",
                "answer": "Đã bố trí 30 lô tái định cư.",
                "document_ref": "77/SVHTTDL",
                "document_date": "2026-04-01",
            },
        ),
        (
            api_as(people.council_officer),
            {"action": "close", "document_ref": "5/HĐND-GS", "document_date": "2026-04-10"},
        ),
    ]
    for client, data in steps:
        response = client.post(url("concern_actions", pk), data, format="json")
        assert response.status_code == 200, (data, response.content)
    final = board.get(url("concern", pk)).json()
    assert final["state"] == "closed" and final["owner"]["id"] == world.board.pk
    chain = board.get(url("concern_chain", pk)).json()
    assert [s["action"] for s in chain][-1] == "close" and chain[2]["document_ref"] == "9/BTG"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"places": []}, None),
        ({"category": None}, "category"),
        ({"sources": [{"kind": "online_post", "url": "không phải url"}]}, "sources"),
        ({"summary": "x" * 20_000}, "summary"),
        ({"places": [999999]}, "places"),
    ],
)
def test_bad_input_is_a_400_in_the_error_shape_and_writes_nothing(world, api_as, change, field):
    response = api_as(world.board_officer).post(LIST_URL, body(world, **change), format="json")
    error = assert_error(response, 400)
    if field:
        assert field in error["fields"], error
    assert Concern.objects.count() == 0


def test_a_transition_out_of_order_and_a_missing_transfer_target_change_nothing(world, api_as):
    concern = capture(world)
    client = api_as(world.board_officer)
    response = client.post(url("concern_actions", concern.pk), {"action": "close"}, format="json")
    assert "Không thể" in str(assert_error(response, 400)["fields"])
    response = client.post(
        url("concern_actions", concern.pk),
        {"action": "transfer", "transfer_to": 987654, "note": "Không thuộc thẩm quyền"},
        format="json",
    )
    assert_error(response, 400)
    concern.refresh_from_db()
    assert concern.state == "captured" and concern.steps.count() == 1


def test_outsider_gets_404_everywhere_and_sees_no_concern(world, api_as):
    concern = capture(world)
    contact = contacts.contact_store(
        actor=world.actor(world.board_officer), concern=concern, text="Ông H, 0955555555"
    )
    client = api_as(world.outsider)
    assert client.get(LIST_URL).json()["results"] == []
    assert client.get(url("concern", concern.pk)).status_code == 404
    response = client.post(
        url("concern_contact", contact.pk), {"reason": "Thử xem liên hệ"}, format="json"
    )
    assert response.status_code == 404


def test_contact_endpoint_logs_every_read_and_refuses_agencies_and_forged_ids(world, api_as):
    people = officers(world)
    concern = capture(world)
    contact = contacts.contact_store(
        actor=world.actor(world.board_officer), concern=concern, text="Ông I, 0966666666"
    )
    board = api_as(world.board_officer)
    listing = board.get(LIST_URL).content.decode()
    detail = board.get(url("concern", concern.pk)).json()
    assert "0966666666" not in listing and detail["contact_id"] == contact.pk
    read = board.post(
        url("concern_contact", contact.pk), {"reason": "Gửi văn bản trả lời"}, format="json"
    )
    assert read.status_code == 200 and read.json()["contact"] == "Ông I, 0966666666"
    assert read["Cache-Control"] == "no-store"
    assert AuditEntry.objects.filter(verb="contact_viewed").count() == 1
    assert_error(board.post(url("concern_contact", contact.pk), {"reason": ""}, format="json"), 400)
    forged = board.post(url("concern_contact", 31337), {"reason": "Gửi văn bản"}, format="json")
    assert forged.status_code == 404
    council = api_as(people.council_officer)
    assert council.get(url("concern", concern.pk)).status_code == 404  # not forwarded yet
    agency = api_as(world.agency_officer)
    denied = agency.post(
        url("concern_contact", contact.pk), {"reason": "Gửi văn bản trả lời"}, format="json"
    )
    assert denied.status_code == 404
    assert AuditEntry.objects.filter(verb="contact_viewed").count() == 1


def test_merge_and_unmerge_through_the_api(world, api_as):
    first, second = capture(world), capture(world, title="Chậm bồi thường khu dân cư")
    client = api_as(world.board_officer)
    merged = client.post(url("concern_merge", second.pk), {"into": first.pk}, format="json")
    assert merged.status_code == 200 and merged.json()["merged_into"] == first.pk
    assert_error(
        client.post(url("concern_merge", first.pk), {"into": first.pk}, format="json"), 400
    )
    unmerged = client.post(url("concern_unmerge", second.pk), format="json")
    assert unmerged.status_code == 200 and unmerged.json()["merged_into"] is None


def test_claims_through_the_api_have_no_author_fields(world, api_as):
    client = api_as(world.board_officer)
    created = client.post(
        reverse("api:claims"),
        {"summary": "Tin giả về giá đất", "outlet": "Mạng xã hội", "first_seen": "2026-03-01"},
        format="json",
    )
    assert created.status_code == 201, created.content
    claim = created.json()
    assert not [k for k in claim if "author" in k or "poster" in k]
    bad = client.post(
        reverse("api:claims"),
        {"summary": "x", "outlet": "y", "first_seen": "2026-03-01", "url": "khong-phai-url"},
        format="json",
    )
    assert_error(bad, 400)
    assert Claim.objects.count() == 1
    assert api_as(world.outsider).get(url("claim", claim["id"])).status_code == 404


def test_suggestions_endpoint_answers_without_a_model(world, api_as):
    capture(world, title="Chậm bồi thường dự án khu dân cư Đức Phổ")
    response = api_as(world.board_officer).post(
        reverse("api:concern_suggestions"),
        {"title": "Bồi thường chậm khu dân cư Đức Phổ", "places": [world.duc_pho.pk]},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["categories"] == [] and response.json()["similar"]
    assert (
        api_as(world.agency_officer)
        .post(reverse("api:concern_suggestions"), {"title": "x"}, format="json")
        .status_code
        == 403
    )


def test_a_concern_is_created_linked_to_a_case_and_unlinked_by_patch(world, api_as):
    from phoihop.incidents.tests.factories import report_case

    case = report_case(world)
    board = api_as(world.board_officer)
    created = board.post(LIST_URL, body(world, incident=case.pk), format="json")
    assert created.status_code == 201, created.content
    assert created.json()["incident"] == case.pk
    pk = created.json()["id"]
    patched = board.patch(url("concern", pk), {"incident": None, "trend": "falling"}, format="json")
    assert patched.status_code == 200, patched.content
    assert patched.json()["incident"] is None and patched.json()["trend"] == "falling"


def test_a_forged_case_id_through_the_api_is_a_400_in_vietnamese_and_creates_nothing(world, api_as):
    board = api_as(world.board_officer)
    error = assert_error(board.post(LIST_URL, body(world, incident=987654), format="json"), 400)
    assert "Không tìm thấy vụ việc" in str(error["fields"])
    assert not Concern.objects.exists()
    concern = capture(world)
    error = assert_error(
        board.patch(url("concern", concern.pk), {"task": 987654}, format="json"), 400
    )
    assert "Không tìm thấy nhiệm vụ" in str(error["fields"])


def test_only_the_board_patches_a_concern_and_the_outsider_gets_404(world, api_as):
    concern = capture(world)
    assert_error(api_as(world.outsider).patch(url("concern", concern.pk), {}, format="json"), 404)
    people = officers(world)
    response = api_as(people.council_officer).patch(
        url("concern", concern.pk), {"title": "Khác"}, format="json"
    )
    assert response.status_code in (403, 404)
    concern.refresh_from_db()
    assert concern.title != "Khác"

"""/api/v1/concerns/, concern-contacts/, claims/: the CNC chain through the API, with the
outsider."""

from __future__ import annotations

import pytest
from django.urls import reverse

from phoihop.concerns import contacts
from phoihop.concerns.models import Claim, Concern
from phoihop.core.models import AuditEntry
from phoihop.testing.concerns import capture, category, officers

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
        ({"title": "Đất\x00 tái định cư"}, "title"),  # DRF's own check: the body is DRF's to read
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
    from phoihop.testing.incidents import report_case

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


# --- petitioner contact: the dedicated, logged write endpoint ----------------------------------


def contact_url(pk: int) -> str:
    return reverse("api:concern_contact_write", kwargs={"pk": pk})


def test_a_handling_officer_writes_and_replaces_a_contact_with_each_reason_logged(world, api_as):
    from phoihop.concerns.models import PetitionerContact

    concern = capture(world)
    board = api_as(world.board_officer)
    written = board.put(
        contact_url(concern.pk),
        {"contact": "Bà K, tổ 4, 0977777777", "reason": "Pháp luật buộc trả lời riêng"},
        format="json",
    )
    assert written.status_code == 200, written.content
    assert "0977777777" not in written.content.decode() and written["Cache-Control"] == "no-store"
    replaced = board.put(
        contact_url(concern.pk),
        {"contact": "Bà K, tổ 5, 0977777778", "reason": "Người kiến nghị đổi địa chỉ"},
        format="json",
    )
    assert replaced.json()["id"] == written.json()["id"]
    stored = PetitionerContact.objects.get(concern=concern)
    assert b"0977777778" not in bytes(stored.ciphertext)  # encrypted at rest
    assert contacts.decrypt(stored.ciphertext) == "Bà K, tổ 5, 0977777778"
    entries = AuditEntry.objects.filter(object_id=concern.pk, verb__startswith="contact_")
    reasons = [(e.verb, e.additional_data["reason"]) for e in entries.order_by("pk")]
    assert reasons == [
        ("contact_stored", "Pháp luật buộc trả lời riêng"),
        ("contact_replaced", "Người kiến nghị đổi địa chỉ"),
    ]
    # The phone numbers in full: a timestamp's microseconds may hold "0977" by chance.
    phones = ("0977777777", "0977777778")
    assert all(p not in str(e.changes) + str(e.additional_data) for e in entries for p in phones)
    # Never in listings or the concern's own representation.
    listing = board.get(LIST_URL).content.decode()
    detail = board.get(url("concern", concern.pk)).content.decode()
    assert not any(phone in listing or phone in detail for phone in phones)


def test_agency_officer_gets_403_outsider_404_and_nothing_is_written(world, api_as):
    from phoihop.concerns.models import PetitionerContact
    from phoihop.testing.concerns import run_to

    people = officers(world)
    concern = run_to(world, people, capture(world), "assigned")
    payload = {"contact": "Ông L, 0988888888", "reason": "Gửi văn bản trả lời riêng"}
    agency = api_as(world.agency_officer)
    assert agency.get(url("concern", concern.pk)).status_code == 200  # the agency sees it
    assert_error(agency.put(contact_url(concern.pk), payload, format="json"), 403)
    assert_error(api_as(world.outsider).put(contact_url(concern.pk), payload, format="json"), 404)
    assert not PetitionerContact.objects.exists()
    assert not AuditEntry.objects.filter(verb__startswith="contact_").exists()


def test_a_forged_concern_id_or_a_missing_reason_is_refused_in_vietnamese(world, api_as):
    from phoihop.concerns.models import PetitionerContact

    concern = capture(world)
    board = api_as(world.board_officer)
    forged = assert_error(
        board.put(contact_url(987654), {"contact": "Ông M", "reason": "Trả lời riêng"}, "json"),
        404,
    )
    assert forged["message"].startswith("Không tìm thấy")
    error = assert_error(
        board.put(contact_url(concern.pk), {"contact": "Ông M", "reason": "ngắn"}, "json"), 400
    )
    assert "reason" in error["fields"]
    assert_error(
        board.put(
            contact_url(concern.pk), {"contact": "x" * 501, "reason": "Trả lời riêng"}, "json"
        ),
        400,
    )
    assert not PetitionerContact.objects.exists()


# --- the taxonomy of sectors ---------------------------------------------------------------


CATEGORIES = reverse("api:concern_categories")


def operator():
    from phoihop.accounts.models import User

    return User.objects.create_superuser("operator", email="op@phoihop.local", password="x")


def test_everyone_signed_in_lists_categories_but_only_the_operator_writes(world, api_as):
    from phoihop.concerns.models import Category

    category()  # the default taxonomy
    listing = api_as(world.agency_officer).get(CATEGORIES)
    assert listing.status_code == 200
    assert "land" in {row["code"] for row in listing.json()["results"]}
    new = {"code": "water", "name": "Cấp nước sinh hoạt", "deadline_working_days": 12}
    for user in (world.board_officer, world.admin, world.outsider):
        assert_error(api_as(user).post(CATEGORIES, new, format="json"), 403)
    assert not Category.objects.filter(code="water").exists()
    created = api_as(operator()).post(CATEGORIES, new, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["deadline_working_days"] == 12
    assert AuditEntry.objects.filter(verb="category_created").count() == 1


def test_duplicate_code_or_negative_deadline_is_a_400_in_vietnamese_and_changes_nothing(
    world, api_as
):
    from phoihop.concerns.models import Category

    land = category()
    client = api_as(operator())
    before = Category.objects.count()
    duplicate = assert_error(
        client.post(
            CATEGORIES, {"code": "land", "name": "Đất", "deadline_working_days": 5}, "json"
        ),
        400,
    )
    assert "đã được dùng" in str(duplicate["fields"])
    negative = assert_error(
        client.post(CATEGORIES, {"code": "neg", "name": "Âm", "deadline_working_days": -3}, "json"),
        400,
    )
    assert "1 đến 365" in str(negative["fields"])
    assert_error(
        client.patch(
            reverse("api:concern_category", kwargs={"pk": land.pk}),
            {"deadline_working_days": 0},
            format="json",
        ),
        400,
    )
    land.refresh_from_db()
    assert Category.objects.count() == before and land.deadline_working_days == 30


def test_a_category_in_use_is_deactivated_not_deleted(world, api_as):
    concern = capture(world)
    client = api_as(operator())
    detail = reverse("api:concern_category", kwargs={"pk": concern.category_id})
    error = assert_error(client.delete(detail), 400)
    assert "không thể xóa" in error["message"] or "không thể xóa" in str(error["fields"])
    off = client.patch(detail, {"is_active": False}, format="json")
    assert off.status_code == 200 and off.json()["is_active"] is False
    concern.refresh_from_db()
    assert concern.category.is_active is False  # the concern keeps its sector
    fresh = client.post(
        CATEGORIES, {"code": "unused", "name": "Chưa dùng", "deadline_working_days": 5}, "json"
    )
    gone = client.delete(reverse("api:concern_category", kwargs={"pk": fresh.json()["id"]}))
    assert gone.status_code == 204
    assert api_as(world.outsider).get(detail).status_code == 200  # reference data, no secrets

"""Pages: every one with the outsider; policies decide the buttons; bad input changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from phoihop.accounts.models import User
from phoihop.concerns import contacts
from phoihop.concerns.models import Concern, ConcernSource
from phoihop.core.models import AuditEntry
from phoihop.testing.concerns import capture, category, run_to

pytestmark = pytest.mark.django_db


def _entry(world, **extra):
    data = {
        "title": "Ô nhiễm mùi từ nhà máy chế biến thủy sản",
        "summary": "Người dân phản ánh mùi hôi vào ban đêm.",
        "category": category("environment").pk,
        "places": [world.duc_pho.pk],
        "first_seen": "2026-03-01",
        "scale": "local",
        "trend": "rising",
        "source_kinds": ["press"],
        "source_url": "",
        "contact": "",
    }
    data.update(extra)
    return data


def test_board_officer_enters_a_concern_from_the_page(world, login):
    client = login(world.board_officer)
    assert client.get(reverse("concerns:create")).status_code == 200
    response = client.post(reverse("concerns:create"), _entry(world, contact="Bà B, 0912345678"))
    concern = Concern.objects.get()
    assert response.status_code == 302 and response["Location"] == concern.get_absolute_url()
    assert list(concern.sources.values_list("kind", flat=True)) == ["press"]
    assert concern.contact.ciphertext and b"0912345678" not in bytes(concern.contact.ciphertext)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("places", [], "địa bàn"),
        ("category", "", "lĩnh vực"),
        ("source_url", "không phải url", "Đường dẫn không hợp lệ"),
        ("summary", "x" * 5_000_000, "10000"),
    ],
)
def test_bad_entries_get_a_vietnamese_message_and_write_nothing(
    world, login, field, value, message
):
    client = login(world.board_officer)
    response = client.post(reverse("concerns:create"), _entry(world, **{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Concern.objects.count() == 0 and ConcernSource.objects.count() == 0


def test_a_form_beyond_the_upload_limit_is_explained_in_vietnamese_and_writes_nothing(world, login):
    client = login(world.board_officer)
    response = client.post(reverse("concerns:create"), _entry(world, summary="x" * 11_000_000))
    assert response.status_code == 400
    assert "Nội dung gửi lên quá lớn (phần chữ của một biểu mẫu tối đa 10 MB)" in (
        response.content.decode()
    )
    assert Concern.objects.count() == 0


def test_agency_officer_may_not_enter_concerns(world, login):
    assert login(world.agency_officer).get(reverse("concerns:create")).status_code == 403


def test_detail_shows_the_chain_and_only_allowed_actions(world, people, login):
    concern = run_to(world, people, capture(world), "forwarded")
    board = login(world.board_officer).get(concern.get_absolute_url()).content.decode()
    assert "Quá trình xử lý" in board and "15/BTGDV-DLXH" in board
    assert 'value="request"' not in board  # the council's step, not the board's
    council = login(people.council_officer).get(concern.get_absolute_url()).content.decode()
    assert 'value="request"' in council and 'value="transfer"' in council


def test_a_step_out_of_order_from_the_page_is_a_400_and_changes_nothing(world, login):
    concern = capture(world)
    response = login(world.board_officer).post(
        reverse("concerns:act", args=[concern.pk]),
        {"action": "close", "document_ref": "1", "document_date": "2026-03-03"},
    )
    assert response.status_code == 400 and "Không thể" in response.content.decode()
    concern.refresh_from_db()
    assert concern.state == Concern.State.CAPTURED


def test_a_forged_transfer_target_is_refused(world, login):
    concern = capture(world)
    response = login(world.board_officer).post(
        reverse("concerns:act", args=[concern.pk]),
        {"action": "transfer", "transfer_to": "987654", "note": "Không thuộc thẩm quyền"},
    )
    assert response.status_code == 400 and "không tồn tại" in response.content.decode()
    concern.refresh_from_db()
    assert concern.state == Concern.State.CAPTURED


def test_outsider_gets_404_on_a_concern_and_its_actions(world, login):
    concern = capture(world)
    client = login(world.outsider)
    assert client.get(concern.get_absolute_url()).status_code == 404
    assert (
        client.post(reverse("concerns:act", args=[concern.pk]), {"action": "triage"}).status_code
        == 404
    )
    assert "Người dân" not in client.get(reverse("concerns:list")).content.decode()


def test_list_searches_folded_text_and_filters(world, login):
    capture(world)
    capture(world, title="Sạt lở bờ biển Sa Huỳnh", category=category("environment"))
    client = login(world.board_officer)
    page = client.get(reverse("concerns:list"), {"q": "sat lo"}).content.decode()
    assert "Sạt lở bờ biển" in page and "chậm bồi thường" not in page
    page = client.get(reverse("concerns:list"), {"category": category("land").pk}).content.decode()
    assert "chậm bồi thường" in page and "Sạt lở" not in page


def test_list_query_count_does_not_grow_with_rows(world, login, django_assert_max_num_queries):
    for n in range(12):
        capture(world, title=f"Vấn đề số {n} về đất đai")
    client = login(world.board_officer)
    client.get(reverse("concerns:list"))
    with django_assert_max_num_queries(16):
        client.get(reverse("concerns:list"))


def test_queues_show_each_body_its_work(world, people, login):
    concern = run_to(world, people, capture(world), "requested")
    committee = login(people.committee_officer).get(reverse("concerns:committee_queue"))
    assert concern.title in committee.content.decode()
    triage = login(world.board_officer).get(reverse("concerns:triage_queue")).content.decode()
    assert concern.title not in triage


def test_handling_officer_sees_the_contact_with_a_reason_and_the_view_is_logged(world, login):
    concern = capture(world)
    officer = world.actor(world.board_officer)
    contact = contacts.contact_store(actor=officer, concern=concern, text="Ông C, 0987654321")
    client = login(world.board_officer)
    page = client.get(concern.get_absolute_url()).content.decode()
    assert "0987654321" not in page and "Xem thông tin liên hệ" in page
    url = reverse("concerns:contact_view", args=[contact.pk])
    short = client.post(url, {"reason": "xem"})
    assert short.status_code == 400 and "0987654321" not in short.content.decode()
    shown = client.post(url, {"reason": "Gửi văn bản trả lời theo quy định"})
    assert "0987654321" in shown.content.decode()
    assert "no-store" in shown["Cache-Control"]
    entry = AuditEntry.objects.get(verb="contact_viewed")
    assert entry.additional_data["reason"] == "Gửi văn bản trả lời theo quy định"
    assert "0987654321" not in str(entry.additional_data)


def test_agency_officer_never_sees_the_contact(world, people, login):
    concern = run_to(world, people, capture(world), "assigned")
    contact = contacts.contact_store(
        actor=world.actor(world.board_officer), concern=concern, text="Ông D, 0911111111"
    )
    client = login(world.agency_officer)
    page = client.get(concern.get_absolute_url()).content.decode()
    assert "Thông tin liên hệ người kiến nghị" not in page
    response = client.post(
        reverse("concerns:contact_view", args=[contact.pk]), {"reason": "Tôi muốn xem thử"}
    )
    assert response.status_code == 403 and "0911111111" not in response.content.decode()


def test_the_installation_operator_sees_the_concern_but_never_the_contact(world, login):
    concern = capture(world)
    contact = contacts.contact_store(
        actor=world.actor(world.board_officer), concern=concern, text="Bà E, 0922222222"
    )
    operator = User.objects.create_superuser("operator", "operator@phoihop.local", "x-Pass-2025")
    client = login(operator)
    page = client.get(concern.get_absolute_url())
    assert page.status_code == 200 and "Xem thông tin liên hệ" not in page.content.decode()
    response = client.post(
        reverse("concerns:contact_view", args=[contact.pk]), {"reason": "Kiểm tra hệ thống"}
    )
    assert response.status_code == 403 and "0922222222" not in response.content.decode()
    assert not AuditEntry.objects.filter(verb="contact_viewed").exists()


def test_a_forged_contact_id_is_a_404(world, login):
    response = login(world.board_officer).post(
        reverse("concerns:contact_view", args=[424242]), {"reason": "Gửi văn bản trả lời"}
    )
    assert response.status_code == 404


def test_statistics_page_and_export_have_no_personal_data(world, people, login):
    concern = run_to(world, people, capture(world), "closed")
    contacts.contact_store(
        actor=world.actor(world.board_officer), concern=concern, text="Ông E, 0922222222"
    )
    client = login(world.board_officer)
    page = client.get(reverse("concerns:statistics")).content.decode()
    assert "Theo lĩnh vực" in page and "concern-chart-data" in page
    export = client.get(reverse("concerns:statistics_export"))
    assert export.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(export.content), read_only=True)
    cells = [
        str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row
    ]
    assert "Đất đai" in cells and not any("0922222222" in c for c in cells)


def test_retention_is_set_by_the_data_protection_officer_only(world, login):
    assert login(world.board_officer).get(reverse("concerns:retention")).status_code == 403
    client = login(world.auditor)
    response = client.post(reverse("concerns:retention"), {"months": "6"})
    assert response.status_code == 302 and contacts.retention_months() == 6
    refused = client.post(reverse("concerns:retention"), {"months": "0"})
    assert refused.status_code == 400 and contacts.retention_months() == 6


def test_claims_are_recorded_without_authors_and_corrected(world, login):
    client = login(world.board_officer)
    response = client.post(
        reverse("concerns:claim_create"),
        {
            "summary": "Tin đồn tỉnh thu hồi toàn bộ đất ven biển",
            "outlet": "Trang mạng xã hội",
            "url": "https://example.org/bai-dang",
            "first_seen": "2026-03-01",
        },
    )
    assert response.status_code == 302
    from phoihop.concerns.models import Claim

    claim = Claim.objects.get()
    assert not [f for f in Claim._meta.get_fields() if "author" in f.name or "poster" in f.name]
    response = client.post(
        claim.get_absolute_url(),
        {
            "summary": claim.summary,
            "outlet": claim.outlet,
            "url": claim.url,
            "first_seen": "2026-03-01",
            "correction": "UBND tỉnh khẳng định không có chủ trương này.",
            "correction_reference": "Thông cáo số 5/TC-UBND",
            "corrected_on": "2026-03-03",
        },
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.corrected_on.isoformat() == "2026-03-03"
    bad = client.post(
        reverse("concerns:claim_create"),
        {"summary": "x", "outlet": "y", "url": "không phải url", "first_seen": "2026-03-01"},
    )
    assert bad.status_code == 400 and Claim.objects.count() == 1
    assert login(world.outsider).get(claim.get_absolute_url()).status_code == 404


def test_home_shows_the_queue_widget(world, login):
    capture(world)
    page = login(world.board_officer).get(reverse("core:home")).content.decode()
    assert "Vấn đề dư luận quan tâm" in page and "Chờ xử lý: Chờ phân loại" in page


def test_a_long_list_shows_a_capped_count(world, login, monkeypatch):
    from phoihop.concerns import views

    monkeypatch.setattr(views, "COUNT_CAP", 3)
    for n in range(5):
        capture(world, title=f"Vấn đề đất đai số {n}")
    page = login(world.board_officer).get(reverse("concerns:list")).content.decode()
    assert 'id="concern-count">Hơn 3 vấn đề —' in page
    monkeypatch.setattr(views, "COUNT_CAP", 5)
    page = login(world.board_officer).get(reverse("concerns:list")).content.decode()
    assert 'id="concern-count">5 vấn đề<' in page


def test_the_board_follows_the_trend_and_the_change_is_logged(world, login):
    concern = capture(world)
    client = login(world.board_officer)
    url = reverse("concerns:edit", args=[concern.pk])
    assert client.get(url).status_code == 200
    data = {
        "title": concern.title,
        "summary": concern.summary,
        "places": [world.duc_pho.pk],
        "first_seen": "2026-03-02",
        "scale": "several",
        "trend": "falling",
    }
    assert client.post(url, data).status_code == 302
    concern.refresh_from_db()
    assert concern.trend == "falling" and concern.scale == "several"
    entry = AuditEntry.objects.get(verb="concern_updated")
    assert entry.changes["trend"] == ["rising", "falling"]
    assert client.post(url, {**data, "places": []}).status_code == 400
    assert login(world.agency_officer).get(url).status_code == 404
    assert login(world.outsider).post(url, data).status_code == 404


def test_a_superscript_digit_in_a_filter_is_ignored_not_a_server_error(world, login):
    client = login(world.board_officer)
    response = client.get(reverse("concerns:list"), {"category": "²", "commune": "²"})
    assert response.status_code == 200

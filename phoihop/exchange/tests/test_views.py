"""Pages: inbox, outbox, compose, the dispatch page and its actions, always with the outsider."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from phoihop.exchange.models import Dispatch, DispatchAttachment, DispatchRecipient

from .conftest import draft, sent

State = DispatchRecipient.State


def test_the_board_officer_composes_a_draft_and_sends_it_to_three_bodies(xworld, login):
    w = xworld
    client = login(w.board_officer)
    page = client.get(reverse("exchange:create"))
    assert page.status_code == 200 and "Soạn công văn" in page.content.decode()
    response = client.post(
        reverse("exchange:create"),
        {
            "kind": "opinion_digest",
            "summary": "Tình hình dư luận xã hội tháng 11",
            "addressees": [w.council.pk, w.peoples_committee.pk, w.commune_committee.pk],
            "urgency": "normal",
            "numbering": "system",
            "symbol": "CV/BTGDVTU",
            "reply_working_days": 5,
            "body": "Tổng hợp dư luận.",
        },
    )
    dispatch = Dispatch.objects.get()
    assert response.status_code == 302 and response["Location"] == dispatch.get_absolute_url()
    response = client.post(reverse("exchange:send", args=[dispatch.pk]), follow=True)
    html = response.content.decode()
    assert "Đã gửi đến 2/3 nơi nhận" in html
    assert html.count("Đã đến") == 2 and html.count("Không gửi được") == 1
    assert "chưa có người dùng" in html


def test_compose_errors_are_shown_in_vietnamese_and_nothing_is_saved(xworld, login):
    w = xworld
    response = login(w.board_officer).post(
        reverse("exchange:create"),
        {
            "kind": "other",
            "summary": "",
            "urgency": "normal",
            "numbering": "mirrored",
            "reply_working_days": 5,
            "addressees": [w.council.pk],
        },
    )
    assert response.status_code == 400
    assert Dispatch.objects.count() == 0
    response = login(w.board_officer).post(
        reverse("exchange:create"),
        {
            "kind": "other",
            "summary": "Có trích yếu",
            "urgency": "normal",
            "numbering": "mirrored",
            "reply_working_days": 5,
            "addressees": [w.council.pk],
        },
    )
    assert response.status_code == 400 and "Nhập số văn bản" in response.content.decode()
    assert Dispatch.objects.count() == 0


def test_opening_marks_read_and_the_council_acknowledges_once(xworld, login):
    w = xworld
    dispatch = sent(w)
    client = login(w.council_officer)
    inbox = client.get(reverse("exchange:inbox")).content.decode()
    assert dispatch.summary in inbox and 'title="Chưa xem">1<' in inbox
    html = client.get(dispatch.get_absolute_url()).content.decode()
    assert "Tiếp nhận" in html
    row = dispatch.recipients.get()
    assert row.state == State.READ
    response = client.post(reverse("exchange:acknowledge", args=[dispatch.pk]), follow=True)
    assert "Đã tiếp nhận công văn." in response.content.decode()
    response = client.post(reverse("exchange:acknowledge", args=[dispatch.pk]), follow=True)
    assert response.status_code == 200
    assert "đã được tiếp nhận lúc" in response.content.decode()


def test_the_board_sees_the_states_but_may_not_acknowledge_for_the_council(xworld, login):
    w = xworld
    dispatch = sent(w)
    client = login(w.board_officer)
    html = client.get(dispatch.get_absolute_url()).content.decode()
    assert "Đã đến" in html and f'action="/cong-van/{dispatch.pk}/tiep-nhan/"' not in html
    assert client.post(reverse("exchange:acknowledge", args=[dispatch.pk])).status_code == 403
    assert (
        client.post(
            reverse("exchange:reply", args=[dispatch.pk]), {"body": "x", "numbering": "system"}
        ).status_code
        == 403
    )
    assert dispatch.recipients.get().state == State.DELIVERED


def test_the_outsider_gets_404_on_the_dispatch_and_sees_an_empty_inbox(xworld, login):
    w = xworld
    dispatch = sent(w)
    client = login(w.outsider)
    assert client.get(dispatch.get_absolute_url()).status_code == 404
    assert client.post(reverse("exchange:acknowledge", args=[dispatch.pk])).status_code == 404
    inbox = client.get(reverse("exchange:inbox"))
    assert inbox.status_code == 200 and dispatch.summary not in inbox.content.decode()
    outbox = client.get(reverse("exchange:outbox"), {"q": "lich ky hop"})
    assert dispatch.summary not in outbox.content.decode()


def test_folded_search_and_filters_in_the_outbox(xworld, login):
    w = xworld
    sent(w, summary="Lịch kỳ họp thứ Mười")
    sent(w, summary="Đề nghị báo cáo sáu tháng", kind="report_request", urgency="urgent", body="")
    client = login(w.board_officer)
    html = client.get(reverse("exchange:outbox"), {"q": "ky hop"}).content.decode()
    assert "Lịch kỳ họp thứ Mười" in html and "sáu tháng" not in html
    html = client.get(reverse("exchange:outbox"), {"q": "de nghi bao cao"}).content.decode()
    assert "sáu tháng" in html and "kỳ họp" not in html
    html = client.get(reverse("exchange:outbox"), {"urgency": "urgent"}).content.decode()
    assert "sáu tháng" in html and "kỳ họp" not in html
    html = client.get(
        reverse("exchange:outbox"), {"kind": "bogus", "date_from": "x"}
    ).content.decode()
    assert "sáu tháng" in html and "kỳ họp" in html  # a bad filter is ignored, never an error
    rows = client.get(reverse("exchange:outbox"), {"q": "ky hop"}, HTTP_HX_REQUEST="true")
    assert "<html" not in rows.content.decode()


def test_reply_forward_and_resend_from_the_pages(xworld, login):
    w = xworld
    dispatch = sent(w, addressees=[w.council, w.commune_committee], expects_reply=True)
    council = login(w.council_officer)
    assert council.get(reverse("exchange:reply", args=[dispatch.pk])).status_code == 200
    response = council.post(
        reverse("exchange:reply", args=[dispatch.pk]),
        {"body": "Thường trực HĐND đã nhận.", "numbering": "system"},
    )
    reply = Dispatch.objects.get(in_reply_to=dispatch)
    assert response["Location"] == reply.get_absolute_url()
    html = council.get(reply.get_absolute_url()).content.decode()
    assert 'id="thread"' in html and dispatch.summary in html


def test_forwarding_without_a_reason_is_refused_on_the_page(xworld, login):
    w = xworld
    dispatch = sent(w)
    client = login(w.council_officer)
    response = client.post(
        reverse("exchange:forward", args=[dispatch.pk]), {"to": w.peoples_committee.pk}, follow=True
    )
    assert dispatch.recipients.get().state != State.FORWARDED
    assert "bắt buộc" in response.content.decode()
    client.post(
        reverse("exchange:forward", args=[dispatch.pk]),
        {"to": w.peoples_committee.pk, "reason": "Thuộc thẩm quyền UBND tỉnh."},
    )
    assert dispatch.recipients.get(organisation=w.council).state == State.FORWARDED
    assert dispatch.recipients.get(organisation=w.peoples_committee).state == State.DELIVERED


def test_an_attachment_lying_about_its_type_is_refused_on_the_page(xworld, login):
    w = xworld
    dispatch = draft(w)
    client = login(w.board_officer)
    fake = SimpleUploadedFile("lich.pdf", b"MZ\x90\x00")
    response = client.post(
        reverse("exchange:attachment_add", args=[dispatch.pk]), {"file": fake}, follow=True
    )
    assert "chương trình chạy được" in response.content.decode()
    assert DispatchAttachment.objects.count() == 0
    good = SimpleUploadedFile("lich.pdf", b"%PDF-1.7 lich")
    client.post(reverse("exchange:attachment_add", args=[dispatch.pk]), {"file": good})
    attachment = DispatchAttachment.objects.get()
    download = client.get(reverse("exchange:attachment", args=[attachment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert (
        login(w.outsider).get(reverse("exchange:attachment", args=[attachment.pk])).status_code
        == 404
    )


@pytest.mark.parametrize("box", ["exchange:inbox", "exchange:outbox"])
def test_lists_run_a_fixed_number_of_queries_whatever_the_page_holds(
    xworld, login, box, django_assert_max_num_queries
):
    w = xworld
    client = login(w.council_officer if box == "exchange:inbox" else w.board_officer)
    for n in range(3):
        sent(w, summary=f"Công văn {n}", addressees=[w.council, w.peoples_committee])
    client.get(reverse(box))
    with django_assert_max_num_queries(16) as few:
        client.get(reverse(box))
    for n in range(25):
        sent(w, summary=f"Thêm {n}", addressees=[w.council, w.peoples_committee])
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(reverse(box)).content.decode()
    assert "Thêm 24" in html


def test_an_attachment_downloads_under_the_users_file_name_and_a_lost_one_is_a_404(
    xworld, login, settings, tmp_path
):
    from django.utils.http import content_disposition_header

    settings.MEDIA_ROOT = tmp_path
    w = xworld
    dispatch = draft(w)
    client = login(w.board_officer)
    upload = SimpleUploadedFile("lịch kỳ họp.pdf", b"%PDF-1.7 lich")
    client.post(reverse("exchange:attachment_add", args=[dispatch.pk]), {"file": upload})
    attachment = DispatchAttachment.objects.get()
    assert attachment.original_name == "lịch kỳ họp.pdf"
    assert attachment.file.name.startswith("dispatches/")
    url = reverse("exchange:attachment", args=[attachment.pk])
    download = client.get(url)
    assert download["Content-Disposition"] == content_disposition_header(True, "lịch kỳ họp.pdf")
    attachment.file.storage.delete(attachment.file.name)
    assert client.get(url).status_code == 404

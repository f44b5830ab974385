"""Writes to dispatches: numbering, delivery per recipient, reading, acknowledging, replying,
forwarding, re-sending, attachments, and every bad input changing nothing."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from phoihop.accounts.roles import Role
from phoihop.core.exceptions import PolicyDenied
from phoihop.core.models import AuditEntry
from phoihop.exchange import services
from phoihop.exchange.models import Dispatch, DispatchAttachment, DispatchRecipient, Register
from phoihop.notifications.models import Notification
from phoihop.testing.world import body, person

from .conftest import draft, sent

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
State = DispatchRecipient.State


def at(year, month, day, hour=9):
    return datetime(year, month, day, hour, tzinfo=HCM)


def states(dispatch):
    return {r.organisation_id: r.state for r in dispatch.recipients.all()}


def test_sending_to_three_bodies_delivers_two_and_marks_the_body_without_users_failed(xworld):
    w = xworld
    dispatch = draft(w, addressees=[w.council, w.peoples_committee, w.commune_committee])
    assert dispatch.recipients.count() == 0  # a draft has addressees, not recipients
    rows = services.dispatch_send(actor=w.actor(w.board_officer), dispatch=dispatch)
    dispatch.refresh_from_db()
    assert dispatch.state == Dispatch.State.SENT and len(rows) == 3
    assert states(dispatch) == {
        w.council.pk: State.DELIVERED,
        w.peoples_committee.pk: State.DELIVERED,
        w.commune_committee.pk: State.FAILED,
    }
    failed = dispatch.recipients.get(organisation=w.commune_committee)
    assert "chưa có người dùng" in failed.failure_reason and failed.failed_at is not None
    delivered = dispatch.recipients.get(organisation=w.council)
    assert delivered.delivered_at is not None and delivered.reply_due > delivered.sent_at.date()


def test_a_party_issuer_numbers_310_cv_and_a_state_issuer_12_slash(xworld):
    w = xworld
    board_letter = sent(w)
    assert board_letter.number == 1
    assert board_letter.number_and_symbol == "01-CV/BTGDVTU"
    council_letter = sent(w, issuer=w.council, by=w.council_officer, addressees=[w.board])
    assert council_letter.number_and_symbol == "01/HĐND"


def test_the_system_register_restarts_each_year(xworld):
    w = xworld
    officer = w.actor(w.board_officer)
    numbers = []
    for moment in (at(2026, 12, 30), at(2026, 12, 31), at(2027, 1, 4)):
        dispatch = draft(w)
        services.dispatch_send(actor=officer, dispatch=dispatch, now=moment)
        dispatch.refresh_from_db()
        numbers.append((dispatch.number_year, dispatch.number))
    assert numbers == [(2026, 1), (2026, 2), (2027, 1)]
    assert Register.objects.get(organisation=w.board, year=2026).last_number == 2


def test_a_mirrored_number_already_used_that_year_is_refused_and_nothing_is_written(xworld):
    w = xworld
    draft(w, numbering="mirrored", number=12, issued_on=date(2026, 3, 2))
    before = Dispatch.objects.count()
    with pytest.raises(ValidationError) as error:
        draft(w, numbering="mirrored", number=12, issued_on=date(2026, 9, 1))
    assert "Số 12 năm 2026" in str(error.value)
    assert Dispatch.objects.count() == before
    # The same number in another year is a new register: accepted.
    draft(w, numbering="mirrored", number=12, issued_on=date(2027, 1, 5))


def test_the_system_register_skips_numbers_typed_from_the_body_register(xworld):
    w = xworld
    mirrored = draft(w, numbering="mirrored", number=1, issued_on=date(2026, 5, 4))
    services.dispatch_send(actor=w.actor(w.board_officer), dispatch=mirrored, now=at(2026, 5, 4))
    later = draft(w)
    services.dispatch_send(actor=w.actor(w.board_officer), dispatch=later, now=at(2026, 5, 5))
    later.refresh_from_db()
    assert later.number == 2


def test_a_mirrored_dispatch_needs_its_number(xworld):
    with pytest.raises(ValidationError, match="Nhập số văn bản"):
        draft(xworld, numbering="mirrored")


def test_a_dissolved_body_fails_with_its_successor_named(xworld):
    w = xworld
    from phoihop.organisations.models import Lineage

    old = body(
        w.peoples_committee,
        "Sở Thông tin và Truyền thông",
        "department",
        "state",
        w.quang_ngai,
        valid_to=date(2025, 2, 28),
    )
    person("tttt_officer", old, Role.AGENCY_OFFICER)
    Lineage.objects.create(
        predecessor=old, successor=w.department, kind="merge", effective=date(2025, 3, 1)
    )
    dispatch = sent(w, addressees=[w.council, old])
    row = dispatch.recipients.get(organisation=old)
    assert row.state == State.FAILED
    assert "không còn hoạt động từ ngày 28/02/2025" in row.failure_reason
    assert w.department.name in row.failure_reason


def test_sending_twice_is_refused(xworld):
    w = xworld
    dispatch = sent(w)
    with pytest.raises(PolicyDenied):
        services.dispatch_send(actor=w.actor(w.board_officer), dispatch=dispatch)


def test_nobody_outside_the_issuer_composes_in_its_name(xworld):
    w = xworld
    with pytest.raises(PolicyDenied):
        draft(w, by=w.outsider)
    with pytest.raises(PolicyDenied):
        draft(w, by=w.agency_officer)  # sees nothing of the board and works elsewhere
    with pytest.raises(PolicyDenied):
        draft(w, by=w.admin)  # an administrator is no officer of the board
    assert Dispatch.objects.count() == 0


def test_a_dispatch_needs_an_addressee_other_than_its_issuer(xworld):
    w = xworld
    with pytest.raises(ValidationError, match="chính mình"):
        draft(w, addressees=[w.board])
    dispatch = draft(w, addressees=[])
    with pytest.raises(ValidationError, match="ít nhất một nơi nhận"):
        services.dispatch_send(actor=w.actor(w.board_officer), dispatch=dispatch)
    dispatch.refresh_from_db()
    assert dispatch.state == Dispatch.State.DRAFT and dispatch.number is None


def test_the_outsiders_province_cannot_be_addressed(xworld):
    with pytest.raises(ValidationError, match="Không thể gửi"):
        draft(xworld, addressees=[xworld.other_board])


def test_opening_marks_read_once_and_acknowledging_twice_is_a_clear_message(xworld):
    w = xworld
    dispatch = sent(w)
    row = dispatch.recipients.get()
    council = w.actor(w.council_officer)
    assert services.recipient_mark_read(actor=council, recipient=row) is True
    row.refresh_from_db()
    assert row.state == State.READ and row.read_by == w.council_officer
    assert services.recipient_mark_read(actor=council, recipient=row) is False
    # The board's officer opening it is not the council reading it.
    assert services.recipient_mark_read(actor=w.actor(w.board_officer), recipient=row) is False
    services.recipient_acknowledge(actor=council, recipient=row)
    row.refresh_from_db()
    first = row.acknowledged_at
    events = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="đã được tiếp nhận lúc"):
        services.recipient_acknowledge(actor=council, recipient=row)
    row.refresh_from_db()
    assert row.acknowledged_at == first and AuditEntry.objects.count() == events


def test_only_the_recipient_body_acknowledges(xworld):
    w = xworld
    row = sent(w).recipients.get()
    for user in (w.board_officer, w.outsider, w.committee_officer):
        with pytest.raises(PolicyDenied):
            services.recipient_acknowledge(actor=w.actor(user), recipient=row)
    row.refresh_from_db()
    assert row.state == State.DELIVERED


def test_a_failed_recipient_cannot_be_acknowledged(xworld):
    w = xworld
    person("commune_party_officer", w.commune_committee, Role.AGENCY_OFFICER, is_active=False)
    dispatch = sent(w, addressees=[w.commune_committee])
    row = dispatch.recipients.get()
    assert row.state == State.FAILED
    latecomer = person("commune_party_latecomer", w.commune_committee, Role.AGENCY_OFFICER)
    with pytest.raises(ValidationError, match="không gửi được"):
        services.recipient_acknowledge(actor=w.actor(latecomer), recipient=row)
    row.refresh_from_db()
    assert row.state == State.FAILED and row.acknowledged_at is None


def test_a_reply_is_a_dispatch_back_to_the_issuer_in_the_thread(xworld):
    w = xworld
    original = sent(w, expects_reply=True)
    reply = services.dispatch_reply(
        actor=w.actor(w.council_officer),
        dispatch=original,
        data=services.DispatchData(summary="", body="Thường trực HĐND đã nhận và sẽ phối hợp."),
    )
    assert reply.issuer == w.council and reply.in_reply_to == original
    assert reply.thread_root_id == original.pk and reply.state == Dispatch.State.SENT
    assert reply.summary == f"Trả lời Công văn {original.number_and_symbol}"
    assert states(reply) == {w.board.pk: State.DELIVERED}
    assert reply.recipients.get().reply_due is None  # a reply sets no new deadline
    row = original.recipients.get()
    assert row.replied_at is not None and row.state == State.ACKNOWLEDGED
    # A reply to the reply stays in the same thread.
    second = services.dispatch_reply(
        actor=w.actor(w.board_officer),
        dispatch=reply,
        data=services.DispatchData(summary="Ban đề nghị bổ sung"),
    )
    assert second.thread_root_id == original.pk


def test_replying_to_a_dispatch_the_body_did_not_receive_is_refused(xworld):
    w = xworld
    original = sent(w)
    before = Dispatch.objects.count()
    for user in (w.committee_officer, w.board_officer, w.outsider):
        with pytest.raises(PolicyDenied, match="Chỉ cơ quan nhận"):
            services.dispatch_reply(
                actor=w.actor(user), dispatch=original, data=services.DispatchData(summary="x")
            )
    assert Dispatch.objects.count() == before


def test_forwarding_to_the_competent_body_creates_a_linked_delivered_row(xworld):
    w = xworld
    original = sent(w)
    row = original.recipients.get()
    with pytest.raises(ValidationError, match="lý do"):
        services.recipient_forward(
            actor=w.actor(w.council_officer), recipient=row, to=w.peoples_committee, reason=" "
        )
    new = services.recipient_forward(
        actor=w.actor(w.council_officer),
        recipient=row,
        to=w.peoples_committee,
        reason="Nội dung thuộc thẩm quyền giải quyết của UBND tỉnh.",
    )
    row.refresh_from_db()
    assert row.state == State.FORWARDED and row.forward_reason.startswith("Nội dung")
    assert new.forwarded_from == row and new.state == State.DELIVERED
    with pytest.raises(ValidationError, match="đã là nơi nhận"):
        services.recipient_forward(
            actor=w.actor(w.committee_officer), recipient=new, to=w.council, reason="x"
        )


def test_resending_reaches_only_the_recipients_that_did_not_get_it(xworld):
    w = xworld
    dispatch = sent(w, addressees=[w.council, w.commune_committee])
    with pytest.raises(PolicyDenied):
        services.dispatch_resend(actor=w.actor(w.council_officer), dispatch=dispatch)
    person("commune_party_officer", w.commune_committee, Role.AGENCY_OFFICER)
    rows = services.dispatch_resend(actor=w.actor(w.board_officer), dispatch=dispatch)
    assert [r.organisation_id for r in rows] == [w.commune_committee.pk]
    assert states(dispatch) == {
        w.council.pk: State.DELIVERED,
        w.commune_committee.pk: State.DELIVERED,
    }
    assert dispatch.recipients.get(organisation=w.council).attempts == 1
    assert dispatch.recipients.get(organisation=w.commune_committee).attempts == 2
    with pytest.raises(ValidationError, match="không có gì để gửi lại"):
        services.dispatch_resend(actor=w.actor(w.board_officer), dispatch=dispatch)


def test_delivery_and_acknowledgement_notify_once(xworld, django_capture_on_commit_callbacks):
    w = xworld
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = sent(w, addressees=[w.council, w.commune_committee])
    to_council = Notification.objects.filter(user=w.council_officer)
    assert to_council.count() == 1 and to_council.get().title.startswith("Công văn đến: số 01-CV")
    assert Notification.objects.filter(
        user=w.board_officer, title__startswith="Không gửi được"
    ).exists()
    row = dispatch.recipients.get(organisation=w.council)
    with django_capture_on_commit_callbacks(execute=True):
        services.recipient_acknowledge(actor=w.actor(w.council_officer), recipient=row)
    assert (
        Notification.objects.filter(user=w.board_officer, title__contains="đã tiếp nhận").count()
        == 1
    )


# --- attachments -----------------------------------------------------------------------------


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def docx_bytes(member="word/document.xml") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<document/>")
    return buffer.getvalue()


def odt_bytes(mimetype=b"application/vnd.oasis.opendocument.text") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", "<office/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("lich-ky-hop.pdf", b"%PDF-1.7\n..."),
        ("nghi-quyet.docx", docx_bytes()),
        ("bieu-mau.xlsx", docx_bytes("xl/workbook.xml")),
        ("ban-tin.odt", odt_bytes()),
        ("anh.jpg", b"\xff\xd8\xff\xe0rest"),
        ("anh.png", b"\x89PNG\r\n\x1a\nrest"),
        ("cong-van-cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"),
        ("bieu-cu.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"),
    ],
)
def test_allowed_attachments_are_kept_with_their_type(xworld, name, content):
    w = xworld
    dispatch = draft(w)
    attachment = services.attachment_add(
        actor=w.actor(w.board_officer), dispatch=dispatch, file=upload(name, content)
    )
    assert attachment.size == len(content) and attachment.content_type


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00", "chương trình chạy được"),
        ("script.sh", b"#!/bin/sh\n", "chương trình chạy được"),
        ("bao-cao.pdf", b"MZ\x90\x00 disguised", "thực chất là chương trình"),
        ("bao-cao.pdf", b"\x89PNG\r\n\x1a\n", "không đúng là PDF"),
        ("nghi-quyet.docx", docx_bytes("other.xml"), "không đúng là Word"),
        ("nghi-quyet.docx", b"%PDF-1.4", "không đúng là Word"),
        ("ban-tin.odt", odt_bytes(b"application/zip"), "không đúng là OpenDocument"),
        ("anh.jpg", b"GIF89a", "không đúng là ảnh JPEG"),
        ("cong-van-cu.doc", b"%PDF-1.4", "không đúng là Word 97"),
        ("ghi-chu.txt", b"hello", "Chỉ nhận các loại tệp"),
        ("khong-duoi", b"%PDF-1.4", "Chỉ nhận các loại tệp"),
        ("rong.pdf", b"", "rỗng"),
    ],
)
def test_bad_attachments_are_refused_and_nothing_is_kept(xworld, name, content, message):
    w = xworld
    dispatch = draft(w)
    with pytest.raises(ValidationError, match=message):
        services.attachment_add(
            actor=w.actor(w.board_officer), dispatch=dispatch, file=upload(name, content)
        )
    assert DispatchAttachment.objects.count() == 0


def test_an_oversized_attachment_is_refused_with_the_configured_limit(xworld, settings):
    settings.ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024
    w = xworld
    dispatch = draft(w)
    big = upload("lon.pdf", b"%PDF-1.7\n" + b"0" * (2 * 1024 * 1024))
    with pytest.raises(ValidationError, match="lớn hơn 2 MB"):
        services.attachment_add(actor=w.actor(w.board_officer), dispatch=dispatch, file=big)
    assert DispatchAttachment.objects.count() == 0


def test_a_sent_dispatch_takes_no_more_attachments(xworld):
    w = xworld
    dispatch = sent(w)
    with pytest.raises(PolicyDenied):
        services.attachment_add(
            actor=w.actor(w.board_officer), dispatch=dispatch, file=upload("a.pdf", b"%PDF-1")
        )


def test_updating_a_draft_records_the_changes_and_cancel_needs_a_reason(xworld):
    w = xworld
    dispatch = draft(w)
    services.dispatch_update(
        actor=w.actor(w.board_officer),
        dispatch=dispatch,
        data=services.DispatchData(
            summary="Lịch kỳ họp (điều chỉnh)", addressees=[w.council], copied=[w.peoples_committee]
        ),
    )
    dispatch.refresh_from_db()
    assert dispatch.summary == "Lịch kỳ họp (điều chỉnh)"
    assert list(dispatch.copied.all()) == [w.peoples_committee]
    assert "lich ky hop" in dispatch.search_text
    with pytest.raises(ValidationError):
        services.dispatch_cancel(actor=w.actor(w.board_officer), dispatch=dispatch, reason="")
    services.dispatch_cancel(actor=w.actor(w.board_officer), dispatch=dispatch, reason="Trùng")
    dispatch.refresh_from_db()
    assert dispatch.state == Dispatch.State.CANCELLED


def test_a_dispatch_links_only_to_a_programme_the_actor_sees(xworld):
    from phoihop.testing.programmes import build_programme

    w = xworld
    prg = build_programme(w)
    linked = draft(w, programme=prg.programme)
    assert linked.programme == prg.programme
    with pytest.raises(ValidationError, match="chương trình"):
        services.dispatch_create(
            actor=w.actor(w.outsider),
            issuer=w.other_board,
            data=services.DispatchData(summary="x", programme=prg.programme),
        )
    assert Dispatch.objects.count() == 1

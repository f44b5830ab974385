"""The dispatch (công văn) as a letter, read back: V/v line, addressees, attachments, recipients,
authority lines, and the format check; downloadable from the dispatch page."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from phoihop.accounts.roles import Role
from phoihop.documents.checks import check_document
from phoihop.documents.dispatch import render_dispatch_docx
from phoihop.documents.profiles import PARTY_HD36, STATE_ND30, place_and_date
from phoihop.exchange import services
from phoihop.exchange.models import Dispatch, DispatchAttachment
from phoihop.testing.world import person

from .reading import body_blocks, cell_lines, flat, open_docx, run_sizes

pytestmark = pytest.mark.django_db


def letter(world, issuer, user, **data):
    actor = world.actor(user)
    dispatch = services.dispatch_create(
        actor=actor,
        issuer=issuer,
        data=services.DispatchData(
            summary="cung cấp thông tin kỳ họp thứ 10 HĐND tỉnh",
            body="Đề nghị các cơ quan cung cấp thông tin về kỳ họp.\n"
            "Thời hạn: trước ngày 15/7/2026.",
            **data,
        ),
    )
    DispatchAttachment.objects.create(
        dispatch=dispatch,
        title="Lịch kỳ họp",
        file=ContentFile(b"%PDF-1.4", name="lich.pdf"),
        content_type="application/pdf",
        size=8,
    )
    services.dispatch_send(actor=actor, dispatch=dispatch)
    return Dispatch.objects.get(pk=dispatch.pk)


@pytest.fixture
def boards_letter(world):
    return letter(
        world,
        world.board,
        world.board_officer,
        addressees=[world.council, world.peoples_committee],
        copied=[world.department],
    )


def parts(content: bytes):
    document = open_docx(content)
    blocks = body_blocks(document)
    tables = [b for b in blocks if hasattr(b, "rows")]
    lines = [flat(b.text) for b in blocks if not hasattr(b, "rows") and b.text.strip()]
    return document, tables[0], tables[-1], lines


def test_the_boards_letter_in_the_party_format(boards_letter):
    content = render_dispatch_docx(boards_letter)
    _, header, footer, lines = parts(content)
    left, right = (cell_lines(c) for c in header.rows[0].cells)
    assert left == ["TỈNH ỦY QUẢNG NGÃI", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "*"]
    assert right == ["ĐẢNG CỘNG SẢN VIỆT NAM"]
    number_cell = header.rows[1].cells[0]
    assert cell_lines(number_cell) == [
        f"Số {boards_letter.number_and_symbol}",
        "V/v cung cấp thông tin kỳ họp thứ 10 HĐND tỉnh",
    ]
    subject = number_cell.paragraphs[1]
    assert subject.runs[0].italic and run_sizes(subject) == {PARTY_HD36.letter_summary_size}
    # The date is the register's: the day the letter was sent.
    assert cell_lines(header.rows[1].cells[1]) == [
        place_and_date("Quảng Ngãi", boards_letter.issued_on)
    ]
    assert lines[:3] == [
        "Kính gửi:",
        "- Thường trực HĐND tỉnh Quảng Ngãi;",
        "- UBND tỉnh Quảng Ngãi.",
    ]
    assert lines[3:] == [
        "Đề nghị các cơ quan cung cấp thông tin về kỳ họp.",
        "Thời hạn: trước ngày 15/7/2026.",
        "Tài liệu gửi kèm:",
        "- Lịch kỳ họp./.",
    ]
    recipients, signature = (cell_lines(c) for c in footer.rows[0].cells)
    assert recipients == [
        "Nơi nhận:",
        "- Như trên;",
        "- Sở Văn hóa, Thể thao và Du lịch (để biết);",
        "- Lưu: VT.",
    ]
    assert signature == ["TRƯỞNG BAN"]
    assert check_document(content) == []


def test_a_departments_urgent_letter_in_the_state_format(world):
    dispatch = letter(
        world,
        world.department,
        world.agency_officer,
        addressees=[world.board],
        urgency=Dispatch.Urgency.URGENT,
    )
    content = render_dispatch_docx(dispatch)
    _, header, _, lines = parts(content)
    number_cell = cell_lines(header.rows[1].cells[0])
    assert number_cell[0] == f"Số: {dispatch.number_and_symbol}"
    assert number_cell[1:] == ["V/v cung cấp thông tin kỳ họp thứ 10 HĐND tỉnh", "KHẨN"]
    assert cell_lines(header.rows[0].cells[1])[0] == STATE_ND30.national_title
    assert lines[0] == "Kính gửi: Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ngãi."
    assert check_document(content) == []


def test_a_draft_leaves_the_number_blank_for_the_clerk(world):
    dispatch = services.dispatch_create(
        actor=world.actor(world.board_officer),
        issuer=world.board,
        data=services.DispatchData(summary="lịch giao ban", addressees=[world.council]),
    )
    content = render_dispatch_docx(dispatch)
    _, header, _, _ = parts(content)
    number = cell_lines(header.rows[1].cells[0])[0]
    assert number.startswith("Số ") and number.endswith("-CV/BTGDVTU")
    assert check_document(content) == []


def test_the_letter_downloads_from_the_dispatch_page(world, login, boards_letter):
    council_officer = person("council_reader", world.council, Role.COUNCIL_OFFICER)
    url = reverse("exchange:docx", args=[boards_letter.pk])
    page = login(world.board_officer).get(reverse("exchange:detail", args=[boards_letter.pk]))
    assert url in page.content.decode()
    response = login(council_officer).get(url)
    assert response.status_code == 200
    assert f"cong-van-{boards_letter.pk}.docx" in response["Content-Disposition"]
    assert check_document(response.content) == []
    assert login(world.outsider).get(url).status_code == 404

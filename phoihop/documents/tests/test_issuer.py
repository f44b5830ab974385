"""Issuing-body headings and authority lines (ND30, HD36) for each kind of signer."""

from datetime import date

import pytest

from phoihop.documents.checks import check_document
from phoihop.documents.docx import HEADER_WIDTHS_CM, balanced_lines
from phoihop.documents.issuer import NBSP, Issuer, Signer, keep_together
from phoihop.documents.report import render_report_docx
from phoihop.organisations.models import KindTitle, Organisation
from phoihop.testing.world import Kind, Side, body

from .reading import body_blocks, cell_lines, open_docx

pytestmark = pytest.mark.django_db
DAY = date(2026, 7, 9)


def heading(organisation) -> tuple[str, str]:
    issuer = Issuer(organisation, day=DAY)
    return " ".join(issuer.parent.split()), " ".join(issuer.name.split())


def lines(organisation, **signer) -> list[str]:
    return [
        " ".join(line.split())
        for line in Issuer(organisation, day=DAY).authority_lines(Signer(**signer))
    ]


@pytest.fixture
def commune_board(world):
    return body(
        world.commune_committee,
        "Ban Xây dựng Đảng Đảng ủy phường Đức Phổ",
        Kind.BOARD,
        Side.PARTY,
        world.duc_pho,
        symbol="BXDĐ",
    )


def test_the_board_is_headed_by_its_party_committee_without_repeating_it(world):
    assert heading(world.board) == ("TỈNH ỦY QUẢNG NGÃI", "BAN TUYÊN GIÁO VÀ DÂN VẬN")


def test_a_communes_board_is_headed_by_the_commune_party_committee(commune_board):
    assert heading(commune_board) == ("ĐẢNG ỦY PHƯỜNG ĐỨC PHỔ", "BAN XÂY DỰNG ĐẢNG")


def test_the_party_committee_itself_is_headed_by_its_party_organisation(world):
    Organisation.objects.filter(pk=world.province_committee.pk).update(
        parent_name="Đảng bộ tỉnh Quảng Ngãi"
    )
    committee = Organisation.objects.get(pk=world.province_committee.pk)
    assert heading(committee) == ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "TỈNH ỦY")


def test_a_department_names_its_parent_once_and_fits_in_three_lines(world):
    Organisation.objects.filter(pk=world.department.pk).update(
        name="Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ngãi",
        parent_name="Ủy ban nhân dân tỉnh Quảng Ngãi",
    )
    department = Organisation.objects.get(pk=world.department.pk)
    parent, issuer = heading(department)
    # Spelled out the upper line would take two lines: it keeps the usual abbreviation.
    assert (parent, issuer) == ("UBND TỈNH QUẢNG NGÃI", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH")
    width = HEADER_WIDTHS_CM[0] - 0.38
    printed = Issuer(department, day=DAY)
    count = len(balanced_lines(printed.parent, width, size=13)) + len(
        balanced_lines(printed.name, width, size=13, bold=True)
    )
    assert count <= 3


def test_the_councils_standing_committee_under_the_council(world):
    Organisation.objects.filter(pk=world.council.pk).update(
        parent_name="Hội đồng nhân dân tỉnh Quảng Ngãi"
    )
    council = Organisation.objects.get(pk=world.council.pk)
    # The upper line names the council; the lower line does not repeat it.
    assert heading(council) == ("HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NGÃI", "THƯỜNG TRỰC")


def test_a_line_never_breaks_inside_tinh_uy_or_the_place():
    text = keep_together("BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY QUẢNG NGÃI", ("Quảng Ngãi",))
    assert f"TỈNH{NBSP}ỦY" in text and f"QUẢNG{NBSP}NGÃI" in text
    for width in (3.0, 4.0, 5.0, 6.0, 7.0, 9.0):
        for line in balanced_lines(text, width, size=14, bold=True):
            words = line.split(" ")
            assert words[-1] not in {"TỈNH", "QUẢNG"} and words[0] not in {"ỦY", "NGÃI"}
    # Without the no-break spaces the same widths do split the pair: the test can fail.
    plain = "BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY QUẢNG NGÃI"
    assert any(
        line.endswith(" TỈNH") or line.endswith(" QUẢNG")
        for width in (3.0, 4.0, 5.0, 6.0, 7.0, 9.0)
        for line in balanced_lines(plain, width, size=14, bold=True)
    )


# --- authority lines ----------------------------------------------------------------------------
def test_a_departments_deputy_signs_for_the_director(world):
    signed = lines(world.department, authority="KT.", title="Phó Giám đốc")
    assert signed == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert lines(world.department, title="Giám đốc") == ["GIÁM ĐỐC"]
    assert lines(world.department, authority="Q.", title="Phó Giám đốc") == ["Q. GIÁM ĐỐC"]
    assert lines(world.department, authority="TL.", title="Chánh Văn phòng") == [
        "TL. GIÁM ĐỐC",
        "CHÁNH VĂN PHÒNG",
    ]


def test_the_boards_deputy_signs_for_the_head_in_the_party_spelling(world, commune_board):
    for board in (world.board, commune_board):
        assert lines(board, authority="KT.", title="Phó Trưởng ban") == [
            "K/T TRƯỞNG BAN",
            "PHÓ TRƯỞNG BAN",
        ]
        assert lines(board, authority="T/L", title="Chánh Văn phòng") == [
            "T/L TRƯỞNG BAN",
            "CHÁNH VĂN PHÒNG",
        ]


def test_the_councils_standing_committee_and_the_peoples_committee_sign_as_collectives(world):
    assert lines(world.council, authority="TM.", title="Phó Chủ tịch") == [
        "TM. THƯỜNG TRỰC HĐND",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    ]
    assert lines(world.peoples_committee, authority="TM.", title="Phó Chủ tịch UBND tỉnh") == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    ]
    assert lines(world.commune_peoples_committee, title="Chủ tịch") == [
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    ]
    assert lines(world.province_committee, authority="T/M", title="Bí thư") == [
        "T/M BAN THƯỜNG VỤ",
        "BÍ THƯ",
    ]


def test_another_collective_named_on_the_record_is_kept(world):
    signed = lines(
        world.council,
        authority="T/M",
        collective="Đảng đoàn HĐND tỉnh",
        title="Bí thư Đảng đoàn, Chủ tịch HĐND tỉnh",
    )
    assert signed == ["TM. ĐẢNG ĐOÀN HĐND TỈNH", "BÍ THƯ ĐẢNG ĐOÀN, CHỦ TỊCH HĐND TỈNH"]


def test_the_heads_title_is_data_on_the_kind(world):
    KindTitle.objects.filter(kind=Kind.COURT).update(head_title="Chánh án", deputy_title="")
    court = body(
        world.province_committee,
        "Tòa án nhân dân tỉnh Quảng Ngãi",
        Kind.COURT,
        Side.STATE,
        world.quang_ngai,
        symbol="TA",
    )
    assert lines(court, authority="KT.", title="Phó Chánh án") == ["KT. CHÁNH ÁN", "PHÓ CHÁNH ÁN"]
    KindTitle.objects.filter(kind=Kind.COURT).update(head_title="Chánh án TAND")
    assert lines(court, authority="KT.", title="Phó Chánh án")[0] == "KT. CHÁNH ÁN TAND"


# --- read back from a rendered report ---------------------------------------------------------
class Report:
    """The fields a report document reads, for a body's signer."""

    summary = "Báo cáo kết quả thực hiện 6 tháng đầu năm 2026"
    opening = regular_results = issue_results = strengths = limitations = ""
    priorities = closing = ""
    recipients = "Ban Tuyên giáo và Dân vận Tỉnh ủy (để tổng hợp)"
    figures: list = []
    number = "05/BC-SVHTTDL"
    signed_on = DAY
    signing_body = head_title = deputy_authority = ""
    signatory_name = "Nguyễn Văn An"

    def __init__(self, authority: str, title: str) -> None:
        self.authority, self.signatory_title = authority, title


class Request:
    data_cutoff = date(2026, 6, 15)


def rendered(organisation, authority: str, title: str):
    content = render_report_docx(
        organisation, Report(authority, title), headings=None, request=Request()
    )
    tables = [b for b in body_blocks(open_docx(content)) if hasattr(b, "rows")]
    header, footer = tables[0], tables[-1]
    return content, cell_lines(header.rows[0].cells[0]), cell_lines(footer.rows[0].cells[1])


def test_a_departments_report_reads_back_with_its_deputys_authority(world):
    Organisation.objects.filter(pk=world.department.pk).update(parent_name="UBND tỉnh Quảng Ngãi")
    department = Organisation.objects.get(pk=world.department.pk)
    content, header, signature = rendered(department, "KT.", "Phó Giám đốc")
    assert header[:2] == ["UBND TỈNH QUẢNG NGÃI", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"]
    assert signature == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"]
    assert check_document(content) == []


def test_the_boards_report_reads_back_with_its_heading_and_deputys_authority(world):
    content, header, signature = rendered(world.board, "KT.", "Phó Trưởng ban")
    assert header == ["TỈNH ỦY QUẢNG NGÃI", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "*"]
    assert signature == ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Nguyễn Văn An"]
    assert check_document(content) == []

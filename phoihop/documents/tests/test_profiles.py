"""The format profiles: numbers, authorities, places and dates spelled per side."""

from datetime import date

import pytest

from phoihop.documents.docx import balanced_lines, text_width_cm
from phoihop.documents.profiles import (
    PARTY_HD36,
    STATE_ND30,
    place_and_date,
    place_name,
    profile_for,
)


def test_place_and_date_pad_days_under_ten_and_months_one_and_two():
    assert place_and_date("Quảng Ngãi", date(2022, 1, 5)) == "Quảng Ngãi, ngày 05 tháng 01 năm 2022"
    assert place_and_date("Quảng Ngãi", date(2024, 2, 9)) == "Quảng Ngãi, ngày 09 tháng 02 năm 2024"
    assert place_and_date("Quảng Ngãi", date(2024, 7, 5)) == "Quảng Ngãi, ngày 05 tháng 7 năm 2024"
    assert place_and_date("Hà Nội", date(2024, 12, 25)) == "Hà Nội, ngày 25 tháng 12 năm 2024"


def test_an_undated_document_leaves_blanks_for_the_clerk():
    line = place_and_date("Quảng Ngãi", None)
    assert line.startswith("Quảng Ngãi, ngày ") and " tháng " in line and " năm " in line


@pytest.mark.parametrize(
    ("unit", "place"),
    [
        ("Quảng Ngãi", "Quảng Ngãi"),
        ("Thành phố Hà Nội", "Hà Nội"),
        ("Phường Đức Phổ", "Đức Phổ"),
        ("Xã Bình Sơn", "Bình Sơn"),
        ("Phường 15", "Phường 15"),
    ],
)
def test_the_place_is_the_units_name_without_its_kind(unit, place):
    assert place_name(unit) == place


@pytest.mark.parametrize(
    ("stored", "state", "party"),
    [
        ("5/CTr-HĐND", "Số: 05/CTr-HĐND", "Số 5-CTr/HĐND"),
        ("05/CTr-HĐND", "Số: 05/CTr-HĐND", "Số 05-CTr/HĐND"),
        ("15-CTr/BTGDVTU", "Số: 15/CTr-BTGDVTU", "Số 15-CTr/BTGDVTU"),
        ("310-CV/BTGTU", "Số: 310/CV-BTGTU", "Số 310-CV/BTGTU"),
        ("Số: 7/KH-UBND", "Số: 07/KH-UBND", "Số 7-KH/UBND"),
        # Not a number-type-symbol shape (a letter carries the unit's symbol): kept as typed.
        ("12/UBND-VX", "Số: 12/UBND-VX", "Số 12/UBND-VX"),
    ],
)
def test_numbers_follow_each_sides_pattern(stored, state, party):
    assert STATE_ND30.number(stored) == state
    assert PARTY_HD36.number(stored) == party


def test_a_missing_number_leaves_the_number_blank_in_the_sides_pattern():
    state = STATE_ND30.number("", type_code="CTr", symbol="HĐND")
    party = PARTY_HD36.number("", type_code="CTr", symbol="BTGDVTU")
    assert state.startswith("Số: ") and state.endswith("/CTr-HĐND")
    assert party.startswith("Số ") and not party.startswith("Số:")
    assert party.endswith("-CTr/BTGDVTU")


@pytest.mark.parametrize(
    ("typed", "state", "party"),
    [("TM.", "TM.", "T/M"), ("T/M", "TM.", "T/M"), ("kt", "KT.", "K/T"), ("TL.", "TL.", "T/L")],
)
def test_authority_prefixes_are_dots_for_the_state_and_slashes_for_the_party(typed, state, party):
    assert STATE_ND30.authority(typed) == state
    assert PARTY_HD36.authority(typed) == party


def test_the_issuers_side_chooses_the_profile(world):
    assert profile_for(world.board) is PARTY_HD36
    assert profile_for(world.province_committee) is PARTY_HD36
    assert profile_for(world.peoples_committee) is STATE_ND30
    assert profile_for(world.department) is STATE_ND30


def test_profiles_keep_times_new_roman_and_their_headings():
    for profile in (STATE_ND30, PARTY_HD36):
        assert profile.font == "Times New Roman"
        top, bottom, left, right = profile.margins_mm
        assert 20 <= top <= 25 and 20 <= bottom <= 25 and 30 <= left <= 35 and 15 <= right <= 20
        assert 13 <= profile.body_size <= 15
    assert STATE_ND30.national_title == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert STATE_ND30.motto == "Độc lập - Tự do - Hạnh phúc"
    assert PARTY_HD36.national_title == "ĐẢNG CỘNG SẢN VIỆT NAM" and not PARTY_HD36.motto


def test_long_names_break_into_even_lines_that_fit():
    lines = balanced_lines("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", 5.8, size=13, bold=True)
    assert lines == ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"]
    assert all(text_width_cm(line, 13, bold=True) <= 5.8 for line in lines)
    assert balanced_lines("SỞ TƯ PHÁP", 5.8, size=13, bold=True) == ["SỞ TƯ PHÁP"]

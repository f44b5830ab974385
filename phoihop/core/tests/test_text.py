import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from phoihop.core.text import fold

VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
)
vietnamese_text = st.text(
    alphabet=st.sampled_from(VIETNAMESE + VIETNAMESE.upper() + " ,.-"), max_size=60
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quảng Ngãi", "quang ngai"),
        ("Phường Đức Phổ", "phuong duc pho"),
        ("ĐỨC PHỔ", "duc pho"),
        ("đường đi", "duong di"),
        ("Thừa Thiên Huế", "thua thien hue"),
        ("Sở Văn hóa, Thể thao và Du lịch", "so van hoa, the thao va du lich"),
        ("  Ban   Tuyên giáo\tvà\nDân vận ", "ban tuyen giao va dan van"),
    ],
)
def test_fold_maps_d_strips_marks_lowers_and_squeezes_spaces(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_fold_of_nothing_is_the_empty_string(empty):
    assert fold(empty) == ""


def test_decomposed_and_composed_input_fold_the_same():
    composed = "Phường Đức Phổ, tỉnh Quảng Ngãi"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert fold(decomposed) == fold(composed) == "phuong duc pho, tinh quang ngai"


def test_a_decomposed_d_with_stroke_still_folds_to_d():
    # Đ has no canonical decomposition; the only way to fold it is the explicit map.
    assert unicodedata.normalize("NFD", "Đ") == "Đ"
    assert fold(unicodedata.normalize("NFD", "Đồng Đăng")) == "dong dang"


@given(st.text())
def test_folding_twice_changes_nothing(text):
    once = fold(text)
    assert fold(once) == once


@given(st.text())
def test_folded_text_has_no_combining_marks_and_no_d_with_stroke(text):
    folded = fold(text)
    assert not any(unicodedata.combining(ch) for ch in folded)
    assert "đ" not in folded
    assert "Đ" not in folded


@given(st.text())
def test_nfc_and_nfd_forms_of_any_text_fold_equal(text):
    assert fold(unicodedata.normalize("NFC", text)) == fold(unicodedata.normalize("NFD", text))


@given(vietnamese_text)
def test_folded_vietnamese_is_plain_lower_case_ascii(text):
    folded = fold(text)
    assert folded.isascii()
    assert folded == folded.lower()
    assert "  " not in folded
    assert folded == folded.strip()

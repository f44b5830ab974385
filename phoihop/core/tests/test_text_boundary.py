"""The boundary rule itself (decision 0016): NFC, control characters refused, line endings."""

import unicodedata

import pytest
from django.core.exceptions import ValidationError

from phoihop.core.text import clean_text, strip_unstorable

DECOMPOSED = unicodedata.normalize("NFD", "Kế hoạch")


def test_text_is_stored_in_nfc():
    cleaned = clean_text(DECOMPOSED, multiline=False)
    assert cleaned == "Kế hoạch" and cleaned != DECOMPOSED


def test_multiline_text_keeps_tabs_and_lines_with_lf_endings():
    assert clean_text("a\r\nb\rc\td", multiline=True) == "a\nb\nc\td"


def test_a_tab_in_a_single_line_field_becomes_a_space():
    assert clean_text("Cột\tmột", multiline=False) == "Cột một"


@pytest.mark.parametrize(
    ("value", "multiline"),
    [
        ("a\x01b", True),
        ("a\x00b", True),
        ("a\x1fb", True),
        ("a\x7fb", True),
        ("a\x85b", True),
        ("a\nb", False),
        ("a\rb", False),
        ("a\ud800b", True),
        ("a\ufffeb", True),
        ("a\uffffb", True),
        ("tiêu đề \u202egpj.exe", True),
        ("a\u2066b", True),
    ],
)
def test_control_characters_are_refused_with_a_message_naming_the_field(value, multiline):
    with pytest.raises(ValidationError) as refused:
        clean_text(value, multiline=multiline, field="Tiêu đề")
    assert refused.value.messages == ["Tiêu đề chứa ký tự điều khiển không hợp lệ."]


def test_writers_drop_only_what_xml_cannot_hold():
    assert strip_unstorable("a\x01b\x0bc\ufffe\td\ne\rf") == "abc\td\ne\rf"

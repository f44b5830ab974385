"""The official document formats as data (FORMATS.md): the state's Decree 30/2020/NĐ-CP and the
Party's Guidance 36-HD/VPTW.

The issuer's side chooses the profile, never the topic. Every size, text and pattern a renderer
uses comes from here; points the format guide marks "(verify)" are plain fields, so they can be
corrected without touching the renderers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class FormatProfile:
    code: str
    # Page and text.
    font: str
    margins_mm: tuple[int, int, int, int]  # top, bottom, left, right
    body_size: int
    line_spacing: float  # single (1.0) to 1.5
    first_line_indent_cm: float
    space_after_pt: int  # between body paragraphs (≥ 6 pt)
    page_number_size: int
    # Heading (top right).
    national_title: str
    national_title_size: int
    motto: str  # "" when the profile has none
    motto_size: int
    # Issuing body (top left).
    parent_size: int
    issuer_size: int
    issuer_mark: str  # "rule": a short line under the issuer; otherwise this text (the Party "*")
    # Number, place and date.
    number_label: str  # "Số:" or "Số"
    number_pattern: str  # with {number}, {type} and {symbol}
    pad_number: bool  # numbers under 10 with a leading zero
    number_size: int
    date_size: int
    date_align: str  # "center" or "right"
    # Type and summary.
    type_size: int
    summary_size: int
    summary_mark: str  # "rule": a short line under the summary; otherwise this text
    # A letter (công văn): its summary "V/v …" under the number instead of a type line.
    letter_summary_size: int
    letter_summary_italic: bool
    # Signature: authority prefixes by kind (on behalf, signing for, acting, by order, by proxy).
    authorities: dict[str, str]
    signature_size: int
    # Recipients.
    recipients_label_size: int
    recipients_label_bold: bool
    recipients_label_italic: bool
    recipients_label_underline: bool
    recipients_item_size: int
    # Names the heading spells out in full ("UBND" → "Ủy ban nhân dân").
    expansions: dict[str, str] = field(default_factory=dict)

    def authority(self, text: str) -> str:
        """The profile's spelling of an authority prefix typed in either format
        ("TM.", "T/M", "tm" → "T/M" for the Party, "TM." for the state); other text unchanged."""
        key = re.sub(r"[\s./]", "", text or "").upper()
        return self.authorities.get(key, (text or "").strip())

    def number(self, stored: str, *, type_code: str = "", symbol: str = "") -> str:
        """The whole number line: "Số: 05/CTr-HĐND" (state), "Số 15-CTr/BTGDVTU" (Party)."""
        return f"{self.number_label} {self.number_text(stored, type_code=type_code, symbol=symbol)}"

    def number_text(self, stored: str, *, type_code: str = "", symbol: str = "") -> str:
        """The number and symbol in this profile's pattern ("05/CTr-HĐND", "15-CTr/BTGDVTU").

        A stored number shaped number/type-symbol or number-type/symbol with a known type code
        is rewritten in this profile's pattern; any other text is kept as typed. Without a
        number, the number is left blank for the clerk to fill in."""
        text = re.sub(r"^\s*Số\s*:?\s*", "", stored or "", flags=re.IGNORECASE).strip()
        match = NUMBER_SHAPE.fullmatch(text)
        if match and match["type"].upper() in TYPE_CODES_UPPER:
            digits, type_code, symbol = match["number"], match["type"], match["symbol"]
        elif text:
            return text
        else:
            digits = "\u00a0" * 6  # a blank for the number
        if self.pad_number and digits.isdigit() and len(digits) < 2:
            digits = digits.zfill(2)
        return self.number_pattern.format(number=digits, type=type_code, symbol=symbol)


# Type codes of the documents we render (the text between number and issuer symbol).
TYPE_CODES = ("BC", "KH", "CTr", "TB", "GM", "QĐ", "CV", "HD", "QC", "TTr", "NQ", "KL", "CT")
TYPE_CODES_UPPER = {code.upper() for code in TYPE_CODES}
NUMBER_SHAPE = re.compile(r"(?P<number>\d+)\s*[/-]\s*(?P<type>[^\s/-]+)\s*[/-]\s*(?P<symbol>\S+)")

EXPANSIONS = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân"}

STATE_ND30 = FormatProfile(
    code="STATE_ND30",
    font="Times New Roman",
    margins_mm=(20, 20, 30, 15),
    body_size=14,
    line_spacing=1.15,
    first_line_indent_cm=1.27,
    space_after_pt=6,
    page_number_size=13,
    national_title="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    national_title_size=13,
    motto="Độc lập - Tự do - Hạnh phúc",
    motto_size=14,
    parent_size=13,
    issuer_size=13,
    issuer_mark="rule",
    number_label="Số:",
    number_pattern="{number}/{type}-{symbol}",
    pad_number=True,
    number_size=13,
    date_size=14,
    date_align="center",
    type_size=14,
    summary_size=14,
    summary_mark="rule",
    letter_summary_size=12,
    letter_summary_italic=False,
    authorities={"TM": "TM.", "KT": "KT.", "Q": "Q.", "TL": "TL.", "TUQ": "TUQ."},
    signature_size=14,
    recipients_label_size=12,
    recipients_label_bold=True,
    recipients_label_italic=True,
    recipients_label_underline=False,
    recipients_item_size=11,
    expansions=EXPANSIONS,
)

PARTY_HD36 = FormatProfile(
    code="PARTY_HD36",
    font="Times New Roman",
    margins_mm=(20, 20, 30, 15),  # (verify)
    body_size=14,
    line_spacing=1.15,
    first_line_indent_cm=1.27,
    space_after_pt=6,
    page_number_size=14,
    national_title="ĐẢNG CỘNG SẢN VIỆT NAM",
    national_title_size=15,
    motto="",
    motto_size=14,
    parent_size=14,
    issuer_size=14,
    issuer_mark="*",
    number_label="Số",
    number_pattern="{number}-{type}/{symbol}",
    pad_number=False,  # (verify) the examples are two- and three-digit numbers
    number_size=14,
    date_size=14,
    date_align="right",  # (verify)
    type_size=15,
    summary_size=14,
    summary_mark="-----",  # (verify)
    letter_summary_size=12,
    letter_summary_italic=True,
    # (verify) "K/T" and "T/L"; acting and proxy keep the state spelling until confirmed.
    authorities={"TM": "T/M", "KT": "K/T", "Q": "Q.", "TL": "T/L", "TUQ": "TUQ."},
    signature_size=14,
    recipients_label_size=14,  # (verify) style: underlined vs bold italic
    recipients_label_bold=False,
    recipients_label_italic=False,
    recipients_label_underline=True,
    recipients_item_size=12,
    expansions=EXPANSIONS,
)

PROFILES = {p.code: p for p in (STATE_ND30, PARTY_HD36)}


def profile_for(organisation) -> FormatProfile:
    """The issuer's side decides: Party bodies use HD36, every other body ND30."""
    return PARTY_HD36 if organisation.side == organisation.Side.PARTY else STATE_ND30


# --- place and date ---------------------------------------------------------------------------
UNIT_PREFIXES = ("Thành phố ", "Tỉnh ", "Đặc khu ", "Phường ", "Xã ", "Thị trấn ")


def place_name(unit_name: str) -> str:
    """The place on a document: the unit's name without its kind ("Thành phố Hà Nội" → "Hà
    Nội", "Phường Đức Phổ" → "Đức Phổ"), except a numbered unit ("Phường 15")."""
    for prefix in UNIT_PREFIXES:
        if unit_name.lower().startswith(prefix.lower()):
            rest = unit_name[len(prefix) :].strip()
            return unit_name if rest.isdigit() else rest
    return unit_name


PADDED_MONTHS = {1, 2}  # ND30: days under 10 and months 1–2 take a leading zero


def place_and_date(place: str, day: date | None) -> str:
    """ "Quảng Ngãi, ngày 05 tháng 01 năm 2022"; blanks for the clerk when there is no date."""
    if day is None:
        return f"{place}, ngày {BLANK} tháng {BLANK} năm {BLANK}"
    month = f"{day.month:02d}" if day.month in PADDED_MONTHS else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


BLANK = "\u00a0" * 4


def short_date(day: date) -> str:
    """dd/mm/yyyy, for tables and references inside the text."""
    return day.strftime("%d/%m/%Y")

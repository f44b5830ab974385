"""The official document formats as data (FORMATS.md): the state's Decree 30/2020/NĐ-CP and the
Party's Guidance 36-HD/VPTW. The issuer's side chooses the profile, never the topic. Points the
format guide marks "(verify)" are plain fields here, so they can be corrected without code."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FormatProfile:
    code: str
    font: str
    body_size: int
    heading_size: int
    title_size: int
    margins_mm: tuple[int, int, int, int]  # top, bottom, left, right
    number_prefix: str  # "Số: " (state) or "Số " (Party)
    on_behalf: str  # "TM." or "T/M"
    signing_for: str  # "KT." or "K/T"
    national_title: tuple[str, ...]  # the top-right heading lines
    issuer_rule: str  # "rule" (a short line) or "*" under the issuing body


STATE_ND30 = FormatProfile(
    code="STATE_ND30",
    font="Times New Roman",
    body_size=14,
    heading_size=13,
    title_size=14,
    margins_mm=(20, 20, 30, 15),
    number_prefix="Số: ",
    on_behalf="TM.",
    signing_for="KT.",
    national_title=("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"),
    issuer_rule="rule",
)
PARTY_HD36 = FormatProfile(
    code="PARTY_HD36",
    font="Times New Roman",
    body_size=14,
    heading_size=14,
    title_size=15,
    margins_mm=(20, 20, 30, 15),  # (verify)
    number_prefix="Số ",
    on_behalf="T/M",
    signing_for="K/T",  # (verify)
    national_title=("ĐẢNG CỘNG SẢN VIỆT NAM",),
    issuer_rule="*",
)


def profile_for(organisation) -> FormatProfile:
    return PARTY_HD36 if organisation.side == organisation.Side.PARTY else STATE_ND30


MONTHS_PADDED = {1, 2}  # ND30: days under 10 and months 1–2 take a leading zero


def place_and_date(place: str, day) -> str:
    month = f"{day.month:02d}" if day.month in MONTHS_PADDED else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"

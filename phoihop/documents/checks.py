"""The format check: every rule of FORMATS.md a DOCX breaks, in Vietnamese.

`check_document(path_or_bytes, profile=None)` reads a document as a clerk's Word file (any
DOCX, not only ours) and returns the problems found; an empty list means it passes. The profile
is the one given, or read from the heading ("ĐẢNG CỘNG SẢN VIỆT NAM": the Party's HD36,
otherwise the state's ND30); in a joint document each issuer's block is checked in its own
format. `manage.py check_document FILE.docx` prints the same list.
"""

from __future__ import annotations

import io
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from .issuer import BOUND_PAIRS
from .profiles import PARTY_HD36, STATE_ND30, FormatProfile

FONTS = {"Times New Roman", "Liberation Serif", "Tinos"}  # the substitutes have its metrics
# FORMATS.md margins in mm (top, bottom, left, right); the Party's are one value each (verify).
MARGINS = {
    STATE_ND30.code: ((20, 25), (20, 25), (30, 35), (15, 20)),
    PARTY_HD36.code: tuple((m, m) for m in PARTY_HD36.margins_mm),
}
TYPE_SIZES = {STATE_ND30.code: (13, 14), PARTY_HD36.code: (15, 16)}
BODY_SIZES = {STATE_ND30.code: (13, 14), PARTY_HD36.code: (14, 15)}
BLANK = "[\u00a0 ]*"  # a number or date part left for the clerk
NUMBER_PATTERNS = {
    # A state letter may carry the issuer's symbol alone ("12/UBND") or with its unit's.
    STATE_ND30.code: re.compile(rf"Số: (?:\d{{2,}}|{BLANK})/[^\s/-]+(?:-[^\s/]+)?"),
    PARTY_HD36.code: re.compile(rf"Số (?:\d+|{BLANK})-[^\s/]+/\S+"),
}
DATE = re.compile(r".+, ngày\s*(?P<day>\d*)\s*tháng\s*(?P<month>\d*)\s*năm\s*(?P<year>\d*)")
AUTHORITY = re.compile(r"^(TM\.|KT\.|Q\.|TL\.|TUQ\.|T/M|K/T|T/L)\s+(\S.*)$")
# Words that start a body's name: after "KT." comes the head's title, never the body.
BODY_WORDS = (
    "SỞ",
    "BAN TUYÊN GIÁO",
    "ỦY BAN",
    "UBND",
    "HỘI ĐỒNG",
    "HĐND",
    "THƯỜNG TRỰC",
    "TỈNH ỦY",
    "THÀNH ỦY",
    "ĐẢNG ỦY",
    "TÒA ÁN",
    "VIỆN KIỂM SÁT",
)
COMMITTEE_WORDS = ("TỈNH ỦY", "THÀNH ỦY", "ĐẢNG ỦY", "HUYỆN ỦY", "QUẬN ỦY", "THỊ ỦY")


@dataclass(frozen=True)
class Problem:
    rule: str  # page, margins, fonts, header, number, date, type, body, closing, recipients…
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.message}"


def check_document(source, profile: FormatProfile | None = None) -> list[Problem]:
    """The problems of the DOCX at `source` (a path, bytes or a binary file)."""
    document = Document(_stream(source))
    reading = Reading(document)
    profile = profile or reading.profile()
    problems = []
    for check in CHECKS:
        problems += check(reading, profile)
    return problems


def _stream(source):
    if isinstance(source, bytes):
        return io.BytesIO(source)
    if isinstance(source, str | Path):
        return str(source)
    return source


# --- reading ----------------------------------------------------------------------------------
def text_of(paragraph: Paragraph) -> str:
    """The paragraph's text, line breaks as spaces, no-break spaces as spaces."""
    return " ".join(paragraph.text.split())


def lines_of(paragraph: Paragraph) -> list[str]:
    """The paragraph's printed lines (its explicit breaks)."""
    return [line for line in paragraph.text.split("\n") if line.strip()]


def filled(paragraphs) -> list[Paragraph]:
    return [p for p in paragraphs if p.text.strip()]


class Reading:
    """The parts of a document the rules look at."""

    def __init__(self, document) -> None:
        self.document = document
        self.blocks = list(document.iter_inner_content())
        first = self.blocks[0] if self.blocks else None
        self.header = first if isinstance(first, Table) else None
        self.top = [b for b in self.blocks if isinstance(b, Paragraph)]

    def containers(self) -> list[list[Paragraph]]:
        """The top-level paragraphs, then each table cell's."""
        found = [self.top]
        for block in self.blocks:
            if isinstance(block, Table):
                found += [cell.paragraphs for row in block.rows for cell in row.cells]
        return found

    def every_paragraph(self) -> list[Paragraph]:
        return [p for container in self.containers() for p in container]

    def issuer_blocks(self) -> list[tuple[list[Paragraph], list[Paragraph], list, list]]:
        """Each issuer's (body cell, heading cell, number cell, place-and-date cell) paragraphs:
        the header table's rows go in pairs."""
        if self.header is None:
            return []
        rows = self.header.rows
        return [
            (
                filled(rows[i].cells[0].paragraphs),
                filled(rows[i].cells[1].paragraphs),
                filled(rows[i + 1].cells[0].paragraphs),
                filled(rows[i + 1].cells[1].paragraphs),
            )
            for i in range(0, len(rows) - 1, 2)
            if len(rows[i].cells) == 2
        ]

    def profile(self) -> FormatProfile:
        blocks = self.issuer_blocks()
        heading = blocks[0][1] if blocks else []
        return profile_of_heading(heading)


def profile_of_heading(heading: list[Paragraph]) -> FormatProfile:
    texts = [text_of(p) for p in heading]
    return PARTY_HD36 if PARTY_HD36.national_title in texts else STATE_ND30


def size_of(paragraph: Paragraph, default: float | None = None) -> set[float]:
    sizes = {run.font.size.pt for run in paragraph.runs if run.text.strip() and run.font.size}
    return sizes or ({default} if default else set())


def all_runs(paragraph: Paragraph, attribute: str) -> bool:
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(getattr(run, attribute) for run in runs)


def has_bottom_border(paragraph: Paragraph) -> bool:
    properties = paragraph._p.pPr
    borders = properties.find(qn("w:pBdr")) if properties is not None else None
    return borders is not None and borders.find(qn("w:bottom")) is not None


def _between(value: float, low: float, high: float, slack: float = 0.5) -> bool:
    return low - slack <= value <= high + slack


# --- the rules --------------------------------------------------------------------------------
def check_page(reading: Reading, profile: FormatProfile) -> list[Problem]:
    problems = []
    for section in reading.document.sections:
        width, height = section.page_width.mm, section.page_height.mm
        if not (_between(width, 210, 210, 1) and _between(height, 297, 297, 1)):
            problems.append(
                Problem("page", f"Khổ giấy {width:.0f} × {height:.0f} mm, phải là A4 đứng.")
            )
        margins = (section.top_margin, section.bottom_margin, section.left_margin)
        margins += (section.right_margin,)
        names = ("trên", "dưới", "trái", "phải")
        for name, margin, (low, high) in zip(names, margins, MARGINS[profile.code], strict=True):
            if margin is None or not _between(margin.mm, low, high):
                shown = "không đặt" if margin is None else f"{margin.mm:.0f} mm"
                wanted = f"{low} mm" if low == high else f"{low}–{high} mm"
                problems.append(Problem("margins", f"Lề {name} {shown}, phải {wanted}."))
    return problems


def check_fonts(reading: Reading, profile: FormatProfile) -> list[Problem]:
    problems = []
    defaults = reading.document.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    if fonts is None or fonts.get(qn("w:asciiTheme")) or fonts.get(qn("w:ascii")) not in FONTS:
        problems.append(
            Problem("fonts", "Phông chữ mặc định của văn bản không phải Times New Roman.")
        )
    normal = reading.document.styles["Normal"].font.name
    if normal not in FONTS | {None}:
        problems.append(Problem("fonts", f"Kiểu chữ Normal dùng phông {normal}."))
    others = {
        run.font.name
        for paragraph in reading.every_paragraph()
        for run in paragraph.runs
        if run.font.name and run.font.name not in FONTS
    }
    for name in sorted(others):
        problems.append(Problem("fonts", f"Có đoạn dùng phông {name}, phải là Times New Roman."))
    return problems


def check_header(reading: Reading, profile: FormatProfile) -> list[Problem]:
    blocks = reading.issuer_blocks()
    if not blocks:
        return [Problem("header", "Thiếu phần đầu văn bản (bảng tên cơ quan và quốc hiệu).")]
    problems = []
    for body, heading, _, _ in blocks:
        own = profile_of_heading(heading)
        problems += _heading_problems(heading, own) + _issuer_problems(body, own)
    return problems


def _heading_problems(heading: list[Paragraph], profile: FormatProfile) -> list[Problem]:
    texts = [text_of(p) for p in heading]
    if profile.national_title not in texts:
        return [Problem("header", f"Thiếu dòng «{profile.national_title}».")]
    problems = []
    title = heading[texts.index(profile.national_title)]
    if not all_runs(title, "bold") or size_of(title) != {profile.national_title_size}:
        problems.append(
            Problem(
                "header",
                f"«{profile.national_title}» phải in đậm, cỡ {profile.national_title_size}.",
            )
        )
    if profile.motto:
        if profile.motto not in texts:
            problems.append(Problem("header", f"Thiếu tiêu ngữ «{profile.motto}»."))
        elif not all_runs(heading[texts.index(profile.motto)], "bold"):
            problems.append(Problem("header", "Tiêu ngữ phải in đậm."))
    return problems


def _issuer_problems(body: list[Paragraph], profile: FormatProfile) -> list[Problem]:
    names = [p for p in body if text_of(p) not in {profile.issuer_mark, ""}]
    issuers = [p for p in names if all_runs(p, "bold")]
    if not issuers:
        return [Problem("header", "Thiếu tên cơ quan ban hành in đậm.")]
    problems = []
    issuer, parents = text_of(issuers[-1]), [text_of(p) for p in names if p not in issuers]
    parent = parents[0] if parents else ""
    if issuer != issuer.upper() or (parent and parent != parent.upper()):
        problems.append(Problem("header", "Tên cơ quan ban hành phải viết in hoa."))
    if parent and issuer.endswith(parent):
        problems.append(
            Problem("header", f"«{issuer}» lặp lại dòng trên «{parent}»; chỉ ghi tên cơ quan.")
        )
    is_committee = issuer.startswith(COMMITTEE_WORDS) or issuer in {"TỈNH ỦY", "THÀNH ỦY"}
    if parent.startswith("ĐẢNG BỘ") and not is_committee:
        problems.append(
            Problem(
                "header",
                f"«{parent}» chỉ đứng đầu văn bản của chính cấp ủy; «{issuer}» ghi cấp ủy "
                "trực tiếp (ví dụ «TỈNH ỦY QUẢNG NGÃI»).",
            )
        )
    if profile.issuer_mark == "rule":
        # The rule is an empty paragraph with a bottom border after the issuer in its cell.
        cell = issuers[-1]._parent.paragraphs
        position = [p._p for p in cell].index(issuers[-1]._p)
        if not any(has_bottom_border(p) for p in cell[position:]):
            problems.append(Problem("header", "Thiếu gạch ngang dưới tên cơ quan ban hành."))
    elif profile.issuer_mark not in [text_of(p) for p in body]:
        problems.append(Problem("header", f"Thiếu dấu «{profile.issuer_mark}» dưới tên cơ quan."))
    for paragraph in body:
        problems += _split_pairs(paragraph)
    sizes = {s for p in issuers for s in size_of(p)}
    if sizes and sizes != {profile.issuer_size}:
        problems.append(Problem("header", f"Tên cơ quan ban hành phải cỡ {profile.issuer_size}."))
    return problems


def _split_pairs(paragraph: Paragraph) -> list[Problem]:
    """A line break inside a word pair such as "TỈNH ỦY"."""
    lines = [line.split() for line in lines_of(paragraph)]
    problems = []
    for upper, lower in itertools.pairwise(lines):
        pair = f"{upper[-1]} {lower[0]}"
        if pair.lower() in BOUND_PAIRS:
            problems.append(
                Problem("header", f"Xuống dòng giữa «{pair}» trong «{text_of(paragraph)}».")
            )
    return problems


def check_number(reading: Reading, profile: FormatProfile) -> list[Problem]:
    problems = []
    for _, heading, number, _ in reading.issuer_blocks():
        own = profile_of_heading(heading)
        line = text_of(number[0]) if number else ""
        if not NUMBER_PATTERNS[own.code].fullmatch(line.replace("\u00a0", " ")):
            example = "Số: 05/BC-HĐND" if own is STATE_ND30 else "Số 310-CV/BTGTU"
            problems.append(
                Problem("number", f"Số, ký hiệu «{line}» không đúng mẫu (ví dụ «{example}»).")
            )
    return problems


def check_date(reading: Reading, profile: FormatProfile) -> list[Problem]:
    problems = []
    for _, _, _, place_date in reading.issuer_blocks():
        line = text_of(place_date[0]) if place_date else ""
        match = DATE.fullmatch(line)
        if match is None:
            problems.append(Problem("date", f"Địa danh, ngày tháng «{line}» không đúng mẫu."))
            continue
        day, month = match["day"], match["month"]
        if day.isdigit() and len(day) != 2:
            problems.append(Problem("date", f"Ngày dưới 10 phải thêm số 0 phía trước: «{line}»."))
        if month.isdigit() and len(month) != (2 if int(month) in {1, 2, 10, 11, 12} else 1):
            problems.append(
                Problem("date", f"Chỉ tháng 1, 2 thêm số 0 phía trước (01, 02): «{line}».")
            )
        if not all_runs(place_date[0], "italic"):
            problems.append(Problem("date", "Địa danh, ngày tháng phải in nghiêng."))
    return problems


def check_type(reading: Reading, profile: FormatProfile) -> list[Problem]:
    """The type line under the header (a letter has its V/v line under the number instead)."""
    numbers = [p for block in reading.issuer_blocks() for p in block[2]]
    if any(text_of(p).startswith("V/v") for p in numbers):
        return []
    first = next((p for p in reading.top if p.text.strip()), None)
    if first is None:
        return [Problem("type", "Thiếu tên loại văn bản.")]
    text = text_of(first)
    low, high = TYPE_SIZES[profile.code]
    if text != text.upper() or not all_runs(first, "bold"):
        return [Problem("type", f"Tên loại văn bản «{text}» phải in hoa, đậm.")]
    if not all(_between(size, low, high, 0) for size in size_of(first, profile.body_size)):
        return [Problem("type", f"Tên loại văn bản phải cỡ {low}–{high}.")]
    return []


def check_body(reading: Reading, profile: FormatProfile) -> list[Problem]:
    low, high = BODY_SIZES[profile.code]
    justified = [p for p in reading.top if p.text.strip() and p.paragraph_format.first_line_indent]
    sizes = {s for p in justified for s in size_of(p)}
    wrong = sorted(s for s in sizes if not _between(s, low, high, 0))
    if wrong:
        shown = ", ".join(f"{s:g}" for s in wrong)
        return [Problem("body", f"Nội dung cỡ chữ {shown}, phải {low}–{high}.")]
    return []


def check_closing(reading: Reading, profile: FormatProfile) -> list[Problem]:
    if any(text_of(p).endswith("./.") for p in reading.top):
        return []
    return [Problem("closing", "Nội dung văn bản phải kết thúc bằng dấu «./.».")]


def check_recipients(reading: Reading, profile: FormatProfile) -> list[Problem]:
    for container in reading.containers():
        texts = [text_of(p) for p in container]
        if "Nơi nhận:" in texts:
            start = texts.index("Nơi nhận:")
            return _recipients_problems(container[start], container[start + 1 :], profile)
    return [Problem("recipients", "Thiếu phần «Nơi nhận:».")]


def _recipients_problems(label: Paragraph, following, profile: FormatProfile) -> list[Problem]:
    problems = []
    styles = [
        ("bold", profile.recipients_label_bold, "in đậm"),
        ("italic", profile.recipients_label_italic, "in nghiêng"),
        ("underline", profile.recipients_label_underline, "gạch chân"),
    ]
    for attribute, wanted, word in styles:
        if wanted and not all_runs(label, attribute):
            problems.append(Problem("recipients", f"Chữ «Nơi nhận:» phải {word}."))
    if size_of(label) != {profile.recipients_label_size}:
        problems.append(
            Problem("recipients", f"Chữ «Nơi nhận:» phải cỡ {profile.recipients_label_size}.")
        )
    items = []
    for paragraph in following:
        if not text_of(paragraph).startswith("- "):
            break
        items.append(paragraph)
    if not items or not text_of(items[-1]).startswith("- Lưu: VT"):
        problems.append(Problem("recipients", "Dòng cuối nơi nhận phải là «- Lưu: VT…»."))
    elif not text_of(items[-1]).endswith("."):
        problems.append(Problem("recipients", "Dòng «- Lưu: VT…» phải kết thúc bằng dấu chấm."))
    for item in items[:-1]:
        if not text_of(item).endswith(";"):
            problems.append(
                Problem("recipients", f"Nơi nhận «{text_of(item)}» phải kết thúc bằng «;».")
            )
    sizes = {s for p in items for s in size_of(p)}
    if sizes and sizes != {profile.recipients_item_size}:
        problems.append(
            Problem("recipients", f"Các nơi nhận phải cỡ {profile.recipients_item_size}.")
        )
    return problems


def check_authority(reading: Reading, profile: FormatProfile) -> list[Problem]:
    """Authority lines in the issuers' spelling (a joint document signs in each side's), and
    "KT." naming the head's title."""
    # The host is checked in `profile`, every other side in the format of its heading.
    others = [profile_of_heading(block[1]) for block in reading.issuer_blocks()[1:]]
    spelled = {text for own in [profile, *others] for text in own.authorities.values()}
    problems = []
    for block in reading.blocks[1:]:
        if not isinstance(block, Table):
            continue
        for row in block.rows:
            for cell in row.cells:
                problems += _authority_problems(filled(cell.paragraphs), spelled)
    return problems


def _authority_problems(paragraphs: list[Paragraph], spelled: set[str]) -> list[Problem]:
    problems = []
    texts = [text_of(p) for p in paragraphs]
    for index, text in enumerate(texts):
        match = AUTHORITY.match(text)
        if match is None:
            continue
        prefix, rest = match.groups()
        if prefix not in spelled:
            shown = ", ".join(sorted(spelled))
            problems.append(
                Problem("authority", f"«{prefix}» không đúng thể thức này (dùng: {shown}).")
            )
        if prefix in {"KT.", "K/T"}:
            if rest.startswith(BODY_WORDS):
                problems.append(
                    Problem(
                        "authority",
                        f"«{text}»: sau «{prefix}» ghi chức danh người đứng đầu (ví dụ «GIÁM "
                        "ĐỐC», «TRƯỞNG BAN»), không ghi tên cơ quan.",
                    )
                )
            if index + 1 >= len(texts) or AUTHORITY.match(texts[index + 1]):
                problems.append(
                    Problem("authority", f"Sau «{text}» phải có chức vụ của người ký thay.")
                )
        if not all_runs(paragraphs[index], "bold"):
            problems.append(Problem("authority", f"«{text}» phải in hoa, đậm."))
    for paragraph in paragraphs:
        problems += [Problem("authority", p.message) for p in _split_pairs(paragraph)]
    return problems


CHECKS = [
    check_page,
    check_fonts,
    check_header,
    check_number,
    check_date,
    check_type,
    check_body,
    check_closing,
    check_recipients,
    check_authority,
]

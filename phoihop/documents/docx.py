"""Building blocks for official documents in DOCX (python-docx), shared by every document.

A document is composed from generic parts — page setup, the header (issuer blocks, national
title, number, place and date), type and summary, body paragraphs, signature blocks side by
side, the recipients block, tables — each sized and spelled by a `FormatProfile`.

Header and signature blocks are borderless tables and rules are paragraph borders, so a clerk
edits the file normally in Word. Tables grow with `add_row().cells` (cell(i, j) in a loop is
quadratic).
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from .profiles import FormatProfile

CENTER, LEFT, RIGHT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)
ALIGN = {"center": CENTER, "right": RIGHT, "left": LEFT}
CELL_MARGIN_CM = 0.19  # Word's default left and right cell margin
HEADER_WIDTHS_CM = (6.2, 10.3)  # issuer column, national title column (A4 less 30 + 15 mm)
FOOTER_WIDTHS_CM = (8.0, 8.5)  # recipients | signature


@dataclass(frozen=True)
class IssuerBlock:
    """One issuer's part of the header: its body on the left, the heading on the right, and the
    number and the place and date on one line beneath them."""

    profile: FormatProfile
    issuer: str
    parent: str = ""
    number: str = ""  # the whole line, e.g. profile.number(...)
    place_date: str = ""  # the whole line, e.g. place_and_date(...)
    subject: str = ""  # a letter's "V/v …" line under the number
    mark: str = ""  # urgency ("KHẨN", "HỎA TỐC") under the number


@dataclass(frozen=True)
class Signature:
    """One signing side: its authority lines ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ
    TỊCH", see `issuer.Issuer.authority_lines`) and the signatory's name."""

    profile: FormatProfile
    lines: list[str]
    name: str


class OfficialDocument:
    """One document; `profile` is the format of the issuer (for a joint document, the host)."""

    def __init__(self, profile: FormatProfile) -> None:
        self.profile = profile
        self.document = Document()
        self._last_body = None
        self._page_setup()
        self._styles()

    # --- page and styles ----------------------------------------------------------------------
    @property
    def text_width_cm(self) -> float:
        _, _, left, right = self.profile.margins_mm
        return (210 - left - right) / 10

    def _page_setup(self) -> None:
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        top, bottom, left, right = self.profile.margins_mm
        section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
        section.left_margin, section.right_margin = Mm(left), Mm(right)
        section.header_distance = section.footer_distance = Mm(10)
        # Page numbers centred in the top margin from page 2; page 1's header stays empty.
        section.different_first_page_header_footer = True
        section.first_page_header.paragraphs[0].text = ""
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = CENTER
        _page_field(paragraph.add_run(), self.profile.page_number_size)

    def _styles(self) -> None:
        font = self.profile.font
        # Document defaults name the theme fonts (Calibri): replace them everywhere.
        defaults = self.document.styles.element.find(qn("w:docDefaults"))
        run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _set_fonts(run_defaults, font)
        language = run_defaults.find(qn("w:lang"))
        if language is not None:
            language.set(qn("w:val"), "vi-VN")
        spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
        if spacing is not None:
            spacing.set(qn("w:after"), "0")
            spacing.set(qn("w:line"), "240")
        for name in ("Normal", "Header", "Footer", "Table Grid"):
            style = self.document.styles[name]
            style.font.name = font
            _set_fonts(style.element.get_or_add_rPr(), font)
        normal = self.document.styles["Normal"]
        normal.font.size = Pt(self.profile.body_size)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.line_spacing = 1.0

    # --- text ---------------------------------------------------------------------------------
    def line(
        self,
        container,
        text: str,
        *,
        size: float | None = None,
        bold: bool = False,
        italic: bool = False,
        underline: bool = False,
        align=CENTER,
        first: bool = False,
    ):
        """A paragraph of one run; "\\n" in `text` becomes a line break. `first` fills the
        container's existing empty paragraph (a new table cell has one)."""
        paragraph = container.paragraphs[0] if first else container.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        for index, part in enumerate(text.split("\n")):
            if index:
                run.add_break()
            run.add_text(part)
        # None (inherit) rather than False keeps the XML as a clerk's Word would write it.
        run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
        run.font.size = Pt(size or self.profile.body_size)
        return paragraph

    def fitted(self, container, text: str, width_cm: float, *, size: float, bold=False, **kw):
        """A centred line broken into balanced lines that fit `width_cm` (long body names)."""
        lines = balanced_lines(text, width_cm, size=size, bold=bold)
        return self.line(container, "\n".join(lines), size=size, bold=bold, **kw)

    def rule(self, container, length_cm: float, within_cm: float, *, align=CENTER):
        """A short horizontal rule: an empty paragraph with a bottom border, indented so the
        border is `length_cm` long inside a column `within_cm` wide."""
        paragraph = container.add_paragraph()
        run = paragraph.add_run()
        run.font.size = Pt(2)
        _tiny_line(paragraph)
        spare = max(within_cm - length_cm, 0)
        left = spare / 2 if align == CENTER else 0
        paragraph.paragraph_format.left_indent = Cm(left)
        paragraph.paragraph_format.right_indent = Cm(spare - left)
        _bottom_border(paragraph)
        return paragraph

    def body(self, text: str, *, bold: bool = False, italic: bool = False):
        """Justified body paragraphs with a first-line indent; each line of `text` is one."""
        paragraph = None
        for part in [p.strip() for p in text.splitlines() if p.strip()] or [""]:
            paragraph = self.document.add_paragraph()
            paragraph.alignment = JUSTIFY
            layout = paragraph.paragraph_format
            layout.first_line_indent = Cm(self.profile.first_line_indent_cm)
            layout.space_after = Pt(self.profile.space_after_pt)
            layout.line_spacing = self.profile.line_spacing
            run = paragraph.add_run(part)
            run.bold, run.italic = bold or None, italic or None
            run.font.size = Pt(self.profile.body_size)
            self._last_body = paragraph
        return paragraph

    def heading(self, text: str):
        """A numbered section heading ("I. CĂN CỨ", "1. …"): a bold body paragraph."""
        return self.body(text, bold=True)

    def close_body(self) -> None:
        """End the body with "./." on its last paragraph (ND30)."""
        if self._last_body is None:
            self._last_body = self.body("")
        runs = self._last_body.runs
        text = runs[-1].text.rstrip().rstrip(".")
        runs[-1].text = f"{text}./."

    def spacer(self, size: float = 6) -> None:
        paragraph = self.document.add_paragraph()
        paragraph.add_run().font.size = Pt(size)

    # --- blocks -------------------------------------------------------------------------------
    def header(self, blocks: list[IssuerBlock], widths_cm=HEADER_WIDTHS_CM):
        """One pair of rows per issuer: body | heading, then number | place and date."""
        table = borderless_table(self.document, cols=2, widths_cm=widths_cm)
        left_cm, right_cm = (w - 2 * CELL_MARGIN_CM for w in widths_cm)
        for index, block in enumerate(blocks):
            profile = block.profile
            top = table.rows[0] if index == 0 else _add_row(table, widths_cm)
            left, right = top.cells
            if index:
                # Space between two issuers' blocks.
                self.line(left, "", size=8, first=True)
                self.line(right, "", size=8, first=True)
            if block.parent:
                self.fitted(
                    left, block.parent.upper(), left_cm, size=profile.parent_size, first=not index
                )
            first = not index and not block.parent
            issuer = block.issuer.upper()
            self.fitted(left, issuer, left_cm, size=profile.issuer_size, bold=True, first=first)
            if profile.issuer_mark == "rule":
                self.rule(left, _short_rule(issuer, left_cm, profile.issuer_size), left_cm)
            else:
                self.line(left, profile.issuer_mark, size=profile.issuer_size)
            self.national(right, profile, right_cm, first=not index)
            bottom = _add_row(table, widths_cm)
            left, right = bottom.cells
            self.line(left, block.number, size=profile.number_size, first=True)
            if block.subject:
                size, italic = profile.letter_summary_size, profile.letter_summary_italic
                self.line(left, block.subject, size=size, italic=italic)
            if block.mark:
                self.line(left, block.mark.upper(), size=profile.number_size, bold=True)
            self.line(
                right,
                block.place_date,
                size=profile.date_size,
                italic=True,
                align=ALIGN[profile.date_align],
                first=True,
            )
            for cell in (*top.cells, *bottom.cells):
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        return table

    def national(self, cell, profile: FormatProfile, width_cm: float, *, first=True) -> None:
        """National title and motto (state), or the Party heading, each with its rule."""
        title_size = profile.national_title_size
        self.line(cell, profile.national_title, size=title_size, bold=True, first=first)
        if profile.motto:
            self.line(cell, profile.motto, size=profile.motto_size, bold=True)
            length = text_width_cm(profile.motto, profile.motto_size, bold=True)
        else:
            length = text_width_cm(profile.national_title, title_size, bold=True)
        self.rule(cell, length, width_cm)

    def title(self, kind: str, summary: str) -> None:
        """Document type (caps bold) and summary (bold) under it, with the profile's mark."""
        profile = self.profile
        self.spacer(12)
        self.line(self.document, kind.upper(), size=profile.type_size, bold=True)
        width = self.text_width_cm
        if summary:
            self.fitted(self.document, summary, width * 0.85, size=profile.summary_size, bold=True)
        if profile.summary_mark == "rule":
            length = _short_rule(summary or kind, width * 0.85, profile.summary_size)
            self.rule(self.document, length, width)
        else:
            self.line(self.document, profile.summary_mark, size=profile.summary_size)
        self.spacer(12)

    def signatures(self, signatures: list[Signature], per_row: int = 2):
        """Signature blocks side by side (two to a row): the authority lines, space to sign,
        the name — names aligned on one row whatever the titles' length."""
        columns = min(per_row, len(signatures)) or 1
        width = self.text_width_cm / columns
        table = borderless_table(self.document, cols=columns, widths_cm=[width] * columns)
        inner = width - 2 * CELL_MARGIN_CM
        for start in range(0, len(signatures), columns):
            group = signatures[start : start + columns]
            heads = table.rows[0] if start == 0 else _add_row(table, [width] * columns)
            space = _add_row(table, [width] * columns)
            names = _add_row(table, [width] * columns)
            # A group of one sits on the right, like a single signature.
            offset = columns - len(group)
            for position, signature in enumerate(group, start=offset):
                profile = signature.profile
                size = profile.signature_size
                cell = heads.cells[position]
                for index, line in enumerate(signature.lines):
                    self.fitted(cell, line, inner, size=size, bold=True, first=index == 0)
                for index in range(4):
                    self.line(space.cells[position], "", size=size, first=index == 0)
                self.line(names.cells[position], signature.name, size=size, bold=True, first=True)
        return table

    def recipients(self, items: list[str], archive: str = "VT"):
        """ "Nơi nhận:" bottom left; each item on its own line "- …;", the last "- Lưu: VT."."""
        profile = self.profile
        self.spacer(6)
        self.line(
            self.document,
            "Nơi nhận:",
            size=profile.recipients_label_size,
            bold=profile.recipients_label_bold,
            italic=profile.recipients_label_italic,
            underline=profile.recipients_label_underline,
            align=LEFT,
        )
        for item in items:
            text = f"- {item.strip().rstrip(';.')};"
            self.line(self.document, text, size=profile.recipients_item_size, align=LEFT)
        self.line(
            self.document, f"- Lưu: {archive}.", size=profile.recipients_item_size, align=LEFT
        )

    def closing_block(self, recipients: list[str], authority: list[str], name: str):
        """ "Nơi nhận" bottom left (each "- …;", the last "- Lưu: VT.") and the signature on
        the right — its authority lines, space to sign, the name — in one borderless table,
        as ND30 lays them out."""
        profile = self.profile
        table = borderless_table(self.document, cols=2, widths_cm=FOOTER_WIDTHS_CM)
        left, right = table.rows[0].cells
        self.line(
            left,
            "Nơi nhận:",
            size=profile.recipients_label_size,
            bold=profile.recipients_label_bold,
            italic=profile.recipients_label_italic,
            underline=profile.recipients_label_underline,
            align=LEFT,
            first=True,
        )
        for item in recipients:
            text = f"- {item.strip().lstrip('-').strip().rstrip(';.')};"
            self.line(left, text, size=profile.recipients_item_size, align=LEFT)
        self.line(left, "- Lưu: VT.", size=profile.recipients_item_size, align=LEFT)
        inner = FOOTER_WIDTHS_CM[1] - 2 * CELL_MARGIN_CM
        size = profile.signature_size
        for index, line in enumerate(authority):
            self.fitted(right, line, inner, size=size, bold=True, first=index == 0)
        for index in range(4):
            self.line(right, "", size=size, first=not authority and index == 0)
        self.line(right, name or "\u00a0", size=size, bold=True)
        return table

    def table(
        self,
        header: list[str],
        rows,
        widths_cm: list[float],
        *,
        size: float = 12,
        aligns: list[str] | None = None,
    ):
        """A gridded table: a bold header row repeated on every page, then one row per item
        of `rows` (an iterable of lists of strings)."""
        aligns = aligns or ["left"] * len(header)
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _fix_widths(table, widths_cm)
        head = table.rows[0]
        _repeat_header(head)
        for cell, text in zip(head.cells, header, strict=True):
            self.line(cell, text, size=size, bold=True, first=True)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        for values in rows:
            cells = table.add_row().cells
            for cell, text, width, align in zip(cells, values, widths_cm, aligns, strict=True):
                cell.width = Cm(width)
                self.line(cell, text, size=size, align=ALIGN[align], first=True)
        return table

    def page_break(self) -> None:
        self.document.add_page_break()

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


# --- tables -------------------------------------------------------------------------------------
def borderless_table(document, *, cols: int, widths_cm):
    """A table without borders (the default "Normal Table" style), fixed column widths."""
    table = document.add_table(rows=1, cols=cols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fix_widths(table, widths_cm)
    return table


def _fix_widths(table, widths_cm) -> None:
    """Fixed layout with the widths in the grid (LibreOffice reads these) and every cell."""
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def _add_row(table, widths_cm):
    row = table.add_row()
    for cell, width in zip(row.cells, widths_cm, strict=True):
        cell.width = Cm(width)
    return row


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


# --- XML helpers ------------------------------------------------------------------------------
def _set_fonts(run_properties, font: str) -> None:
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(key), font)


def _page_field(run, size: float) -> None:
    """A PAGE field in `run`."""
    for tag, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "2")):
        _field_part(run, tag, text)
    _field_part(run, "end", None)
    run.font.size = Pt(size)


def _field_part(run, tag, text) -> None:
    if tag:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), tag)
    elif text == "PAGE":
        element = OxmlElement("w:instrText")
        element.set(qn("xml:space"), "preserve")
        element.text = " PAGE "
    else:
        element = OxmlElement("w:t")
        element.text = text
    run._r.append(element)


def _bottom_border(paragraph) -> None:
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    # pBdr comes before spacing and indentation in the schema's order.
    anchor = properties.find(qn("w:spacing"))
    if anchor is None:
        anchor = properties.find(qn("w:ind"))
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        properties.append(borders)


def _tiny_line(paragraph) -> None:
    """Exactly 3 pt high, so a rule sits right under the text above it."""
    layout = paragraph.paragraph_format
    layout.line_spacing = Pt(3)
    layout.space_before = layout.space_after = Pt(0)


# --- text width (Times New Roman metrics, in thousandths of an em, for " " to "~") -------------
_REGULAR = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611,
    556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722,
    722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500,
    278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
]  # fmt: skip
_BOLD = [
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722,
    667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000,
    722, 722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333,
    556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394,
    520,
]  # fmt: skip


def text_width_cm(text: str, size: float, bold: bool = False) -> float:
    """The printed width of `text` in Times New Roman (Liberation Serif has the same metrics).
    Vietnamese letters are as wide as their base letter; the horn of ơ, ư adds a little."""
    table = _BOLD if bold else _REGULAR
    total = 0
    for char in text:
        base = unicodedata.normalize("NFD", char)[0].translate(_BASE)
        code = ord(base) - 32
        total += table[code] if 0 <= code < len(table) else 500
        if base in "oOuU" and "\u031b" in unicodedata.normalize("NFD", char):
            total += 60
    return total / 1000 * size * 2.54 / 72


_BASE = str.maketrans({"đ": "d", "Đ": "D", "–": "-", "—": "-", "\u00a0": " "})


MAX_BALANCED_WORDS = 30


def balanced_lines(text: str, width_cm: float, *, size: float, bold: bool = False) -> list[str]:
    """`text` as it fits `width_cm`: one line if it fits, otherwise lines of even width broken
    between words (as clerks break "ỦY BAN NHÂN DÂN / TỈNH QUẢNG NGÃI"), never at a no-break
    space."""
    # Only ordinary spaces break: a no-break space holds a pair such as "TỈNH ỦY" together.
    words = [word for word in text.split(" ") if word]
    if not words or len(words) > MAX_BALANCED_WORDS or text_width_cm(text, size, bold) <= width_cm:
        return [text]  # long text wraps by itself
    best: list[str] | None = None
    for count in range(2, len(words) + 1):
        best = _split_even(words, count, size, bold)
        if all(text_width_cm(line, size, bold) <= width_cm for line in best):
            return best
    return best or [text]


def _split_even(words: list[str], count: int, size: float, bold: bool) -> list[str]:
    """Split `words` into `count` lines minimising the widest (small inputs: exhaustive DP)."""
    n = len(words)
    width = {}

    def line_width(i: int, j: int) -> float:
        if (i, j) not in width:
            width[i, j] = text_width_cm(" ".join(words[i:j]), size, bold)
        return width[i, j]

    # cost[k][i]: the widest line when words[i:] make k lines.
    cost = [[float("inf")] * (n + 1) for _ in range(count + 1)]
    cut = [[n] * (n + 1) for _ in range(count + 1)]
    cost[0][n] = 0.0
    for k in range(1, count + 1):
        for i in range(n - 1, -1, -1):
            for j in range(i + 1, n + 1):
                value = max(line_width(i, j), cost[k - 1][j])
                if value < cost[k][i]:
                    cost[k][i], cut[k][i] = value, j
    lines, i = [], 0
    for k in range(count, 0, -1):
        j = cut[k][i]
        lines.append(" ".join(words[i:j]))
        i = j
    return [line for line in lines if line]


SHORT_RULE = 0.4  # ND30: a rule 1/3 to 1/2 as long as the line above it
SHORT_RULE_MIN_CM = 1.5


def _short_rule(text: str, width_cm: float, size: float) -> float:
    """The length of the short rule under `text` (bold, fitted to `width_cm`)."""
    lines = balanced_lines(text, width_cm, size=size, bold=True)
    widest = max(text_width_cm(line, size, bold=True) for line in lines)
    return max(widest * SHORT_RULE, SHORT_RULE_MIN_CM)

"""Building blocks for official documents in DOCX (python-docx), shared by every document.

Header and signature blocks are borderless tables and rules are paragraph borders, so a clerk
edits the file normally in Word. Tables grow with `add_row().cells` (cell(i, j) in a loop is
quadratic).
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from .profiles import FormatProfile


class OfficialDocument:
    """One document in one format profile."""

    def __init__(self, profile: FormatProfile) -> None:
        self.profile = profile
        self.document = Document()
        self._page_setup()
        self._base_style()

    # --- page and styles ----------------------------------------------------------------------
    def _page_setup(self) -> None:
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        top, bottom, left, right = self.profile.margins_mm
        section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
        section.left_margin, section.right_margin = Mm(left), Mm(right)
        section.different_first_page_header_footer = True  # no page number on page 1
        self._page_number(section.header.paragraphs[0])

    def _base_style(self) -> None:
        style = self.document.styles["Normal"]
        style.font.name = self.profile.font
        style.font.size = Pt(self.profile.body_size)
        style.element.rPr.rFonts.set(qn("w:eastAsia"), self.profile.font)
        style.paragraph_format.space_after = Pt(0)

    def _page_number(self, paragraph) -> None:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run()
        for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if tag:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), tag)
            else:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            run._r.append(element)
        run.font.size = Pt(13)

    # --- text ---------------------------------------------------------------------------------
    def line(
        self,
        container,
        text: str,
        *,
        bold=False,
        italic=False,
        size: int | None = None,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        rule=False,
        first=False,
    ):
        """A one-line paragraph; `rule` draws a short line under it as a paragraph border."""
        paragraph = container.paragraphs[0] if first else container.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        run.font.size = Pt(size or self.profile.body_size)
        if rule:
            _bottom_border(paragraph)
        return paragraph

    def body(self, text: str):
        """A justified body paragraph with a first-line indent and space after."""
        paragraph = self.document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1.27)
        paragraph.paragraph_format.space_after = Pt(6)
        return paragraph

    def heading(self, text: str):
        paragraph = self.body("")
        run = paragraph.add_run(text)
        run.bold = True
        return paragraph

    # --- blocks -------------------------------------------------------------------------------
    def header_table(self, rows: int, widths_cm=(7.0, 9.5)):
        """Issuer blocks on the left, the national title on the right (two columns)."""
        table = self.document.add_table(rows=rows, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for row in table.rows:
            for cell, width in zip(row.cells, widths_cm, strict=True):
                cell.width = Cm(width)
        return table

    def issuer_block(self, cell, *, parent: str, issuer: str, number: str, profile: FormatProfile):
        """Parent body (regular caps), issuing body (bold caps), its rule or "*", the number."""
        self.line(cell, parent.upper(), size=profile.heading_size, first=True)
        rule = profile.issuer_rule == "rule"
        self.line(cell, issuer.upper(), bold=True, size=profile.heading_size, rule=rule)
        if profile.issuer_rule == "*":
            self.line(cell, "*", size=profile.heading_size)
        self.line(cell, f"{profile.number_prefix}{number}", size=13)

    def national_block(self, cell, profile: FormatProfile, first=True):
        title, *motto = profile.national_title
        self.line(
            cell,
            title,
            bold=True,
            size=profile.heading_size + (2 if not motto else 0),
            first=first,
            rule=not motto,
        )
        for text in motto:
            self.line(cell, text, bold=True, size=14, rule=True)

    def signature_table(self, signatures: list[dict]):
        """Side-by-side signature blocks: authority + body, title, space to sign, name."""
        table = self.document.add_table(rows=1, cols=len(signatures))
        for cell, signature in zip(table.rows[0].cells, signatures, strict=True):
            profile = signature["profile"]
            if signature["authority"]:
                self.line(
                    cell,
                    f"{signature['authority']} {signature['body'].upper()}",
                    bold=True,
                    first=True,
                )
                self.line(cell, signature["title"].upper(), bold=True)
            else:
                self.line(cell, signature["title"].upper(), bold=True, first=True)
            for _ in range(3):
                self.line(cell, "")
            self.line(cell, signature["name"], bold=True, size=profile.body_size)
        return table

    def recipients(self, items: list[str]):
        """ "Nơi nhận:" bottom left, each item on its own line, the last "- Lưu: VT."."""
        self.line(
            self.document,
            "Nơi nhận:",
            bold=True,
            italic=True,
            size=12,
            align=WD_ALIGN_PARAGRAPH.LEFT,
        )
        lines = [f"- {item};" for item in items] + ["- Lưu: VT."]
        for text in lines:
            self.line(self.document, text, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)

    def table(self, header: list[str], rows: list[list[str]], widths_cm: list[float]):
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text, width in zip(table.rows[0].cells, header, widths_cm, strict=True):
            cell.width = Cm(width)
            self.line(cell, text, bold=True, size=12, first=True)
        for values in rows:
            cells = table.add_row().cells
            for cell, text, width in zip(cells, values, widths_cm, strict=True):
                cell.width = Cm(width)
                self.line(cell, text, size=12, first=True, align=WD_ALIGN_PARAGRAPH.LEFT)
        return table

    def page_break(self) -> None:
        self.document.add_page_break()

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def _bottom_border(paragraph) -> None:
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    properties.append(borders)

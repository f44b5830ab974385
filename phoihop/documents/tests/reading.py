"""Reading a rendered DOCX back: texts in reading order, tables, runs and borders."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph


def open_docx(content: bytes):
    return Document(io.BytesIO(content))


def flat(text: str) -> str:
    """Line breaks inside a paragraph read as spaces."""
    return " ".join(text.split())


def cell_lines(cell) -> list[str]:
    return [flat(p.text) for p in cell.paragraphs if p.text.strip()]


def body_blocks(document) -> list[Paragraph | Table]:
    """Top-level paragraphs and tables in reading order."""
    return list(document.iter_inner_content())


def top_paragraphs(document) -> list[Paragraph]:
    return [block for block in body_blocks(document) if isinstance(block, Paragraph)]


def all_paragraphs(document) -> list[Paragraph]:
    """Every paragraph, including those in table cells."""
    found = []
    for block in body_blocks(document):
        if isinstance(block, Paragraph):
            found.append(block)
        else:
            for row in block.rows:
                for cell in row.cells:
                    found += cell.paragraphs
    return found


def has_bottom_border(paragraph: Paragraph) -> bool:
    properties = paragraph._p.pPr
    if properties is None:
        return False
    borders = properties.find(qn("w:pBdr"))
    return borders is not None and borders.find(qn("w:bottom")) is not None


def has_page_field(part) -> bool:
    return any(
        " PAGE " in (node.text or "")
        for paragraph in part.paragraphs
        for node in paragraph._p.iter(qn("w:instrText"))
    )


def run_sizes(paragraph: Paragraph) -> set[float]:
    return {run.font.size.pt for run in paragraph.runs if run.font.size is not None}

"""Writing cells of an XLSX export: the one place text becomes a spreadsheet cell (decision 0016).

Every export uses a write-only openpyxl workbook, so rows go through `append_row`. Text is
stripped of what XML cannot hold (so a stored control character never fails an export), and
text a spreadsheet would run as a formula (`= + - @`, tab, CR first) is forced to a string cell
with the quote prefix Excel itself sets when someone types a leading apostrophe.
"""

from __future__ import annotations

from openpyxl.cell import WriteOnlyCell

from phoihop.core.text import strip_unstorable

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(sheet, value):
    """`value` as it may be written to `sheet`: text cleaned, a would-be formula kept as text."""
    if not isinstance(value, str):
        return value
    text = strip_unstorable(value)
    if not text.startswith(FORMULA_PREFIXES):
        return text
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def append_row(sheet, values) -> None:
    """Append one row of `values` to a write-only `sheet`, each through `safe_cell`."""
    sheet.append([safe_cell(sheet, value) for value in values])

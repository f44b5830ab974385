"""The statistics export: figures only, never a contact, a title of a person or a free text."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from phoihop.core.spreadsheets import append_row

from .selectors import ConcernStatistics


def statistics_xlsx(figures: ConcernStatistics) -> bytes:
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)

    def sheet(title: str, header: list[str], rows) -> None:
        ws = workbook.create_sheet(title)
        ws.append([_cell(ws, h, bold) for h in header])
        for row in rows:
            append_row(ws, row)

    sheet(
        "Tổng hợp",
        ["Chỉ tiêu", "Giá trị"],
        [
            ("Tổng số vấn đề", figures.total),
            ("Đang xử lý", figures.open),
            ("Đã kết thúc (có thời gian giải quyết)", figures.resolved),
            ("Thời gian giải quyết, trung vị (ngày)", figures.resolution_median),
            ("Thời gian giải quyết, phân vị 90 (ngày)", figures.resolution_p90),
        ],
    )
    sheet("Theo lĩnh vực", ["Lĩnh vực", "Số vấn đề"], figures.by_category)
    sheet("Theo trạng thái", ["Trạng thái", "Số vấn đề"], figures.by_state)
    sheet("Theo địa bàn", ["Xã, phường", "Số vấn đề"], figures.by_commune)
    sheet("Theo thời gian tồn đọng", ["Thời gian", "Số vấn đề đang xử lý"], figures.by_age)
    sheet(
        "Quá hạn theo cơ quan", ["Cơ quan đang xử lý", "Số vấn đề quá hạn"], figures.past_deadline
    )
    sheet(
        "Địa bàn tăng",
        ["Xã, phường", "30 ngày gần nhất", "30 ngày trước đó"],
        figures.rising,
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(ws, value, font):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    cell.font = font
    return cell

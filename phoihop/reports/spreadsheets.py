"""Evaluations as XLSX (openpyxl, write-only): one row per body and criterion, with the rule."""

from __future__ import annotations

import io

from openpyxl import Workbook

from .selectors import Evaluation

HEADER = ["Cơ quan", "Tiêu chí", "Tử số", "Mẫu số", "Trọng số (%)", "Điểm", "Cách tính"]


def evaluations_xlsx(evaluations: list[Evaluation], title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Đánh giá")
    sheet.append([title])
    sheet.append(HEADER)
    for evaluation in evaluations:
        name = evaluation.organisation.name
        for score in evaluation.scores:
            sheet.append(
                [
                    name,
                    score.label,
                    score.numerator,
                    score.denominator,
                    score.weight,
                    score.points,
                    score.rule,
                ]
            )
        sheet.append([name, "Tổng điểm", None, None, None, evaluation.total, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

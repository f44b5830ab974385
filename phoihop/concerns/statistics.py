"""Figures the six-month reports (RPT) take from concerns, for a subtree and a period."""

from __future__ import annotations

from datetime import date

from django.db.models import F, Q

from phoihop.core.calendar import day_bounds
from phoihop.core.plugins import ReportFigure

from .models import Claim, Concern, ConcernParty, ConcernStep


def report_figures(*, path: str, start: date, end: date) -> list[ReportFigure]:
    """Concerns of the bodies under `path` — captured by their boards, or handled by them as the
    council, the people's committee, an agency or the body transferred to — in the period:
    captured, forwarded to the council, answered, answered on time, overdue at the end of the
    period; and claims corrected."""
    since, until = day_bounds(start, end)
    handled = ConcernParty.objects.filter(organisation__path__startswith=path)
    concerns = Concern.objects.filter(
        Q(board_path__startswith=path) | Q(id__in=handled.values("concern_id")),
        merged_into__isnull=True,
    )
    captured = concerns.filter(created_at__gte=since, created_at__lt=until).count()
    steps = ConcernStep.objects.filter(
        concern__in=concerns, at__gte=since, at__lt=until
    ).values_list("action", "concern_id")
    forwarded = len({cid for action, cid in steps if action == "forward"})
    answered_rows = concerns.filter(answered_on__gte=start, answered_on__lte=end)
    answered = answered_rows.count()
    on_time = answered_rows.filter(Q(due__isnull=True) | Q(answered_on__lte=F("due"))).count()
    overdue = (
        concerns.filter(due__lt=end, created_at__lt=until)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=until))
        .exclude(state=Concern.State.TRANSFERRED)
        .filter(Q(answered_on__isnull=True) | Q(answered_on__gt=end))
        .count()
    )
    corrected = Claim.objects.filter(
        board__path__startswith=path, corrected_on__gte=start, corrected_on__lte=end
    ).count()
    return [
        ReportFigure(
            "concerns_captured",
            "Vấn đề dư luận quan tâm được ghi nhận",
            captured,
            f"Trong kỳ, Ban đã ghi nhận {captured} vấn đề dư luận xã hội quan tâm.",
            "issue",
        ),
        ReportFigure(
            "concerns_forwarded",
            "Vấn đề chuyển Thường trực HĐND",
            forwarded,
            f"Đã chuyển {forwarded} vấn đề đến Thường trực HĐND để đề nghị UBND chỉ đạo "
            "giải quyết.",
            "issue",
        ),
        ReportFigure(
            "concerns_answered",
            "Vấn đề đã được trả lời",
            answered,
            f"Các cơ quan đã trả lời {answered} vấn đề.",
            "issue",
        ),
        ReportFigure(
            "concerns_answered_on_time",
            "Vấn đề được trả lời đúng hạn",
            on_time,
            f"Trong đó {on_time} vấn đề được trả lời đúng hạn.",
            "issue",
        ),
        ReportFigure(
            "concerns_overdue",
            "Vấn đề quá hạn chưa được trả lời",
            overdue,
            f"Đến cuối kỳ còn {overdue} vấn đề quá hạn chưa được trả lời.",
            "issue",
        ),
        ReportFigure(
            "claims_corrected",
            "Thông tin sai sự thật đã được cải chính",
            corrected,
            f"Đã cải chính, giải thích {corrected} thông tin sai sự thật.",
            "issue",
        ),
    ]

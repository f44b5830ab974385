"""Figures the six-month reports (RPT) take from the cases (found by `core.plugins`)."""

from __future__ import annotations

import statistics
from datetime import date

from django.db.models import Count, F, Q

from phoihop.core import calendar
from phoihop.core.plugins import ReportFigure

from .models import Incident, PressConference, PressRelease


def _in_scope(path: str, prefix: str = "") -> Q:
    return Q(**{f"{prefix}board_path__startswith": path}) | Q(
        **{f"{prefix}competent_path__startswith": path}
    )


def _vi(number: float) -> str:
    """1.5 → "1,5" (Vietnamese decimal comma)."""
    return f"{number:g}".replace(".", ",")


def report_figures(*, path: str, start: date, end: date) -> list[ReportFigure]:
    """Cases of the bodies under `path` (as the board or the competent body) reported in the
    period, and what came of them; duplicates merged into another case are not counted."""
    since, until = calendar.day_bounds(start, end)
    cases = Incident.objects.filter(_in_scope(path), reported_at__gte=since, reported_at__lt=until)
    cases = cases.exclude(state=Incident.State.MERGED)
    counts = cases.aggregate(
        reported=Count("id"),
        acknowledged=Count("id", filter=Q(acknowledged_at__isnull=False)),
        on_time=Count("id", filter=Q(acknowledged_at__lte=F("ack_due"))),
        agreed=Count("id", filter=Q(orientation_agreed_at__lte=F("orientation_due"))),
    )
    resolved = Incident.objects.filter(
        _in_scope(path), resolved_at__gte=since, resolved_at__lt=until
    ).count()
    published = PressRelease.objects.filter(
        _in_scope(path, "incident__"), published_at__gte=since, published_at__lt=until
    ).count()
    conferences = PressConference.objects.filter(
        _in_scope(path, "incident__"), held_at__gte=since, held_at__lt=until
    ).count()
    hours = [
        calendar.working_hours_between(reported, acknowledged)
        for reported, acknowledged in cases.filter(acknowledged_at__isnull=False).values_list(
            "reported_at", "acknowledged_at"
        )
    ]
    median = round(statistics.median(hours), 1) if hours else 0
    reported = counts["reported"]
    return [
        ReportFigure(
            "incidents_reported",
            "Vụ việc phức tạp, nhạy cảm được thông báo",
            reported,
            f"Trong kỳ, các cơ quan đã thông báo {reported} vụ việc phức tạp, nhạy cảm tới Ban.",
            "issue",
        ),
        ReportFigure(
            "incidents_acknowledged_on_time",
            "Vụ việc được Ban tiếp nhận đúng hạn",
            counts["on_time"],
            f"Ban đã tiếp nhận đúng thời hạn {counts['on_time']}/{reported} vụ việc.",
            "issue",
        ),
        ReportFigure(
            "incidents_median_ack_hours",
            "Thời gian tiếp nhận (trung vị, giờ làm việc)",
            median,
            f"Thời gian tiếp nhận trung vị là {_vi(median)} giờ làm việc.",
            "issue",
        ),
        ReportFigure(
            "incidents_orientation_on_time",
            "Phương án định hướng thống nhất đúng hạn",
            counts["agreed"],
            f"{counts['agreed']}/{reported} vụ việc có phương án định hướng thông tin được hai "
            "bên thống nhất đúng hạn.",
            "issue",
        ),
        ReportFigure(
            "press_releases_published",
            "Thông cáo báo chí đã công bố",
            published,
            f"Đã công bố {published} thông cáo báo chí.",
            "issue",
        ),
        ReportFigure(
            "press_conferences_held",
            "Cuộc họp báo",
            conferences,
            f"Đã phối hợp tổ chức {conferences} cuộc họp báo.",
            "issue",
        ),
        ReportFigure(
            "incidents_resolved",
            "Vụ việc đã giải quyết",
            resolved,
            f"Đã giải quyết {resolved} vụ việc.",
            "issue",
        ),
    ]

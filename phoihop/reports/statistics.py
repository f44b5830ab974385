"""The reports app's own figures (RPT): how many reports the bodies under `path` owed for
requests of the period, and how many they delivered on time.

A request counts when its period ends in `start`..`end` and its deadline has passed by `end`
(a report still being written for the period is not yet a figure). Bodies that did not exist
in the period, or were merged into another recipient, are not counted (see
`services.completeness.expected_submissions`).
"""

from __future__ import annotations

from datetime import date

from phoihop.core.plugins import ReportFigure

from .models import ReportRequest, ReportSubmission

# Produced only when the subtree owed reports in the period; declared for the evaluation
# criteria that may name them (core.plugins.figure_catalogue).
CONDITIONAL_FIGURES = {
    "reports.expected": "Báo cáo định kỳ phải nộp",
    "reports.on_time": "Báo cáo nộp đúng hạn",
    "reports.late": "Báo cáo nộp trễ hạn",
    "reports.missing": "Báo cáo chưa nộp",
}


def report_figures(*, path: str, start: date, end: date) -> list[ReportFigure]:
    from .services.completeness import expected_submissions

    submissions = list(
        ReportSubmission.objects.filter(
            organisation_path__startswith=path,
            request__period_end__gte=start,
            request__period_end__lte=end,
            request__deadline__lte=end,
        )
        .exclude(request__state=ReportRequest.State.DRAFT)
        .select_related("request", "organisation")
    )
    if not submissions:
        return []
    by_request: dict[int, list[ReportSubmission]] = {}
    for submission in submissions:
        by_request.setdefault(submission.request_id, []).append(submission)
    expected = [
        s for group in by_request.values() for s in expected_submissions(group[0].request, group)
    ]
    on_time = sum(1 for s in expected if s.on_time)
    late = sum(1 for s in expected if s.on_time is False)
    missing = len(expected) - on_time - late
    return [
        ReportFigure(
            key="reports.expected",
            label=CONDITIONAL_FIGURES["reports.expected"],
            value=len(expected),
            sentence=f"Thực hiện chế độ báo cáo: {len(expected)} báo cáo phải nộp, {on_time} báo "
            f"cáo đúng hạn, {late} báo cáo trễ hạn, {missing} báo cáo chưa nộp.",
        ),
        ReportFigure(
            key="reports.on_time",
            label=CONDITIONAL_FIGURES["reports.on_time"],
            value=on_time,
            sentence="",
        ),
        ReportFigure(
            key="reports.late", label=CONDITIONAL_FIGURES["reports.late"], value=late, sentence=""
        ),
        ReportFigure(
            key="reports.missing",
            label=CONDITIONAL_FIGURES["reports.missing"],
            value=missing,
            sentence="",
        ),
    ]

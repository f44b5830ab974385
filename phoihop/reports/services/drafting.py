"""Drafting a submission: pre-fill from the template, the system's figures and the body's
previous report, and the stale passages (years and dates from another period)."""

from __future__ import annotations

import re
from datetime import date

from django.db import models

from phoihop.core.plugins import report_figures
from phoihop.organisations.models import Organisation
from phoihop.programmes.models import Programme, ProgrammeParty

from ..models import ReportRequest, ReportSubmission, ReportText
from .templates import fill, template_values


def _programme_title(submission: ReportSubmission) -> str:
    """The running programme between the board and the body (or a body above it)."""
    party = (
        ProgrammeParty.objects.filter(
            organisation__path__in=_ancestor_paths(submission.organisation),
            programme__board=submission.request.board,
            programme__state__in=Programme.OPEN_STATES,
        )
        .select_related("programme")
        .order_by("-programme__start")
        .first()
    )
    return party.programme.title if party else "Chương trình phối hợp"


def _ancestor_paths(organisation: Organisation) -> list[str]:
    step = organisation.steplen
    return [organisation.path[:n] for n in range(step, len(organisation.path) + 1, step)]


def figure_rows(figures) -> list[dict]:
    return [
        {"key": f.key, "label": f.label, "value": f.value, "section": f.section} for f in figures
    ]


def sentences(figures, section: str) -> str:
    return "\n".join(f"- {f.sentence}" for f in figures if f.section == section and f.sentence)


def previous_submission(submission: ReportSubmission) -> ReportSubmission | None:
    """The body's latest delivered report for an earlier period."""
    return (
        ReportSubmission.objects.filter(
            organisation=submission.organisation,
            state__in=ReportSubmission.DELIVERED_STATES,
            request__period_end__lt=submission.request.period_start,
        )
        .order_by("-request__period_end", "-pk")
        .first()
    )


COPIED_FROM_PREVIOUS = ["strengths", "limitations", "priorities", "recipients"]


def prefill(submission: ReportSubmission) -> None:
    """Fill an empty submission from the template, the system's figures for the body's subtree
    and the period, and the body's previous report (flagged where stale)."""
    request = submission.request
    values = template_values(
        request,
        organisation=submission.organisation.name,
        programme=_programme_title(submission),
    )
    template = request.template
    figures = report_figures(
        path=submission.organisation.path, start=request.period_start, end=request.data_cutoff
    )
    submission.summary = fill(template.summary, values)
    submission.opening = fill(template.opening, values)
    submission.closing = fill(template.closing, values)
    submission.figures = figure_rows(figures)
    submission.regular_results = sentences(figures, "regular")
    submission.issue_results = sentences(figures, "issue")
    submission.recipients = f"{request.board.name} (để tổng hợp)"
    previous = previous_submission(submission)
    if previous is not None:
        submission.prefilled_from = previous
        for name in COPIED_FROM_PREVIOUS + ReportText.SIGNATURE_FIELDS:
            setattr(submission, name, getattr(previous, name))
    elif not submission.authority:
        submission.authority = "TM."
        submission.signing_body = submission.organisation.short_name or submission.organisation.name
    submission.stale_flags = stale_passages(submission, request)


YEAR_RANGE = re.compile(r"\b((?:19|20)\d{2})\s*[–—-]\s*((?:19|20)\d{2})\b")
YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\b")
CHECKED_FIELDS = [
    "regular_results",
    "issue_results",
    "strengths",
    "limitations",
    "priorities",
]


def stale_passages(report: ReportText, request: ReportRequest) -> list[dict]:
    """Lines that mention a year outside the period or a date before it: likely copied from an
    earlier report. A range of years containing the period ("2022–2026") is current."""
    years = set(range(request.period_start.year, request.period_end.year + 1))
    flags = []
    for name in CHECKED_FIELDS:
        field = ReportSubmission._meta.get_field(name)
        assert isinstance(field, models.Field)  # CHECKED_FIELDS are the submission's own columns
        label = str(field.verbose_name)
        for line in (getattr(report, name) or "").splitlines():
            found = _stale_in(line, years, request.period_start)
            if found:
                flags.append({"field": name, "label": label, "text": line.strip()[:300], **found})
    return flags


def _stale_in(line: str, years: set[int], start: date) -> dict | None:
    for match in DATE.finditer(line):
        day, month, year = (int(g) for g in match.groups())
        try:
            when = date(year, month, day)
        except ValueError:
            continue
        if when < start:
            return {
                "found": match.group(0),
                "reason": f"Ngày {match.group(0)} trước kỳ báo cáo (từ {start:%d/%m/%Y}).",
            }
    rest = line
    for match in YEAR_RANGE.finditer(line):
        low, high = int(match.group(1)), int(match.group(2))
        if any(low <= year <= high for year in years):
            rest = rest.replace(match.group(0), " ")
    rest = DATE.sub(" ", rest)
    for match in YEAR.finditer(rest):
        if int(match.group(1)) not in years:
            period = ", ".join(str(y) for y in sorted(years))
            return {
                "found": match.group(1),
                "reason": f"Năm {match.group(1)} khác năm của kỳ báo cáo ({period}).",
            }
    return None

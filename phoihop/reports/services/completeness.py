"""Who counts as expected for a request (the denominators of completeness and timeliness)."""

from __future__ import annotations

from phoihop.organisations.models import Lineage

from ..models import ReportRequest, ReportSubmission


def expected_ids(request: ReportRequest, bodies: dict[int, tuple]) -> set[int]:
    """Of the bodies asked (id → (valid_from, valid_to)), those that count: bodies that existed
    when the letter was issued and during the period, less a body merged away before the
    deadline whose successor was asked too (counted once, there)."""
    ended = [pk for pk, (_, valid_to) in bodies.items() if valid_to is not None]
    carried = set()
    if ended:
        carried = set(
            Lineage.objects.filter(
                predecessor_id__in=ended,
                successor_id__in=list(bodies),
                carries_records=True,
                effective__lte=request.deadline,
            ).values_list("predecessor_id", flat=True)
        )
    day, start = request.letter_date, request.period_start
    return {
        pk
        for pk, (valid_from, valid_to) in bodies.items()
        if (valid_from is None or valid_from <= day)
        and (valid_to is None or valid_to >= max(day, start))
        and pk not in carried
    }


def expected_submissions(request: ReportRequest, submissions=None) -> list[ReportSubmission]:
    """The submissions that count (see `expected_ids`)."""
    submissions = list(
        submissions
        if submissions is not None
        else request.submissions.select_related("organisation")
    )
    ids = expected_ids(
        request,
        {
            s.organisation_id: (s.organisation.valid_from, s.organisation.valid_to)
            for s in submissions
        },
    )
    return [s for s in submissions if s.organisation_id in ids]

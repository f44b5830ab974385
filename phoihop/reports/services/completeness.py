"""Who counts as expected for a request (the denominators of completeness and timeliness)."""

from __future__ import annotations

from django.db.models import Q

from phoihop.organisations.models import Lineage

from ..models import ReportRequest, ReportSubmission


def expected_ids(request: ReportRequest, bodies: dict[int, tuple]) -> set[int]:
    """Of the bodies asked (id → (valid_from, valid_to)), those that count: bodies that existed
    when the letter was issued and during the period, less a body merged away before the
    deadline whose successor was asked too (counted once, there). A body founded after the
    period counts only when it carries the records of one that existed in it (a merger's new
    department reports for the departments it replaced); a body that is simply new has nothing
    to report for that period."""
    day, start, end = request.letter_date, request.period_start, request.period_end
    carried = _carried_to_a_successor(request, bodies)
    founded_later = {
        pk for pk, (valid_from, _) in bodies.items() if valid_from and valid_from > end
    }
    heirs = _heirs_of_the_period(request, founded_later)
    return {
        pk
        for pk, (valid_from, valid_to) in bodies.items()
        if (valid_from is None or valid_from <= day)
        and (valid_to is None or valid_to >= max(day, start))
        and pk not in carried
        and (pk not in founded_later or pk in heirs)
    }


def _carried_to_a_successor(request: ReportRequest, bodies: dict[int, tuple]) -> set[int]:
    """Bodies asked that were merged, before the deadline, into a body asked too."""
    ended = [pk for pk, (_, valid_to) in bodies.items() if valid_to is not None]
    if not ended:
        return set()
    return set(
        Lineage.objects.filter(
            predecessor_id__in=ended,
            successor_id__in=list(bodies),
            carries_records=True,
            effective__lte=request.deadline,
        ).values_list("predecessor_id", flat=True)
    )


def _heirs_of_the_period(request: ReportRequest, candidates: set[int]) -> set[int]:
    """Of `candidates`, those carrying the records of a body that existed during the period."""
    if not candidates:
        return set()
    end, start = request.period_end, request.period_start
    began_by_the_end = Q(predecessor__valid_from__isnull=True) | Q(predecessor__valid_from__lte=end)
    lasted_past_the_start = Q(predecessor__valid_to__isnull=True) | Q(
        predecessor__valid_to__gte=start
    )
    existed = began_by_the_end & lasted_past_the_start
    return set(
        Lineage.objects.filter(
            existed, successor_id__in=candidates, carries_records=True
        ).values_list("successor_id", flat=True)
    )


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

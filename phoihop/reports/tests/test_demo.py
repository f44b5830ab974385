"""The demo reports: a realistic mix, and a second seed changes nothing."""

from django.core.management import call_command

from phoihop.reports.models import (
    Award,
    Consolidation,
    ReportRequest,
    ReportSubmission,
    ReviewConference,
)
from phoihop.reports.selectors import completeness


def counts():
    return (ReportRequest.objects.count(), ReportSubmission.objects.count(), Award.objects.count())


def test_the_july_request_has_on_time_late_returned_and_missing_reports(db):
    call_command("load_admin_units", verbosity=0)
    call_command("seed_demo", verbosity=0)
    july = ReportRequest.objects.get(letter_number="310-CV/BTGDVTU")
    assert july.state == ReportRequest.State.CONSOLIDATED
    assert july.dispatch.number_and_symbol == "310-CV/BTGDVTU"
    assert july.dispatch.recipients.count() == 4
    result = completeness(july)
    assert result.expected == 4
    assert result.counts["on_time"] == 2 and result.counts["late"] == 1
    assert result.counts["missing"] == 1
    assert july.submissions.filter(state=ReportSubmission.State.RETURNED).count() == 1
    council = july.submissions.get(organisation__kind="council_standing")
    assert council.prefilled_from is not None
    consolidation = Consolidation.objects.get(request=july)
    assert consolidation.missing == ["Viện kiểm sát nhân dân tỉnh Quảng Ngãi"]
    conference = ReviewConference.objects.get()
    assert conference.state == ReviewConference.State.CONCLUDED
    assert all(c.task_id for c in conference.conclusions.all())
    assert sorted(Award.objects.values_list("state", flat=True)) == [
        "approved",
        "presented",
        "proposed",
    ]
    first = counts()
    call_command("seed_demo", verbosity=0)
    assert counts() == first

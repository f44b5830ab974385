"""The reports app's rows of the access walk (phoihop/tests/test_access_walk.py)."""

from phoihop.reports import services
from phoihop.reports.models import Award, Consolidation, EvaluationCriterion, ReviewConference

NO_OBJECT = {
    "reports:list",
    "reports:create",
    "reports:grid",
    "reports:conferences",
    "reports:conference_create",
    "reports:awards",
    "reports:evaluations",
    "reports:evaluations_xlsx",
    "reports:configuration",
    "reports:review_defaults",
    "reports:template_create",
    "reports:criterion_create",
    "api:report_templates",
    "api:evaluation_criteria",
    "api:report_requests",
    "api:report_submissions",
    "api:review_conferences",
    "api:awards",
    "api:evaluations",
    "api:completeness_grid",
}


# National regime data (report templates, evaluation criteria): every signed-in user with a
# role reads them; only the operator changes them (403).
REFERENCE = {
    "reports:template",
    "reports:criterion",
    "reports:criterion_delete",
    "api:report_template",
    "api:evaluation_criterion",
}


def objects(world) -> dict[str, int]:
    """A Quảng Ngãi request, submission and consolidation the outsider must not reach."""
    from .conftest import request_data

    request = services.report_request_create(
        actor=world.actor(world.board_officer),
        board=world.board,
        data=request_data(),
        recipients=[world.council],
    )
    submission = request.submissions.get()
    Consolidation.objects.create(request=request)
    conference = ReviewConference.objects.create(
        board=world.board,
        kind="preliminary",
        title="Sơ kết",
        period_start=request.period_start,
        period_end=request.period_end,
        held_on=request.deadline,
    )
    award = Award.objects.create(board=world.board, organisation=world.council, reason="x")
    criterion = EvaluationCriterion.objects.create(
        regime=request.regime,
        label="x",
        numerator_key="reports.on_time",
        denominator_key="reports.expected",
        weight=10,
    )
    return {
        "reports:request": request.pk,
        "reports:request_issue": request.pk,
        "reports:request_edit": request.pk,
        "reports:request_consolidate": request.pk,
        "reports:consolidation": request.pk,
        "reports:consolidation_issue": request.pk,
        "reports:consolidation_docx": request.pk,
        "reports:consolidation_pdf": request.pk,
        "reports:conference": conference.pk,
        "reports:conference_action": conference.pk,
        "reports:award_action": award.pk,
        "reports:submission": submission.pk,
        "reports:submission_action": submission.pk,
        "reports:submission_docx": submission.pk,
        "reports:submission_pdf": submission.pk,
        "api:report_request": request.pk,
        "api:report_request_issue": request.pk,
        "api:report_request_consolidate": request.pk,
        "api:report_request_completeness": request.pk,
        "api:report_consolidation": request.pk,
        "api:report_submission": submission.pk,
        "api:review_conference": conference.pk,
        "api:review_conference_actions": conference.pk,
        "api:review_conference_conclusions": conference.pk,
        "api:review_conference_documents": conference.pk,
        "api:report_consolidation_issue": request.pk,
        "api:award_actions": award.pk,
        "api:report_submission_action": submission.pk,
        "reports:template": request.template_id,
        "reports:criterion": criterion.pk,
        "reports:criterion_delete": criterion.pk,
        "api:report_template": request.template_id,
        "api:evaluation_criterion": criterion.pk,
    }

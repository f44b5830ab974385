"""Every write to report templates, requests, submissions, consolidations, review conferences
and awards.

One module per part of the workflow; this package re-exports the services (the
`<entity>_<action>` functions and their input shapes) so callers write `services.report_submit`.
Helpers are imported from their module (`services.requests.reach_path`).
"""

from .consolidation import consolidation_issue, consolidation_update, report_request_consolidate
from .criteria import CriterionData, criterion_create, criterion_delete, criterion_update
from .requests import (
    RequestData,
    report_request_create,
    report_request_issue,
    report_request_update,
)
from .reviews import (
    ConferenceData,
    award_approve,
    award_present,
    award_propose,
    conclusion_add,
    conference_document_add,
    review_conference_conclude,
    review_conference_create,
    review_conference_hold,
    review_conference_invite,
)
from .submissions import (
    report_submission_accept,
    report_submission_acknowledge_stale,
    report_submission_advance,
    report_submission_return,
    report_submission_sign,
    report_submission_start,
    report_submission_submit,
    report_submission_update,
)
from .templates import TemplateData, default_template, template_create, template_update

__all__ = [
    "ConferenceData",
    "CriterionData",
    "RequestData",
    "TemplateData",
    "award_approve",
    "award_present",
    "award_propose",
    "conclusion_add",
    "conference_document_add",
    "consolidation_issue",
    "consolidation_update",
    "criterion_create",
    "criterion_delete",
    "criterion_update",
    "default_template",
    "report_request_consolidate",
    "report_request_create",
    "report_request_issue",
    "report_request_update",
    "report_submission_accept",
    "report_submission_acknowledge_stale",
    "report_submission_advance",
    "report_submission_return",
    "report_submission_sign",
    "report_submission_start",
    "report_submission_submit",
    "report_submission_update",
    "review_conference_conclude",
    "review_conference_create",
    "review_conference_hold",
    "review_conference_invite",
    "template_create",
    "template_update",
]

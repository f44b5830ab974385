"""Reporting (RPT), under /api/v1/."""

from django.urls import path

from . import views

urlpatterns = [
    path("report-requests/", views.ReportRequestListView.as_view(), name="report_requests"),
    path(
        "report-requests/<int:pk>/", views.ReportRequestDetailView.as_view(), name="report_request"
    ),
    path(
        "report-requests/<int:pk>/issue/",
        views.ReportRequestIssueView.as_view(),
        name="report_request_issue",
    ),
    path(
        "report-requests/<int:pk>/completeness/",
        views.ReportRequestCompletenessView.as_view(),
        name="report_request_completeness",
    ),
    path(
        "report-requests/<int:pk>/consolidate/",
        views.ReportRequestConsolidateView.as_view(),
        name="report_request_consolidate",
    ),
    path(
        "report-requests/<int:pk>/consolidation/",
        views.ConsolidationView.as_view(),
        name="report_consolidation",
    ),
    path(
        "report-requests/<int:pk>/consolidation/issue/",
        views.ConsolidationIssueView.as_view(),
        name="report_consolidation_issue",
    ),
    path("completeness-grid/", views.CompletenessGridView.as_view(), name="completeness_grid"),
    path(
        "report-submissions/", views.ReportSubmissionListView.as_view(), name="report_submissions"
    ),
    path(
        "report-submissions/<int:pk>/",
        views.ReportSubmissionDetailView.as_view(),
        name="report_submission",
    ),
    path(
        "report-submissions/<int:pk>/actions/",
        views.ReportSubmissionActionView.as_view(),
        name="report_submission_action",
    ),
    path(
        "review-conferences/", views.ReviewConferenceListView.as_view(), name="review_conferences"
    ),
    path(
        "review-conferences/<int:pk>/",
        views.ReviewConferenceDetailView.as_view(),
        name="review_conference",
    ),
    path(
        "review-conferences/<int:pk>/actions/",
        views.ReviewConferenceActionView.as_view(),
        name="review_conference_actions",
    ),
    path(
        "review-conferences/<int:pk>/conclusions/",
        views.ConclusionCreateView.as_view(),
        name="review_conference_conclusions",
    ),
    path(
        "review-conferences/<int:pk>/documents/",
        views.ConferenceDocumentCreateView.as_view(),
        name="review_conference_documents",
    ),
    path("awards/", views.AwardListView.as_view(), name="awards"),
    path("awards/<int:pk>/actions/", views.AwardActionView.as_view(), name="award_actions"),
    path("evaluations/", views.EvaluationListView.as_view(), name="evaluations"),
    path("report-templates/", views.ReportTemplateListView.as_view(), name="report_templates"),
    path(
        "report-templates/<int:pk>/",
        views.ReportTemplateDetailView.as_view(),
        name="report_template",
    ),
    path(
        "evaluation-criteria/",
        views.EvaluationCriterionListView.as_view(),
        name="evaluation_criteria",
    ),
    path(
        "evaluation-criteria/<int:pk>/",
        views.EvaluationCriterionDetailView.as_view(),
        name="evaluation_criterion",
    ),
]

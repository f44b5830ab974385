"""API v1, mounted at /api/v1/ (see docs/ for the interactive documentation)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from . import concerns_views as cnc
from . import exchange_views as xch
from . import incidents_views as inc
from . import programmes_views as prg
from . import reports_views as rpt
from . import views
from .obligations import urls as obligations

app_name = "api"
urlpatterns = [
    path("auth/token/", views.TokenObtainView.as_view(), name="token"),
    path("me/", views.MeView.as_view(), name="me"),
    *obligations.urlpatterns,
    path("organisations/", views.OrganisationListView.as_view(), name="organisations"),
    path("organisations/tree/", views.OrganisationTreeView.as_view(), name="organisation_tree"),
    path("organisations/<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation"),
    path("admin-units/", views.AdminUnitListView.as_view(), name="admin_units"),
    # Coordination programmes (PRG)
    path("programmes/", prg.ProgrammeListView.as_view(), name="programmes"),
    path("programmes/<int:pk>/", prg.ProgrammeDetailView.as_view(), name="programme"),
    path(
        "programmes/<int:pk>/actions/",
        prg.ProgrammeActionView.as_view(),
        name="programme_actions",
    ),
    path(
        "programmes/<int:pk>/supersede/",
        prg.ProgrammeSupersedeView.as_view(),
        name="programme_supersede",
    ),
    path("programmes/<int:pk>/cancel/", prg.ProgrammeCancelView.as_view(), name="programme_cancel"),
    path(
        "programmes/<int:pk>/parties/",
        prg.ProgrammePartiesView.as_view(),
        name="programme_parties",
    ),
    path("programmes/<int:pk>/plans/", prg.ProgrammePlansView.as_view(), name="programme_plans"),
    path("parties/<int:pk>/", prg.PartyView.as_view(), name="party"),
    path("plans/<int:pk>/", prg.PlanDetailView.as_view(), name="plan"),
    path("plans/<int:pk>/tasks/", prg.PlanTasksView.as_view(), name="plan_tasks"),
    path("tasks/", prg.TaskListView.as_view(), name="tasks"),
    path("tasks/<int:pk>/", prg.TaskDetailView.as_view(), name="task"),
    path("tasks/<int:pk>/actions/", prg.TaskActionView.as_view(), name="task_actions"),
    path("tasks/<int:pk>/progress/", prg.TaskProgressView.as_view(), name="task_progress"),
    path("tasks/<int:pk>/defer/", prg.TaskDeferView.as_view(), name="task_defer"),
    path("tasks/<int:pk>/cancel/", prg.TaskCancelView.as_view(), name="task_cancel"),
    path("tasks/<int:pk>/carry-over/", prg.TaskCarryOverView.as_view(), name="task_carry_over"),
    path("tasks/<int:pk>/outputs/", prg.TaskOutputsView.as_view(), name="task_outputs"),
    # Information exchange (XCH)
    path("dispatches/", xch.DispatchListView.as_view(), name="dispatches"),
    path("dispatches/inbox/", xch.InboxView.as_view(), name="inbox"),
    path("dispatches/<int:pk>/", xch.DispatchDetailView.as_view(), name="dispatch"),
    path("dispatches/<int:pk>/send/", xch.DispatchSendView.as_view(), name="dispatch_send"),
    path("dispatches/<int:pk>/resend/", xch.DispatchResendView.as_view(), name="dispatch_resend"),
    path(
        "dispatches/<int:pk>/recipients/",
        xch.DispatchRecipientsView.as_view(),
        name="dispatch_recipients",
    ),
    path("dispatches/<int:pk>/reply/", xch.DispatchReplyView.as_view(), name="dispatch_reply"),
    path(
        "recipients/<int:pk>/acknowledge/",
        xch.RecipientAcknowledgeView.as_view(),
        name="recipient_acknowledge",
    ),
    path(
        "recipients/<int:pk>/forward/",
        xch.RecipientForwardView.as_view(),
        name="recipient_forward",
    ),
    # Complex or sensitive cases (INC)
    path("incidents/", inc.IncidentListView.as_view(), name="incidents"),
    path("incidents/<int:pk>/", inc.IncidentDetailView.as_view(), name="incident"),
    path("incidents/<int:pk>/actions/", inc.IncidentActionView.as_view(), name="incident_actions"),
    path(
        "incidents/<int:pk>/orientation-plan/",
        inc.OrientationPlanView.as_view(),
        name="incident_orientation_plan",
    ),
    path(
        "incidents/<int:pk>/orientation-plan/approve/",
        inc.OrientationPlanApproveView.as_view(),
        name="incident_orientation_plan_approve",
    ),
    path(
        "incidents/<int:pk>/orientation-plan/versions/",
        inc.OrientationPlanVersionsView.as_view(),
        name="incident_orientation_plan_versions",
    ),
    path("incidents/<int:pk>/members/", inc.MembersView.as_view(), name="incident_members"),
    path("incidents/<int:pk>/log/", inc.LogView.as_view(), name="incident_log"),
    path("incidents/<int:pk>/sitreps/", inc.SitrepsView.as_view(), name="incident_sitreps"),
    path(
        "incidents/<int:pk>/press-releases/",
        inc.PressReleasesView.as_view(),
        name="incident_press_releases",
    ),
    path(
        "incidents/<int:pk>/press-conferences/",
        inc.ConferencesView.as_view(),
        name="incident_press_conferences",
    ),
    path("members/<int:pk>/", inc.MemberView.as_view(), name="incident_member"),
    path("sitreps/<int:pk>/actions/", inc.SitrepActionView.as_view(), name="sitrep_actions"),
    path("press-releases/<int:pk>/", inc.PressReleaseView.as_view(), name="press_release"),
    path(
        "press-releases/<int:pk>/actions/",
        inc.PressReleaseActionView.as_view(),
        name="press_release_actions",
    ),
    path(
        "press-releases/<int:pk>/versions/",
        inc.PressReleaseVersionsView.as_view(),
        name="press_release_versions",
    ),
    # Reporting (RPT)
    path("report-requests/", rpt.ReportRequestListView.as_view(), name="report_requests"),
    path("report-requests/<int:pk>/", rpt.ReportRequestDetailView.as_view(), name="report_request"),
    path(
        "report-requests/<int:pk>/issue/",
        rpt.ReportRequestIssueView.as_view(),
        name="report_request_issue",
    ),
    path(
        "report-requests/<int:pk>/completeness/",
        rpt.ReportRequestCompletenessView.as_view(),
        name="report_request_completeness",
    ),
    path(
        "report-requests/<int:pk>/consolidate/",
        rpt.ReportRequestConsolidateView.as_view(),
        name="report_request_consolidate",
    ),
    path(
        "report-requests/<int:pk>/consolidation/",
        rpt.ConsolidationView.as_view(),
        name="report_consolidation",
    ),
    path(
        "report-requests/<int:pk>/consolidation/issue/",
        rpt.ConsolidationIssueView.as_view(),
        name="report_consolidation_issue",
    ),
    path("completeness-grid/", rpt.CompletenessGridView.as_view(), name="completeness_grid"),
    path("report-submissions/", rpt.ReportSubmissionListView.as_view(), name="report_submissions"),
    path(
        "report-submissions/<int:pk>/",
        rpt.ReportSubmissionDetailView.as_view(),
        name="report_submission",
    ),
    path(
        "report-submissions/<int:pk>/actions/",
        rpt.ReportSubmissionActionView.as_view(),
        name="report_submission_action",
    ),
    path("review-conferences/", rpt.ReviewConferenceListView.as_view(), name="review_conferences"),
    path(
        "review-conferences/<int:pk>/",
        rpt.ReviewConferenceDetailView.as_view(),
        name="review_conference",
    ),
    path(
        "review-conferences/<int:pk>/actions/",
        rpt.ReviewConferenceActionView.as_view(),
        name="review_conference_actions",
    ),
    path(
        "review-conferences/<int:pk>/conclusions/",
        rpt.ConclusionCreateView.as_view(),
        name="review_conference_conclusions",
    ),
    path(
        "review-conferences/<int:pk>/documents/",
        rpt.ConferenceDocumentCreateView.as_view(),
        name="review_conference_documents",
    ),
    path("awards/", rpt.AwardListView.as_view(), name="awards"),
    path("awards/<int:pk>/actions/", rpt.AwardActionView.as_view(), name="award_actions"),
    path("evaluations/", rpt.EvaluationListView.as_view(), name="evaluations"),
    path("report-templates/", rpt.ReportTemplateListView.as_view(), name="report_templates"),
    path(
        "report-templates/<int:pk>/",
        rpt.ReportTemplateDetailView.as_view(),
        name="report_template",
    ),
    path(
        "evaluation-criteria/",
        rpt.EvaluationCriterionListView.as_view(),
        name="evaluation_criteria",
    ),
    path(
        "evaluation-criteria/<int:pk>/",
        rpt.EvaluationCriterionDetailView.as_view(),
        name="evaluation_criterion",
    ),
    # Issues of public concern (CNC)
    path("concerns/", cnc.ConcernListView.as_view(), name="concerns"),
    path(
        "concerns/suggestions/",
        cnc.ConcernSuggestionsView.as_view(),
        name="concern_suggestions",
    ),
    path("concerns/<int:pk>/", cnc.ConcernDetailView.as_view(), name="concern"),
    path("concerns/<int:pk>/chain/", cnc.ConcernChainView.as_view(), name="concern_chain"),
    path("concerns/<int:pk>/actions/", cnc.ConcernActionView.as_view(), name="concern_actions"),
    path("concerns/<int:pk>/merge/", cnc.ConcernMergeView.as_view(), name="concern_merge"),
    path("concerns/<int:pk>/unmerge/", cnc.ConcernUnmergeView.as_view(), name="concern_unmerge"),
    path("concern-contacts/<int:pk>/", cnc.ContactView.as_view(), name="concern_contact"),
    path(
        "concerns/<int:pk>/contact/",
        cnc.ConcernContactWriteView.as_view(),
        name="concern_contact_write",
    ),
    path("concern-categories/", cnc.CategoryListView.as_view(), name="concern_categories"),
    path(
        "concern-categories/<int:pk>/",
        cnc.CategoryDetailView.as_view(),
        name="concern_category",
    ),
    path("claims/", cnc.ClaimListView.as_view(), name="claims"),
    path("claims/<int:pk>/", cnc.ClaimDetailView.as_view(), name="claim"),
    # Reference and documentation
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    # Anything else ending in "/" (so APPEND_SLASH still redirects "me" to "me/").
    re_path(r"^(?:.*/)?$", views.NotFoundView.as_view(), name="not_found"),
]

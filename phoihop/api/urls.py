"""API v1, mounted at /api/v1/ (see docs/ for the interactive documentation)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from . import concerns_views as cnc
from . import programmes_views as prg
from . import views

app_name = "api"
urlpatterns = [
    path("auth/token/", views.TokenObtainView.as_view(), name="token"),
    path("me/", views.MeView.as_view(), name="me"),
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
    path("claims/", cnc.ClaimListView.as_view(), name="claims"),
    path("claims/<int:pk>/", cnc.ClaimDetailView.as_view(), name="claim"),
    # Reference and documentation
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    # Anything else ending in "/" (so APPEND_SLASH still redirects "me" to "me/").
    re_path(r"^(?:.*/)?$", views.NotFoundView.as_view(), name="not_found"),
]

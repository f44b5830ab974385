"""Coordination programmes (PRG), under /api/v1/."""

from django.urls import path

from . import views

urlpatterns = [
    path("programmes/", views.ProgrammeListView.as_view(), name="programmes"),
    path("programmes/<int:pk>/", views.ProgrammeDetailView.as_view(), name="programme"),
    path(
        "programmes/<int:pk>/actions/",
        views.ProgrammeActionView.as_view(),
        name="programme_actions",
    ),
    path(
        "programmes/<int:pk>/supersede/",
        views.ProgrammeSupersedeView.as_view(),
        name="programme_supersede",
    ),
    path(
        "programmes/<int:pk>/cancel/", views.ProgrammeCancelView.as_view(), name="programme_cancel"
    ),
    path(
        "programmes/<int:pk>/parties/",
        views.ProgrammePartiesView.as_view(),
        name="programme_parties",
    ),
    path("programmes/<int:pk>/plans/", views.ProgrammePlansView.as_view(), name="programme_plans"),
    path("parties/<int:pk>/", views.PartyView.as_view(), name="party"),
    path("plans/<int:pk>/", views.PlanDetailView.as_view(), name="plan"),
    path("plans/<int:pk>/tasks/", views.PlanTasksView.as_view(), name="plan_tasks"),
    path("tasks/", views.TaskListView.as_view(), name="tasks"),
    path("tasks/<int:pk>/", views.TaskDetailView.as_view(), name="task"),
    path("tasks/<int:pk>/actions/", views.TaskActionView.as_view(), name="task_actions"),
    path("tasks/<int:pk>/progress/", views.TaskProgressView.as_view(), name="task_progress"),
    path("tasks/<int:pk>/defer/", views.TaskDeferView.as_view(), name="task_defer"),
    path("tasks/<int:pk>/cancel/", views.TaskCancelView.as_view(), name="task_cancel"),
    path("tasks/<int:pk>/carry-over/", views.TaskCarryOverView.as_view(), name="task_carry_over"),
    path("tasks/<int:pk>/outputs/", views.TaskOutputsView.as_view(), name="task_outputs"),
]

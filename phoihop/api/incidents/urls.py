"""Complex or sensitive cases (INC), under /api/v1/."""

from django.urls import path

from . import views

urlpatterns = [
    path("incidents/", views.IncidentListView.as_view(), name="incidents"),
    path("incidents/<int:pk>/", views.IncidentDetailView.as_view(), name="incident"),
    path(
        "incidents/<int:pk>/actions/", views.IncidentActionView.as_view(), name="incident_actions"
    ),
    path(
        "incidents/<int:pk>/orientation-plan/",
        views.OrientationPlanView.as_view(),
        name="incident_orientation_plan",
    ),
    path(
        "incidents/<int:pk>/orientation-plan/approve/",
        views.OrientationPlanApproveView.as_view(),
        name="incident_orientation_plan_approve",
    ),
    path(
        "incidents/<int:pk>/orientation-plan/versions/",
        views.OrientationPlanVersionsView.as_view(),
        name="incident_orientation_plan_versions",
    ),
    path("incidents/<int:pk>/members/", views.MembersView.as_view(), name="incident_members"),
    path("incidents/<int:pk>/log/", views.LogView.as_view(), name="incident_log"),
    path("incidents/<int:pk>/sitreps/", views.SitrepsView.as_view(), name="incident_sitreps"),
    path(
        "incidents/<int:pk>/press-releases/",
        views.PressReleasesView.as_view(),
        name="incident_press_releases",
    ),
    path(
        "incidents/<int:pk>/press-conferences/",
        views.ConferencesView.as_view(),
        name="incident_press_conferences",
    ),
    path("members/<int:pk>/", views.MemberView.as_view(), name="incident_member"),
    path("sitreps/<int:pk>/actions/", views.SitrepActionView.as_view(), name="sitrep_actions"),
    path("press-releases/<int:pk>/", views.PressReleaseView.as_view(), name="press_release"),
    path(
        "press-releases/<int:pk>/actions/",
        views.PressReleaseActionView.as_view(),
        name="press_release_actions",
    ),
    path(
        "press-releases/<int:pk>/versions/",
        views.PressReleaseVersionsView.as_view(),
        name="press_release_versions",
    ),
]

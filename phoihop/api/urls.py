"""API v1, mounted at /api/v1/ (see docs/ for the interactive documentation)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from . import views

app_name = "api"
urlpatterns = [
    path("auth/token/", views.TokenObtainView.as_view(), name="token"),
    path("me/", views.MeView.as_view(), name="me"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisations"),
    path("organisations/tree/", views.OrganisationTreeView.as_view(), name="organisation_tree"),
    path("organisations/<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation"),
    path("admin-units/", views.AdminUnitListView.as_view(), name="admin_units"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    # Anything else ending in "/" (so APPEND_SLASH still redirects "me" to "me/").
    re_path(r"^(?:.*/)?$", views.NotFoundView.as_view(), name="not_found"),
]

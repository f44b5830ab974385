"""Organisations, their tree and the administrative units, under /api/v1/."""

from django.urls import path

from . import views

urlpatterns = [
    path("organisations/", views.OrganisationListView.as_view(), name="organisations"),
    path("organisations/tree/", views.OrganisationTreeView.as_view(), name="organisation_tree"),
    path("organisations/<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation"),
    path("admin-units/", views.AdminUnitListView.as_view(), name="admin_units"),
]

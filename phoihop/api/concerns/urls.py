"""Issues of public concern (CNC), under /api/v1/."""

from django.urls import path

from . import views

urlpatterns = [
    path("concerns/", views.ConcernListView.as_view(), name="concerns"),
    path(
        "concerns/suggestions/",
        views.ConcernSuggestionsView.as_view(),
        name="concern_suggestions",
    ),
    path("concerns/<int:pk>/", views.ConcernDetailView.as_view(), name="concern"),
    path("concerns/<int:pk>/chain/", views.ConcernChainView.as_view(), name="concern_chain"),
    path("concerns/<int:pk>/actions/", views.ConcernActionView.as_view(), name="concern_actions"),
    path("concerns/<int:pk>/merge/", views.ConcernMergeView.as_view(), name="concern_merge"),
    path("concerns/<int:pk>/unmerge/", views.ConcernUnmergeView.as_view(), name="concern_unmerge"),
    path("concern-contacts/<int:pk>/", views.ContactView.as_view(), name="concern_contact"),
    path(
        "concerns/<int:pk>/contact/",
        views.ConcernContactWriteView.as_view(),
        name="concern_contact_write",
    ),
    path("concern-categories/", views.CategoryListView.as_view(), name="concern_categories"),
    path(
        "concern-categories/<int:pk>/",
        views.CategoryDetailView.as_view(),
        name="concern_category",
    ),
    path("claims/", views.ClaimListView.as_view(), name="claims"),
    path("claims/<int:pk>/", views.ClaimDetailView.as_view(), name="claim"),
]

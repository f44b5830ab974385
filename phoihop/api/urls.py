"""API v1, mounted at /api/v1/ (see docs/ for the interactive documentation).

Each domain lists its own operations in its `urls.py`; they are joined here into one flat list
under the "api" namespace, so every URL name (`api:task`, `api:concern`…) stays as it was."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from . import views
from .accounts import urls as accounts
from .concerns import urls as concerns
from .exchange import urls as exchange
from .incidents import urls as incidents
from .obligations import urls as obligations
from .organisations import urls as organisations
from .programmes import urls as programmes
from .reports import urls as reports

app_name = "api"
urlpatterns = [
    *accounts.urlpatterns,
    *obligations.urlpatterns,
    *organisations.urlpatterns,
    *programmes.urlpatterns,
    *exchange.urlpatterns,
    *incidents.urlpatterns,
    *reports.urlpatterns,
    *concerns.urlpatterns,
    # Reference and documentation
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    # Anything else ending in "/" (so APPEND_SLASH still redirects "me" to "me/").
    re_path(r"^(?:.*/)?$", views.NotFoundView.as_view(), name="not_found"),
]

"""The API's own pages, outside every domain: the interactive documentation and the answer to
an address that is no operation."""

from __future__ import annotations

from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import exceptions

from .base import ApiView


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the sidecar's local files; its start-up script is a separate file, so the
    page runs under the strict Content-Security-Policy (no inline script or style)."""

    url_name = "api:schema"
    template_name = "api/swagger_ui.html"


class NotFoundView(ApiView):
    """Any other address under /api/v1/: a 404 in the API's error shape, not the HTML page."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise exceptions.NotFound()

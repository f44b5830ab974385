"""How a view answers: a failed action, a bad request and a file download, one way each.

A failed action on a page goes back where the user was with the errors as a message; an HTMX
request or an API call gets a 400 with the same text instead, because a redirect would swap
the whole page into a fragment (HTMX) or hide the error from a client (API).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def error_text(error: ValidationError) -> str:
    """Every message of `error` as one sentence-separated line."""
    return " ".join(error.messages)


def back_with_errors(request: HttpRequest, error: ValidationError, to) -> HttpResponse:
    """The answer to an action the services refused: `to` (an object with an absolute URL, a
    URL name or a path, as `redirect` takes) with the errors shown; a 400 for HTMX and the API."""
    if _wants_fragment(request):
        return bad_request_response(request, error_text(error))
    messages.error(request, error_text(error))
    return redirect(to)


def back_with_success(request: HttpRequest, message: str, to) -> HttpResponse:
    messages.success(request, message)
    return redirect(to)


def bad_request_response(request: HttpRequest, message: str) -> HttpResponse:
    """A 400 with `message`: the API's one error shape under /api/, the error page elsewhere."""
    if is_api(request):
        error = {"code": "invalid", "message": message, "fields": {}}
        return JsonResponse({"error": error}, status=400)
    return render(request, "errors/400.html", {"message": message}, status=400)


def download_response(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """A file to save under `filename` (Vietnamese letters kept through RFC 6266 `filename*`)."""
    response = HttpResponse(content, content_type=content_type)
    disposition = content_disposition_header(True, filename)
    assert disposition is not None  # None only for an inline disposition without a filename
    response["Content-Disposition"] = disposition
    return response


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _wants_fragment(request: HttpRequest) -> bool:
    return is_api(request) or bool(getattr(request, "htmx", False))

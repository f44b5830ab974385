"""GET /api/v1/schema/ and /api/v1/docs/: a valid OpenAPI 3 schema and an offline docs page."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse

SCHEMA_URL = reverse("api:schema")
DOCS_URL = reverse("api:docs")
PATHS = [
    "/api/v1/auth/token/",
    "/api/v1/me/",
    "/api/v1/organisations/",
    "/api/v1/organisations/tree/",
    "/api/v1/organisations/{id}/",
    "/api/v1/admin-units/",
    "/api/v1/programmes/",
    "/api/v1/programmes/{id}/",
    "/api/v1/programmes/{id}/actions/",
    "/api/v1/programmes/{id}/supersede/",
    "/api/v1/programmes/{id}/cancel/",
    "/api/v1/programmes/{id}/parties/",
    "/api/v1/programmes/{id}/plans/",
    "/api/v1/parties/{id}/",
    "/api/v1/plans/{id}/",
    "/api/v1/plans/{id}/tasks/",
    "/api/v1/tasks/",
    "/api/v1/tasks/{id}/",
    "/api/v1/tasks/{id}/actions/",
    "/api/v1/tasks/{id}/progress/",
    "/api/v1/tasks/{id}/defer/",
    "/api/v1/tasks/{id}/cancel/",
    "/api/v1/tasks/{id}/carry-over/",
    "/api/v1/tasks/{id}/outputs/",
    "/api/v1/concerns/",
    "/api/v1/concerns/{id}/",
    "/api/v1/concerns/{id}/chain/",
    "/api/v1/concerns/{id}/actions/",
    "/api/v1/concerns/{id}/merge/",
    "/api/v1/concerns/{id}/unmerge/",
    "/api/v1/concerns/{id}/contact/",
    "/api/v1/concern-contacts/{id}/",
    "/api/v1/concern-categories/",
    "/api/v1/claims/",
    "/api/v1/claims/{id}/",
    "/api/v1/report-requests/",
    "/api/v1/report-requests/{id}/",
    "/api/v1/report-requests/{id}/issue/",
    "/api/v1/report-requests/{id}/completeness/",
    "/api/v1/report-requests/{id}/consolidate/",
    "/api/v1/report-requests/{id}/consolidation/",
    "/api/v1/report-requests/{id}/consolidation/issue/",
    "/api/v1/completeness-grid/",
    "/api/v1/report-submissions/",
    "/api/v1/report-submissions/{id}/",
    "/api/v1/report-submissions/{id}/actions/",
    "/api/v1/review-conferences/",
    "/api/v1/review-conferences/{id}/",
    "/api/v1/review-conferences/{id}/actions/",
    "/api/v1/review-conferences/{id}/conclusions/",
    "/api/v1/review-conferences/{id}/documents/",
    "/api/v1/awards/",
    "/api/v1/awards/{id}/actions/",
    "/api/v1/evaluations/",
]


@pytest.fixture
def schema(api, db):
    response = api.get(SCHEMA_URL, HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_openapi_3_with_every_path(schema):
    assert schema["openapi"].startswith("3.")
    assert set(PATHS) <= set(schema["paths"])


def test_the_schema_documents_the_error_shape_on_every_operation(schema):
    error = schema["components"]["schemas"]["ErrorBody"]
    assert set(error["properties"]) == {"code", "message", "fields"}
    for path in PATHS:
        for operation in schema["paths"][path].values():
            assert "400" in operation["responses"] or "401" in operation["responses"]
            for status, response in operation["responses"].items():
                if status.startswith("4"):
                    ref = response["content"]["application/json"]["schema"]["$ref"]
                    assert ref == "#/components/schemas/Error"


def test_the_schema_generates_without_warnings_and_validates(tmp_path, db):
    # The same command CI runs; it raises on any warning or validation error.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "s.yaml")
    assert (tmp_path / "s.yaml").read_text().startswith("openapi: 3.")


def test_the_outsider_gets_the_same_schema(api_as, world, schema):
    response = api_as(world.outsider).get(
        SCHEMA_URL, HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )
    assert response.json()["paths"].keys() == schema["paths"].keys()


def local_urls(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]*)"', html)


def test_the_docs_page_loads_only_local_files(api, db):
    response = api.get(DOCS_URL)
    assert response.status_code == 200
    html = response.content.decode()
    urls = local_urls(html)
    assert urls, html
    for url in urls:
        assert url.startswith("/") and not url.startswith("//"), url
    assert not re.search(r"https?://", html)
    for url in urls:
        if url.startswith("/static/"):
            assert finders.find(url.removeprefix("/static/")), url


def test_the_docs_page_has_no_inline_script_or_style(api, db):
    html = api.get(DOCS_URL).content.decode()
    assert "<style" not in html
    assert all("src=" in attributes for attributes in re.findall(r"<script([^>]*)>", html))


def test_the_docs_start_up_script_is_served_as_javascript(api, db):
    html = api.get(DOCS_URL).content.decode()
    script = next(u for u in local_urls(html) if u.startswith(DOCS_URL))
    response = api.get(script.replace("&amp;", "&"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert SCHEMA_URL in response.content.decode()


def test_the_docs_page_keeps_the_strict_content_security_policy(api, db):
    policy = api.get(DOCS_URL)["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_the_outsider_can_read_the_docs_page(api_as, world):
    assert api_as(world.outsider).get(DOCS_URL).status_code == 200

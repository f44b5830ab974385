"""Text at the boundary (issue 15, items 3 and 4; decision 0016): control characters are refused
by every form and API field, and text stored before the rule never breaks a document or an
export, nor runs as a formula in a spreadsheet."""

import importlib
import io
import unicodedata
from pathlib import Path

import pytest
from django import forms
from django.apps import apps as django_apps
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from phoihop.api import base
from phoihop.concerns.models import Category
from phoihop.core.forms import StyledForm
from phoihop.core.jobs import job_start
from phoihop.core.models import Job
from phoihop.core.plugins import app_modules
from phoihop.core.text import clean_stored_text
from phoihop.organisations.models import Organisation
from phoihop.organisations.services import organisation_update
from phoihop.programmes.models import Task
from phoihop.testing.concerns import capture
from phoihop.testing.programmes import build_programme

REFUSED = "chứa ký tự điều khiển không hợp lệ"
FORMULA = '=HYPERLINK("http://x","x")'
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def prg(world):
    return build_programme(world)


def task_form(world, title: str) -> dict:
    return {
        "title": title,
        "lead": world.department.pk,
        "due": "2026-09-30",
        "expected_output": "report",
    }


def plan_rows(client, plan) -> list:
    response = client.get(reverse("programmes:plan_export", args=[plan.pk]))
    assert response.status_code == 200
    return list(load_workbook(io.BytesIO(response.content))["Nhiệm vụ"].iter_rows())


def test_a_form_refuses_a_control_character_with_the_field_named(world, client, prg):
    client.force_login(world.board_officer)
    before = Task.objects.count()
    response = client.post(
        reverse("programmes:task_create", args=[prg.plan.pk]), task_form(world, "Hội\x01 nghị")
    )
    assert response.status_code == 400
    assert f"Nhiệm vụ {REFUSED}" in response.content.decode()
    assert Task.objects.count() == before


def test_a_form_stores_nfc_text(world, client, prg):
    client.force_login(world.board_officer)
    title = unicodedata.normalize("NFD", "Hội nghị tổng kết")
    response = client.post(
        reverse("programmes:task_create", args=[prg.plan.pk]), task_form(world, title)
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert Task.objects.filter(title="Hội nghị tổng kết").exists()


def test_the_api_refuses_a_control_character_and_changes_nothing(world, prg):
    api = APIClient()
    api.force_authenticate(world.board_officer)
    before = Task.objects.count()
    url = reverse("api:plan_tasks", kwargs={"pk": prg.plan.pk})
    response = api.post(url, task_form(world, "Hội\x01 nghị"), format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["title"] == [f"«title» {REFUSED}."]
    assert Task.objects.count() == before
    title = unicodedata.normalize("NFD", "Hội nghị tổng kết")
    assert api.post(url, task_form(world, title), format="json").status_code == 201
    assert Task.objects.filter(title="Hội nghị tổng kết").exists()


def test_a_title_that_looks_like_a_formula_is_exported_as_text(world, client, prg):
    Task.objects.filter(pk=prg.task.pk).update(title=FORMULA)
    client.force_login(world.board_officer)
    cell = next(row for row in plan_rows(client, prg.plan)[1:] if row[0].value == prg.task.pk)[1]
    assert (cell.value, cell.data_type) == (FORMULA, "s")


def test_a_stored_control_character_breaks_no_document_or_export(world, client, prg):
    Task.objects.filter(pk=prg.task.pk).update(title="Tuyên\x01 truyền\x0b")
    client.force_login(world.board_officer)
    titles = [row[1].value for row in plan_rows(client, prg.plan)[1:]]
    assert "Tuyên truyền" in titles
    docx = client.get(reverse("programmes:docx", args=[prg.programme.pk]))
    assert docx.status_code == 200
    assert docx.content.startswith(b"PK")


def test_a_stored_control_character_breaks_no_statistics_export(world, login):
    capture(world)
    Category.objects.update(name="Đất\x01 đai")
    export = login(world.board_officer).get(reverse("concerns:statistics_export"))
    assert export.status_code == 200
    sheet = load_workbook(io.BytesIO(export.content))["Theo lĩnh vực"]
    assert [row[0].value for row in sheet.iter_rows()][1:] == ["Đất đai"]


def test_a_stored_control_character_breaks_no_audit_export(
    world, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.TASKS, settings.MEDIA_ROOT = IMMEDIATE, tmp_path
    organisation_update(
        actor=world.actor(world.admin), organisation=world.department, name="Sở\x01 mới"
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(
            actor=world.actor(world.auditor), kind="audit_export", title="Xuất", params={}
        )
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    with job.result.open("rb") as stored:
        rows = list(load_workbook(io.BytesIO(stored.read()))["Nhật ký"].iter_rows(values_only=True))
    assert any("Sở mới" in str(value) for row in rows for value in row)


def test_the_migration_strips_stored_control_characters_in_batches(world, prg):
    migration = importlib.import_module(
        "phoihop.programmes.migrations.0011_strip_control_characters"
    )
    Task.objects.filter(pk=prg.task.pk).update(
        title="Tuyên\x01 truyền\u202e", description="Dòng một\nDòng\x7f hai"
    )
    migration.strip(django_apps, None)
    task = Task.objects.get(pk=prg.task.pk)
    assert (task.title, task.description) == ("Tuyên truyền", "Dòng một\nDòng hai")
    # One row a batch: the paging finds a dirty row after the clean ones as well.
    Organisation.objects.filter(pk=world.department.pk).update(name="Sở\x02")
    assert Organisation.objects.filter(pk__gt=world.department.pk).exists()
    assert clean_stored_text(Organisation, batch=1) == 1
    assert Organisation.objects.get(pk=world.department.pk).name == "Sở"


def test_every_form_of_the_project_cleans_its_text():
    """The rule is hooked into `StyledForm`: a form that does not derive from it escapes."""
    escaping = [
        f"{module.__name__}.{name}"
        for module in app_modules("forms")
        for name, cls in vars(module).items()
        if isinstance(cls, type)
        and issubclass(cls, forms.BaseForm)
        and cls.__module__ == module.__name__
        and not issubclass(cls, StyledForm)
        and not name.endswith("Fields")  # field mixins, combined with StyledForm where used
    ]
    assert escaping == []


def test_every_api_input_is_validated_where_text_is_cleaned():
    """`api.base.parse_body`/`parse_query` clean text; a serializer validated elsewhere escapes."""
    api = Path(base.__file__).parent
    elsewhere = [
        str(path.relative_to(api))
        for path in api.rglob("*.py")
        if "tests" not in path.parts and path.name != "base.py" and "is_valid(" in path.read_text()
    ]
    assert elsewhere == []

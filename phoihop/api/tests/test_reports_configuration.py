"""API v1: report templates and evaluation criteria (read for report users, write for the
operator), bad input answered 400 with nothing written."""

import pytest

from phoihop.programmes.models import Regime
from phoihop.reports import services
from phoihop.reports.models import EvaluationCriterion

from .conftest import assert_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(world):
    world.admin.is_superuser = True
    world.admin.save()
    return world.admin


@pytest.fixture
def template():
    return services.default_template(Regime.objects.get(is_current=True))


def body(template, **overrides):
    values = {
        "name": template.name,
        "summary": template.summary,
        "opening": template.opening,
        "closing": template.closing,
        "is_default": True,
    }
    return values | overrides


def test_a_board_officer_lists_templates_and_criteria(api_as, world, template):
    client = api_as(world.board_officer)
    listed = client.get("/api/v1/report-templates/").json()["results"]
    assert [t["id"] for t in listed] == [template.pk]
    assert client.get("/api/v1/evaluation-criteria/").json()["results"] == []
    assert client.get(f"/api/v1/report-templates/{template.pk}/").json()["name"] == template.name


def test_the_operator_updates_a_template_and_broken_placeholders_are_refused(
    api_as, operator, template
):
    client = api_as(operator)
    url = f"/api/v1/report-templates/{template.pk}/"
    response = client.put(url, body(template, closing="Trên đây là báo cáo {period"), format="json")
    assert_error(response, 400)
    assert "bị hỏng" in str(response.json())
    template.refresh_from_db()
    assert template.closing.endswith("tổng hợp, báo cáo.")
    response = client.put(url, body(template, name="Mẫu 238 (sửa)"), format="json")
    assert response.status_code == 200 and response.json()["name"] == "Mẫu 238 (sửa)"


def test_the_operator_manages_criteria_and_bad_weights_write_nothing(api_as, operator):
    client = api_as(operator)
    good = {
        "label": "Nhiệm vụ đúng hạn",
        "numerator_key": "programmes.tasks_on_time",
        "denominator_key": "programmes.tasks",
        "weight": 60,
    }
    for bad in ({"weight": -1}, {"weight": 0}, {"weight": "nhiều"}, {"denominator_key": ""}):
        assert_error(client.post("/api/v1/evaluation-criteria/", good | bad, format="json"), 400)
    assert not EvaluationCriterion.objects.exists()
    created = client.post("/api/v1/evaluation-criteria/", good, format="json")
    assert created.status_code == 201
    url = f"/api/v1/evaluation-criteria/{created.json()['id']}/"
    assert client.put(url, good | {"weight": 30}, format="json").json()["weight"] == 30
    assert client.delete(url).status_code == 204
    assert not EvaluationCriterion.objects.exists()


def test_others_cannot_write_and_the_outsider_gets_403(api_as, world, template):
    for user in (world.board_leader, world.outsider):
        client = api_as(user)
        response = client.put(
            f"/api/v1/report-templates/{template.pk}/", body(template, name="x"), format="json"
        )
        assert_error(response, 403)
        response = client.post(
            "/api/v1/evaluation-criteria/",
            {"label": "x", "numerator_key": "a.b", "denominator_key": "a.c", "weight": 5},
            format="json",
        )
        assert_error(response, 403)
    template.refresh_from_db()
    assert template.name != "x" and not EvaluationCriterion.objects.exists()


def test_the_configuration_endpoints_are_in_the_schema(api_as, world):
    schema = api_as(world.board_officer).get("/api/v1/schema/?format=json").json()
    assert "/api/v1/report-templates/{id}/" in schema["paths"]
    assert "/api/v1/evaluation-criteria/{id}/" in schema["paths"]

"""'Việc của tôi', its count and the API, as the owner, another body's officer and the outsider."""

from datetime import timedelta
from urllib.parse import parse_qsl

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from phoihop.core.actor import ANONYMOUS
from phoihop.obligations import selectors, services
from phoihop.obligations.models import Obligation

from .conftest import more_tasks

pytestmark = pytest.mark.django_db
PAGE = reverse("obligations:mine")
API = reverse("api:my_obligations")


def open_on(world, target, organisation, step="task.report", actor=None, **due):
    due = due or {"working_days": 5}
    return services.obligation_open(
        actor=actor or world.actor(world.board_officer),
        target=target,
        step=step,
        organisation=organisation,
        label=getattr(target, "title", None) or target.summary,
        url=target.get_absolute_url(),
        **due,
    )


def make_overdue(obligation, days=3):
    """A report owed since days ago: the due time is moved back as a bulk load would."""
    past = timezone.now() - timedelta(days=days)
    Obligation.objects.filter(pk=obligation.pk).update(
        opened_at=past - timedelta(days=10), due_at=past
    )


def test_the_owner_sees_the_obligation_grouped_with_overdue_marked(world, login, task):
    late = open_on(world, task, world.department)
    make_overdue(late)
    response = login(world.agency_officer).get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Việc của tôi" in page and task.title in page
    assert "Quá hạn" in page and "quá hạn" in page and "table-danger" in page
    assert "Báo cáo kết quả thực hiện nhiệm vụ" in page
    groups = {group.key: group.count for group in response.context["groups"]}
    assert groups == {"overdue": 1, "week": 0, "later": 0, "waiting": 0}


def test_another_bodys_officer_does_not_see_it(world, login, task):
    open_on(world, task, world.department)
    response = login(world.commune_officer).get(PAGE)
    assert task.title not in response.content.decode()
    assert response.context["page"].rows == []


def test_the_outsider_sees_nothing(world, login, task):
    open_on(world, task, world.department)
    response = login(world.outsider).get(PAGE)
    assert response.status_code == 200
    assert task.title not in response.content.decode()
    assert login(world.outsider).get(API).json()["results"] == []


def test_the_opener_finds_it_waiting_on_others(world, login, task):
    open_on(world, task, world.department)
    response = login(world.board_officer).get(PAGE, {"nhom": "waiting"})
    assert task.title in response.content.decode()
    assert {g.key: g.count for g in response.context["groups"]}["waiting"] == 1
    mine = login(world.board_officer).get(PAGE)
    assert task.title not in mine.content.decode()


def test_filters_by_capability_and_body(world, login, task, dispatch, council_officer):
    open_on(world, task, world.council)
    open_on(world, dispatch, world.council, step="dispatch.reply", actor=ANONYMOUS)
    client = login(council_officer)
    # The council officer acts on dispatch replies; the task report names agency roles.
    assert [r.obligation.step for r in client.get(PAGE).context["page"].rows] == ["dispatch.reply"]
    only_prg = client.get(PAGE, {"capability": "PRG"}).context["page"].rows
    assert only_prg == []
    other_body = client.get(PAGE, {"organisation": world.department.pk})
    assert other_body.context["page"].rows[0].obligation.step == "dispatch.reply"
    assert other_body.context["form"].errors, "a body the officer does not belong to is refused"


def test_pages_follow_the_due_time_and_a_forged_key_starts_again(world, prg):
    tasks = more_tasks(world, prg, 5)
    for task in tasks:
        open_on(world, task, world.department)
    actor = world.actor(world.agency_officer)
    filters = selectors.ObligationFilter()
    first = selectors.obligation_page(actor=actor, filters=filters, params={}, size=2)
    assert first.next_query and first.first_query is None
    second = selectors.obligation_page(
        actor=actor, filters=filters, params=dict(parse_qsl(first.next_query)), size=2
    )
    seen = [r.obligation.pk for r in first.rows + second.rows]
    assert seen == sorted(seen) and len(set(seen)) == 4
    forged = selectors.obligation_page(actor=actor, filters=filters, params={"sau": "x~y"}, size=2)
    assert [r.obligation.pk for r in forged.rows] == [r.obligation.pk for r in first.rows]


def test_the_count_fragment_and_the_nav_count(world, login, task):
    open_on(world, task, world.department)
    response = login(world.agency_officer).get(reverse("obligations:count"))
    assert response.status_code == 200 and "badge" in response.content.decode()
    assert selectors.open_count(actor=world.actor(world.agency_officer)) == "1"
    assert selectors.open_count(actor=world.actor(world.outsider)) == "0"


def test_the_page_and_the_count_cost_the_same_queries_for_one_or_many_obligations(
    world, login, prg
):
    client = login(world.agency_officer)
    open_on(world, prg.task, world.department)
    with CaptureQueriesContext(connection) as one:
        client.get(PAGE)
    with CaptureQueriesContext(connection) as one_count:
        client.get(reverse("obligations:count"))
    for task in more_tasks(world, prg, 12):
        make_overdue(open_on(world, task, world.department))
    with CaptureQueriesContext(connection) as many:
        response = client.get(PAGE)
    with CaptureQueriesContext(connection) as many_count:
        client.get(reverse("obligations:count"))
    assert len(response.context["page"].rows) == 13
    assert len(many.captured_queries) == len(one.captured_queries)
    assert len(many_count.captured_queries) == len(one_count.captured_queries)


def test_the_api_lists_my_obligations_with_their_group(world, client, task):
    late = open_on(world, task, world.department)
    make_overdue(late)
    client.force_login(world.agency_officer)
    body = client.get(API).json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["id"] == late.pk and row["group"] == "overdue" and row["overdue"] is True
    assert row["step_title"] == "Báo cáo kết quả thực hiện nhiệm vụ"
    assert row["organisation"]["id"] == world.department.pk
    assert client.get(API, {"capability": "XCH"}).json()["count"] == 0
    client.force_login(world.board_officer)
    assert client.get(API, {"waiting": "true"}).json()["count"] == 1


def test_the_api_refuses_bad_filters_in_the_house_error_shape(world, client):
    client.force_login(world.agency_officer)
    response = client.get(API, {"capability": "XYZ"})
    assert response.status_code == 400
    assert set(response.json()["error"]) == {"code", "message", "fields"}
    assert "capability" in response.json()["error"]["fields"]


def test_the_api_asks_anonymous_callers_to_sign_in(client):
    assert client.get(API).status_code in {401, 403}


def test_the_api_is_in_the_openapi_schema(client, world):
    client.force_login(world.agency_officer)
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/me/obligations/"]["get"]
    assert operation["summary"] == "Việc của tôi"
    assert "400" in operation["responses"] and "401" in operation["responses"]

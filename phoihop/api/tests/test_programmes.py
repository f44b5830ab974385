"""/api/v1/programmes/, parties/, plans/, tasks/: the PRG lifecycle through the API.

Every read is scoped like the web pages (the outsider gets 404 on every Quảng Ngãi object),
every write goes through the services (403 from the policies, 400 with field names otherwise).
"""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIRequestFactory

from phoihop.accounts.roles import Role
from phoihop.core import calendar
from phoihop.organisations.services import focal_point_set
from phoihop.programmes import services
from phoihop.programmes.models import ContentItem, Programme, Task
from phoihop.testing.programmes import build_programme
from phoihop.testing.world import person

from .conftest import assert_error

LIST_URL = reverse("api:programmes")
TASKS_URL = reverse("api:tasks")


def url(name: str, obj) -> str:
    return reverse(f"api:{name}", kwargs={"pk": obj.pk})


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.content
    return response.json()


def fields_of(response, status: int = 400) -> dict:
    return assert_error(response, status, "invalid" if status == 400 else None)["fields"]


@pytest.fixture(autouse=True)
def _json_requests(monkeypatch):
    """Test clients send JSON bodies unless told otherwise (the API parses nothing else)."""
    monkeypatch.setattr(APIRequestFactory, "default_format", "json")


@pytest.fixture
def prg(world):
    """A programme in force (2022–2026), a 2026 plan, a task led by the department, an output."""
    return build_programme(world)


def draft(world, title="Chương trình dự thảo", parties=None) -> Programme:
    return services.programme_create(
        actor=world.actor(world.board_officer),
        board=world.board,
        data=services.ProgrammeData(title=title, start=date(2026, 1, 1), end=date(2027, 12, 31)),
        parties=parties or [world.peoples_committee, world.council],
    )


def creation_body(world, **extra) -> dict:
    return {
        "board": world.board.pk,
        "title": "Chương trình phối hợp tuyên truyền giai đoạn 2026–2027",
        "start": "2026-01-01",
        "end": "2027-12-31",
        "parties": [world.peoples_committee.pk, world.council.pk],
        **extra,
    }


def task_body(world, **extra) -> dict:
    return {"title": "Hội nghị báo cáo viên", "lead": world.department.pk, "due": "2026-09-30"} | (
        extra
    )


# --- Outsider and anonymous ------------------------------------------------------------------

OBJECT_CALLS = [
    ("get", "programme", "programme", None),
    ("patch", "programme", "programme", {"title": "x"}),
    ("post", "programme_actions", "programme", {"action": "start_review"}),
    ("post", "programme_supersede", "programme", {"successor": 1}),
    ("post", "programme_cancel", "programme", {"reason": "x"}),
    ("post", "programme_parties", "programme", {"organisation": 1}),
    ("post", "programme_plans", "programme", {"year": 2025}),
    ("get", "party", "party", None),
    ("patch", "party", "party", {"signatory_name": "x"}),
    ("delete", "party", "party", None),
    ("get", "plan", "plan", None),
    ("post", "plan_tasks", "plan", {"title": "x", "lead": 1, "due": "2026-01-02"}),
    ("get", "task", "task", None),
    ("post", "task_actions", "task", {"action": "start"}),
    ("post", "task_progress", "task", {"progress": 10}),
    ("post", "task_defer", "task", {"new_due": "2026-12-01", "reason": "x"}),
    ("post", "task_cancel", "task", {"reason": "x"}),
    ("post", "task_carry_over", "task", None),
    (
        "post",
        "task_outputs",
        "task",
        {"kind": "report", "title": "x", "produced_on": "2026-01-02", "organisation": 1},
    ),
]


@pytest.mark.parametrize("method,name,attribute,body", OBJECT_CALLS)
def test_the_outsider_gets_404_on_every_quang_ngai_object(
    api_as, world, prg, method, name, attribute, body
):
    api = api_as(world.outsider)
    response = getattr(api, method)(url(name, getattr(prg, attribute)), body, format="json")
    assert_error(response, 404, "not_found")
    prg.task.refresh_from_db()
    assert prg.task.state == Task.State.ASSIGNED


@pytest.mark.parametrize("method,name,attribute,body", OBJECT_CALLS)
def test_anonymous_callers_get_401(api, world, prg, method, name, attribute, body):
    response = getattr(api, method)(url(name, getattr(prg, attribute)), body, format="json")
    assert_error(response, 401)


def test_the_outsider_lists_no_programme_and_no_task(api_as, world, prg):
    api = api_as(world.outsider)
    assert ok(api.get(LIST_URL))["results"] == []
    assert ok(api.get(TASKS_URL, {"all": "1"}))["results"] == []


# --- List ------------------------------------------------------------------------------------


def test_the_list_shows_parties_and_progress(api_as, world, prg):
    services.task_update_progress(
        actor=world.actor(world.agency_officer), task=prg.task, progress=40
    )
    [row] = ok(api_as(world.board_officer).get(LIST_URL))["results"]
    assert row["id"] == prg.programme.pk
    assert row["state"] == "in_force"
    assert row["state_label"] == "Đang thực hiện"
    assert row["board"] == {"id": world.board.pk, "name": world.board.name}
    assert {p["id"] for p in row["parties"]} == {world.board.pk, world.peoples_committee.pk}
    assert row["progress"] == 40


def test_a_department_sees_the_programme_its_peoples_committee_signed(api_as, world, prg):
    rows = ok(api_as(world.agency_officer).get(LIST_URL))["results"]
    assert [r["id"] for r in rows] == [prg.programme.pk]


def test_the_list_filters(api_as, world, prg):
    other = draft(world, "Chương trình với Thường trực HĐND", parties=[world.council])
    api = api_as(world.board_officer)

    def ids(**params):
        return {r["id"] for r in ok(api.get(LIST_URL, params))["results"]}

    assert ids(state="draft") == {other.pk}
    assert ids(party=world.council.pk) == {other.pk}
    assert ids(party=world.peoples_committee.pk) == {prg.programme.pk}
    assert ids(year=2022) == {prg.programme.pk}
    assert ids(year=2027) == {other.pk}
    item = ContentItem.objects.filter(regime__is_current=True).first()
    other.content_items.set([])
    assert ids(content_item=item.pk) == {prg.programme.pk}


def test_the_list_searches_titles_and_parties_without_diacritics(api_as, world, prg):
    other = draft(world, "Chương trình với Thường trực HĐND", parties=[world.council])
    api = api_as(world.board_officer)

    def ids(query):
        return {r["id"] for r in ok(api.get(LIST_URL, {"q": query}))["results"]}

    assert ids("HDND thuong truc") == {other.pk}
    assert ids("ubnd tinh") == {prg.programme.pk}
    assert ids("CHƯƠNG TRÌNH") == {other.pk, prg.programme.pk}
    assert api_as(world.outsider).get(LIST_URL, {"q": "chuong trinh"}).json()["count"] == 0


@pytest.mark.parametrize(
    "params,field",
    [
        ({"state": "khong-co"}, "state"),
        ({"year": "1990"}, "year"),
        ({"party": "abc"}, "party"),
        ({"content_item": "0"}, "content_item"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_list_filters_get_400_naming_the_field(api_as, world, params, field):
    assert list(fields_of(api_as(world.board_officer).get(LIST_URL, params))) == [field]


def test_the_programme_list_query_count_does_not_grow_with_the_page(
    api_as, world, prg, django_assert_max_num_queries
):
    for number in range(30):
        draft(world, f"Chương trình số {number}")
    api = api_as(world.board_officer)
    # token + actor + count + page + parties + their bodies
    with django_assert_max_num_queries(6):
        body = ok(api.get(LIST_URL, {"page_size": 50}))
    assert body["count"] == 31
    with django_assert_max_num_queries(6):
        body = ok(api.get(LIST_URL, {"state": "draft", "year": 2026, "page_size": 50}))
    assert body["count"] == 30


# --- Create and edit -------------------------------------------------------------------------


def test_a_board_officer_drafts_a_programme(api_as, world):
    body = ok(api_as(world.board_officer).post(LIST_URL, creation_body(world), format="json"), 201)
    programme = Programme.objects.get(pk=body["id"])
    assert programme.state == Programme.State.DRAFT
    assert body["state"] == "draft"
    assert body["kind"] == "programme" and body["basis"] == "phase"
    assert [p["organisation"]["id"] for p in body["parties"]] == [
        world.board.pk,
        world.peoples_committee.pk,
        world.council.pk,
    ]
    assert all(not p["has_signed"] and not p["has_focal_point"] for p in body["parties"])
    assert len(body["content_items"]) == programme.regime.content_items.count() > 0
    assert body["plans"] == [] and body["progress"] is None
    assert {a["action"] for a in body["actions"]} == {"submit"}
    assert body["permissions"] == {"can_edit": True, "can_decide": False, "can_manage_plans": False}


def test_content_items_can_be_chosen(api_as, world):
    items = list(ContentItem.objects.filter(regime__is_current=True)[:2])
    body = creation_body(world, content_items=[i.pk for i in items])
    created = ok(api_as(world.board_officer).post(LIST_URL, body, format="json"), 201)
    assert [i["id"] for i in created["content_items"]] == [i.pk for i in items]


def test_an_agency_officer_may_not_draft_a_programme(api_as, world):
    body = creation_body(world, board=world.department.pk, parties=[world.department.pk])
    response = api_as(world.agency_officer).post(LIST_URL, body, format="json")
    assert assert_error(response, 403, "permission_denied")["message"].startswith("Chỉ lãnh đạo")
    assert not Programme.objects.exists()


@pytest.mark.parametrize(
    "change,field",
    [
        ({"end": "2025-12-31"}, "end"),
        ({"title": ""}, "title"),
        ({"start": "01/01/2026"}, "start"),
        ({"kind": "hiep-uoc"}, "kind"),
        ({"parties": [999999]}, "parties"),
        ({"parties": []}, "parties"),
        ({"parties": "1,2"}, "parties"),
        ({"content_items": [999999]}, "content_items"),
        ({"board": None}, "board"),
    ],
)
def test_bad_programme_input_gets_400_naming_the_field(api_as, world, change, field):
    response = api_as(world.board_officer).post(LIST_URL, creation_body(world, **change), "json")
    assert list(fields_of(response)) == [field]
    assert not Programme.objects.exists()


def test_bodies_outside_the_users_scope_are_unknown(api_as, world):
    api = api_as(world.outsider)
    fields = fields_of(api.post(LIST_URL, creation_body(world), format="json"))
    assert set(fields) == {"board", "parties"}
    assert "trong phạm vi bạn được xem" in fields["board"][0]
    body = creation_body(world, board=world.other_board.pk, parties=[world.council.pk])
    assert list(fields_of(api.post(LIST_URL, body, format="json"))) == ["parties"]


def test_malformed_json_gets_400(api_as, world):
    response = api_as(world.board_officer).post(
        LIST_URL, data='{"title": ', content_type="application/json"
    )
    assert_error(response, 400, "parse_error")


def test_a_body_that_is_not_an_object_gets_400(api_as, world):
    response = api_as(world.board_officer).post(LIST_URL, [1, 2], format="json")
    assert list(fields_of(response)) == ["non_field_errors"]


def test_the_board_edits_a_draft(api_as, world):
    programme = draft(world)
    api = api_as(world.board_officer)
    body = ok(api.patch(url("programme", programme), {"title": "  Tên mới  "}, format="json"))
    assert body["title"] == "Tên mới"
    assert body["start"] == "2026-01-01"
    response = api.patch(url("programme", programme), {"start": "2028-01-01"}, format="json")
    assert list(fields_of(response)) == ["start"]
    programme.refresh_from_db()
    assert programme.start == date(2026, 1, 1)


def test_editing_is_refused_to_the_agency_and_after_signing(api_as, world, prg):
    programme = draft(world)
    response = api_as(world.agency_officer).patch(
        url("programme", programme), {"title": "x"}, format="json"
    )
    assert_error(response, 403, "permission_denied")
    response = api_as(world.board_officer).patch(
        url("programme", prg.programme), {"title": "x"}, format="json"
    )
    assert_error(response, 403, "permission_denied")


# --- Lifecycle -------------------------------------------------------------------------------


def act(api, programme, action):
    return api.post(url("programme_actions", programme), {"action": action}, format="json")


def test_the_detail_shows_parties_plans_and_actions(api_as, world, prg):
    body = ok(api_as(world.board_leader).get(url("programme", prg.programme)))
    assert body["regime"] == prg.programme.regime.code
    parties = {p["organisation"]["id"]: p for p in body["parties"]}
    assert parties[world.peoples_committee.pk]["has_signed"] is True
    assert parties[world.peoples_committee.pk]["has_focal_point"] is True
    assert parties[world.peoples_committee.pk]["document_date"] == "2022-01-10"
    assert [p["year"] for p in body["plans"]] == [2026]
    assert body["plans"][0]["task_count"] == 1
    assert body["plans"][0]["progress"] == 0
    assert body["actions"] == [{"action": "start_review", "label": "Sơ kết, tổng kết"}]
    assert body["permissions"]["can_decide"] is True


def test_agency_officers_and_board_officers_may_not_decide(api_as, world, prg):
    for user in (world.agency_officer, world.board_officer):
        response = act(api_as(user), prg.programme, "start_review")
        assert assert_error(response, 403, "permission_denied")["message"].startswith(
            "Bạn không có quyền"
        )
    prg.programme.refresh_from_db()
    assert prg.programme.state == Programme.State.IN_FORCE


def test_a_forbidden_transition_gets_400(api_as, world):
    programme = draft(world)
    error = assert_error(act(api_as(world.board_leader), programme, "close"), 400, "invalid")
    assert error["fields"]["non_field_errors"] == [
        "Không thể «kết thúc» khi chương trình ở trạng thái «dự thảo»."
    ]


def test_an_unknown_action_gets_400_naming_the_field(api_as, world):
    response = act(api_as(world.board_leader), draft(world), "bay")
    assert list(fields_of(response)) == ["action"]


def test_signing_needs_every_partys_signature(api_as, world):
    programme = draft(world)
    api = api_as(world.board_leader)
    ok(act(api, programme, "submit"))
    ok(act(api, programme, "agree"))
    fields = fields_of(act(api, programme, "sign"))
    assert "Chưa đủ thông tin ký" in fields["non_field_errors"][0]


def test_supersede(api_as, world, prg):
    successor = draft(world, "Chương trình mới")
    api = api_as(world.board_leader)
    response = api.post(url("programme_supersede", prg.programme), {"successor": prg.programme.pk})
    assert list(fields_of(response)) == ["successor"]
    foreign = {"successor": 999999}
    assert list(fields_of(api.post(url("programme_supersede", prg.programme), foreign))) == [
        "successor"
    ]
    body = ok(api.post(url("programme_supersede", prg.programme), {"successor": successor.pk}))
    assert body["state"] == "superseded"
    assert body["successor"] == {"id": successor.pk, "title": "Chương trình mới"}
    assert body["actions"] == []


def test_cancel_needs_a_reason_and_the_board_leader(api_as, world, prg):
    api = api_as(world.board_leader)
    assert list(fields_of(api.post(url("programme_cancel", prg.programme), {"reason": " "}))) == [
        "reason"
    ]
    assert list(fields_of(api.post(url("programme_cancel", prg.programme), {}))) == ["reason"]
    assert_error(
        api_as(world.agency_officer).post(url("programme_cancel", prg.programme), {"reason": "x"}),
        403,
    )
    body = ok(api.post(url("programme_cancel", prg.programme), {"reason": "Sáp nhập tỉnh"}))
    assert (body["state"], body["cancel_reason"]) == ("cancelled", "Sáp nhập tỉnh")
    again = api.post(url("programme_cancel", prg.programme), {"reason": "x"})
    assert_error(again, 403, "permission_denied")


# --- Parties ---------------------------------------------------------------------------------


def test_parties_are_added_signed_and_removed(api_as, world):
    programme = draft(world, parties=[world.peoples_committee])
    api = api_as(world.board_officer)
    party = ok(
        api.post(url("programme_parties", programme), {"organisation": world.council.pk}), 201
    )
    assert party["organisation"]["id"] == world.council.pk
    again = api.post(url("programme_parties", programme), {"organisation": world.council.pk})
    assert list(fields_of(again)) == ["organisation"]
    foreign = api.post(url("programme_parties", programme), {"organisation": world.other_board.pk})
    assert "trong phạm vi" in fields_of(foreign)["organisation"][0]

    party_url = reverse("api:party", kwargs={"pk": party["id"]})
    signing = {
        "authority": "TM.",
        "signatory_title": "Phó Chủ tịch",
        "signatory_name": "Nguyễn Văn A",
        "document_number": "12/CTr-HĐND",
        "document_date": "2026-01-05",
    }
    body = ok(api.patch(party_url, signing, format="json"))
    assert body["has_signed"] is True and body["signatory_name"] == "Nguyễn Văn A"
    assert ok(api.get(party_url))["document_number"] == "12/CTr-HĐND"
    late = api.patch(party_url, {"document_date": "2031-01-01"}, format="json")
    assert list(fields_of(late)) == ["document_date"]
    assert list(fields_of(api.patch(party_url, {"authority": "x" * 11}, format="json"))) == [
        "authority"
    ]

    assert api.delete(party_url).status_code == 204
    assert not programme.parties.filter(organisation=world.council).exists()
    last = programme.parties.get(organisation=world.peoples_committee)
    error = assert_error(api.delete(reverse("api:party", kwargs={"pk": last.pk})), 400)
    assert error["fields"] == {
        "non_field_errors": ["Chương trình phải còn ít nhất hai bên ký kết."]
    }
    board = programme.parties.get(organisation=world.board)
    assert_error(api.delete(reverse("api:party", kwargs={"pk": board.pk})), 400)


def test_parties_are_fixed_once_signed(api_as, world, prg):
    api = api_as(world.board_officer)
    response = api.post(url("programme_parties", prg.programme), {"organisation": world.council.pk})
    assert_error(response, 403)
    assert_error(api.patch(url("party", prg.party), {"signatory_name": "x"}), 403)
    assert_error(api.delete(url("party", prg.party)), 403)
    assert_error(api_as(world.agency_officer).delete(url("party", prg.party)), 403)


# --- Plans -----------------------------------------------------------------------------------


def test_the_board_lays_out_an_annual_plan(api_as, world, prg):
    api = api_as(world.board_officer)
    body = ok(api.post(url("programme_plans", prg.programme), {"year": 2025}), 201)
    assert body["year"] == 2025
    assert body["programme"] == {"id": prg.programme.pk, "title": prg.programme.title}
    assert body["progress"] is None
    assert all(column["tasks"] == [] for column in body["columns"])
    assert body["permissions"] == {"can_manage": True}
    for year, field in ((2025, "year"), (2030, "year"), (1999, "year"), ("abc", "year")):
        assert list(fields_of(api.post(url("programme_plans", prg.programme), {"year": year}))) == [
            field
        ]
    response = api_as(world.agency_officer).post(
        url("programme_plans", prg.programme), {"year": 2024}
    )
    assert_error(response, 403)


def test_plans_cannot_be_made_before_signing(api_as, world):
    response = api_as(world.board_officer).post(
        url("programme_plans", draft(world)), {"year": 2026}
    )
    assert_error(response, 403)


def test_the_plan_shows_its_tasks_in_columns(api_as, world, prg):
    body = ok(api_as(world.agency_officer).get(url("plan", prg.plan)))
    columns = {c["title"]: c["tasks"] for c in body["columns"]}
    [task] = columns["Đã giao / Lùi thời hạn"]
    assert task["id"] == prg.task.pk
    assert task["state"] == "assigned"
    assert task["lead"] == {"id": world.department.pk, "name": world.department.name}
    assert task["plan"] == {"id": prg.plan.pk, "year": 2026}
    assert task["overdue"] is (timezone.localdate() > date(2026, 6, 30))
    assert body["permissions"] == {"can_manage": False}
    assert body["progress"] == 0


# --- Tasks -----------------------------------------------------------------------------------


def test_the_board_adds_a_task_with_cooperating_bodies(api_as, world, prg):
    items = list(prg.programme.content_items.all()[:1])
    body = task_body(
        world,
        cooperating=[world.peoples_committee.pk],
        content_items=[i.pk for i in items],
        expected_output="conference",
        description="Tổ chức hội nghị",
    )
    created = ok(api_as(world.board_officer).post(url("plan_tasks", prg.plan), body, "json"), 201)
    task = Task.objects.get(pk=created["id"])
    assert (task.lead, task.due, task.state) == (world.department, date(2026, 9, 30), "proposed")
    assert created["expected_output_label"] == "Hội nghị, hội thảo"
    assert [a["organisation"]["id"] for a in created["assignments"]] == [world.peoples_committee.pk]
    assert [i["id"] for i in created["content_items"]] == [i.pk for i in items]
    assert {a["action"] for a in created["actions"]} == {"agree"}


def test_a_due_date_in_working_days(api_as, world):
    today = timezone.localdate()
    due = calendar.add_working_days(today, 3)
    programme = Programme.objects.get(pk=draft(world).pk)
    Programme.objects.filter(pk=programme.pk).update(
        start=date(today.year, 1, 1), end=date(today.year + 1, 12, 31), state="signed"
    )
    programme.refresh_from_db()
    plan = services.plan_create(
        actor=world.actor(world.board_officer), programme=programme, year=due.year
    )
    body = task_body(world, due=None, due_in_working_days=3)
    created = ok(api_as(world.board_officer).post(url("plan_tasks", plan), body, "json"), 201)
    assert created["due"] == due.isoformat()


@pytest.mark.parametrize(
    "change,field",
    [
        ({"lead": None}, "lead"),
        ({"title": "   "}, "title"),
        ({"due": "2027-01-15"}, "due"),  # after the programme's end
        ({"due": "2025-06-30"}, "due"),  # inside the programme, not in the plan's year
        ({"due": None}, "due"),  # neither a date nor a number of working days
        ({"due_in_working_days": 5}, "due"),  # both
        ({"due_in_working_days": -1, "due": None}, "due_in_working_days"),
        ({"lead": 999999}, "lead"),
        ({"cooperating": [999999]}, "cooperating"),
        ({"content_items": ["x"]}, "content_items"),
        ({"expected_output": "phim"}, "expected_output"),
    ],
)
def test_bad_task_input_gets_400_naming_the_field(api_as, world, prg, change, field):
    response = api_as(world.board_officer).post(
        url("plan_tasks", prg.plan), task_body(world, **change), format="json"
    )
    assert list(fields_of(response)) == [field]
    assert prg.plan.tasks.count() == 1


def test_a_missing_lead_gets_400(api_as, world, prg):
    body = task_body(world)
    del body["lead"]
    response = api_as(world.board_officer).post(url("plan_tasks", prg.plan), body, format="json")
    assert list(fields_of(response)) == ["lead"]


def test_the_lead_must_be_a_party_or_beneath_one(api_as, world, prg):
    body = task_body(world, lead=world.commune_peoples_committee.pk)
    response = api_as(world.board_officer).post(url("plan_tasks", prg.plan), body, format="json")
    assert "bên ký kết" in fields_of(response)["lead"][0]


def test_an_agency_officer_may_not_add_tasks(api_as, world, prg):
    response = api_as(world.agency_officer).post(
        url("plan_tasks", prg.plan), task_body(world), format="json"
    )
    assert_error(response, 403, "permission_denied")


def test_the_task_detail(api_as, world, prg):
    body = ok(api_as(world.agency_officer).get(url("task", prg.task)))
    assert body["programme"] == {"id": prg.programme.pk, "title": prg.programme.title}
    assert body["assignments"] == []
    [output] = body["outputs"]
    assert output["title"] == "Loạt bài về kỳ họp"
    assert output["kind"] == "article_series"
    assert output["organisation"]["id"] == world.department.pk
    assert {a["action"] for a in body["actions"]} == {"start", "finish"}
    assert body["permissions"] == {"can_report": True, "can_steer": False}
    board = ok(api_as(world.board_officer).get(url("task", prg.task)))
    assert {a["action"] for a in board["actions"]} == {"assign", "start", "finish"}
    assert board["permissions"] == {"can_report": True, "can_steer": True}


def test_the_lead_reports_and_only_the_board_steers(api_as, world, prg):
    agency, board = api_as(world.agency_officer), api_as(world.board_officer)
    actions = url("task_actions", prg.task)
    assert_error(agency.post(actions, {"action": "confirm"}), 403, "permission_denied")
    error = assert_error(board.post(actions, {"action": "confirm"}), 400, "invalid")
    assert "đã giao" in error["fields"]["non_field_errors"][0]
    assert list(fields_of(agency.post(actions, {"action": "bay"}))) == ["action"]
    assert ok(agency.post(actions, {"action": "start"}))["state"] == "in_progress"
    body = ok(agency.post(url("task_progress", prg.task), {"progress": 60}))
    assert body["progress"] == 60
    for value in (101, -1, "x"):
        response = agency.post(url("task_progress", prg.task), {"progress": value})
        assert list(fields_of(response)) == ["progress"]
    assert ok(agency.post(actions, {"action": "finish"}))["progress"] == 100
    assert ok(board.post(actions, {"action": "confirm"}))["state"] == "confirmed"
    assert_error(agency.post(url("task_progress", prg.task), {"progress": 50}), 403)


def test_the_board_defers_a_task(api_as, world, prg):
    board = api_as(world.board_officer)
    defer = url("task_defer", prg.task)
    assert_error(
        api_as(world.agency_officer).post(defer, {"new_due": "2026-09-30", "reason": "x"}), 403
    )
    assert list(fields_of(board.post(defer, {"new_due": "2026-03-01", "reason": "x"}))) == [
        "new_due"
    ]
    assert list(fields_of(board.post(defer, {"new_due": "2026-09-30", "reason": ""}))) == ["reason"]
    assert list(fields_of(board.post(defer, {"new_due": "sau Tết", "reason": "x"}))) == ["new_due"]
    late = fields_of(board.post(defer, {"new_due": "2027-02-01", "reason": "x"}))
    assert "nằm ngoài thời gian" in str(late)  # filed under "due" by the service
    body = ok(board.post(defer, {"new_due": "2026-09-30", "reason": "Chờ kỳ họp"}))
    assert (body["state"], body["due"], body["reason"]) == ("deferred", "2026-09-30", "Chờ kỳ họp")


def test_tasks_that_are_not_open_cannot_be_deferred_cancelled_or_carried_over(api_as, world, prg):
    board = api_as(world.board_officer)
    services.task_advance(actor=world.actor(world.board_officer), task=prg.task, action="finish")
    for name, body in (
        ("task_defer", {"new_due": "2026-09-30", "reason": "x"}),
        ("task_cancel", {"reason": "x"}),
        ("task_carry_over", None),
    ):
        error = assert_error(board.post(url(name, prg.task), body, format="json"), 400)
        assert "đã hoàn thành" in error["fields"]["non_field_errors"][0], name
    prg.task.refresh_from_db()
    assert prg.task.state == Task.State.DONE


def test_the_board_cancels_a_task(api_as, world, prg):
    board = api_as(world.board_officer)
    cancel = url("task_cancel", prg.task)
    assert_error(api_as(world.agency_officer).post(cancel, {"reason": "x"}), 403)
    assert list(fields_of(board.post(cancel, {}))) == ["reason"]
    body = ok(board.post(cancel, {"reason": "Không còn phù hợp"}))
    assert body["state"] == "cancelled" and body["actions"] == []
    assert_error(board.post(cancel, {"reason": "x"}), 400)


def test_a_task_is_carried_over_to_next_years_plan(api_as, world):
    prg = build_programme(world, year=2025)
    board = api_as(world.board_officer)
    assert_error(api_as(world.agency_officer).post(url("task_carry_over", prg.task)), 403)
    body = ok(board.post(url("task_carry_over", prg.task)), 201)
    assert body["id"] != prg.task.pk
    assert body["plan"]["year"] == 2026
    assert (body["state"], body["due"]) == ("assigned", "2026-06-30")
    prg.task.refresh_from_db()
    assert prg.task.state == Task.State.CARRIED_OVER
    assert prg.task.carried_to_id == body["id"]
    assert ok(board.get(url("task", prg.task)))["carried_to"] == body["id"]
    final = Task.objects.get(pk=body["id"])
    error = assert_error(board.post(url("task_carry_over", final)), 400)
    assert "không còn năm sau" in error["fields"]["non_field_errors"][0]


def test_outputs_are_recorded_by_the_lead(api_as, world, prg):
    agency = api_as(world.agency_officer)
    outputs = url("task_outputs", prg.task)
    body = {
        "kind": "conference",
        "title": "Hội nghị báo cáo viên quý III",
        "produced_on": "2026-07-15",
        "organisation": world.department.pk,
        "link": "https://quangngai.gov.vn/hoi-nghi",
        "count": 2,
    }
    created = ok(agency.post(outputs, body, format="json"), 201)
    assert created["kind_label"] == "Hội nghị, hội thảo"
    assert (created["count"], created["has_file"]) == (2, False)
    assert prg.task.outputs.count() == 2
    for change, field in (
        ({"organisation": world.council.pk}, "organisation"),  # neither lead nor co-operating
        ({"organisation": world.other_board.pk}, "organisation"),  # not visible
        ({"link": "khong-phai-duong-dan"}, "link"),
        ({"kind": "phim"}, "kind"),
        ({"count": 0}, "count"),
        ({"produced_on": None}, "produced_on"),
    ):
        response = api_as(world.board_officer).post(outputs, body | change, format="json")
        assert list(fields_of(response)) == [field], change
    assert prg.task.outputs.count() == 2


# --- Việc của tôi ----------------------------------------------------------------------------


def test_my_work_lists_the_open_tasks_of_my_bodies(api_as, world, prg):
    rows = ok(api_as(world.agency_officer).get(TASKS_URL))["results"]
    assert [r["id"] for r in rows] == [prg.task.pk]
    assert rows[0]["programme"]["id"] == prg.programme.pk
    assert [r["id"] for r in ok(api_as(world.board_officer).get(TASKS_URL))["results"]] == [
        prg.task.pk
    ]
    assert ok(api_as(world.commune_officer).get(TASKS_URL))["results"] == []


def test_finished_tasks_leave_my_work_but_stay_in_all(api_as, world, prg):
    services.task_advance(actor=world.actor(world.board_officer), task=prg.task, action="finish")
    api = api_as(world.agency_officer)
    assert ok(api.get(TASKS_URL))["results"] == []
    rows = ok(api.get(TASKS_URL, {"all": "1"}))["results"]
    assert [(r["id"], r["state"], r["overdue"]) for r in rows] == [(prg.task.pk, "done", False)]
    assert ok(api.get(TASKS_URL, {"all": "true", "state": "assigned"}))["results"] == []


@pytest.mark.parametrize("params,field", [({"all": "co"}, "all"), ({"state": "x"}, "state")])
def test_bad_task_filters_get_400(api_as, world, params, field):
    assert list(fields_of(api_as(world.agency_officer).get(TASKS_URL, params))) == [field]


def test_the_task_list_query_count_does_not_grow_with_the_page(
    api_as, world, prg, django_assert_max_num_queries
):
    officer = world.actor(world.board_officer)
    for number in range(30):
        services.task_create(
            actor=officer,
            plan=prg.plan,
            data=services.TaskData(
                title=f"Nhiệm vụ {number}", lead=world.department, due=date(2026, 12, 1)
            ),
            cooperating=[world.peoples_committee],
        )
    for user in (world.agency_officer, world.board_officer):
        api = api_as(user)
        # token + actor + count + page
        for params in ({"page_size": 50}, {"all": "1", "page_size": 50}):
            with django_assert_max_num_queries(4):
                body = ok(api.get(TASKS_URL, params))
            assert body["count"] == 31


# --- The whole way through -------------------------------------------------------------------


def test_from_draft_to_a_finished_task_with_its_progress_in_the_programme(api_as, world):
    officer, leader, agency = (
        api_as(world.board_officer),
        api_as(world.board_leader),
        api_as(world.agency_officer),
    )
    # Draft, consult, agree.
    programme = ok(officer.post(LIST_URL, creation_body(world), format="json"), 201)
    detail = reverse("api:programme", kwargs={"pk": programme["id"]})
    actions = reverse("api:programme_actions", kwargs={"pk": programme["id"]})
    assert ok(officer.post(actions, {"action": "submit"}))["state"] == "consulting"
    assert ok(leader.post(actions, {"action": "agree"}))["state"] == "agreed"

    # Every side records its signature; then the board leader records the signing.
    for number, party in enumerate(programme["parties"], start=1):
        signed = ok(
            officer.patch(
                reverse("api:party", kwargs={"pk": party["id"]}),
                {
                    "authority": "TM.",
                    "signatory_title": "Trưởng ban" if number == 1 else "Chủ tịch",
                    "signatory_name": f"Người ký {number}",
                    "document_number": f"{number:02d}/CTrPH",
                    "document_date": "2026-01-15",
                },
                format="json",
            )
        )
        assert signed["has_signed"] is True
    body = ok(leader.post(actions, {"action": "sign"}))
    assert body["state"] == "signed"
    assert [a["action"] for a in body["actions"]] == ["bring_into_force"]

    # Coming into force needs a focal point in every party.
    missing = assert_error(leader.post(actions, {"action": "bring_into_force"}), 400)
    assert "chưa cử đầu mối" in missing["fields"]["non_field_errors"][0]
    admin = world.actor(world.admin)
    focal_leaders = {
        world.board: world.board_leader,
        world.peoples_committee: person("pct_ubnd", world.peoples_committee, Role.AGENCY_LEADER),
        world.council: person("pct_hdnd", world.council, Role.AGENCY_LEADER),
    }
    for organisation, focal_leader in focal_leaders.items():
        focal_point_set(
            actor=admin, organisation=organisation, leader=focal_leader, advisory_unit="Văn phòng"
        )
    assert all(p["has_focal_point"] for p in ok(leader.get(detail))["parties"])
    assert ok(leader.post(actions, {"action": "bring_into_force"}))["state"] == "in_force"

    # A plan for 2026 and a task for the department, with the council co-operating.
    plan = ok(
        officer.post(
            reverse("api:programme_plans", kwargs={"pk": programme["id"]}), {"year": 2026}
        ),
        201,
    )
    task = ok(
        officer.post(
            reverse("api:plan_tasks", kwargs={"pk": plan["id"]}),
            task_body(world, cooperating=[world.council.pk], expected_output="report"),
            format="json",
        ),
        201,
    )
    task_actions = reverse("api:task_actions", kwargs={"pk": task["id"]})
    assert ok(officer.post(task_actions, {"action": "agree"}))["state"] == "agreed"
    assert ok(officer.post(task_actions, {"action": "assign"}))["state"] == "assigned"

    # The department finds it in its work, starts it, records an output and finishes it.
    assert [t["id"] for t in ok(agency.get(TASKS_URL))["results"]] == [task["id"]]
    assert ok(agency.post(task_actions, {"action": "start"}))["state"] == "in_progress"
    ok(
        agency.post(
            reverse("api:task_outputs", kwargs={"pk": task["id"]}),
            {
                "kind": "report",
                "title": "Báo cáo kết quả tuyên truyền",
                "produced_on": "2026-09-15",
                "organisation": world.department.pk,
            },
            format="json",
        ),
        201,
    )
    progress = reverse("api:task_progress", kwargs={"pk": task["id"]})
    assert ok(agency.post(progress, {"progress": 70}))["progress"] == 70
    assert ok(leader.get(detail))["progress"] == 70
    finished = ok(agency.post(task_actions, {"action": "finish"}))
    assert (finished["state"], finished["progress"]) == ("done", 100)
    assert len(finished["outputs"]) == 1
    assert ok(agency.get(TASKS_URL))["results"] == []

    # The programme shows the plan's progress and the board may confirm.
    body = ok(leader.get(detail))
    assert body["progress"] == 100
    assert [(p["year"], p["task_count"], p["progress"]) for p in body["plans"]] == [(2026, 1, 100)]
    assert [r["progress"] for r in ok(leader.get(LIST_URL))["results"]] == [100]
    assert ok(officer.post(task_actions, {"action": "confirm"}))["state"] == "confirmed"

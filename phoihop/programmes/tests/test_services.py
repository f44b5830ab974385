"""Every write to programmes, parties, plans, tasks and outputs goes through these services."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from phoihop.accounts.roles import Role
from phoihop.core.exceptions import PolicyDenied
from phoihop.core.models import AuditEntry
from phoihop.organisations.services import focal_point_set
from phoihop.programmes import services
from phoihop.programmes.models import AnnualPlan, Assignment, Output, Programme, Task
from phoihop.testing.world import person

from .conftest import (
    END,
    START,
    add_task,
    advance,
    create_programme,
    name_focal_points,
    sign_parties,
)

State = Programme.State


def messages(error: ValidationError) -> str:
    return " ".join(error.value.messages)


def state_of(obj) -> str:
    return type(obj).objects.get(pk=obj.pk).state


def verbs(target) -> list[str]:
    return list(
        AuditEntry.objects.get_for_object(target)
        .order_by("timestamp", "pk")
        .values_list("verb", flat=True)
    )


# --- creating a programme ------------------------------------------------------------------------


def test_a_board_officer_drafts_a_programme_with_the_board_and_the_bodies_as_parties(world):
    programme = create_programme(world, parties=[world.peoples_committee, world.council])
    assert programme.state == State.DRAFT
    assert programme.board == world.board
    assert set(programme.parties.values_list("organisation", flat=True)) == {
        world.board.pk,
        world.peoples_committee.pk,
        world.council.pk,
    }
    assert "uy ban nhan dan" in programme.search_text


def test_a_new_programme_covers_every_content_item_of_the_current_regime_by_default(world):
    programme = create_programme(world)
    codes = sorted(programme.content_items.values_list("code", flat=True))
    assert codes == ["I1", "I2", "R1", "R2", "R3", "R4"]
    assert {item.regime for item in programme.content_items.all()} == {services.current_regime()}
    assert programme.regime.code == "238-QĐ/TW"


def test_chosen_content_items_replace_the_default(world):
    regime = services.current_regime()
    chosen = list(regime.content_items.filter(code__in=["R1", "I2"]))
    programme = create_programme(world, content_items=chosen)
    assert sorted(programme.content_items.values_list("code", flat=True)) == ["I2", "R1"]


def test_an_agency_officer_may_not_draft_a_programme(world, agency):
    with pytest.raises(PolicyDenied):
        services.programme_create(
            actor=agency,
            board=world.board,
            data=services.ProgrammeData(title="Không được", start=START, end=END),
            parties=[world.department],
        )
    assert not Programme.objects.exists()


def test_a_programme_is_drafted_only_for_a_board(world, officer):
    with pytest.raises(PolicyDenied):
        services.programme_create(
            actor=officer,
            board=world.peoples_committee,
            data=services.ProgrammeData(title="Không phải Ban", start=START, end=END),
            parties=[world.council],
        )


def test_a_programme_needs_a_party_besides_the_board(world):
    for parties in ([], [world.board]):
        with pytest.raises(ValidationError) as error:
            create_programme(world, parties=parties)
        assert "parties" in error.value.message_dict
    assert not Programme.objects.exists()


def test_the_outsider_cannot_pick_a_body_of_another_province_as_a_party(world, outsider):
    with pytest.raises(ValidationError) as error:
        services.programme_create(
            actor=outsider,
            board=world.other_board,
            data=services.ProgrammeData(title="Chương trình Hà Nội", start=START, end=END),
            parties=[world.peoples_committee],
        )
    assert "UBND tỉnh Quảng Ngãi" in messages(error)
    assert not Programme.objects.exists()


def test_the_outsider_cannot_draft_for_the_board_of_another_province(world, outsider):
    with pytest.raises(PolicyDenied):
        services.programme_create(
            actor=outsider,
            board=world.board,
            data=services.ProgrammeData(title="Không được", start=START, end=END),
            parties=[world.peoples_committee],
        )


def test_a_body_named_twice_is_a_party_once(world):
    programme = create_programme(world, parties=[world.council, world.council, world.board])
    assert programme.parties.count() == 2


def test_an_end_before_the_start_is_refused(world):
    with pytest.raises(ValidationError):
        create_programme(world, start=date(2027, 1, 1), end=date(2026, 1, 1))
    assert not Programme.objects.exists()


def test_content_items_of_another_regime_are_refused(world):
    from phoihop.programmes.models import ContentItem, Regime

    old = Regime.objects.get(code="221-QĐ/TW")
    item = ContentItem.objects.create(regime=old, code="X1", group="regular", title="Cũ")
    with pytest.raises(ValidationError) as error:
        create_programme(world, content_items=[item])
    assert "content_items" in error.value.message_dict
    assert not Programme.objects.exists()


# --- editing before signature --------------------------------------------------------------------


def test_the_board_edits_a_draft_and_the_search_text_follows(world, officer, draft):
    services.programme_update(actor=officer, programme=draft, title="  Chương trình mới  ")
    draft.refresh_from_db()
    assert draft.title == "Chương trình mới"
    assert draft.search_text.startswith("chuong trinh moi")
    entry = AuditEntry.objects.get_for_object(draft).get(verb="programme_updated")
    assert entry.changes["title"][1] == "Chương trình mới"


def test_an_unknown_field_cannot_be_edited(world, officer, draft):
    with pytest.raises(ValidationError):
        services.programme_update(actor=officer, programme=draft, state=State.IN_FORCE)
    assert state_of(draft) == State.DRAFT


def test_a_party_is_added_once_and_the_board_cannot_be_removed(world, officer, draft):
    party = services.party_add(actor=officer, programme=draft, organisation=world.council)
    with pytest.raises(ValidationError):
        services.party_add(actor=officer, programme=draft, organisation=world.council)
    board_party = draft.parties.get(organisation=world.board)
    with pytest.raises(ValidationError):
        services.party_remove(actor=officer, party=board_party)
    services.party_remove(actor=officer, party=party)
    with pytest.raises(ValidationError):  # the board and one body must remain
        services.party_remove(
            actor=officer, party=draft.parties.get(organisation_id=world.peoples_committee.pk)
        )
    assert draft.parties.count() == 2


def test_a_signed_programme_can_no_longer_be_edited(world, officer, running):
    with pytest.raises(PolicyDenied):
        services.programme_update(actor=officer, programme=running, title="Sửa sau khi ký")
    with pytest.raises(PolicyDenied):
        services.party_add(actor=officer, programme=running, organisation=world.council)


# --- the programme's lifecycle -------------------------------------------------------------------


def test_a_programme_goes_from_draft_to_closed_through_every_step(world, officer, leader, draft):
    services.programme_advance(actor=officer, programme=draft, action="submit")
    assert state_of(draft) == State.CONSULTING
    services.programme_advance(actor=leader, programme=draft, action="agree")
    assert state_of(draft) == State.AGREED
    sign_parties(world, draft)
    services.programme_advance(actor=leader, programme=draft, action="sign")
    assert state_of(draft) == State.SIGNED
    name_focal_points(world, draft)
    services.programme_advance(actor=leader, programme=draft, action="bring_into_force")
    assert state_of(draft) == State.IN_FORCE
    services.programme_advance(actor=leader, programme=draft, action="start_review")
    assert state_of(draft) == State.UNDER_REVIEW
    services.programme_advance(actor=leader, programme=draft, action="close")
    assert state_of(draft) == State.CLOSED
    assert verbs(draft) == [
        "programme_created",
        "programme_submit",
        "programme_agree",
        "programme_sign",
        "programme_bring_into_force",
        "programme_start_review",
        "programme_close",
    ]


def test_consultation_can_send_the_draft_back(world, officer, draft):
    services.programme_advance(actor=officer, programme=draft, action="submit")
    services.programme_advance(actor=officer, programme=draft, action="return")
    assert state_of(draft) == State.DRAFT


def test_only_the_board_leader_agrees(world, officer, agency, draft):
    services.programme_advance(actor=officer, programme=draft, action="submit")
    for actor in (officer, agency):
        with pytest.raises(PolicyDenied):
            services.programme_advance(actor=actor, programme=draft, action="agree")
    assert state_of(draft) == State.CONSULTING


def test_signing_is_refused_while_a_party_lacks_its_number_date_or_signatory(
    world, officer, leader, draft
):
    services.programme_advance(actor=officer, programme=draft, action="submit")
    services.programme_advance(actor=leader, programme=draft, action="agree")
    with pytest.raises(ValidationError) as error:
        services.programme_advance(actor=leader, programme=draft, action="sign")
    text = messages(error)
    assert text.startswith("Chưa đủ thông tin ký (số văn bản, ngày ký, người ký) của:")
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ngãi" in text
    assert "UBND tỉnh Quảng Ngãi" in text
    assert state_of(draft) == State.AGREED

    board_party = draft.parties.get(organisation=world.board)
    services.party_update(
        actor=officer,
        party=board_party,
        signatory_name="Trưởng ban",
        document_number="01-CTr/BTGDVTU",
        document_date=date(2025, 1, 10),
    )
    committee = draft.parties.get(organisation=world.peoples_committee)
    services.party_update(
        actor=officer, party=committee, document_number="02/CTr-UBND", signatory_name="Chủ tịch"
    )
    with pytest.raises(ValidationError) as error:
        services.programme_advance(actor=leader, programme=draft, action="sign")
    assert "UBND tỉnh Quảng Ngãi" in messages(error)
    assert "Ban Tuyên giáo" not in messages(error)

    services.party_update(actor=officer, party=committee, document_date=date(2025, 1, 12))
    services.programme_advance(actor=leader, programme=draft, action="sign")
    assert state_of(draft) == State.SIGNED


def test_a_signing_date_far_from_the_programme_is_refused(world, officer, draft):
    party = draft.parties.get(organisation=world.peoples_committee)
    with pytest.raises(ValidationError) as error:
        services.party_update(actor=officer, party=party, document_date=date(2020, 5, 1))
    assert "document_date" in error.value.message_dict
    party.refresh_from_db()
    assert party.document_date is None


def test_bringing_into_force_waits_for_every_partys_focal_point(world, officer, leader, draft):
    services.programme_advance(actor=officer, programme=draft, action="submit")
    services.programme_advance(actor=leader, programme=draft, action="agree")
    sign_parties(world, draft)
    services.programme_advance(actor=leader, programme=draft, action="sign")
    with pytest.raises(ValidationError) as error:
        services.programme_advance(actor=leader, programme=draft, action="bring_into_force")
    assert "chưa cử đầu mối" in messages(error)
    assert "UBND tỉnh Quảng Ngãi" in messages(error)
    assert state_of(draft) == State.SIGNED

    admin = world.actor(world.admin)
    focal_point_set(
        actor=admin, organisation=world.board, leader=world.board_leader, advisory_unit="Phòng"
    )
    with pytest.raises(ValidationError) as error:
        services.programme_advance(actor=leader, programme=draft, action="bring_into_force")
    assert "UBND tỉnh Quảng Ngãi" in messages(error)
    assert "Ban Tuyên giáo" not in messages(error)

    # The leader of a focal point must be a member of the body.
    with pytest.raises(ValidationError):
        focal_point_set(
            actor=admin,
            organisation=world.peoples_committee,
            leader=world.agency_officer,
            advisory_unit="Văn phòng UBND",
        )
    chair = person("pho_chu_tich", world.peoples_committee, Role.AGENCY_LEADER)
    focal_point_set(
        actor=admin, organisation=world.peoples_committee, leader=chair, advisory_unit="Văn phòng"
    )
    services.programme_advance(actor=leader, programme=draft, action="bring_into_force")
    assert state_of(draft) == State.IN_FORCE


@pytest.mark.parametrize(
    "action", ["agree", "sign", "bring_into_force", "start_review", "close", "return"]
)
def test_a_step_out_of_order_is_refused_and_changes_nothing(world, leader, draft, action):
    with pytest.raises(ValidationError) as error:
        services.programme_advance(actor=leader, programme=draft, action=action)
    assert "Không thể" in messages(error)
    assert state_of(draft) == State.DRAFT
    assert verbs(draft) == ["programme_created"]


def test_an_unknown_action_is_refused(world, leader, draft):
    with pytest.raises(ValidationError):
        services.programme_advance(actor=leader, programme=draft, action="publish")
    assert state_of(draft) == State.DRAFT


def test_a_closed_programme_takes_no_more_steps(world, leader, running):
    services.programme_advance(actor=leader, programme=running, action="start_review")
    services.programme_advance(actor=leader, programme=running, action="close")
    with pytest.raises(PolicyDenied):
        services.programme_advance(actor=leader, programme=running, action="start_review")
    with pytest.raises(PolicyDenied):
        services.programme_cancel(actor=leader, programme=running, reason="Muộn")
    assert state_of(running) == State.CLOSED


def test_a_programme_is_superseded_by_another_of_the_same_board(world, leader, running):
    successor = create_programme(world, title="Chương trình giai đoạn 2027–2031")
    services.programme_supersede(actor=leader, programme=running, successor=successor)
    running.refresh_from_db()
    assert running.state == State.SUPERSEDED
    assert running.successor == successor
    entry = AuditEntry.objects.get_for_object(running).get(verb="programme_superseded")
    assert entry.additional_data == {"successor": successor.pk}
    assert entry.actor == world.board_leader


def test_a_programme_cannot_supersede_itself(world, leader, running):
    with pytest.raises(ValidationError):
        services.programme_supersede(actor=leader, programme=running, successor=running)
    assert state_of(running) == State.IN_FORCE


def test_only_the_board_leader_supersedes(world, officer, running):
    successor = create_programme(world, title="Chương trình giai đoạn 2027–2031")
    with pytest.raises(PolicyDenied):
        services.programme_supersede(actor=officer, programme=running, successor=successor)
    assert state_of(running) == State.IN_FORCE


def test_cancelling_needs_a_reason(world, leader, draft):
    with pytest.raises(ValidationError) as error:
        services.programme_cancel(actor=leader, programme=draft, reason="   ")
    assert "reason" in error.value.message_dict
    assert state_of(draft) == State.DRAFT
    services.programme_cancel(actor=leader, programme=draft, reason=" Trùng chương trình khác ")
    draft.refresh_from_db()
    assert draft.state == State.CANCELLED
    assert draft.cancel_reason == "Trùng chương trình khác"


def test_the_board_officer_cannot_cancel(world, officer, draft):
    with pytest.raises(PolicyDenied):
        services.programme_cancel(actor=officer, programme=draft, reason="Không cần")
    assert state_of(draft) == State.DRAFT


def test_the_actions_offered_are_the_ones_the_actor_may_take_now(world, officer, leader, draft):
    assert [a for a, _ in services.programme_actions(officer, draft)] == ["submit"]
    assert [a for a, _ in services.programme_actions(leader, draft)] == ["submit"]
    services.programme_advance(actor=officer, programme=draft, action="submit")
    assert [a for a, _ in services.programme_actions(officer, draft)] == ["return"]
    assert [a for a, _ in services.programme_actions(leader, draft)] == ["return", "agree"]
    assert services.programme_actions(world.actor(world.agency_officer), draft) == []


# --- annual plans --------------------------------------------------------------------------------


def test_a_plan_is_made_for_a_year_of_the_programme_once(world, officer, running):
    plan = services.plan_create(actor=officer, programme=running, year=2025)
    assert plan.year == 2025
    with pytest.raises(ValidationError) as error:
        services.plan_create(actor=officer, programme=running, year=2025)
    assert "đã có kế hoạch năm 2025" in messages(error)
    for year in (2024, 2028):
        with pytest.raises(ValidationError) as error:
            services.plan_create(actor=officer, programme=running, year=year)
        assert "year" in error.value.message_dict
    assert list(running.plans.values_list("year", flat=True)) == [2025]


def test_a_plan_waits_for_the_signature(world, officer, leader, draft):
    services.programme_advance(actor=officer, programme=draft, action="submit")
    services.programme_advance(actor=leader, programme=draft, action="agree")
    with pytest.raises(PolicyDenied):
        services.plan_create(actor=officer, programme=draft, year=2025)
    sign_parties(world, draft)
    services.programme_advance(actor=leader, programme=draft, action="sign")
    assert services.plan_create(actor=officer, programme=draft, year=2025).pk


def test_an_agency_officer_does_not_make_plans(world, agency, running):
    with pytest.raises(PolicyDenied):
        services.plan_create(actor=agency, programme=running, year=2025)
    assert not AnnualPlan.objects.exists()


# --- tasks ---------------------------------------------------------------------------------------


def test_a_task_due_on_a_date_keeps_it(world, plan):
    task = add_task(world, plan, due=date(2026, 6, 30))
    assert task.due == date(2026, 6, 30)
    assert task.state == Task.State.PROPOSED
    assert task.lead_path == world.department.path


def test_one_working_day_after_a_friday_is_the_monday(world, plan, officer):
    task = services.task_create(
        actor=officer,
        plan=plan,
        data=services.TaskData(title="Gấp", lead=world.department, due_in_working_days=1),
        today=date(2026, 3, 6),
    )
    assert task.due == date(2026, 3, 9)


def test_working_days_skip_the_30_april_and_1_may_holidays(world, plan):
    # Wednesday 29/4/2026: Thursday 30/4 and Friday 1/5 are holidays, then the weekend.
    assert services.resolve_due(plan, None, 1, date(2026, 4, 29)) == date(2026, 5, 4)
    assert services.resolve_due(plan, None, 5, date(2026, 4, 29)) == date(2026, 5, 8)


def test_a_due_date_is_given_one_way_only(world, plan):
    for due, days in ((None, None), (date(2026, 5, 4), 3)):
        with pytest.raises(ValidationError) as error:
            services.resolve_due(plan, due, days, date(2026, 3, 6))
        assert "due" in error.value.message_dict


def test_a_due_date_outside_the_programme_period_is_refused(world, officer, running):
    plan = services.plan_create(actor=officer, programme=running, year=2027)  # ends 30/6/2027
    with pytest.raises(ValidationError) as error:
        add_task(world, plan, due=date(2027, 9, 1))
    assert "nằm ngoài thời gian của chương trình" in messages(error)
    assert not Task.objects.exists()


def test_a_due_date_outside_the_plan_year_is_refused(world, plan):
    with pytest.raises(ValidationError) as error:
        add_task(world, plan, due=date(2025, 11, 1))
    assert "năm 2026" in messages(error)
    assert not Task.objects.exists()


def test_working_days_that_run_past_the_plan_year_are_refused(world, plan, officer):
    with pytest.raises(ValidationError):
        services.task_create(
            actor=officer,
            plan=plan,
            data=services.TaskData(title="Muộn", lead=world.department, due_in_working_days=10),
            today=date(2026, 12, 28),
        )


def test_a_task_needs_a_lead(world, plan, officer):
    with pytest.raises(ValidationError) as error:
        services.task_create(
            actor=officer,
            plan=plan,
            data=services.TaskData(title="Không ai chủ trì", lead=None, due=date(2026, 6, 1)),
        )
    assert "lead" in error.value.message_dict


@pytest.mark.parametrize("name", ["council", "commune_peoples_committee", "other_board"])
def test_a_lead_outside_the_parties_is_refused(world, plan, name):
    with pytest.raises(ValidationError) as error:
        add_task(world, plan, lead=getattr(world, name))
    assert "lead" in error.value.message_dict
    assert not Task.objects.exists()


def test_a_co_operating_body_outside_the_parties_is_refused(world, plan):
    with pytest.raises(ValidationError) as error:
        add_task(world, plan, cooperating=[world.board, world.council])
    assert "cooperating" in error.value.message_dict
    assert "Thường trực HĐND" in messages(error)


def test_co_operating_bodies_get_the_task_due_date(world, plan):
    task = add_task(world, plan, due=date(2026, 5, 15), cooperating=[world.board, world.department])
    assignments = list(Assignment.objects.filter(task=task))
    assert [(a.organisation, a.due) for a in assignments] == [(world.board, date(2026, 5, 15))]


def test_a_body_named_twice_co_operates_once(world, plan):
    task = add_task(world, plan, cooperating=[world.board, world.board])
    assert list(task.assignments.values_list("organisation", flat=True)) == [world.board.pk]


def test_only_the_board_adds_tasks(world, plan, agency):
    with pytest.raises(PolicyDenied):
        services.task_create(
            actor=agency,
            plan=plan,
            data=services.TaskData(title="Tự giao", lead=world.department, due=date(2026, 6, 1)),
        )


def test_a_task_is_agreed_and_assigned_by_the_board_then_started_and_finished_by_the_lead(
    world, plan, officer, agency
):
    task = add_task(world, plan)
    with pytest.raises(PolicyDenied):
        services.task_advance(actor=agency, task=task, action="agree")
    services.task_advance(actor=officer, task=task, action="agree")
    services.task_advance(actor=officer, task=task, action="assign")
    assert state_of(task) == Task.State.ASSIGNED
    services.task_advance(actor=agency, task=task, action="start")
    assert state_of(task) == Task.State.IN_PROGRESS
    services.task_update_progress(actor=agency, task=task, progress=40)
    services.task_advance(actor=agency, task=task, action="finish")
    task.refresh_from_db()
    assert (task.state, task.progress) == (Task.State.DONE, 100)
    services.task_advance(actor=officer, task=task, action="confirm")
    assert state_of(task) == Task.State.CONFIRMED
    assert verbs(task) == [
        "task_created",
        "task_agree",
        "task_assign",
        "task_start",
        "task_progress",
        "task_finish",
        "task_confirm",
    ]


def test_a_proposed_task_cannot_be_started_yet(world, plan, agency, officer):
    task = add_task(world, plan)
    with pytest.raises(PolicyDenied):
        services.task_advance(actor=agency, task=task, action="start")
    assert state_of(task) == Task.State.PROPOSED


@pytest.mark.parametrize("user", ["commune_officer", "outsider"])
def test_a_body_with_no_part_in_the_task_cannot_start_it(world, task, user):
    with pytest.raises(PolicyDenied):
        services.task_advance(actor=world.actor(getattr(world, user)), task=task, action="start")
    assert state_of(task) == Task.State.ASSIGNED


def test_a_forbidden_task_step_is_refused_and_changes_nothing(world, task, officer):
    with pytest.raises(ValidationError) as error:
        services.task_advance(actor=officer, task=task, action="confirm")
    assert "Không thể" in messages(error)
    assert state_of(task) == Task.State.ASSIGNED
    with pytest.raises(ValidationError):
        services.task_advance(actor=officer, task=task, action="explode")


def test_the_task_actions_offered_follow_the_role(world, task, officer, agency, outsider):
    assert [a for a, _ in services.task_actions(agency, task, task.plan.programme)] == [
        "start",
        "finish",
    ]
    assert [a for a, _ in services.task_actions(officer, task, task.plan.programme)] == [
        "assign",
        "start",
        "finish",
    ]
    assert services.task_actions(outsider, task, task.plan.programme) == []


@pytest.mark.parametrize("progress", [-1, 101, 150])
def test_progress_outside_0_to_100_is_refused(world, task, agency, progress):
    with pytest.raises(ValidationError) as error:
        services.task_update_progress(actor=agency, task=task, progress=progress)
    assert "progress" in error.value.message_dict
    task.refresh_from_db()
    assert task.progress == 0


@pytest.mark.parametrize("progress", [0, 55, 100])
def test_progress_from_0_to_100_is_kept(world, task, agency, progress):
    services.task_update_progress(actor=agency, task=task, progress=progress)
    task.refresh_from_db()
    assert task.progress == progress


def test_a_task_is_deferred_to_a_later_date_with_a_reason(world, task, officer):
    for new_due, reason in (
        (date(2026, 9, 30), "Cùng ngày"),
        (date(2026, 8, 1), "Sớm hơn"),
        (date(2026, 11, 30), "  "),
        (date(2027, 1, 15), "Sang năm"),
    ):
        with pytest.raises(ValidationError):
            services.task_defer(actor=officer, task=task, new_due=new_due, reason=reason)
        assert Task.objects.get(pk=task.pk).due == date(2026, 9, 30)
    services.task_defer(actor=officer, task=task, new_due=date(2026, 11, 30), reason="Chờ số liệu")
    task.refresh_from_db()
    assert (task.state, task.due, task.reason) == (
        Task.State.DEFERRED,
        date(2026, 11, 30),
        "Chờ số liệu",
    )


def test_the_lead_body_cannot_defer_its_own_task(world, task, agency):
    with pytest.raises(PolicyDenied):
        services.task_defer(actor=agency, task=task, new_due=date(2026, 11, 30), reason="Bận")


def test_cancelling_a_task_needs_a_reason(world, task, officer):
    with pytest.raises(ValidationError):
        services.task_cancel(actor=officer, task=task, reason="")
    assert state_of(task) == Task.State.ASSIGNED
    services.task_cancel(actor=officer, task=task, reason="Không còn phù hợp")
    task.refresh_from_db()
    assert (task.state, task.reason) == (Task.State.CANCELLED, "Không còn phù hợp")
    with pytest.raises(ValidationError):  # a clear message, not TransitionNotAllowed
        services.task_cancel(actor=officer, task=task, reason="Lần nữa")


def test_carrying_over_opens_next_years_plan_and_task_and_links_them(world, task, officer):
    from phoihop.programmes.models import ContentItem

    item = ContentItem.objects.get(regime__is_current=True, code="R2")
    task.content_items.set([item])
    Assignment.objects.create(task=task, organisation=world.board, due=task.due)
    services.task_update_progress(actor=world.actor(world.agency_officer), task=task, progress=30)

    successor = services.task_carry_over(actor=officer, task=task)
    task.refresh_from_db()
    assert task.state == Task.State.CARRIED_OVER
    assert task.carried_to == successor
    assert successor.carried_from == task
    assert successor.plan.year == 2027
    assert successor.plan.programme == task.plan.programme
    # 30/9/2027 is after the programme's end: the deadline stops at 30/6/2027.
    assert successor.due == date(2027, 6, 30)
    assert (successor.title, successor.lead, successor.progress) == (task.title, task.lead, 30)
    assert successor.state == Task.State.ASSIGNED
    assert list(successor.content_items.all()) == [item]
    assert list(successor.assignments.values_list("organisation", flat=True)) == [world.board.pk]
    assert "plan_created" in verbs(successor.plan)
    assert verbs(task)[-1] == "task_carried_over"
    assert verbs(successor) == ["task_created"]
    created = AuditEntry.objects.get_for_object(successor).get()
    assert (created.actor, created.additional_data) == (
        world.board_officer,
        {"carried_from": task.pk},
    )


def test_carrying_over_uses_next_years_plan_when_it_exists(world, task, officer):
    existing = services.plan_create(actor=officer, programme=task.plan.programme, year=2027)
    successor = services.task_carry_over(actor=officer, task=task)
    assert successor.plan == existing
    assert AnnualPlan.objects.filter(programme=task.plan.programme).count() == 2


def test_nothing_is_carried_over_from_the_programmes_last_year(world, officer, running):
    plan = services.plan_create(actor=officer, programme=running, year=2027)
    task = add_task(world, plan, due=date(2027, 3, 31))
    with pytest.raises(ValidationError):
        services.task_carry_over(actor=officer, task=task)
    assert state_of(task) == Task.State.PROPOSED
    assert Task.objects.count() == 1


def test_a_finished_task_is_not_carried_over(world, task, officer, agency):
    advance(world, task, "finish")
    with pytest.raises(ValidationError):
        services.task_carry_over(actor=officer, task=task)
    assert not AnnualPlan.objects.filter(year=2027).exists()


# --- outputs -------------------------------------------------------------------------------------


def add_output(actor, task, organisation, title="Loạt bài"):
    return services.output_add(
        actor=actor,
        task=task,
        kind=Task.OutputKind.ARTICLE_SERIES,
        title=title,
        produced_on=date(2026, 5, 1),
        organisation=organisation,
    )


def test_the_lead_a_co_operating_body_and_the_board_record_outputs(world, plan, officer, agency):
    task = advance(world, add_task(world, plan, cooperating=[world.peoples_committee]), "agree")
    chair = person("chuyen_vien_ubnd", world.peoples_committee, Role.COMMITTEE_OFFICER)
    add_output(agency, task, world.department, "Của Sở")
    add_output(world.actor(chair), task, world.peoples_committee, "Của UBND")
    add_output(officer, task, world.board, "Của Ban")
    assert sorted(task.outputs.values_list("title", flat=True)) == [
        "Của Ban",
        "Của Sở",
        "Của UBND",
    ]
    assert verbs(task).count("output_added") == 3


def test_an_output_belongs_to_the_lead_a_co_operating_body_or_the_board(world, task, officer):
    for body in (world.council, world.commune_peoples_committee, world.peoples_committee):
        with pytest.raises(ValidationError) as error:
            add_output(officer, task, body)
        assert "organisation" in error.value.message_dict
    assert not Output.objects.exists()


@pytest.mark.parametrize("user", ["commune_officer", "outsider"])
def test_a_body_with_no_part_in_the_task_records_no_output(world, task, user):
    with pytest.raises(PolicyDenied):
        add_output(world.actor(getattr(world, user)), task, world.department)
    assert not Output.objects.exists()


def test_an_output_file_is_checked_like_every_upload(world, plan, officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    task = advance(world, add_task(world, plan), "agree")
    disguised = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationError, match="chương trình chạy được"):
        services.output_add(
            actor=officer,
            task=task,
            kind=Task.OutputKind.ARTICLE_SERIES,
            title="Biên bản",
            produced_on=date(2026, 5, 1),
            organisation=world.board,
            file=disguised,
        )
    assert not Output.objects.exists()


def test_an_output_waits_for_the_task_to_be_agreed(world, plan, officer):
    task = add_task(world, plan)
    with pytest.raises(PolicyDenied):
        add_output(officer, task, world.board)


# --- the audit trail -----------------------------------------------------------------------------


def test_every_service_writes_an_audit_entry_with_its_actor(world, officer, leader, agency):
    calls = []

    def run(actor, verb, call):
        before = AuditEntry.objects.filter(verb=verb).count()
        result = call()
        entries = AuditEntry.objects.filter(verb=verb).order_by("-pk")
        assert entries.count() == before + 1, verb
        assert entries[0].actor == actor.user, verb
        calls.append(verb)
        return result

    programme = run(officer, "programme_created", lambda: create_programme(world))
    run(
        officer,
        "programme_updated",
        lambda: services.programme_update(actor=officer, programme=programme, grounds="Căn cứ"),
    )
    party = run(
        officer,
        "party_added",
        lambda: services.party_add(actor=officer, programme=programme, organisation=world.council),
    )
    run(officer, "party_removed", lambda: services.party_remove(actor=officer, party=party))
    run(
        officer,
        "programme_submit",
        lambda: services.programme_advance(actor=officer, programme=programme, action="submit"),
    )
    run(
        leader,
        "programme_agree",
        lambda: services.programme_advance(actor=leader, programme=programme, action="agree"),
    )
    for party in programme.parties.all():
        run(
            officer,
            "party_updated",
            lambda party=party: services.party_update(
                actor=officer,
                party=party,
                signatory_name="Người ký",
                document_number="01",
                document_date=date(2025, 1, 5),
            ),
        )
    run(
        leader,
        "programme_sign",
        lambda: services.programme_advance(actor=leader, programme=programme, action="sign"),
    )
    name_focal_points(world, programme)
    run(
        leader,
        "programme_bring_into_force",
        lambda: services.programme_advance(
            actor=leader, programme=programme, action="bring_into_force"
        ),
    )
    plan = run(
        officer,
        "plan_created",
        lambda: services.plan_create(actor=officer, programme=programme, year=2026),
    )
    task = run(officer, "task_created", lambda: add_task(world, plan))
    run(
        officer,
        "task_agree",
        lambda: services.task_advance(actor=officer, task=task, action="agree"),
    )
    run(
        agency,
        "task_progress",
        lambda: services.task_update_progress(actor=agency, task=task, progress=10),
    )
    run(agency, "output_added", lambda: add_output(agency, task, world.department))
    run(
        officer,
        "task_deferred",
        lambda: services.task_defer(
            actor=officer, task=task, new_due=date(2026, 10, 30), reason="Chờ"
        ),
    )
    run(officer, "task_carried_over", lambda: services.task_carry_over(actor=officer, task=task))
    other = add_task(world, plan, title="Khác")
    run(
        officer,
        "task_cancelled",
        lambda: services.task_cancel(actor=officer, task=other, reason="Bỏ"),
    )
    successor = create_programme(world, title="Kế tiếp")
    run(
        leader,
        "programme_superseded",
        lambda: services.programme_supersede(
            actor=leader, programme=programme, successor=successor
        ),
    )
    run(
        leader,
        "programme_cancelled",
        lambda: services.programme_cancel(actor=leader, programme=successor, reason="Thử"),
    )
    assert len(calls) == 20

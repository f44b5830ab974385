"""Reads: programme lists and filters, progress roll-up, my work, timelines, query counts."""

from datetime import date

import pytest
from django.utils import timezone

from phoihop.programmes import selectors, services
from phoihop.programmes.models import ContentItem, Task
from phoihop.programmes.selectors import ProgrammeFilter

from .conftest import add_task, advance, bring_into_force, create_programme

# --- programme_list ------------------------------------------------------------------------------


@pytest.fixture
def listed(world, running):
    """Three programmes: the running one with the people's committee (2025–2027), a draft with
    the council (2022–2024, content item R1 only) and one of Hà Nội's board."""
    r1 = ContentItem.objects.get(regime__is_current=True, code="R1")
    council = create_programme(
        world,
        title="Kế hoạch phối hợp giám sát với Thường trực Hội đồng nhân dân",
        parties=[world.council],
        start=date(2022, 1, 1),
        end=date(2024, 12, 31),
        content_items=[r1],
    )
    ha_noi = services.programme_create(
        actor=world.actor(world.outsider),
        board=world.other_board,
        data=services.ProgrammeData(
            title="Chương trình phối hợp của Thành phố Hà Nội",
            start=date(2025, 1, 1),
            end=date(2027, 12, 31),
        ),
        parties=[world.other_committee],
    )
    return running, council, ha_noi


def titles(actor, **filters) -> list[str]:
    return [
        p.title for p in selectors.programme_list(actor=actor, filters=ProgrammeFilter(**filters))
    ]


def test_the_board_sees_its_programmes_newest_first_and_not_another_provinces(
    world, officer, listed
):
    running, council, _ = listed
    assert titles(officer) == [running.title, council.title]


def test_the_outsider_sees_no_programme_of_quang_ngai(world, outsider, listed):
    _, _, ha_noi = listed
    assert titles(outsider) == [ha_noi.title]
    assert titles(outsider, query="quang ngai") == []
    assert titles(outsider, party_id=world.peoples_committee.pk) == []


def test_a_department_sees_the_programme_its_peoples_committee_signed(world, agency, listed):
    running, _, _ = listed
    assert titles(agency) == [running.title]
    assert titles(world.actor(world.commune_officer)) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tuyen truyen", [0]),
        ("Tuyên Truyền", [0]),
        ("uy ban nhan dan tinh", [0, 1]),  # every word is found, each anywhere
        ("giam sat hoi dong", [1]),
        ("hdnd", [1]),
        ("ubnd", [0]),
        ("quang ngai", [0, 1]),
        ("ha noi", []),
        ("tuyen truyen giam sat", []),
    ],
)
def test_search_ignores_diacritics_and_case_and_finds_party_names(
    world, officer, listed, query, expected
):
    assert titles(officer, query=query) == [listed[i].title for i in expected]


def test_programmes_are_filtered_by_state_party_content_item_and_year(world, officer, listed):
    running, council, _ = listed
    r1 = ContentItem.objects.get(regime__is_current=True, code="R1")
    r2 = ContentItem.objects.get(regime__is_current=True, code="R2")
    assert titles(officer, state="in_force") == [running.title]
    assert titles(officer, state="draft") == [council.title]
    assert titles(officer, state="closed") == []
    assert titles(officer, party_id=world.council.pk) == [council.title]
    assert titles(officer, party_id=world.peoples_committee.pk) == [running.title]
    assert titles(officer, party_id=world.board.pk) == [running.title, council.title]
    assert titles(officer, content_item_id=r1.pk) == [running.title, council.title]
    assert titles(officer, content_item_id=r2.pk) == [running.title]
    assert titles(officer, year=2024) == [council.title]
    assert titles(officer, year=2025) == [running.title]
    assert titles(officer, year=2027) == [running.title]
    assert titles(officer, year=2030) == []
    assert titles(officer, query="phoi hop", state="draft", year=2023) == [council.title]


# --- progress roll-up ----------------------------------------------------------------------------


@pytest.fixture
def rolled_up(world, running, officer, leader):
    """2025: no task. 2026: in progress at 20 %, finished (last figure 10 %), cancelled at 90 %,
    carried over at 80 %. 2027: the carried-over task, at 80 %."""
    agency = world.actor(world.agency_officer)
    empty = services.plan_create(actor=officer, programme=running, year=2025)
    plan = services.plan_create(actor=officer, programme=running, year=2026)
    going = advance(world, add_task(world, plan, title="Đang làm"), "agree", "assign", "start")
    services.task_update_progress(actor=agency, task=going, progress=20)
    done = advance(world, add_task(world, plan, title="Xong"), "agree", "assign", "finish")
    Task.objects.filter(pk=done.pk).update(progress=10)
    dropped = advance(world, add_task(world, plan, title="Bỏ"), "agree")
    services.task_update_progress(actor=agency, task=dropped, progress=90)
    services.task_cancel(actor=officer, task=dropped, reason="Không còn phù hợp")
    moved = advance(world, add_task(world, plan, title="Chuyển"), "agree", "assign")
    services.task_update_progress(actor=agency, task=moved, progress=80)
    successor = services.task_carry_over(actor=officer, task=moved)
    return running, empty, plan, going, successor


def test_progress_counts_finished_tasks_as_100_and_ignores_cancelled_and_carried_over(
    world, rolled_up
):
    programme, empty, plan, _, successor = rolled_up
    assert selectors.progress_of(plan.tasks.all()) == 60  # (20 + 100) / 2
    assert selectors.progress_of(successor.plan.tasks.all()) == 80
    assert selectors.progress_of(Task.objects.filter(plan__programme=programme)) == 67
    assert selectors.progress_of(empty.tasks.all()) is None
    assert selectors.progress_of(plan.tasks.filter(state=Task.State.CANCELLED)) is None


def test_plan_summaries_give_each_years_progress_tasks_and_overdue_count(world, rolled_up):
    programme, _, _, going, successor = rolled_up
    today = timezone.localdate()
    rows = [
        (p.year, p.task_count, p.overdue_count, None if p.progress is None else round(p.progress))
        for p in selectors.plan_summaries(programme)
    ]
    assert rows == [
        (2025, 0, 0, None),
        (2026, 3, int(going.due < today), 60),
        (2027, 1, int(successor.due < today), 80),
    ]


def test_the_programme_list_carries_each_programmes_progress(world, officer, rolled_up):
    programme = rolled_up[0]
    other = create_programme(world, title="Chưa có kế hoạch")
    progress = {
        p.pk: p.progress for p in selectors.programme_list(actor=officer, filters=ProgrammeFilter())
    }
    assert round(progress[programme.pk]) == 67
    assert progress[other.pk] is None


def test_the_progress_of_a_filtered_list_is_not_multiplied_by_the_filter(world, officer, rolled_up):
    programme = rolled_up[0]
    filter_sets = [
        ProgrammeFilter(party_id=world.peoples_committee.pk),
        ProgrammeFilter(
            content_item_id=ContentItem.objects.get(regime__is_current=True, code="R1").pk
        ),
        ProgrammeFilter(query="tuyen truyen", year=2026),
    ]
    for filters in filter_sets:
        (row,) = selectors.programme_list(actor=officer, filters=filters)
        assert row.pk == programme.pk
        assert round(row.progress) == 67


def test_the_plan_board_puts_each_task_in_its_column(world, rolled_up):
    plan = rolled_up[2]
    columns = {title: [t.title for t in tasks] for title, tasks in selectors.plan_board(plan)}
    assert columns["Đang thực hiện"] == ["Đang làm"]
    assert columns["Đã hoàn thành / Ban đã xác nhận"] == ["Xong"]
    assert sorted(columns["Đã hủy / chuyển năm sau"]) == ["Bỏ", "Chuyển"]
    assert columns["Đề xuất / Đã thống nhất"] == []


# --- my work -------------------------------------------------------------------------------------


@pytest.fixture
def this_year(world):
    """A running programme from last year to next year, with both years' plans."""
    year = timezone.localdate().year
    programme = bring_into_force(
        world,
        create_programme(
            world,
            title="Chương trình quanh năm nay",
            start=date(year - 1, 1, 1),
            end=date(year + 1, 12, 31),
        ),
    )
    officer = world.actor(world.board_officer)
    last = services.plan_create(actor=officer, programme=programme, year=year - 1)
    following = services.plan_create(actor=officer, programme=programme, year=year + 1)
    return last, following


def test_my_work_puts_overdue_tasks_first_then_the_nearest_deadline(world, agency, this_year):
    last, following = this_year
    for plan, month, day in ((following, 2, 1), (last, 6, 30), (following, 1, 15), (last, 3, 1)):
        add_task(
            world, plan, title=f"{day:02d}/{month:02d}/{plan.year}", due=date(plan.year, month, day)
        )
    rows = [(t.title, t.overdue) for t in selectors.my_work(actor=agency)]
    assert rows == [
        (f"01/03/{last.year}", 0),
        (f"30/06/{last.year}", 0),
        (f"15/01/{following.year}", 1),
        (f"01/02/{following.year}", 1),
    ]
    assert selectors.work_summary(actor=agency) == selectors.WorkSummary(
        overdue=2, due_this_week=0, open=4
    )


def test_my_work_holds_the_open_tasks_of_my_body_and_the_board_sees_its_programmes(
    world, officer, leader, agency, outsider, this_year
):
    _, plan = this_year
    mine = add_task(world, plan, title="Sở chủ trì")
    board = add_task(world, plan, title="Ban chủ trì", lead=world.board)
    shared = add_task(
        world,
        plan,
        title="Sở phối hợp",
        lead=world.board,
        cooperating=[world.department, world.peoples_committee],
    )
    finished = advance(world, add_task(world, plan, title="Đã xong"), "agree", "assign", "finish")
    cancelled = add_task(world, plan, title="Đã hủy")
    services.task_cancel(actor=officer, task=cancelled, reason="Bỏ")
    assert finished.state == Task.State.DONE

    def work(actor):
        return sorted(t.title for t in selectors.my_work(actor=actor))

    assert work(agency) == sorted([mine.title, shared.title])
    assert work(officer) == work(leader) == sorted([mine.title, board.title, shared.title])
    assert work(outsider) == []
    assert work(world.actor(world.commune_officer)) == []


@pytest.mark.parametrize("ending", ["cancel", "close"])
def test_the_tasks_of_an_ended_programme_leave_my_work(
    world, leader, agency, officer, this_year, ending
):
    _, plan = this_year
    add_task(world, plan, title="Sở chủ trì")
    assert len(selectors.my_work(actor=agency)) == 1
    programme = plan.programme
    if ending == "cancel":
        services.programme_cancel(actor=leader, programme=programme, reason="Thay đổi tổ chức")
    else:
        services.programme_advance(actor=leader, programme=programme, action="start_review")
        assert len(selectors.my_work(actor=agency)) == 1  # still running while it is reviewed
        services.programme_advance(actor=leader, programme=programme, action="close")
    assert list(selectors.my_work(actor=agency)) == []
    assert list(selectors.my_work(actor=officer)) == []
    assert selectors.work_summary(actor=agency).open == 0


def test_a_task_with_several_co_operating_bodies_is_listed_once(world, officer, this_year):
    _, plan = this_year
    add_task(world, plan, lead=world.board, cooperating=[world.department, world.peoples_committee])
    assert len(list(selectors.my_work(actor=officer))) == 1


# --- timeline ------------------------------------------------------------------------------------


def test_the_programme_timeline_lists_its_events_in_order_with_actor_and_change(world, running):
    entries = selectors.timeline(running)
    assert [e.verb for e in entries] == [
        "programme_created",
        "programme_submit",
        "programme_agree",
        "programme_sign",
        "programme_bring_into_force",
    ]
    assert [e.actor for e in entries] == [world.board_officer] * 2 + [world.board_leader] * 3
    assert entries[1].change == "Dự thảo → Đang lấy ý kiến"
    assert entries[1].label == "Gửi lấy ý kiến"
    assert entries[0].change == ""


def test_the_task_timeline_shows_state_progress_and_deadline_changes(world, task, officer):
    services.task_update_progress(actor=world.actor(world.agency_officer), task=task, progress=40)
    services.task_defer(actor=officer, task=task, new_due=date(2026, 11, 30), reason="Chờ")
    entries = selectors.timeline(task)
    assert [e.verb for e in entries] == [
        "task_created",
        "task_agree",
        "task_assign",
        "task_progress",
        "task_deferred",
    ]
    assert entries[1].change == "Đề xuất → Đã thống nhất"
    assert entries[3].change == "0 → 40"
    assert entries[3].actor == world.agency_officer
    assert entries[4].change == "Đã giao → Lùi thời hạn; 2026-09-30 → 2026-11-30"


def test_a_timeline_holds_only_its_own_objects_events(world, plan, task):
    other = add_task(world, plan, title="Khác")
    assert [e.verb for e in selectors.timeline(other)] == ["task_created"]


# --- who may lead and who drafts -----------------------------------------------------------------


def test_tasks_may_be_led_by_the_parties_and_the_bodies_beneath_them(world, running):
    bodies = set(selectors.task_bodies(programme=running))
    assert bodies == {world.board, world.peoples_committee, world.department}


def test_only_board_members_get_a_board_to_draft_for(world, officer, agency, outsider):
    assert selectors.drafting_boards(actor=officer) == [world.board]
    assert selectors.drafting_boards(actor=agency) == []
    assert selectors.drafting_boards(actor=outsider) == [world.other_board]


# --- query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [5, 30])
def test_my_work_takes_one_query_however_many_tasks(
    world, agency, this_year, django_assert_max_num_queries, rows
):
    last, following = this_year
    for n in range(rows):
        add_task(
            world,
            last if n % 2 else following,
            title=f"Nhiệm vụ {n}",
            due=date((last if n % 2 else following).year, 1 + n % 12, 10),
            cooperating=[world.board, world.peoples_committee],
        )
    with django_assert_max_num_queries(1):
        seen = [
            (t.title, t.lead.name, t.plan.year, t.plan.programme.title, t.overdue)
            for t in selectors.my_work(actor=agency)
        ]
    assert len(seen) == rows


@pytest.mark.parametrize("rows", [5, 30])
def test_the_programme_list_takes_three_queries_however_many_programmes(
    world, officer, django_assert_max_num_queries, rows
):
    for n in range(rows):
        create_programme(
            world, title=f"Chương trình {n:02d}", parties=[world.council, world.department]
        )
    with django_assert_max_num_queries(3):
        seen = [
            (
                p.title,
                p.board.name,
                [party.organisation.name for party in p.parties.all()],
                p.progress,
            )
            for p in selectors.programme_list(actor=officer, filters=ProgrammeFilter(year=2026))
        ]
    assert len(seen) == rows
    assert all(len(parties) == 3 for _, _, parties, _ in seen)

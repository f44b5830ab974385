from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.programmes.models import Task
from phoihop.reports import selectors, services
from phoihop.reports.models import Award, ReviewConference
from phoihop.testing.concerns import capture, officers, run_to
from phoihop.testing.programmes import build_programme

pytestmark = pytest.mark.django_db


def conference(world, **overrides):
    data = {
        "kind": "preliminary",
        "title": "Hội nghị sơ kết năm 2026 thực hiện Quyết định số 238-QĐ/TW",
        "period_start": date(2026, 1, 1),
        "period_end": date(2026, 12, 31),
        "held_on": date(2027, 1, 12),
    } | overrides
    return services.review_conference_create(
        actor=world.actor(world.board_officer),
        board=world.board,
        data=services.ConferenceData(**data),
        participants=[world.peoples_committee, world.department],
    )


def test_a_conference_is_invited_held_and_its_conclusions_become_next_years_tasks(world):
    prg = build_programme(world)  # in force 2022–2026 with the people's committee
    prg.programme.end = date(2027, 12, 31)
    prg.programme.save(update_fields=["end"])
    officer = world.actor(world.board_officer)
    item = conference(world)
    with pytest.raises(ValidationError, match="số giấy mời"):
        services.review_conference_invite(
            actor=officer, conference=item, number="", invited_on=date(2027, 1, 5)
        )
    services.review_conference_invite(
        actor=officer, conference=item, number="12-GM/BTGDVTU", invited_on=date(2027, 1, 5)
    )
    services.review_conference_hold(actor=officer, conference=item)
    conclusion = services.conclusion_add(
        actor=officer,
        conference=item,
        text="Tăng cường cung cấp thông tin về kỳ họp HĐND",
        lead=world.department,
        due=date(2027, 6, 30),
    )
    services.review_conference_conclude(actor=officer, conference=item, number="05-TB/BTGDVTU")
    conclusion.refresh_from_db()
    task = Task.objects.get(pk=conclusion.task_id)
    assert task.plan.year == 2027 and task.plan.programme == prg.programme
    assert task.lead == world.department and task.due == date(2027, 6, 30)
    assert item.state == ReviewConference.State.CONCLUDED


def test_concluding_without_a_programme_for_the_lead_changes_nothing(world):
    officer = world.actor(world.board_officer)
    item = conference(world)
    services.review_conference_hold(actor=officer, conference=item)
    services.conclusion_add(
        actor=officer, conference=item, text="Việc", lead=world.department, due=date(2027, 3, 1)
    )
    with pytest.raises(ValidationError, match="Chưa có chương trình phối hợp"):
        services.review_conference_conclude(actor=officer, conference=item, number="05-TB/X")
    item.refresh_from_db()
    assert item.state == ReviewConference.State.HELD and not Task.objects.exists()


def test_participants_outside_the_boards_reach_are_refused(world):
    with pytest.raises(ValidationError, match="không thuộc phạm vi"):
        services.review_conference_create(
            actor=world.actor(world.board_officer),
            board=world.board,
            data=services.ConferenceData(
                kind="preliminary",
                title="Sơ kết",
                period_start=date(2026, 1, 1),
                period_end=date(2026, 12, 31),
                held_on=date(2027, 1, 12),
            ),
            participants=[world.other_board],
        )
    assert not ReviewConference.objects.exists()


def test_an_award_is_proposed_approved_with_a_decision_and_presented(world):
    officer, leader = world.actor(world.board_officer), world.actor(world.board_leader)
    award = services.award_propose(
        actor=officer,
        board=world.board,
        organisation=world.department,
        official="Đặng Thu Hà, chuyên viên",
        reason="Hoàn thành xuất sắc nhiệm vụ phối hợp năm 2026",
    )
    with pytest.raises(PermissionDenied):
        services.award_approve(
            actor=officer, award=award, decision_reference="15-QĐ/TU", decided_on=date(2027, 1, 8)
        )
    with pytest.raises(ValidationError, match="số quyết định"):
        services.award_approve(actor=leader, award=award, decision_reference="", decided_on=None)
    services.award_approve(
        actor=leader, award=award, decision_reference="15-QĐ/TU", decided_on=date(2027, 1, 8)
    )
    with pytest.raises(ValidationError, match="trước ngày quyết định"):
        services.award_present(actor=officer, award=award, presented_on=date(2027, 1, 1))
    services.award_present(actor=officer, award=award, presented_on=date(2027, 1, 12))
    assert Award.objects.get().state == Award.State.PRESENTED


THREE_CRITERIA = [
    ("Nhiệm vụ phối hợp hoàn thành đúng hạn", "programmes.tasks_on_time", "programmes.tasks", 50),
    ("Nhiệm vụ phối hợp đã hoàn thành", "programmes.tasks_done", "programmes.tasks", 20),
    ("Báo cáo định kỳ nộp đúng hạn", "reports.on_time", "reports.expected", 30),
]


def test_evaluation_explains_every_score_and_drops_criteria_without_data(world):
    build_programme(world)  # one task led by the department, due 30/6/2026, not finished
    evaluation = selectors.evaluate(
        world.department, date(2026, 1, 1), date(2026, 12, 31), THREE_CRITERIA
    )
    on_time, done, reports_score = evaluation.scores
    assert on_time.rule == "0/1 = 0% × trọng số 71% (quy định 50%) = 0,0 điểm"
    assert done.points == 0
    assert not reports_score.applies and "Không có số liệu" in reports_score.rule
    assert evaluation.total == 0
    nothing = selectors.evaluate(
        world.council, date(2026, 1, 1), date(2026, 12, 31), THREE_CRITERIA
    )
    assert nothing.total is None


def test_the_default_evaluation_counts_the_concerns_an_agency_answered_on_time(world):
    people = officers(world)
    run_to(world, people, capture(world), "answered")  # the department answers on 1/4/2026
    evaluation = selectors.evaluate(
        world.department, date(2026, 1, 1), date(2026, 6, 30), selectors.DEFAULT_CRITERIA
    )
    scores = {score.label: score for score in evaluation.scores}
    answered = scores["Vấn đề dư luận quan tâm được trả lời đúng hạn"]
    assert (answered.numerator, answered.denominator) == (1, 1) and answered.applies
    case = scores["Vụ việc phức tạp, nhạy cảm được tiếp nhận đúng hạn"]
    assert not case.applies  # no case in the period: its weight goes to the others
    assert evaluation.total == 100.0

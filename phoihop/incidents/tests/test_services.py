"""The case's write path: every service, its policy, and every bad input changes nothing."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from phoihop.core.models import AuditEntry
from phoihop.incidents import services
from phoihop.incidents.models import (
    Channel,
    Incident,
    OrientationPlan,
    PositionLog,
    PressRelease,
    SituationReport,
    WorkingGroupMember,
)
from phoihop.notifications.models import Notification
from phoihop.testing.incidents import report_case, restricted_case

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
PLAN = services.OrientationData(
    handler="UBND phường Đức Phổ chủ trì, Sở Văn hóa phối hợp",
    message="Thông tin đúng tiến độ bồi thường; không suy diễn.",
    spokesperson="Phó Chủ tịch UBND phường",
    channels=[Channel.PRESS, Channel.MEETING],
)


def snapshot():
    return (
        Incident.objects.count(),
        AuditEntry.objects.count(),
        Notification.objects.count(),
        PressRelease.history.count(),
        OrientationPlan.history.count(),
        PositionLog.objects.count(),
    )


def refused(call, error=ValidationError, match=None):
    before = snapshot()
    with pytest.raises(error) as raised:
        call()
    assert snapshot() == before
    if match:
        assert match in " ".join(getattr(raised.value, "messages", [str(raised.value)]))
    return raised.value


def coordinate(world, people, case) -> Incident:
    services.incident_acknowledge(actor=world.actor(people.duty_officer), incident=case)
    services.incident_assess(
        actor=world.actor(world.board_officer), incident=case, assessment="Phức tạp, kéo dài."
    )
    plan = services.orientation_plan_save(
        actor=world.actor(world.board_officer), incident=case, data=PLAN
    )
    services.orientation_plan_approve(actor=world.actor(world.board_leader), plan=plan)
    services.orientation_plan_approve(actor=world.actor(people.agency_leader), plan=plan)
    case.refresh_from_db()
    return case


# --- report -----------------------------------------------------------------------------------


def test_an_agency_officer_reports_a_case_to_the_board_with_its_clocks(world, people):
    reported_at = datetime(2026, 11, 17, 9, 0, tzinfo=HCM)  # a Tuesday
    case = report_case(world, reported_at=reported_at)
    assert case.board == world.board and case.state == Incident.State.REPORTED
    assert case.ack_due == datetime(2026, 11, 17, 11, 0, tzinfo=HCM)
    assert case.orientation_due == datetime(2026, 11, 20, 9, 0, tzinfo=HCM)  # 3 working days
    assert case.province == world.quang_ngai and case.commune == world.duc_pho
    assert case.board_path == world.board.path and case.search_text.startswith("tu tap dong")
    told = set(Notification.objects.values_list("user__username", flat=True))
    assert told == {"duty_officer", "board_leader"}


def test_the_acknowledgement_clock_counts_office_hours_only(world, people):
    friday_evening = datetime(2026, 11, 27, 16, 30, tzinfo=HCM)
    case = report_case(world, reported_at=friday_evening, severity=Incident.Severity.HIGH)
    # 30 minutes on Friday, 1 h 30 on Monday morning; high severity: 24 clock hours.
    assert case.ack_due == datetime(2026, 11, 30, 9, 0, tzinfo=HCM)
    assert case.orientation_due == friday_evening + timedelta(hours=24)


def test_a_public_holiday_does_not_count(world, people):
    # 24/11/2026 is a public holiday (Ngày Văn hóa Việt Nam): Monday 16:30 → Wednesday 09:00.
    case = report_case(world, reported_at=datetime(2026, 11, 23, 16, 30, tzinfo=HCM))
    assert case.ack_due == datetime(2026, 11, 25, 9, 0, tzinfo=HCM)


def test_the_clocks_follow_the_current_regime(world, people):
    from phoihop.programmes.models import Regime

    Regime.objects.filter(is_current=True).update(incident_ack_working_hours=4)
    case = report_case(world, reported_at=datetime(2026, 11, 17, 8, 0, tzinfo=HCM))
    assert case.ack_due == datetime(2026, 11, 17, 13, 30, tzinfo=HCM)  # lunch break


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"title": "  "}, "title"),
        ({"summary": ""}, "summary"),
        ({"channels": []}, "channels"),
        ({"channels": ["pigeon"]}, "channels"),
        ({"places": []}, "places"),
        ({"severity": "extreme"}, "severity"),
        ({"sector": "?"}, "sector"),
    ],
)
def test_a_report_with_bad_input_is_refused_and_nothing_is_written(world, people, extra, field):
    error = refused(lambda: report_case(world, **extra))
    assert field in error.message_dict


def test_a_report_in_the_future_or_outside_the_province_is_refused(world, people):
    future = timezone.now() + timedelta(days=1)
    assert "reported_at" in refused(lambda: report_case(world, reported_at=future)).message_dict
    from phoihop.testing.world import admin_unit

    elsewhere = admin_unit(4, "Phường Ba Đình", "ward", world.ha_noi)
    assert "places" in refused(lambda: report_case(world, places=[elsewhere])).message_dict


def test_a_restricted_case_keeps_no_secret_text_only_a_reference(world, people):
    refused(lambda: restricted_case(world, summary="Nội dung mật"), match="không ghi nội dung")
    refused(lambda: restricted_case(world, reference=""), match="số hồ sơ")
    case = restricted_case(world)
    assert case.summary == "" and "tu tap" not in case.search_text
    titles = " ".join(Notification.objects.values_list("title", flat=True))
    assert "Tụ tập" not in titles and "hạn chế tiếp cận" in titles


def test_the_outsider_and_the_commune_cannot_report_for_the_department(world, people):
    for user in (world.outsider, world.commune_officer):
        refused(
            lambda u=user: services.incident_report(
                actor=world.actor(u),
                reporting_body=world.department,
                competent_body=world.department,
                data=__import__("phoihop.testing.incidents", fromlist=["case_data"]).case_data(
                    world
                ),
            ),
            PermissionDenied,
        )


def test_a_commune_reports_to_the_province_board_when_it_has_none(world, people):
    from phoihop.testing.incidents import case_data

    case = services.incident_report(
        actor=world.actor(world.commune_officer),
        reporting_body=world.commune_peoples_committee,
        competent_body=world.commune_peoples_committee,
        data=case_data(world),
    )
    assert case.board == world.board


# --- acknowledgement ---------------------------------------------------------------------------


def test_the_duty_officer_acknowledges_once_and_a_second_time_changes_nothing(world, people, case):
    services.incident_acknowledge(actor=world.actor(people.duty_officer), incident=case)
    case.refresh_from_db()
    assert case.state == Incident.State.ACKNOWLEDGED and case.acknowledged_by == people.duty_officer
    assert Notification.objects.filter(user=world.agency_officer).exists()
    refused(
        lambda: services.incident_acknowledge(actor=world.actor(world.board_leader), incident=case),
        match="đã được tiếp nhận",
    )
    case.refresh_from_db()
    assert case.acknowledged_by == people.duty_officer


def test_only_the_board_acknowledges(world, people, case):
    for user in (world.agency_officer, world.board_officer, world.outsider):
        refused(
            lambda u=user: services.incident_acknowledge(actor=world.actor(u), incident=case),
            PermissionDenied,
        )


# --- orientation plan ------------------------------------------------------------------------


def test_the_plan_needs_both_leaders_and_a_new_version_starts_the_approvals_again(
    world, people, case
):
    services.incident_acknowledge(actor=world.actor(people.duty_officer), incident=case)
    services.incident_assess(actor=world.actor(world.board_officer), incident=case, assessment="x")
    plan = services.orientation_plan_save(
        actor=world.actor(world.board_officer), incident=case, data=PLAN
    )
    services.orientation_plan_approve(actor=world.actor(world.board_leader), plan=plan)
    plan.refresh_from_db()
    assert (
        plan.state == OrientationPlan.State.DRAFT and plan.board_approved_by == world.board_leader
    )
    refused(
        lambda: services.orientation_plan_approve(actor=world.actor(world.board_leader), plan=plan),
        PermissionDenied,
    )
    changed = services.OrientationData(**{**PLAN.__dict__, "message": "Thông tin mới."})
    plan = services.orientation_plan_save(
        actor=world.actor(world.agency_officer), incident=case, data=changed
    )
    assert plan.version == 2 and plan.board_approved_by is None
    services.orientation_plan_approve(actor=world.actor(people.agency_leader), plan=plan)
    services.orientation_plan_approve(actor=world.actor(world.board_leader), plan=plan)
    plan.refresh_from_db()
    case.refresh_from_db()
    assert plan.state == OrientationPlan.State.APPROVED
    assert case.state == Incident.State.COORDINATING and case.orientation_agreed_at is not None
    assert {v.version for v in plan.history.all()} == {1, 2}


def test_an_unchanged_plan_is_not_a_new_version(world, people, case):
    services.incident_acknowledge(actor=world.actor(people.duty_officer), incident=case)
    services.orientation_plan_save(actor=world.actor(world.board_officer), incident=case, data=PLAN)
    refused(
        lambda: services.orientation_plan_save(
            actor=world.actor(world.board_officer), incident=case, data=PLAN
        ),
        match="không có gì thay đổi",
    )


def test_a_plan_before_acknowledgement_or_by_the_outsider_is_refused(world, people, case):
    for user in (world.board_officer, world.outsider):
        refused(
            lambda u=user: services.orientation_plan_save(
                actor=world.actor(u), incident=case, data=PLAN
            ),
            PermissionDenied,
        )


# --- working group, log, situation report --------------------------------------------------


def test_the_working_group_gives_a_member_that_case_only(world, people, case):
    other = report_case(world, title="Vụ việc khác")
    services.incident_acknowledge(actor=world.actor(people.duty_officer), incident=case)
    outsider = world.actor(world.outsider)
    assert not Incident.objects.visible_to(outsider).exists()
    services.working_group_add_member(
        actor=world.actor(world.board_officer),
        incident=case,
        user=world.commune_officer,
        organisation=world.commune_peoples_committee,
        role=WorkingGroupMember.Role.MEMBER,
    )
    commune = world.actor(world.commune_officer)
    assert list(Incident.objects.visible_to(commune)) == [case]
    assert other not in Incident.objects.visible_to(commune)
    entry = services.position_log_append(actor=commune, incident=case, text="Đã đối thoại.")
    assert entry.organisation == world.commune_peoples_committee


def test_a_member_from_another_province_or_twice_is_refused(world, people, case):
    officer = world.actor(world.board_officer)
    refused(
        lambda: services.working_group_add_member(
            actor=officer,
            incident=case,
            user=world.outsider,
            organisation=world.other_board,
            role="member",
        ),
        match="trong tỉnh",
    )
    refused(
        lambda: services.working_group_add_member(
            actor=officer,
            incident=case,
            user=world.outsider,
            organisation=world.department,
            role="member",
        ),
        match="không công tác",
    )
    services.working_group_add_member(
        actor=officer,
        incident=case,
        user=world.agency_officer,
        organisation=world.department,
        role="spokesperson",
    )
    refused(
        lambda: services.working_group_add_member(
            actor=officer,
            incident=case,
            user=world.agency_officer,
            organisation=world.department,
            role="member",
        ),
        match="đã là thành viên",
    )


def test_the_position_log_is_append_only_and_needs_text(world, people, case):
    services.incident_acknowledge(actor=world.actor(people.duty_officer), incident=case)
    refused(
        lambda: services.position_log_append(
            actor=world.actor(world.board_officer), incident=case, text=" "
        )
    )
    services.position_log_append(actor=world.actor(world.board_officer), incident=case, text="A")
    assert not hasattr(services, "position_log_update")
    assert not hasattr(services, "position_log_delete")


def test_a_situation_report_is_assembled_approved_and_published_to_the_group(world, people, case):
    case = coordinate(world, people, case)
    services.working_group_add_member(
        actor=world.actor(world.board_officer),
        incident=case,
        user=world.commune_officer,
        organisation=world.commune_peoples_committee,
        role="member",
    )
    services.situation_section_save(
        actor=world.actor(world.agency_officer), incident=case, text="Sở: đã làm việc."
    )
    services.situation_section_save(
        actor=world.actor(world.commune_officer), incident=case, text="Phường: đã đối thoại."
    )
    services.situation_section_save(
        actor=world.actor(world.agency_officer), incident=case, text="Sở: cập nhật."
    )
    report = SituationReport.objects.get()
    assert report.sections.count() == 2
    refused(
        lambda: services.situation_report_approve(
            actor=world.actor(world.board_officer), report=report
        ),
        PermissionDenied,
    )
    services.situation_report_approve(actor=world.actor(world.board_leader), report=report)
    services.situation_report_publish(actor=world.actor(world.board_officer), report=report)
    assert Notification.objects.filter(
        user=world.commune_officer, event_key=f"incident:{case.pk}:sitrep:{report.pk}"
    ).exists()
    services.situation_section_save(
        actor=world.actor(world.agency_officer), incident=case, text="Sở: báo cáo số 2."
    )
    assert SituationReport.objects.count() == 2


# --- press ----------------------------------------------------------------------------------


def test_a_press_release_is_versioned_and_its_author_may_not_approve_it(world, people, case):
    case = coordinate(world, people, case)
    leader = world.actor(world.board_leader)
    release = services.press_release_save(
        actor=leader, incident=case, title="Thông cáo", body="Dòng 1\nDòng 2"
    )
    services.press_release_submit(actor=leader, release=release)
    refused(
        lambda: services.press_release_approve(actor=leader, release=release),
        PermissionDenied,
        match="không được tự phê duyệt",
    )
    officer = world.actor(world.board_officer)
    release = services.press_release_save(
        actor=officer,
        incident=case,
        title="Thông cáo",
        body="Dòng 1\nDòng 2 đã sửa",
        release=release,
    )
    assert release.version == 2 and release.state == PressRelease.State.DRAFT
    services.press_release_submit(actor=officer, release=release)
    services.press_release_approve(actor=leader, release=release)
    services.press_release_approve(actor=world.actor(people.agency_leader), release=release)
    release.refresh_from_db()
    assert release.state == PressRelease.State.APPROVED
    refused(
        lambda: services.press_release_publish(
            actor=officer, release=release, where="", when=timezone.now()
        )
    )
    services.press_release_publish(
        actor=officer,
        release=release,
        where="Cổng thông tin điện tử tỉnh",
        when=timezone.now(),
        link="https://quangngai.gov.vn/tin/1",
    )
    release.refresh_from_db()
    assert release.state == PressRelease.State.PUBLISHED
    assert {h.version for h in release.history.all()} == {1, 2}


def test_a_press_conference_has_an_official_spokesperson_and_co_hosts(world, people, case):
    case = coordinate(world, people, case)
    officer = world.actor(world.board_officer)
    data = services.ConferenceData(
        held_at=timezone.now(),
        place="Hội trường UBND tỉnh",
        spokesperson=people.agency_leader,
        outlets="Báo Quảng Ngãi; Đài PT-TH Quảng Ngãi",
        co_hosts=[world.board, world.department],
    )
    conference = services.press_conference_record(actor=officer, incident=case, data=data)
    assert conference.hosts.count() == 2
    bad = services.ConferenceData(**{**data.__dict__, "co_hosts": [world.other_board]})
    refused(lambda: services.press_conference_record(actor=officer, incident=case, data=bad))


# --- escalate, merge, resolve, close, reopen ---------------------------------------------------


def test_escalation_creates_the_linked_case_at_the_central_board(world, people, case):
    leader = world.actor(world.board_leader)
    refused(lambda: services.incident_escalate(actor=leader, incident=case, reason=""))
    upper = services.incident_escalate(actor=leader, incident=case, reason="Vượt thẩm quyền")
    case.refresh_from_db()
    assert case.state == Incident.State.ESCALATED and case.escalated_to == upper
    assert upper.board == people.central_board and upper.reporting_body == world.board
    assert upper.escalated_from == case
    # The province's board still sees the upper case: it reported it.
    assert upper in Incident.objects.visible_to(leader)


def test_a_duplicate_is_merged_into_a_case_of_the_same_board(world, people, case):
    duplicate = report_case(world, title="Trùng")
    leader = world.actor(world.board_leader)
    refused(lambda: services.incident_merge(actor=leader, incident=case, into=case))
    services.incident_merge(actor=leader, incident=duplicate, into=case, reason="Trùng")
    duplicate.refresh_from_db()
    assert duplicate.state == Incident.State.MERGED and duplicate.merged_into == case


def test_resolve_publicise_close_and_reopen(world, people, case):
    case = coordinate(world, people, case)
    refused(
        lambda: services.incident_resolve(
            actor=world.actor(world.agency_officer), incident=case, resolution=""
        )
    )
    services.incident_resolve(
        actor=world.actor(world.agency_officer), incident=case, resolution="Đã chi trả bồi thường."
    )
    refused(
        lambda: services.incident_close(actor=world.actor(world.agency_officer), incident=case),
        PermissionDenied,
    )
    services.incident_publicise_result(actor=world.actor(world.board_officer), incident=case)
    services.incident_close(actor=world.actor(world.board_leader), incident=case)
    assert case.state == Incident.State.CLOSED
    refused(
        lambda: services.incident_reopen(
            actor=world.actor(world.board_leader), incident=case, reason=""
        )
    )
    services.incident_reopen(
        actor=world.actor(world.board_leader), incident=case, reason="Phát sinh khiếu nại mới"
    )
    assert case.state == Incident.State.REOPENED and case.closed_at is None


def test_the_actions_offered_are_the_ones_allowed(world, people, case):
    names = lambda user: [a.name for a in services.incident_actions(world.actor(user), case)]  # noqa: E731
    assert names(people.duty_officer) == ["acknowledge"]
    assert "acknowledge" not in names(world.agency_officer)
    assert names(world.outsider) == []
    with pytest.raises(ValidationError):
        services.incident_act(actor=world.actor(world.board_leader), incident=case, action="fly")

"""Reminders before the deadline, escalation after it, each notice once, e-mail over SMTP.

`today` is passed to the job, so nothing here depends on the clock.
"""

import email
import email.header
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from phoihop.accounts.models import Membership
from phoihop.accounts.roles import Role
from phoihop.notifications.models import Notification
from phoihop.organisations.services import focal_point_set
from phoihop.programmes import services
from phoihop.programmes.reminders import send_task_reminders
from phoihop.testing.programmes import build_programme
from phoihop.testing.world import body, person

TASK = "Tuyên truyền kết quả kỳ họp HĐND tỉnh"
# The task is due Tuesday 30/06/2026. In working days: Thu 25/06 is D-3, Tue 30/06 is D-0,
# Wed 01/07 is D+1, Tue 07/07 is D+5.
D_MINUS_5, D_MINUS_3, D_MINUS_2 = date(2026, 6, 23), date(2026, 6, 25), date(2026, 6, 26)
D_0, D_PLUS_1, D_PLUS_4, D_PLUS_5 = (
    date(2026, 6, 30),
    date(2026, 7, 1),
    date(2026, 7, 6),
    date(2026, 7, 7),
)


@pytest.fixture
def prg(world):
    return build_programme(world)


@pytest.fixture
def department(world, prg):
    """The department's own focal points: a leader and a contact officer (a clerk), plus a
    clerk who is not a contact."""
    leader = person("so_lanh_dao", world.department, Role.AGENCY_LEADER)
    contact = person("so_dau_moi", world.department, Role.CLERK)
    clerk = person("so_van_thu", world.department, Role.CLERK)
    focal_point_set(
        actor=world.actor(world.admin),
        organisation=world.department,
        leader=leader,
        advisory_unit="Phòng Văn hóa",
        contacts=[contact],
    )
    return leader, contact, clerk


def titles_for(user):
    return sorted(Notification.objects.filter(user=user).values_list("title", flat=True))


def test_nothing_is_sent_before_the_first_reminder_window(world, prg):
    assert send_task_reminders(today=D_MINUS_5) == 0
    assert not Notification.objects.exists()


def test_d_minus_3_reminds_the_responsible_people_once_however_often_the_job_runs(
    world, prg, department
):
    leader, contact, clerk = department
    created = send_task_reminders(today=D_MINUS_3)
    assert created == 3
    assert send_task_reminders(today=D_MINUS_3) == 0
    assert send_task_reminders(today=D_MINUS_2) == 0  # still the D-3 window: already told
    expected = [f"Nhiệm vụ «{TASK}» đến hạn ngày 30/06/2026 (còn 3 ngày làm việc)"]
    for user in (world.agency_officer, leader, contact):
        assert titles_for(user) == expected
    for user in (clerk, world.board_leader, world.board_officer, world.outsider, world.admin):
        assert titles_for(user) == []
    notification = Notification.objects.get(user=world.agency_officer)
    assert notification.kind == Notification.Kind.TASK_REMINDER
    assert notification.event_key == f"task:{prg.task.pk}:due:2026-06-30:reminder:3"
    assert notification.url == prg.task.get_absolute_url()
    assert "Đơn vị chủ trì: Sở Văn hóa, Thể thao và Du lịch" in notification.body


def test_d_0_reminds_again_on_the_day(world, prg, department):
    send_task_reminders(today=D_MINUS_3)
    assert send_task_reminders(today=D_0) == 3
    assert f"Nhiệm vụ «{TASK}» đến hạn ngày 30/06/2026 (hôm nay)" in titles_for(
        world.agency_officer
    )
    assert Notification.objects.filter(
        user=world.agency_officer, event_key__endswith=":reminder:0"
    ).exists()


def test_a_task_first_seen_inside_a_window_gets_that_windows_reminder_only(world, prg):
    send_task_reminders(today=D_MINUS_2)
    assert titles_for(world.agency_officer) == [
        f"Nhiệm vụ «{TASK}» đến hạn ngày 30/06/2026 (còn 2 ngày làm việc)"
    ]


def test_d_plus_1_goes_to_the_lead_bodys_focal_leader_only(world, prg, department):
    leader, contact, _ = department
    assert send_task_reminders(today=D_PLUS_1) == 1
    assert titles_for(leader) == [f"Nhiệm vụ «{TASK}» quá hạn 1 ngày làm việc (hạn 30/06/2026)"]
    assert Notification.objects.get(user=leader).kind == Notification.Kind.TASK_OVERDUE
    for user in (world.agency_officer, contact, world.board_leader, world.board_officer):
        assert titles_for(user) == []
    assert send_task_reminders(today=D_PLUS_4) == 0


def test_d_plus_5_escalates_to_the_board_leaders_of_the_programmes_board(world, prg, department):
    leader, _, _ = department
    send_task_reminders(today=D_PLUS_1)
    assert send_task_reminders(today=D_PLUS_5) == 1
    [title] = titles_for(world.board_leader)
    assert title.startswith(f"Nhiệm vụ «{TASK}» quá hạn 5 ngày làm việc (hạn 30/06/2026)")
    assert "cần Ban đôn đốc" in title
    assert Notification.objects.get(user=world.board_leader).kind == (
        Notification.Kind.TASK_ESCALATION
    )
    assert len(titles_for(leader)) == 1  # the focal leader is not told twice
    assert titles_for(world.board_officer) == []
    assert send_task_reminders(today=D_PLUS_5) == 0


def test_without_focal_points_of_its_own_a_body_escalates_to_the_one_above_at_its_level(world, prg):
    # The department has none; the people's committee that signed the programme has them.
    above = world.peoples_committee.focal_point.leader
    send_task_reminders(today=D_PLUS_1)
    assert titles_for(above) == [f"Nhiệm vụ «{TASK}» quá hạn 1 ngày làm việc (hạn 30/06/2026)"]


def test_a_deferred_task_is_reminded_again_for_its_new_date(world, prg):
    send_task_reminders(today=D_MINUS_3)
    services.task_defer(
        actor=world.actor(world.board_officer),
        task=prg.task,
        new_due=date(2026, 7, 31),
        reason="Chờ kỳ họp",
    )
    assert send_task_reminders(today=D_PLUS_1) == 0  # no longer late
    assert send_task_reminders(today=date(2026, 7, 28)) == 1
    assert titles_for(world.agency_officer) == [
        f"Nhiệm vụ «{TASK}» đến hạn ngày 30/06/2026 (còn 3 ngày làm việc)",
        f"Nhiệm vụ «{TASK}» đến hạn ngày 31/07/2026 (còn 3 ngày làm việc)",
    ]


def test_the_programmes_own_reminder_days_replace_the_regimes(world, prg):
    services.programme_set_deadlines(
        actor=world.actor(world.board_officer),
        programme=prg.programme,
        reminder_days=[5],
        escalate_focal_leader_after=2,
        escalate_board_leader_after=3,
    )
    assert send_task_reminders(today=D_MINUS_5) == 1
    assert "(còn 5 ngày làm việc)" in titles_for(world.agency_officer)[0]
    assert send_task_reminders(today=D_0) == 0  # no D-0 reminder for this programme
    assert send_task_reminders(today=D_PLUS_1) == 0  # the focal leader only from D+2


def test_finished_tasks_and_programmes_not_in_force_are_left_alone(world, prg):
    officer = world.actor(world.agency_officer)
    services.task_advance(actor=officer, task=prg.task, action="start")
    services.task_advance(actor=officer, task=prg.task, action="finish")
    assert send_task_reminders(today=D_PLUS_5) == 0
    services.task_advance(actor=world.actor(world.board_officer), task=prg.task, action="reopen")
    prg.programme.__class__.objects.filter(pk=prg.programme.pk).update(state="closed")
    assert send_task_reminders(today=D_PLUS_5) == 0


def test_an_inactive_member_is_not_notified(world, prg):
    Membership.objects.filter(user=world.agency_officer).update(is_active=False)
    send_task_reminders(today=D_MINUS_3)
    assert titles_for(world.agency_officer) == []


def test_the_job_reads_the_same_number_of_queries_for_one_task_or_many(world, prg, department):
    def queries_for_a_run(today):
        with CaptureQueriesContext(connection) as queries:
            send_task_reminders(today=today)
        return len(queries)

    one = queries_for_a_run(D_MINUS_3)
    officer = world.actor(world.board_officer)
    justice = body(world.peoples_committee, "Sở Tư pháp", "department", "state", world.quang_ngai)
    person("stp_chuyen_vien", justice, Role.AGENCY_OFFICER)
    for lead in (world.peoples_committee, justice, world.department):
        task = services.task_create(
            actor=officer,
            plan=prg.plan,
            data=services.TaskData(title=f"Việc của {lead}", lead=lead, due=D_0),
        )
        services.task_advance(actor=officer, task=task, action="agree")
    many = queries_for_a_run(D_MINUS_3)  # three more tasks at D-3, one new lead with people
    # UBND: its agency leader; Sở Tư pháp: its officer; the department: officer, leader, contact.
    assert Notification.objects.filter(title__contains="Việc của").count() == 5
    assert many == one


@pytest.mark.django_db(transaction=True)
def test_the_reminder_e_mail_leaves_once_through_smtp(smtp_server, settings):
    from phoihop.testing.world import build_world

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    world = build_world()
    world.agency_officer.email = "chuyenvien@so.local"
    world.agency_officer.save()
    build_programme(world)
    send_task_reminders(today=D_MINUS_3)
    send_task_reminders(today=D_MINUS_3)
    to_officer = [m for m in smtp_server if "chuyenvien@so.local" in m.rcpt_tos]
    assert len(to_officer) == 1
    message = email.message_from_bytes(to_officer[0].content)
    subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
    assert subject == f"[Phối Hợp] Nhiệm vụ «{TASK}» đến hạn ngày 30/06/2026 (còn 3 ngày làm việc)"
    body = message.get_payload(decode=True).decode("utf-8")
    assert "Chương trình:" in body and "/chuong-trinh/" in body
    assert Notification.objects.get(user=world.agency_officer).emailed_at is not None

"""Reminders before the deadline, escalation after it, each notice once, e-mail over SMTP."""

import email
import email.header
from datetime import date

import pytest

from phoihop.accounts.models import Membership
from phoihop.notifications.models import Notification
from phoihop.programmes import services
from phoihop.programmes.reminders import send_task_reminders
from phoihop.testing.programmes import build_programme

# Task due Tuesday 30/06/2026. Working days: Thu 25/06 is D-3, Tue 30/06 is D-0,
# Wed 01/07 is D+1, Tue 07/07 is D+5.
D_MINUS_3, D_0, D_PLUS_1, D_PLUS_5 = (
    date(2026, 6, 25),
    date(2026, 6, 30),
    date(2026, 7, 1),
    date(2026, 7, 7),
)


@pytest.fixture
def prg(world):
    world.agency_officer.email = "chuyenvien@so.local"
    world.agency_officer.save()
    return build_programme(world)


def titles_for(user):
    return sorted(Notification.objects.filter(user=user).values_list("title", flat=True))


def test_nothing_is_sent_a_week_before_the_deadline(world, prg):
    assert send_task_reminders(today=date(2026, 6, 19)) == 0


def test_the_lead_body_is_reminded_at_d_minus_3_once_however_often_the_job_runs(world, prg):
    assert send_task_reminders(today=D_MINUS_3) >= 1
    assert send_task_reminders(today=D_MINUS_3) == 0
    assert send_task_reminders(today=date(2026, 6, 26)) == 0  # D-2: the D-3 notice is already out
    assert titles_for(world.agency_officer) == [
        "Nhiệm vụ «Tuyên truyền kết quả kỳ họp HĐND tỉnh» đến hạn ngày 30/06/2026 "
        "(còn 3 ngày làm việc)"
    ]
    assert not Notification.objects.filter(user=world.outsider).exists()


def test_on_the_day_and_after_it_the_focal_leader_then_the_board_leader_hear(world, prg):
    send_task_reminders(today=D_0)
    assert any("(hôm nay)" in t for t in titles_for(world.agency_officer))
    # The department has no focal points: its escalation goes to the people's committee's.
    leader = world.peoples_committee.focal_point.leader
    send_task_reminders(today=D_PLUS_1)
    assert any("quá hạn 1 ngày làm việc" in t for t in titles_for(leader))
    assert not any("cần Ban đôn đốc" in t for t in titles_for(world.board_leader))
    send_task_reminders(today=D_PLUS_5)
    assert any("cần Ban đôn đốc" in t for t in titles_for(world.board_leader))


def test_a_finished_task_is_left_alone(world, prg):
    services.task_advance(actor=world.actor(world.agency_officer), task=prg.task, action="start")
    services.task_advance(actor=world.actor(world.agency_officer), task=prg.task, action="finish")
    assert send_task_reminders(today=D_PLUS_5) == 0


def test_a_deferred_task_is_reminded_again_for_its_new_date(world, prg):
    send_task_reminders(today=D_MINUS_3)
    services.task_defer(
        actor=world.actor(world.board_officer),
        task=prg.task,
        new_due=date(2026, 7, 31),
        reason="Chờ kỳ họp",
    )
    assert send_task_reminders(today=date(2026, 7, 28)) >= 1
    assert len(titles_for(world.agency_officer)) == 2


def test_an_inactive_member_is_not_notified(world, prg):
    Membership.objects.filter(user=world.agency_officer).update(is_active=False)
    send_task_reminders(today=D_MINUS_3)
    assert titles_for(world.agency_officer) == []


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
    assert "đến hạn ngày 30/06/2026" in subject
    assert "Chương trình:" in message.get_payload(decode=True).decode("utf-8")
    assert Notification.objects.get(user=world.agency_officer).emailed_at is not None


def test_a_programme_may_set_its_own_reminders_and_escalations(world, client, prg):
    client.force_login(world.board_officer)
    client.post(
        f"/chuong-trinh/{prg.programme.pk}/nhac-han/",
        {
            "reminder_days": "5, 1",
            "escalate_focal_leader_after": "2",
            "escalate_board_leader_after": "3",
        },
    )
    prg.programme.refresh_from_db()
    assert prg.programme.deadlines == ([5, 1], 2, 3)
    assert send_task_reminders(today=date(2026, 6, 22)) == 0  # D-6: nothing yet
    assert send_task_reminders(today=date(2026, 6, 23)) >= 1  # D-5
    assert send_task_reminders(today=D_MINUS_3) == 0  # D-3 is no longer a reminder day
    bad = client.post(
        f"/chuong-trinh/{prg.programme.pk}/nhac-han/",
        {
            "reminder_days": "ba",
            "escalate_focal_leader_after": "2",
            "escalate_board_leader_after": "3",
        },
        follow=True,
    )
    assert "Nhập các số ngày" in bad.content.decode()
    client.force_login(world.agency_officer)
    assert (
        client.post(
            f"/chuong-trinh/{prg.programme.pk}/nhac-han/",
            {
                "reminder_days": "1",
                "escalate_focal_leader_after": "1",
                "escalate_board_leader_after": "1",
            },
        ).status_code
        == 403
    )

"""Reply-deadline reminders, overdue escalation, each notice once; e-mail over real SMTP."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from phoihop.accounts.roles import Role
from phoihop.exchange import services
from phoihop.exchange.reminders import send_dispatch_reminders
from phoihop.notifications.models import Notification
from phoihop.organisations.services import focal_point_set
from phoihop.testing.world import person

from .conftest import draft

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
# Sent Monday 1 June 2026; due 5 working days later, Monday 8 June. D-3 Wed 3/6, D+1 Tue 9/6,
# D+5 Mon 15/6.
SENT = datetime(2026, 6, 1, 9, tzinfo=HCM)
D_MINUS_3, D_0, D_PLUS_1, D_PLUS_5 = (
    date(2026, 6, 3),
    date(2026, 6, 8),
    date(2026, 6, 9),
    date(2026, 6, 15),
)


@pytest.fixture
def row(xworld):
    dispatch = draft(xworld, addressees=[xworld.council])
    services.dispatch_send(actor=xworld.actor(xworld.board_officer), dispatch=dispatch, now=SENT)
    return dispatch.recipients.get()


def titles(user):
    return list(Notification.objects.filter(user=user).values_list("title", flat=True))


def test_reminder_before_the_deadline_once_however_often_the_job_runs(xworld, row):
    assert row.reply_due == D_0
    assert send_dispatch_reminders(D_MINUS_3) == 1
    assert send_dispatch_reminders(D_MINUS_3) == 0
    assert titles(xworld.council_officer) == [
        f"Công văn số 01-CV/BTGDVTU V/v {row.dispatch.summary} cần trả lời trước 08/06/2026 "
        "(còn 3 ngày làm việc)"
    ]


def test_overdue_goes_to_the_focal_leader_then_to_the_board_leaders(xworld, row):
    w = xworld
    leader = person("hdnd_leader", w.council, Role.AGENCY_LEADER)
    focal_point_set(
        actor=w.actor(w.admin), organisation=w.council, leader=leader, advisory_unit="VP"
    )
    send_dispatch_reminders(D_PLUS_1)
    assert any("quá hạn trả lời 1 ngày" in t for t in titles(leader))
    assert titles(w.board_leader) == []
    send_dispatch_reminders(D_PLUS_5)
    send_dispatch_reminders(D_PLUS_5)
    escalations = [t for t in titles(w.board_leader) if "cần Ban đôn đốc" in t]
    assert len(escalations) == 1


def test_an_acknowledged_dispatch_is_not_chased(xworld, row):
    services.recipient_acknowledge(actor=xworld.actor(xworld.council_officer), recipient=row)
    assert send_dispatch_reminders(D_PLUS_5) == 0


@pytest.mark.django_db(transaction=True)
def test_the_reminder_e_mail_leaves_once_through_smtp(smtp_server, settings):
    import email
    import email.header

    from phoihop.testing.world import build_world

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    world = build_world()
    officer = person("council_officer", world.council, Role.COUNCIL_OFFICER)
    officer.email = "vanphong@hdnd.local"
    officer.save()
    dispatch = draft(world, addressees=[world.council])
    services.dispatch_send(actor=world.actor(world.board_officer), dispatch=dispatch, now=SENT)
    send_dispatch_reminders(D_MINUS_3)
    send_dispatch_reminders(D_MINUS_3)
    to_officer = [m for m in smtp_server if "vanphong@hdnd.local" in m.rcpt_tos]
    subjects = [
        str(
            email.header.make_header(
                email.header.decode_header(email.message_from_bytes(m.content)["Subject"])
            )
        )
        for m in to_officer
    ]
    assert len([s for s in subjects if "cần trả lời trước" in s]) == 1
    assert len([s for s in subjects if s.startswith("[Phối Hợp] Công văn đến")]) == 1

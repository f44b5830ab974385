"""The periodic clock check: overruns reach the leaders once, however often the job runs."""

import email
import email.header
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from phoihop.core.models import AuditEntry
from phoihop.incidents import services
from phoihop.incidents.clocks import Clock, clocks_of
from phoihop.incidents.models import Incident
from phoihop.incidents.tasks import check_incident_clocks
from phoihop.notifications.models import Notification
from phoihop.testing.incidents import case_people, report_case, restricted_case
from phoihop.testing.world import build_world

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def test_an_unacknowledged_case_escalates_to_the_board_leaders_once(world, people):
    case = report_case(world, reported_at=datetime(2026, 11, 17, 9, 0, tzinfo=HCM))
    Notification.objects.all().delete()
    before_due = datetime(2026, 11, 17, 10, 59, tzinfo=HCM)
    assert services.incident_clocks_check(now=before_due) == 0
    after_due = datetime(2026, 11, 17, 11, 1, tzinfo=HCM)
    assert services.incident_clocks_check(now=after_due) == 1
    assert services.incident_clocks_check(now=after_due) == 0
    assert services.incident_clocks_check(now=after_due + timedelta(hours=3)) == 0
    notice = Notification.objects.get()
    assert notice.user == world.board_leader and "chưa được Ban tiếp nhận" in notice.title
    assert AuditEntry.objects.filter(verb="incident_ack_escalated", object_id=case.pk).count() == 1


def test_an_orientation_plan_not_agreed_in_time_reaches_both_leaders(world, people):
    case = report_case(
        world, reported_at=datetime(2026, 11, 17, 9, 0, tzinfo=HCM), severity=Incident.Severity.HIGH
    )
    services.incident_acknowledge(actor=world.actor(people.duty_officer), incident=case)
    Notification.objects.all().delete()
    late = datetime(2026, 11, 18, 9, 1, tzinfo=HCM)  # 24 clock hours for high severity
    assert services.incident_clocks_check(now=late) == 2
    told = set(Notification.objects.values_list("user__username", flat=True))
    assert told == {"board_leader", "agency_leader"}
    assert services.incident_clocks_check(now=late + timedelta(days=1)) == 0


@pytest.mark.django_db(transaction=True)
def test_the_job_sends_the_e_mail_copy_over_smtp_once(smtp_server, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    world = build_world()
    case_people(world)
    report_case(world, reported_at=datetime(2026, 11, 17, 9, 0, tzinfo=HCM))
    smtp_server.clear()  # the notices of the report itself
    assert check_incident_clocks.call("2026-11-17T12:00:00+07:00") == 1
    assert check_incident_clocks.call("2026-11-17T15:00:00+07:00") == 0
    assert len(smtp_server) == 1 and smtp_server[0].rcpt_tos == ["board_leader@phoihop.local"]
    message = email.message_from_bytes(smtp_server[0].content)
    subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
    assert "chưa được Ban tiếp nhận" in subject


def test_a_restricted_case_notice_does_not_carry_its_title(world, people):
    case = restricted_case(world, reported_at=datetime(2026, 11, 17, 9, 0, tzinfo=HCM))
    Notification.objects.all().delete()
    services.incident_clocks_check(now=datetime(2026, 11, 17, 12, 0, tzinfo=HCM))
    assert case.title not in Notification.objects.get().title


def test_a_clock_reads_as_remaining_or_overrun():
    due = datetime(2026, 11, 17, 11, 0, tzinfo=HCM)
    assert Clock("x", due, None, due - timedelta(minutes=80)).text == "còn 1 giờ 20 phút"
    assert Clock("x", due, None, due + timedelta(hours=3)).text == "quá hạn 3 giờ 0 phút"
    assert (
        Clock("x", due, due - timedelta(minutes=5), due + timedelta(days=2)).text
        == "đạt, sớm 5 phút"
    )
    assert Clock("x", due, due + timedelta(days=1, hours=2), due).overdue


def test_a_merged_case_has_no_orientation_clock(world, people, case):
    other = report_case(world, title="Trùng")
    services.incident_merge(actor=world.actor(world.board_leader), incident=other, into=case)
    other.refresh_from_db()
    assert len(clocks_of(other)) == 1

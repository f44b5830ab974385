"""One notification per event per person; e-mail copies once, over real SMTP, by preference."""

import email
import email.header
import socket
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from phoihop.notifications import services
from phoihop.notifications.models import Notification
from phoihop.notifications.services import notify
from phoihop.notifications.tasks import send_daily_digests, send_notification_emails

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def subject_of(envelope) -> str:
    message = email.message_from_bytes(envelope.content)
    return str(email.header.make_header(email.header.decode_header(message["Subject"])))


def body_of(envelope) -> str:
    message = email.message_from_bytes(envelope.content)
    return message.get_payload(decode=True).decode("utf-8")


def tell(users, key="e1", title="Nhắc hạn nhiệm vụ", url="/viec-cua-toi/"):
    return notify(
        users=users,
        kind=Notification.Kind.TASK_REMINDER,
        title=title,
        body="Chương trình phối hợp 2026.",
        url=url,
        event_key=key,
    )


def test_notify_creates_one_per_person_and_event_however_often_it_runs(world):
    first = tell([world.board_officer, world.board_leader, world.board_officer])
    again = tell([world.board_officer, world.board_leader])
    assert len(first) == 2 and again == []
    rows = Notification.objects.filter(event_key="e1")
    assert rows.count() == 2
    assert {n.kind for n in rows} == {Notification.Kind.TASK_REMINDER}


def test_notify_skips_inactive_people(world):
    world.agency_officer.is_active = False
    world.agency_officer.save()
    assert tell([world.agency_officer]) == []


def test_the_unique_constraint_holds_when_two_runs_race(world):
    """A run that did not see the other's row still inserts nothing twice."""
    Notification.objects.create(user=world.board_officer, title="x", event_key="race")
    Notification.objects.bulk_create(
        [Notification(user=world.board_officer, title="x", event_key="race")],
        ignore_conflicts=True,
    )
    assert Notification.objects.filter(event_key="race").count() == 1


def test_the_e_mail_copy_leaves_once_over_smtp(
    world, smtp_server, immediate_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        [pk] = tell([world.board_officer], title="Nhiệm vụ «Tuyên truyền» đến hạn ngày 05/12/2026")
    with django_capture_on_commit_callbacks(execute=True):
        tell([world.board_officer], title="Nhiệm vụ «Tuyên truyền» đến hạn ngày 05/12/2026")
    assert send_notification_emails.call([pk]) == 0  # a retried task sends nothing
    assert len(smtp_server) == 1
    [envelope] = smtp_server
    assert envelope.rcpt_tos == [world.board_officer.email]
    assert subject_of(envelope) == "[Phối Hợp] Nhiệm vụ «Tuyên truyền» đến hạn ngày 05/12/2026"
    body = body_of(envelope)
    assert "Chương trình phối hợp 2026." in body
    assert "http://127.0.0.1:8000/viec-cua-toi/" in body
    assert "/thong-bao/tuy-chon/" in body
    assert Notification.objects.get(pk=pk).emailed_at is not None


def test_with_e_mail_turned_off_only_the_in_app_notification_remains(
    world, smtp_server, immediate_tasks, django_capture_on_commit_callbacks
):
    services.notification_preference_update(
        actor=world.actor(world.board_officer), email_enabled=False, daily_digest=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert len(tell([world.board_officer, world.board_leader])) == 2
    assert [e.rcpt_tos for e in smtp_server] == [[world.board_leader.email]]
    assert Notification.objects.get(user=world.board_officer).emailed_at is None


def test_people_without_an_address_get_no_e_mail(world, smtp_server, immediate_tasks):
    world.board_officer.email = ""
    world.board_officer.save()
    ids = tell([world.board_officer])
    assert send_notification_emails.call(ids) == 0
    assert smtp_server == []


def test_a_failed_delivery_gives_the_notification_back_for_the_next_run(world, settings):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    ids = tell([world.board_officer])
    with pytest.raises(OSError):
        send_notification_emails.call(ids)
    assert Notification.objects.get(pk=ids[0]).emailed_at is None


def test_the_daily_digest_sends_one_letter_with_the_days_notifications(
    world, smtp_server, immediate_tasks, django_capture_on_commit_callbacks
):
    actor = world.actor(world.board_officer)
    services.notification_preference_update(actor=actor, email_enabled=True, daily_digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        tell([world.board_officer], key="a", title="Nhiệm vụ A đến hạn")
        tell([world.board_officer], key="b", title="Nhiệm vụ B quá hạn 1 ngày làm việc")
        tell([world.board_officer], key="c", title="Việc của hôm trước")
    assert smtp_server == []  # nothing immediately: the person chose the digest
    day = date(2026, 12, 4)
    at = datetime(2026, 12, 4, 9, 30, tzinfo=HANOI)
    Notification.objects.filter(event_key__in=["a", "b"]).update(created_at=at)
    Notification.objects.filter(event_key="c").update(created_at=at - timedelta(days=1))

    assert send_daily_digests.call(day=day.isoformat()) == 1
    assert send_daily_digests.call(day=day.isoformat()) == 0  # a second run sends nothing
    [envelope] = smtp_server
    assert envelope.rcpt_tos == [world.board_officer.email]
    assert subject_of(envelope) == "[Phối Hợp] Tóm tắt thông báo ngày 04/12/2026 (2)"
    body = body_of(envelope)
    assert "1. Nhiệm vụ A đến hạn" in body
    assert "2. Nhiệm vụ B quá hạn 1 ngày làm việc" in body
    assert "Việc của hôm trước" not in body
    sent = Notification.objects.filter(emailed_at__isnull=False)
    assert set(sent.values_list("event_key", flat=True)) == {"a", "b"}


def test_the_digest_defaults_to_yesterday_and_skips_people_not_on_it(world, smtp_server):
    services.notification_preference_update(
        actor=world.actor(world.board_leader), email_enabled=True, daily_digest=True
    )
    tell([world.board_officer, world.board_leader])
    yesterday = datetime.now(HANOI) - timedelta(days=1)
    Notification.objects.update(created_at=yesterday)
    assert send_daily_digests.call() == 1
    assert [e.rcpt_tos for e in smtp_server] == [[world.board_leader.email]]
    assert Notification.objects.get(user=world.board_officer).emailed_at is None


def test_a_claimed_e_mail_is_not_claimed_again_until_it_is_given_back(world):
    ids = tell([world.board_officer, world.agency_officer])
    candidates = Notification.objects.filter(pk__in=ids)
    claimed_at, claimed = services.notification_emails_claim(candidates=candidates)
    assert sorted(n.pk for n in claimed) == sorted(ids)
    assert services.notification_emails_claim(candidates=candidates)[1] == []
    services.notification_emails_release(notifications=claimed[:1], claimed_at=claimed_at)
    assert services.notification_emails_claim(candidates=candidates)[1] == claimed[:1]

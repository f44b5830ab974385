"""The notification centre: mine only, opening marks read, the bell counts unread."""

from django.urls import reverse

from phoihop.notifications.models import Notification
from phoihop.notifications.services import notify


def test_notify_creates_one_per_person_and_event(world):
    first = notify(
        users=[world.board_officer, world.board_leader],
        title="Việc mới",
        body="",
        url="/",
        event_key="e1",
    )
    again = notify(users=[world.board_officer], title="Việc mới", body="", url="/", event_key="e1")
    assert len(first) == 2 and again == []
    assert Notification.objects.filter(event_key="e1").count() == 2


def test_the_bell_counts_unread_and_opening_marks_read(world, client):
    notify(
        users=[world.board_officer], title="Nhắc hạn", body="", url="/viec-cua-toi/", event_key="e2"
    )
    client.force_login(world.board_officer)
    assert client.get(reverse("notifications:bell")).context["unread"] == 1
    notification = Notification.objects.get(event_key="e2")
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == "/viec-cua-toi/"
    assert client.get(reverse("notifications:bell")).context["unread"] == 0


def test_someone_elses_notification_is_404_and_lists_are_personal(world, client):
    notify(users=[world.board_officer], title="Riêng tư", body="", url="/", event_key="e3")
    notification = Notification.objects.get(event_key="e3")
    client.force_login(world.agency_officer)
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    assert "Riêng tư" not in client.get(reverse("notifications:list")).content.decode()


def test_mark_all_read(world, client):
    notify(users=[world.board_officer], title="A", body="", url="", event_key="e4")
    client.force_login(world.board_officer)
    client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(user=world.board_officer, read_at__isnull=True).exists()

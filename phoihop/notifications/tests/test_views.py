"""The notification centre: mine only, opening marks read, the bell counts unread, preferences.

Every view test includes someone who must not see another person's notifications.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from phoihop.notifications.models import Notification, NotificationPreference
from phoihop.notifications.services import notify


def tell(user, key, title="Nhắc hạn", url="/viec-cua-toi/"):
    notify(users=[user], kind="task_reminder", title=title, body="", url=url, event_key=key)
    return Notification.objects.get(user=user, event_key=key)


def test_the_bell_fragment_counts_my_unread_notifications(world, login):
    tell(world.board_officer, "e1")
    tell(world.board_officer, "e2")
    tell(world.board_leader, "e3")
    response = login(world.board_officer).get(reverse("notifications:bell"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.context["unread"] == 2
    html = response.content.decode()
    assert "2 chưa đọc" in html and "<html" not in html


def test_every_page_polls_the_bell_every_minute(world, login):
    html = login(world.board_officer).get(reverse("core:home")).content.decode()
    assert f'hx-get="{reverse("notifications:bell")}"' in html
    assert 'hx-trigger="load, every 60s"' in html
    assert reverse("notifications:bell") == "/thong-bao/dem/"


def test_a_signed_out_bell_poll_swaps_nothing(client):
    assert client.get(reverse("notifications:bell"), HTTP_HX_REQUEST="true").status_code == 204
    assert client.get(reverse("notifications:bell")).status_code == 302


def test_opening_marks_read_and_goes_to_the_object(world, login):
    notification = tell(world.board_officer, "e1")
    client = login(world.board_officer)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/viec-cua-toi/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert client.get(reverse("notifications:bell")).context["unread"] == 0


def test_opening_never_redirects_off_site(world, login):
    notification = tell(world.board_officer, "e1", url="https://example.com/")
    response = login(world.board_officer).get(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_someone_elses_notification_is_404_for_colleagues_and_outsiders(world, login):
    notification = tell(world.board_officer, "e1", title="Riêng tư")
    for user in (world.board_leader, world.agency_officer, world.outsider):
        client = login(user)
        assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
        assert "Riêng tư" not in client.get(reverse("notifications:list")).content.decode()
        assert client.get(reverse("notifications:bell")).context["unread"] == 0
    notification.refresh_from_db()
    assert notification.read_at is None


def test_the_list_is_mine_paged_by_key_with_a_constant_number_of_queries(world, login):
    for n in range(65):
        tell(world.board_officer, f"e{n}", title=f"Thông báo số {n}")
    tell(world.outsider, "x", title="Của người khác")
    client = login(world.board_officer)
    url = reverse("notifications:list")
    client.get(url)  # warm the session and the actor
    with CaptureQueriesContext(connection) as first:
        page1 = client.get(url).context["page"]
    with CaptureQueriesContext(connection) as second:
        page2 = client.get(f"{url}?{page1.next_query}").context["page"]
    page3 = client.get(f"{url}?{page2.next_query}").context["page"]
    titles = [n.title for page in (page1, page2, page3) for n in page]
    assert titles == [f"Thông báo số {n}" for n in range(64, -1, -1)]
    assert (page1.number, page2.number, page3.number) == (1, 2, 3)
    assert page1.previous_query is None and page3.next_query is None
    assert len(first) == len(second)
    back = client.get(f"{url}?{page3.previous_query}").context["page"]
    assert [n.pk for n in back] == [n.pk for n in page2] and back.number == 2
    html = client.get(url).content.decode()
    assert "Thông báo số 64" in html and "Của người khác" not in html
    assert "Trang 1 · 65 mục" in html and "Cũ hơn" in html
    unread = client.get(f"{url}?chua-doc=1").context["page"]
    assert unread.total == 65 and not unread.total_capped


def test_a_forged_or_stale_page_link_shows_the_newest_page(world, login):
    for n in range(3):
        tell(world.board_officer, f"e{n}", title=f"Thông báo số {n}")
    client = login(world.board_officer)
    url = reverse("notifications:list")
    for query in (
        "sau=khong-phai-ngay~1",
        "truoc=2020-01-01T00:00:00~x",
        "sau=1900-01-01T00:00:00%2B00:00~1",
    ):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200
        page = response.context["page"]
        assert page.rows[0].title == "Thông báo số 2" and page.number == 1


def test_mark_all_read_touches_only_mine(world, login):
    tell(world.board_officer, "e1")
    tell(world.board_leader, "e1")
    client = login(world.board_officer)
    assert client.get(reverse("notifications:mark_all_read")).status_code == 405
    response = client.post(reverse("notifications:mark_all_read"))
    assert response.status_code == 302
    assert Notification.objects.get(user=world.board_officer).read_at is not None
    assert Notification.objects.get(user=world.board_leader).read_at is None


def test_preferences_start_with_e_mail_on_and_can_be_changed(world, login):
    client = login(world.agency_officer)
    form = client.get(reverse("notifications:preferences")).context["form"]
    assert form.initial["email_enabled"] is True and form.initial["daily_digest"] is False
    response = client.post(reverse("notifications:preferences"), {"daily_digest": "on"})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=world.agency_officer)
    assert preference.email_enabled is False and preference.daily_digest is True
    client.post(reverse("notifications:preferences"), {"email_enabled": "on"})
    preference.refresh_from_db()
    assert preference.email_enabled is True and preference.daily_digest is False
    # Each person sets their own: the outsider's choice changes nobody else's.
    login(world.outsider).post(reverse("notifications:preferences"), {})
    assert NotificationPreference.objects.get(user=world.outsider).email_enabled is False
    preference.refresh_from_db()
    assert preference.email_enabled is True

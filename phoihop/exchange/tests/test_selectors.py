"""Reads: inbox and outbox scoping, filters, counts, the home widget, query counts."""

from django.urls import reverse

from phoihop.exchange import selectors, services
from phoihop.exchange.models import Dispatch
from phoihop.exchange.widgets import home_widgets

from .conftest import draft, sent


def test_the_inbox_holds_what_the_body_received_and_the_outbox_what_it_issued(xworld):
    w = xworld
    to_council = sent(w, addressees=[w.council])
    sent(w, addressees=[w.peoples_committee], summary="Cho UBND")
    council = w.actor(w.council_officer)
    rows = selectors.inbox(actor=council, body=w.council, filters=selectors.DispatchFilter())
    assert [r.dispatch_id for r in rows] == [to_council.pk]
    officer = w.actor(w.board_officer)
    outbox = selectors.outbox(actor=officer, body=w.board, filters=selectors.DispatchFilter())
    assert outbox.count() == 2
    assert selectors.unread_count(body=w.council) == 1
    outsider = w.actor(w.outsider)
    assert (
        list(selectors.inbox(actor=outsider, body=w.council, filters=selectors.DispatchFilter()))
        == []
    )
    assert Dispatch.objects.visible_to(outsider).count() == 0


def test_a_department_sees_only_dispatches_it_issued_or_received(xworld):
    w = xworld
    sent(w, addressees=[w.council])
    to_department = sent(w, addressees=[w.department])
    agency = w.actor(w.agency_officer)
    assert list(Dispatch.objects.visible_to(agency)) == [to_department]


def test_the_overdue_filter_and_the_folded_query(xworld):
    w = xworld
    old = draft(w, summary="Đề nghị cung cấp thông tin lễ hội", expects_reply=True)
    from datetime import datetime
    from zoneinfo import ZoneInfo

    services.dispatch_send(
        actor=w.actor(w.board_officer),
        dispatch=old,
        now=datetime(2026, 1, 5, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
    )
    sent(w, summary="Lịch kỳ họp")
    council = w.actor(w.council_officer)
    overdue = selectors.inbox(
        actor=council, body=w.council, filters=selectors.DispatchFilter(state="overdue")
    )
    assert [r.dispatch_id for r in overdue] == [old.pk]
    found = selectors.inbox(
        actor=council, body=w.council, filters=selectors.DispatchFilter(query="LE HOI")
    )
    assert [r.dispatch_id for r in found] == [old.pk]


def test_the_home_widget_lists_dispatches_awaiting_acknowledgement(xworld, login):
    w = xworld
    dispatch = sent(w)
    widgets = home_widgets(actor=w.actor(w.council_officer))
    assert [r.dispatch_id for r in widgets[0].context["rows"]] == [dispatch.pk]
    html = login(w.council_officer).get(reverse("core:home")).content.decode()
    assert 'id="widget-dispatches"' in html and dispatch.summary in html
    html = login(w.outsider).get(reverse("core:home")).content.decode()
    assert dispatch.summary not in html


def test_the_dispatch_page_reads_in_a_fixed_number_of_queries(
    xworld, django_assert_max_num_queries
):
    w = xworld
    dispatch = sent(w, addressees=[w.council, w.peoples_committee, w.commune_committee])
    with django_assert_max_num_queries(8):
        page = selectors.dispatch_page(actor=w.actor(w.board_officer), dispatch=dispatch)
    assert len(page.recipients) == 3 and page.can_resend


def test_the_timeline_names_the_bodies_each_event_concerned(xworld):
    w = xworld
    dispatch = sent(w, addressees=[w.council, w.commune_committee])
    row = dispatch.recipients.get(organisation=w.council)
    services.recipient_acknowledge(actor=w.actor(w.council_officer), recipient=row)
    entries = selectors.dispatch_timeline(dispatch)
    changes = {e.verb: e.change for e in entries}
    assert "không gửi được: Đảng ủy phường Đức Phổ" in changes["dispatch_sent"]
    assert changes["dispatch_acknowledged"] == w.council.name


def test_the_date_filter_takes_whole_days_up_to_the_last_instant_of_the_last_one(xworld):
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    w = xworld
    zone = ZoneInfo("Asia/Ho_Chi_Minh")
    officer = w.actor(w.board_officer)
    late = draft(w, summary="Gửi sát nửa đêm")
    services.dispatch_send(
        actor=officer, dispatch=late, now=datetime(2026, 3, 10, 23, 59, 59, 999999, tzinfo=zone)
    )
    next_day = draft(w, summary="Gửi đầu ngày hôm sau")
    services.dispatch_send(actor=officer, dispatch=next_day, now=datetime(2026, 3, 11, tzinfo=zone))
    up_to_10 = selectors.DispatchFilter(date_to=date(2026, 3, 10))
    from_11 = selectors.DispatchFilter(date_from=date(2026, 3, 11))
    only_10 = selectors.DispatchFilter(date_from=date(2026, 3, 10), date_to=date(2026, 3, 10))
    outbox = [selectors.outbox(actor=officer, body=w.board, filters=f) for f in (up_to_10, from_11)]
    assert [list(rows) for rows in outbox] == [[late], [next_day]]
    council = w.actor(w.council_officer)
    inbox = selectors.inbox(actor=council, body=w.council, filters=only_10)
    assert [r.dispatch_id for r in inbox] == [late.pk]

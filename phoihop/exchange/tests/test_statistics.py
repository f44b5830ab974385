"""The figures the six-month reports take from information exchange."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from phoihop.core.plugins import report_figures
from phoihop.exchange import services
from phoihop.exchange.statistics import figures

from .conftest import draft

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def send(world, when, **kwargs):
    dispatch = draft(world, **kwargs)
    services.dispatch_send(actor=world.actor(world.board_officer), dispatch=dispatch, now=when)
    dispatch.refresh_from_db()
    return dispatch


def test_figures_count_sent_delivered_acknowledged_on_time_replies_and_overdue(xworld):
    w = xworld
    # Monday 2 March 2026: 5 working days later is Monday 9 March.
    on_time = send(
        w, datetime(2026, 3, 2, 9, tzinfo=HCM), addressees=[w.council, w.commune_committee]
    )
    late = send(w, datetime(2026, 3, 3, 9, tzinfo=HCM), addressees=[w.council])
    send(w, datetime(2026, 8, 3, 9, tzinfo=HCM), addressees=[w.council])  # outside the period
    council = w.actor(w.council_officer)
    services.recipient_acknowledge(
        actor=council,
        recipient=on_time.recipients.get(organisation=w.council),
        now=datetime(2026, 3, 4, 10, tzinfo=HCM),
    )
    services.recipient_acknowledge(
        actor=council,
        recipient=late.recipients.get(),
        now=datetime(2026, 3, 30, 10, tzinfo=HCM),
    )
    services.dispatch_reply(
        actor=council, dispatch=on_time, data=services.DispatchData(summary="Trả lời", body="x")
    )
    start, end = date(2026, 1, 1), date(2026, 6, 30)
    board_side = figures(path=w.board.path, start=start, end=end)
    assert board_side["sent"] == 2 and board_side["replies"] == 0
    council_side = figures(path=w.council.path, start=start, end=end)
    assert council_side["delivered"] == 2
    assert council_side["acknowledged"] == 2 and council_side["on_time"] == 1
    assert council_side["overdue"] == 1
    province = figures(path=w.province_committee.path, start=start, end=end)
    assert province["delivered"] == 2  # the commune Party committee's row failed
    outsider = figures(path=w.other_committee.path, start=start, end=end)
    assert set(outsider.values()) == {0}


def test_the_report_plugin_lists_six_regular_figures(xworld):
    w = xworld
    mine = [
        f
        for f in report_figures(path=w.board.path, start=date(2026, 1, 1), end=date(2026, 6, 30))
        if f.key.startswith("dispatch")
    ]
    assert [f.key for f in mine] == [
        "dispatches_sent",
        "dispatches_delivered",
        "dispatches_acknowledged",
        "dispatches_acknowledged_on_time",
        "dispatch_replies",
        "dispatches_overdue",
    ]
    assert all(f.section == "regular" and f.sentence for f in mine)

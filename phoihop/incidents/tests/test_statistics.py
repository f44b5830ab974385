"""The figures the six-month reports take from the cases."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from phoihop.core.plugins import report_figures
from phoihop.incidents import services
from phoihop.incidents.models import Incident
from phoihop.incidents.statistics import report_figures as incident_figures
from phoihop.testing.incidents import report_case

from .test_services import coordinate

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
H1 = (date(2026, 7, 1), date(2026, 12, 31))


def figures(path, period=H1):
    return {f.key: f for f in incident_figures(path=path, start=period[0], end=period[1])}


def test_the_figures_count_the_period_and_the_subtree(world, people):
    on_time = report_case(world, reported_at=datetime(2026, 11, 17, 9, 0, tzinfo=HCM))
    late = report_case(world, reported_at=datetime(2026, 11, 16, 8, 0, tzinfo=HCM), title="B")
    report_case(world, reported_at=datetime(2026, 5, 4, 9, 0, tzinfo=HCM), title="Kỳ trước")
    duplicate = report_case(world, reported_at=datetime(2026, 11, 18, 9, 0, tzinfo=HCM))
    services.incident_merge(actor=world.actor(world.board_leader), incident=duplicate, into=late)
    # Acknowledged 30 minutes after the report, and (for `late`) a day later.
    Incident.objects.filter(pk=on_time.pk).update(
        acknowledged_at=datetime(2026, 11, 17, 9, 30, tzinfo=HCM), state="acknowledged"
    )
    Incident.objects.filter(pk=late.pk).update(
        acknowledged_at=datetime(2026, 11, 17, 8, 0, tzinfo=HCM), state="acknowledged"
    )
    result = figures(world.province_committee.path)
    assert result["incidents_reported"].value == 2
    assert result["incidents_acknowledged_on_time"].value == 1
    # 0.5 h and 8 working hours (a full office day): the median is 4.25.
    assert result["incidents_median_ack_hours"].value == round(4.25, 1)
    assert "giờ làm việc" in result["incidents_median_ack_hours"].sentence
    assert all(f.section == "issue" for f in result.values())
    assert figures(world.other_committee.path)["incidents_reported"].value == 0
    # The department sees its own cases (it is the competent body).
    assert figures(world.department.path)["incidents_reported"].value == 2


def test_press_and_resolution_figures(world, people, case):
    case = coordinate(world, people, case)
    leader, officer = world.actor(world.board_leader), world.actor(world.board_officer)
    release = services.press_release_save(actor=officer, incident=case, title="T", body="B")
    services.press_release_submit(actor=officer, release=release)
    services.press_release_approve(actor=leader, release=release)
    services.press_release_approve(actor=world.actor(people.agency_leader), release=release)
    services.press_release_publish(
        actor=officer, release=release, where="Báo", when=datetime(2026, 11, 20, tzinfo=HCM)
    )
    services.incident_resolve(actor=leader, incident=case, resolution="Xong")
    result = figures(world.province_committee.path)
    assert result["press_releases_published"].value == 1
    assert result["incidents_resolved"].value == 1
    assert result["incidents_orientation_on_time"].value == 1
    keys = {
        f.key for f in report_figures(path=world.province_committee.path, start=H1[0], end=H1[1])
    }
    assert "incidents_reported" in keys

"""The reminder and escalation sweep: each rung once, to the right people, in batched queries."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from phoihop.accounts.roles import Role
from phoihop.core.actor import ANONYMOUS
from phoihop.core.periodic import PeriodicJob
from phoihop.notifications.models import Notification
from phoihop.obligations import periodic, services
from phoihop.obligations.models import Obligation, ObligationAlert
from phoihop.obligations.reminders import send_obligation_reminders
from phoihop.obligations.tasks import remind_about_obligations
from phoihop.organisations.services import focal_point_set
from phoihop.testing.world import person

from .conftest import more_tasks


def open_report(world, task, organisation=None, **extra):
    extra.setdefault("working_days", 5)
    return services.obligation_open(
        actor=world.actor(world.board_officer),
        target=task,
        step="task.report",
        organisation=organisation or world.department,
        label=task.title,
        url=task.get_absolute_url(),
        **extra,
    )


def moment(obligation, key) -> datetime:
    return next(datetime.fromisoformat(e["at"]) for e in obligation.schedule if e["key"] == key)


def told(obligation, key) -> list[str]:
    rows = Notification.objects.filter(event_key=f"obligation:{obligation.pk}:{key}")
    return sorted(rows.values_list("user__username", flat=True))


@pytest.mark.django_db
def test_the_half_way_reminder_is_sent_once_even_when_the_sweep_runs_twice(world, task):
    obligation = open_report(world, task)
    at = moment(obligation, "half")
    assert send_obligation_reminders(at - timedelta(minutes=1)) == 0
    assert send_obligation_reminders(at) == 1
    assert send_obligation_reminders(at) == 0
    assert told(obligation, "half") == ["agency_officer"]
    notice = Notification.objects.get(event_key=f"obligation:{obligation.pk}:half")
    assert notice.title.startswith("Sắp đến hạn báo cáo") and task.title in notice.title
    assert ObligationAlert.objects.filter(obligation=obligation, key="half").count() == 1
    obligation.refresh_from_db()
    assert obligation.next_alert_at == moment(obligation, "last_hour")


@pytest.mark.django_db
def test_a_late_sweep_sends_only_the_latest_reminder(world, task):
    obligation = open_report(world, task)
    send_obligation_reminders(moment(obligation, "last_hour"))
    assert told(obligation, "half") == []
    assert told(obligation, "last_hour") == ["agency_officer"]


@pytest.mark.django_db
def test_escalation_goes_to_the_focal_leader_then_the_board_leaders(world, task):
    leader = person("department_leader", world.department, Role.AGENCY_LEADER)
    focal_point_set(
        actor=world.actor(world.admin),
        organisation=world.department,
        leader=leader,
        advisory_unit="Văn phòng Sở",
    )
    obligation = open_report(world, task)
    send_obligation_reminders(moment(obligation, "focal"))
    assert told(obligation, "last_hour") == [], "no reminder once the due time has passed"
    assert told(obligation, "focal") == ["department_leader"]
    assert told(obligation, "board") == []
    escalation = Notification.objects.get(event_key=f"obligation:{obligation.pk}:focal")
    assert escalation.title.startswith("Quá hạn báo cáo") and "Sở Văn hóa" in escalation.title
    send_obligation_reminders(moment(obligation, "board"))
    send_obligation_reminders(moment(obligation, "board") + timedelta(days=30))
    assert told(obligation, "board") == ["board_leader"]
    assert told(obligation, "focal") == ["department_leader"]
    obligation.refresh_from_db()
    assert obligation.next_alert_at is None


@pytest.mark.django_db
def test_a_body_without_focal_points_escalates_to_the_nearest_one_above_at_its_level(world, task):
    focal_point_set(
        actor=world.actor(world.admin),
        organisation=world.peoples_committee,
        leader=world.board_leader,
        advisory_unit="Văn phòng UBND",
    )
    obligation = open_report(world, task)
    send_obligation_reminders(moment(obligation, "focal"))
    assert told(obligation, "focal") == ["board_leader"]


@pytest.mark.django_db
def test_a_rung_naming_a_role_nobody_holds_goes_to_the_board_leaders(world, task):
    ladder = [{"key": "late", "kind": "escalation", "hours_after": 1, "tell": [Role.CLERK]}]
    obligation = open_report(world, task, ladder=ladder)
    send_obligation_reminders(moment(obligation, "late"))
    assert told(obligation, "late") == ["board_leader"]


@pytest.mark.django_db
def test_a_met_or_closed_obligation_is_not_reminded(world, task, dispatch):
    met = open_report(world, task)
    services.obligation_meet(actor=world.actor(world.agency_officer), obligation=met)
    closed = services.obligation_open(
        actor=ANONYMOUS,
        target=dispatch,
        step="dispatch.reply",
        organisation=world.council,
        label=dispatch.summary,
        url=dispatch.get_absolute_url(),
        working_days=5,
    )
    services.obligations_close_for(actor=ANONYMOUS, target=dispatch, reason="Đã trả lời")
    assert send_obligation_reminders(moment(met, "board") + timedelta(days=1)) == 0
    assert not ObligationAlert.objects.filter(obligation__in=[met, closed]).exists()


def open_many(world, prg, count: int) -> list[Obligation]:
    """`count` task reports, owed alternately by the commune and the department."""
    bodies = [world.commune_peoples_committee, world.department]
    return [
        open_report(world, task, organisation=bodies[n % 2])
        for n, task in enumerate(more_tasks(world, prg, count))
    ]


@pytest.mark.django_db
def test_the_sweep_costs_the_same_queries_for_three_or_twelve_obligations(world, prg):
    few = open_many(world, prg, 3)
    at = max(moment(o, "board") for o in few) + timedelta(days=1)
    with CaptureQueriesContext(connection) as small:
        send_obligation_reminders(at)
    Notification.objects.all().delete()
    ObligationAlert.objects.all().delete()
    Obligation.objects.all().delete()
    many = open_many(world, prg, 12)
    at = max(moment(o, "board") for o in many) + timedelta(days=1)
    with CaptureQueriesContext(connection) as large:
        created = send_obligation_reminders(at)
    assert created == 12 * 2  # the focal leader (none: the board) and the board leaders
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.django_db
def test_the_sweep_is_one_periodic_job_and_a_task(world, task):
    assert [
        PeriodicJob(
            "remind_about_obligations",
            "phoihop.obligations.tasks.remind_about_obligations",
            timedelta(minutes=15),
        )
    ] == periodic.PERIODIC_JOBS
    obligation = open_report(world, task)
    at = moment(obligation, "half").isoformat()
    assert remind_about_obligations.call(at) == 1
    assert remind_about_obligations.call(at) == 0

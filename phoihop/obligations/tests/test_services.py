"""Opening, moving, meeting and closing obligations, the hand-off notice and bad input."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils import timezone

from phoihop.accounts.roles import Role
from phoihop.core.actor import ANONYMOUS
from phoihop.core.models import AuditEntry
from phoihop.notifications.models import Notification
from phoihop.obligations import services
from phoihop.obligations.models import Obligation, ObligationAlert
from phoihop.organisations.models import Organisation
from phoihop.testing.world import person

pytestmark = pytest.mark.django_db


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


def notified(obligation, suffix="opened"):
    key = f"obligation:{obligation.pk}:{suffix}"
    return sorted(
        Notification.objects.filter(event_key=key).values_list("user__username", flat=True)
    )


def test_opening_records_the_owing_body_its_place_and_the_regime_ladder(world, task):
    obligation = open_report(world, task)
    assert obligation.state == Obligation.State.OPEN
    assert obligation.target == task
    assert obligation.organisation_path == world.department.path
    assert obligation.province_id == world.quang_ngai.pk
    assert obligation.opened_by == world.board_officer
    assert obligation.capability == "PRG"
    assert [rung["key"] for rung in obligation.ladder] == ["half", "last_hour", "focal", "board"]
    assert [entry["key"] for entry in obligation.schedule] == [
        "half",
        "last_hour",
        "focal",
        "board",
    ]
    assert obligation.next_alert_at.isoformat() == obligation.schedule[0]["at"]
    local_due = timezone.localtime(obligation.due_at)
    assert (local_due.hour, local_due.minute) == (17, 0)
    assert AuditEntry.objects.filter(
        verb="obligation_opened", object_pk=str(obligation.pk)
    ).exists()


def test_the_owing_bodys_people_with_the_steps_roles_are_told_once(world, task):
    person("department_clerk", world.department, Role.CLERK)
    obligation = open_report(world, task)
    assert notified(obligation) == ["agency_officer"]
    notice = Notification.objects.get(event_key=f"obligation:{obligation.pk}:opened")
    assert task.title in notice.title and notice.url == task.get_absolute_url()
    assert "Hạn:" in notice.body
    assert not obligation.no_one_to_act


def test_a_named_role_or_person_narrows_who_is_told(world, task):
    person("department_leader", world.department, Role.AGENCY_LEADER)
    by_role = open_report(world, task, role=Role.AGENCY_LEADER)
    assert notified(by_role) == ["department_leader"]
    services.obligations_close_for(actor=ANONYMOUS, target=task, reason="thử")
    by_person = open_report(world, task, user=world.agency_officer)
    assert notified(by_person) == ["agency_officer"]


def test_a_body_with_nobody_to_act_is_flagged_and_the_board_told_at_once(world, task):
    obligation = open_report(world, task, organisation=world.council)
    obligation.refresh_from_db()
    assert obligation.no_one_to_act
    assert notified(obligation) == []
    assert notified(obligation, "no_one") == ["board_leader"]
    assert ObligationAlert.objects.filter(obligation=obligation, key="no_one").exists()


def test_a_dissolved_body_is_refused_in_vietnamese_and_nothing_is_written(world, task):
    Organisation.objects.filter(pk=world.department.pk).update(valid_to=date(2025, 6, 30))
    with pytest.raises(ValidationError) as refused:
        open_report(world, task)
    assert "hết hiệu lực" in str(refused.value)
    assert not Obligation.objects.exists()


def test_a_missing_body_is_refused(world, task):
    with pytest.raises(ValidationError, match="không tồn tại"):
        open_report(world, task, organisation=Organisation(name="Chưa lưu"))


def test_a_due_time_before_the_step_began_is_refused(world, task):
    with pytest.raises(ValidationError) as refused:
        open_report(world, task, working_days=None, due_at=timezone.now() - timedelta(hours=1))
    assert "sớm hơn lúc bắt đầu" in str(refused.value)
    assert not Obligation.objects.exists()


def test_exactly_one_deadline_is_asked_for(world, task):
    with pytest.raises(ValidationError, match="đúng một thời hạn"):
        open_report(world, task, due_on=date(2099, 1, 1))


def test_a_bad_ladder_is_refused_before_anything_is_written(world, task):
    with pytest.raises(ValidationError, match="Bậc 1"):
        open_report(world, task, ladder=[{"key": "x", "kind": "reminder", "tell": ["owner"]}])
    with pytest.raises(ValidationError, match="người nhận"):
        open_report(
            world,
            task,
            ladder=[{"key": "x", "kind": "escalation", "days_after": 1, "tell": ["mayor"]}],
        )
    assert not Obligation.objects.exists()


def test_an_undeclared_step_is_a_configuration_error(world, task):
    with pytest.raises(ImproperlyConfigured):
        services.obligation_open(
            actor=ANONYMOUS,
            target=task,
            step="task.unknown",
            organisation=world.department,
            label="x",
            url="/",
            working_days=1,
        )


def test_the_same_step_is_open_at_most_once_per_object_and_body(world, task):
    open_report(world, task)
    with pytest.raises(ValidationError):
        open_report(world, task)
    assert Obligation.objects.open().count() == 1


def test_moving_supersedes_the_old_obligation_and_tells_the_new_body(world, task):
    first = open_report(world, task)
    moved = services.obligation_move(
        actor=world.actor(world.board_officer),
        obligation=first,
        organisation=world.commune_peoples_committee,
    )
    first.refresh_from_db()
    assert first.state == Obligation.State.SUPERSEDED and first.closed_at is not None
    assert first.superseded_by == moved and first.next_alert_at is None
    assert moved.is_open and moved.organisation == world.commune_peoples_committee
    assert moved.due_at == first.due_at and moved.ladder == first.ladder
    assert notified(moved) == ["commune_officer"]
    assert AuditEntry.objects.filter(verb="obligation_moved", object_pk=str(first.pk)).exists()


def test_a_closed_obligation_cannot_be_moved_or_met(world, task):
    obligation = open_report(world, task)
    services.obligation_meet(actor=world.actor(world.agency_officer), obligation=obligation)
    with pytest.raises(ValidationError, match="đã kết thúc"):
        services.obligation_meet(actor=world.actor(world.agency_officer), obligation=obligation)
    with pytest.raises(ValidationError, match="đã kết thúc"):
        services.obligation_move(actor=ANONYMOUS, obligation=obligation, organisation=world.council)


def test_meeting_stops_the_reminders(world, task):
    obligation = services.obligation_meet(
        actor=world.actor(world.agency_officer), obligation=open_report(world, task)
    )
    assert obligation.state == Obligation.State.DONE
    assert obligation.met_at == obligation.closed_at and obligation.next_alert_at is None


def test_closing_the_object_closes_every_open_obligation_on_it(world, task, dispatch):
    open_report(world, task)
    open_report(world, task, organisation=world.commune_peoples_committee)
    other = services.obligation_open(
        actor=ANONYMOUS,
        target=dispatch,
        step="dispatch.reply",
        organisation=world.council,
        label=dispatch.summary,
        url=dispatch.get_absolute_url(),
        working_days=5,
    )
    closed = services.obligations_close_for(
        actor=world.actor(world.board_officer), target=task, reason="Nhiệm vụ đã hoàn thành"
    )
    assert closed == 2
    on_task = Obligation.objects.filter(target_id=task.pk, step="task.report")
    assert set(on_task.values_list("state", "close_reason")) == {
        (Obligation.State.CANCELLED, "Nhiệm vụ đã hoàn thành")
    }
    other.refresh_from_db()
    assert other.is_open


def test_a_label_is_cleaned_of_control_characters_and_cut_to_fit(world, task):
    obligation = open_report(world, task, organisation=world.department)
    services.obligations_close_for(actor=ANONYMOUS, target=task, reason="x")
    cleaned = services.obligation_open(
        actor=ANONYMOUS,
        target=task,
        step="task.report",
        organisation=world.department,
        label="Nhiệm\x00vụ\n" + "a" * 400,
        url=task.get_absolute_url(),
        working_hours=4,
    )
    assert cleaned.target_label.startswith("Nhiệm vụ a") and len(cleaned.target_label) == 300
    assert obligation.pk != cleaned.pk


def test_the_registry_ignores_modules_that_declare_no_steps():
    from phoihop.api import obligations as api_package
    from phoihop.obligations.steps import collect

    from .conftest import Declared

    assert list(collect([api_package, Declared])) == ["task.report", "dispatch.reply"]

"""`check_obligations`: the invariants' report, and its exit status with --check."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Q

from phoihop.core.actor import ANONYMOUS
from phoihop.obligations import services
from phoihop.obligations.invariants import violations
from phoihop.organisations.models import Organisation
from phoihop.programmes.models import Task

pytestmark = pytest.mark.django_db


class TaskPlugin:
    """What the programmes app will declare next round: a task owes something while open."""

    STEPS = []
    OPEN_OBJECTS = {Task: Q(state__in=Task.OPEN_STATES)}


def open_report(world, task, organisation):
    return services.obligation_open(
        actor=ANONYMOUS,
        target=task,
        step="task.report",
        organisation=organisation,
        label=task.title,
        url=task.get_absolute_url(),
        working_days=5,
    )


def counts() -> dict[str, int]:
    return {v.label: v.count for v in violations() if v.count}


def test_a_clean_database_passes_the_check(world, task, capsys):
    open_report(world, task, world.department)
    call_command("check_obligations", "--check")
    assert "Không có vi phạm" in capsys.readouterr().out


def test_open_obligations_of_a_dissolved_body_are_reported(world, task):
    open_report(world, task, world.department)
    Organisation.objects.filter(pk=world.department.pk).update(valid_to=date(2026, 1, 1))
    assert counts() == {"việc còn mở của cơ quan đã hết hiệu lực": 1}
    with pytest.raises(CommandError, match="1 vi phạm"):
        call_command("check_obligations", "--check")


def test_an_obligation_whose_object_was_deleted_is_reported(world, task, dispatch):
    services.obligation_open(
        actor=ANONYMOUS,
        target=dispatch,
        step="dispatch.reply",
        organisation=world.council,
        label=dispatch.summary,
        url=dispatch.get_absolute_url(),
        working_days=5,
    )
    dispatch.recipients.all().delete()
    dispatch.delete()
    assert list(counts().values()) == [1]


def test_closed_objects_with_open_obligations_and_open_objects_without_are_reported(
    world, prg, monkeypatch
):
    from phoihop.obligations import invariants

    monkeypatch.setattr(invariants, "app_modules", lambda name: [TaskPlugin])
    assert sum(counts().values()) == 1, "the open task owes nothing yet"
    open_report(world, prg.task, world.department)
    assert counts() == {}
    Task.objects.filter(pk=prg.task.pk).update(state="done")
    assert sum(counts().values()) == 1
    call_command("check_obligations")  # without --check it reports and exits 0

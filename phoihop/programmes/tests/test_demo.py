"""The demo province's programmes: realistic, and a second seed changes nothing."""

from django.core.management import call_command
from django.utils import timezone

from phoihop.accounts.models import User
from phoihop.accounts.selectors import build_actor
from phoihop.core.models import AuditEntry
from phoihop.programmes import selectors
from phoihop.programmes.models import Output, Programme, Task


def counts():
    return (
        Programme.objects.count(),
        Task.objects.count(),
        Output.objects.count(),
        AuditEntry.objects.count(),
    )


def test_the_demo_has_programmes_in_force_with_overdue_work_and_seeding_twice_changes_nothing(db):
    call_command("load_admin_units", verbosity=0)
    call_command("seed_demo", verbosity=0)
    first = counts()
    assert Programme.objects.filter(state=Programme.State.IN_FORCE).count() == 7  # 2 in communes
    assert Programme.objects.filter(state=Programme.State.CONSULTING).count() == 1
    today = timezone.localdate()
    open_tasks = Task.objects.filter(state__in=Task.OPEN_STATES)
    assert open_tasks.filter(due__lt=today).exists()
    assert Task.objects.filter(state=Task.State.CARRIED_OVER, carried_to__isnull=False).exists()
    assert Output.objects.exists()
    board_leader = build_actor(User.objects.get(username="demo_board_leader"))
    coverage = selectors.coverage(
        actor=board_leader, board=board_leader.active.organisation, year=2026
    )
    assert coverage.commune_counts == (2, 6)
    call_command("seed_demo", verbosity=0)
    assert counts() == first

"""Every notification the product sends says what it is about (the list shows the kind)."""

import pytest
from django.core.management import call_command
from django.utils.module_loading import import_string

from phoihop.core.periodic import periodic_jobs
from phoihop.notifications.models import Notification


@pytest.mark.django_db
def test_the_demo_and_every_periodic_job_notify_with_a_declared_specific_kind(
    django_capture_on_commit_callbacks,
):
    # Some notices are sent once the transaction commits: run those callbacks too.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_admin_units", verbosity=0)
        call_command("seed_demo", verbosity=0)
        for job in periodic_jobs():
            import_string(job.task).call()
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert kinds <= set(Notification.Kind.values) - {Notification.Kind.GENERAL}, kinds
    # Programmes, exchange, cases, reports and concerns all notify in the demo.
    assert {kind.split("_")[0] for kind in kinds} >= {
        "task",
        "dispatch",
        "case",
        "report",
        "concern",
    }

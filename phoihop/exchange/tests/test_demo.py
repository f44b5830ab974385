"""The demo dispatches: the workflows a visitor should see, and a second seed changes nothing."""

from django.core.management import call_command
from django.utils import timezone

from phoihop.core.models import AuditEntry
from phoihop.exchange.models import Dispatch, DispatchRecipient

State = DispatchRecipient.State


def counts():
    return Dispatch.objects.count(), DispatchRecipient.objects.count(), AuditEntry.objects.count()


def test_the_demo_has_each_kind_of_exchange_and_seeding_twice_changes_nothing(db):
    call_command("load_admin_units", verbosity=0)
    call_command("seed_demo", verbosity=0)
    first = counts()
    kinds = set(Dispatch.objects.values_list("kind", flat=True))
    assert {"activity_info", "opinion_digest", "report_request", "reply"} <= kinds
    from_council = Dispatch.objects.filter(issuer__kind="council_standing", kind="activity_info")
    assert from_council.filter(recipients__organisation__kind="board").count() == 2
    mixed = Dispatch.objects.get(summary__startswith="Định hướng tuyên truyền kết quả")
    assert sorted(mixed.recipients.values_list("state", flat=True)) == sorted(
        [State.ACKNOWLEDGED, State.READ, State.DELIVERED, State.FAILED]
    )
    assert Dispatch.objects.filter(in_reply_to__isnull=False).count() == 1
    overdue = DispatchRecipient.objects.outstanding().filter(reply_due__lt=timezone.localdate())
    assert overdue.exists()
    call_command("seed_demo", verbosity=0)
    assert counts() == first

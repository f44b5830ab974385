"""The audit log page: the auditor pages through the trail of their subtree by key."""

from django.urls import reverse

from phoihop.core.audit import record_event
from phoihop.core.models import AuditEntry


def test_the_auditor_pages_newest_first_through_every_entry_of_the_subtree(world, login):
    actor = world.actor(world.board_officer)
    for n in range(120):
        record_event(actor=actor, target=world.board, verb=f"demo_{n}")
    record_event(actor=world.actor(world.outsider), target=world.other_board, verb="other")
    client = login(world.auditor)
    url = reverse("core:audit")
    seen, query = [], ""
    while True:
        page = client.get(f"{url}?{query}").context["entries"]
        seen += [entry.pk for entry in page]
        if not page.next_query:
            break
        query = page.next_query
    visible = AuditEntry.objects.visible_to(world.actor(world.auditor))
    assert seen == list(visible.order_by("-timestamp", "-pk").values_list("pk", flat=True))
    assert len(seen) >= 120
    assert not AuditEntry.objects.filter(pk__in=seen, verb="other").exists()


def test_the_outsider_does_not_see_the_audit_log(world, login):
    assert login(world.outsider).get(reverse("core:audit")).status_code == 403

"""The audit log page: the auditor pages through the trail of their subtree by key."""

from django.urls import reverse

from phoihop.core.audit import record_event
from phoihop.core.models import AuditEntry
from phoihop.organisations.models import Organisation


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


def test_changes_are_shown_with_vietnamese_field_names_and_state_labels(world, login):
    record_event(
        actor=world.actor(world.board_officer),
        target=world.board,
        verb="demo_changed",
        changes={"name": ["Ban cũ", "Ban mới"], "kind": ["board", "council_standing"], "x": [1, 2]},
    )
    entry = AuditEntry.objects.get(verb="demo_changed")
    assert entry.changes_display == {
        str(Organisation._meta.get_field("name").verbose_name): ["Ban cũ", "Ban mới"],
        str(Organisation._meta.get_field("kind").verbose_name): [
            Organisation.Kind.BOARD.label,
            Organisation.Kind.COUNCIL_STANDING.label,
        ],
        "x": [1, 2],
    }
    html = login(world.auditor).get(reverse("core:audit")).content.decode()
    assert f"{Organisation.Kind.BOARD.label} → {Organisation.Kind.COUNCIL_STANDING.label}" in html

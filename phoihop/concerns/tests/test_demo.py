"""The demo concerns: every stage of the chain, suggestions that work, a second seed a no-op."""

from django.core.management import call_command

from phoihop.accounts.models import User
from phoihop.accounts.selectors import build_actor
from phoihop.concerns import selectors, suggestions
from phoihop.concerns.models import Claim, Concern, PetitionerContact, SuggestionModel
from phoihop.incidents import demo as incident_demo


def counts():
    return (Concern.objects.count(), Claim.objects.count(), SuggestionModel.objects.count())


def test_the_demo_has_concerns_at_every_stage_and_seeding_twice_changes_nothing(db):
    call_command("load_admin_units", verbosity=0)
    call_command("seed_demo", verbosity=0)
    first = counts()
    states = set(Concern.objects.values_list("state", flat=True))
    assert {"captured", "forwarded", "requested", "verifying", "answered", "transferred"} <= states
    assert Concern.objects.filter(reopen_count=1, state="triaged").exists()
    assert PetitionerContact.objects.count() == 1
    # One concern relates to the demo case, one to a demo programme task.
    linked = Concern.objects.filter(incident__isnull=False).select_related("incident")
    assert [c.incident.title for c in linked] == [incident_demo.LAND]
    assert Concern.objects.filter(task__isnull=False).count() == 1
    # A rumour that fed the demo case is a claim linked to it.
    assert [c.incident.title for c in Claim.objects.filter(incident__isnull=False)] == [
        incident_demo.LAND
    ]
    assert Concern.objects.filter(category_confirmed=True).count() >= 300
    top = suggestions.suggest("Chậm chi trả tiền bồi thường giải phóng mặt bằng")
    assert top and top[0].label.startswith("Bồi thường")
    council = build_actor(User.objects.get(username="demo_council_officer"))
    assert selectors.queue(actor=council, name="council").exists()
    call_command("seed_demo", verbosity=0)
    assert counts() == first

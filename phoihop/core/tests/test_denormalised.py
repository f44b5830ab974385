"""The copied place and path columns: the services keep them right, the command repairs them."""

import pytest
from django.core.management import CommandError, call_command

from phoihop.concerns.models import Concern
from phoihop.core.copied_columns import all_copies, repair, stale
from phoihop.exchange.models import Dispatch
from phoihop.organisations.models import Organisation
from phoihop.programmes.models import Task


@pytest.fixture
def demo(db):
    call_command("load_admin_units", verbosity=0)
    call_command("seed_demo", verbosity=0)


def test_every_fact_table_declares_its_copies(db):
    labels = {copy.label for copy in all_copies()}
    assert {
        "organisations.Organisation.province_id",
        "programmes.Task.lead_path",
        "exchange.Dispatch.issuer_path",
        "exchange.DispatchRecipient.organisation_path",
        "incidents.Incident.board_path",
        "concerns.Concern.owner_path",
        "concerns.Concern.province_id",
        "reports.ReportSubmission.organisation_path",
    } <= labels


# Obligations are opened by the capabilities' services once they are wired to the engine (the
# obligations issue); until then the demo writes none, and their copies are checked in
# obligations/tests instead.
NOT_YET_IN_DEMO = {"obligations.Obligation"}


def test_the_demo_written_through_the_services_has_no_stale_copy(demo):
    for copy in all_copies():
        model = copy.model._meta.label
        assert model in NOT_YET_IN_DEMO or copy.model._default_manager.exists(), copy.label
        assert not stale(copy).exists(), copy.label
    call_command("repair_denormalised", "--check", verbosity=0)


def test_the_command_finds_and_repairs_a_corrupted_path_province_and_commune(demo, capsys):
    task = Task.objects.order_by("pk").first()
    concern = Concern.objects.order_by("pk").first()
    dispatch = Dispatch.objects.filter(commune__isnull=True).order_by("pk").first()
    Task.objects.filter(pk=task.pk).update(lead_path="9999")
    Concern.objects.filter(pk=concern.pk).update(province_id=concern.commune_id)
    Dispatch.objects.filter(pk=dispatch.pk).update(commune=concern.commune)

    with pytest.raises(CommandError, match="3 giá trị"):
        call_command("repair_denormalised", "--check")
    call_command("repair_denormalised")
    assert "Đã sửa 3 dòng." in capsys.readouterr().out

    task.refresh_from_db()
    concern.refresh_from_db()
    dispatch.refresh_from_db()
    assert task.lead_path == task.lead.path
    assert concern.province_id == concern.commune.parent_id
    assert dispatch.commune_id is None  # a provincial issuer has no commune
    call_command("repair_denormalised", "--check", verbosity=0)


def test_a_body_at_the_centre_has_no_province_and_the_central_level(demo):
    centre = Organisation.objects.filter(admin_unit__isnull=True).first()
    assert centre is not None
    Organisation.objects.filter(pk=centre.pk).update(level=Organisation.Level.COMMUNE)
    copies = {copy.label: copy for copy in all_copies()}
    assert repair(copies["organisations.Organisation.level"]) == 1
    centre.refresh_from_db()
    assert centre.level == Organisation.Level.CENTRAL and centre.province_id is None

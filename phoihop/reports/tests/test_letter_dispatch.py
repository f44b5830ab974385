"""The request letter is an exchange dispatch (XCH): issued with the request, all or nothing."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from phoihop.exchange import services as exchange
from phoihop.exchange.models import Dispatch, DispatchRecipient
from phoihop.reports import services
from phoihop.reports.models import ReportRequest

from .conftest import request_data

pytestmark = pytest.mark.django_db


def _draft(world, **overrides):
    return services.report_request_create(
        actor=world.actor(world.board_officer),
        board=world.board,
        data=request_data(**overrides),
        recipients=[world.council, world.peoples_committee, world.department],
    )


def test_issuing_sends_the_letter_as_a_dispatch_with_its_number_and_date(world, issued):
    dispatch = issued.dispatch
    assert dispatch is not None and dispatch.state == Dispatch.State.SENT
    assert dispatch.issuer == world.board
    assert dispatch.kind == Dispatch.Kind.REPORT_REQUEST
    assert dispatch.number_and_symbol == "310-CV/BTGDVTU"
    assert dispatch.issued_on == date(2026, 7, 3)
    assert dispatch.summary == issued.title
    bodies = set(dispatch.recipients.values_list("organisation_id", flat=True))
    assert bodies == {world.council.pk, world.peoples_committee.pk, world.department.pk}


def test_a_recipient_finds_the_letter_in_its_inbox_and_acknowledges_it(
    world, issued, council_officer
):
    actor = world.actor(council_officer)
    row = issued.dispatch.recipients.get(organisation=world.council)
    assert row.state == DispatchRecipient.State.DELIVERED
    assert Dispatch.objects.visible_to(actor).filter(pk=issued.dispatch_id).exists()
    exchange.recipient_acknowledge(actor=actor, recipient=row)
    row.refresh_from_db()
    assert row.state == DispatchRecipient.State.ACKNOWLEDGED


def test_a_letter_number_already_in_the_boards_register_refuses_the_issue_and_changes_nothing(
    world,
):
    first = _draft(world)
    services.report_request_issue(actor=world.actor(world.board_leader), request=first)
    second = _draft(world, title="Báo cáo chuyên đề")
    with pytest.raises(ValidationError, match="đã dùng"):
        services.report_request_issue(actor=world.actor(world.board_leader), request=second)
    second.refresh_from_db()
    assert second.state == ReportRequest.State.DRAFT and second.dispatch is None
    assert Dispatch.objects.count() == 1


def test_a_letter_number_without_a_number_is_refused_on_drafting(world):
    with pytest.raises(ValidationError, match="bắt đầu bằng số văn bản"):
        _draft(world, letter_number="CV/BTGDVTU")
    assert not ReportRequest.objects.exists()


def test_only_the_boards_leader_issues_and_no_dispatch_is_left_behind(world):
    request = _draft(world)
    with pytest.raises(PermissionDenied):
        services.report_request_issue(actor=world.actor(world.outsider), request=request)
    assert not Dispatch.objects.exists()


def test_the_request_page_links_the_dispatch_and_shows_its_delivery(world, login, issued):
    page = login(world.board_officer).get(issued.get_absolute_url()).content.decode()
    assert reverse("exchange:detail", args=[issued.dispatch_id]) in page
    assert "310-CV/BTGDVTU" in page and "Đã đến" in page


def test_the_outsider_sees_neither_the_request_nor_its_dispatch(world, login, issued):
    client = login(world.outsider)
    assert client.get(issued.get_absolute_url()).status_code == 404
    assert client.get(reverse("exchange:detail", args=[issued.dispatch_id])).status_code == 404

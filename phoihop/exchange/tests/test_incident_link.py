"""A dispatch linked to a case (XCH item 1, INC): only a case whose details the actor may see;
shown on the dispatch page and on the case page, which lists them without a query per row."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from phoihop.exchange import selectors, services
from phoihop.exchange.models import Dispatch
from phoihop.incidents import services as incident_services
from phoihop.incidents.selectors import linkable_incidents
from phoihop.testing.incidents import case_people, report_case, restricted_case

from .conftest import draft, sent

COMPOSE = {
    "kind": "other",
    "summary": "Định hướng thông tin vụ việc giải phóng mặt bằng",
    "urgency": "normal",
    "numbering": "system",
    "reply_working_days": 5,
}


@pytest.fixture
def case(xworld):
    case_people(xworld)
    return report_case(xworld)


def test_a_dispatch_links_to_a_case_the_actor_sees_details_of(xworld, case):
    dispatch = draft(xworld, incident=case)
    dispatch.refresh_from_db()
    assert dispatch.incident == case
    services.dispatch_update(
        actor=xworld.actor(xworld.board_officer),
        dispatch=dispatch,
        data=services.DispatchData(summary=dispatch.summary, addressees=[xworld.council]),
    )
    dispatch.refresh_from_db()
    assert dispatch.incident is None


def test_the_outsider_cannot_link_a_case_of_another_province_and_nothing_is_written(xworld, case):
    with pytest.raises(ValidationError, match="vụ việc") as error:
        services.dispatch_create(
            actor=xworld.actor(xworld.outsider),
            issuer=xworld.other_board,
            data=services.DispatchData(summary="x", incident=case),
        )
    assert "incident" in error.value.message_dict
    assert Dispatch.objects.count() == 0


def test_a_restricted_case_links_only_for_who_sees_its_details(xworld):
    case_people(xworld)
    secret = restricted_case(xworld)
    # The board officer sees that the case exists (placeholder), not its details.
    with pytest.raises(ValidationError, match="chi tiết vụ việc"):
        draft(xworld, incident=secret)
    assert Dispatch.objects.count() == 0
    officer = xworld.actor(xworld.board_officer)
    assert not linkable_incidents(officer).filter(pk=secret.pk).exists()
    # Editing an existing draft is refused the same way, and leaves it as it was.
    plain = draft(xworld)
    with pytest.raises(ValidationError, match="chi tiết vụ việc"):
        services.dispatch_update(
            actor=officer,
            dispatch=plain,
            data=services.DispatchData(summary="đổi", incident=secret, addressees=[xworld.council]),
        )
    plain.refresh_from_db()
    assert plain.incident_id is None and plain.summary != "đổi"
    # Once in the working group, the officer sees the details and may link it.
    incident_services.working_group_add_member(
        actor=xworld.actor(xworld.board_leader),
        incident=secret,
        user=xworld.board_officer,
        organisation=xworld.board,
        role="member",
    )
    assert linkable_incidents(officer).filter(pk=secret.pk).exists()
    assert draft(xworld, incident=secret).incident_id == secret.pk


def test_the_case_picker_offers_the_cases_whose_details_the_actor_sees(xworld, case):
    secret = restricted_case(xworld, title="Vụ việc mật")
    leader = xworld.actor(xworld.board_leader)
    officer = xworld.actor(xworld.board_officer)
    outsider = xworld.actor(xworld.outsider)
    reporter = xworld.actor(xworld.agency_officer)
    assert set(linkable_incidents(leader)) == {case, secret}
    assert set(linkable_incidents(reporter)) == {case, secret}
    assert set(linkable_incidents(officer)) == {case}
    assert list(linkable_incidents(outsider)) == []


def test_compose_with_a_case_shows_the_link_on_both_pages(xworld, case, login):
    client = login(xworld.board_officer)
    form = client.get(reverse("exchange:create")).content.decode()
    assert "Vụ việc liên quan" in form and case.title in form
    response = client.post(
        reverse("exchange:create"),
        {**COMPOSE, "addressees": [xworld.council.pk], "incident": case.pk},
    )
    assert response.status_code == 302, response.content.decode()
    dispatch = Dispatch.objects.get()
    assert dispatch.incident == case
    client.post(reverse("exchange:send", args=[dispatch.pk]))
    page = client.get(dispatch.get_absolute_url()).content.decode()
    assert "Vụ việc liên quan" in page and case.get_absolute_url() in page and case.title in page
    case_page = login(xworld.board_leader).get(case.get_absolute_url()).content.decode()
    assert "Công văn liên quan" in case_page and dispatch.summary in case_page
    assert dispatch.get_absolute_url() in case_page
    # The council received it: it sees the dispatch, not the case (none of its bodies').
    council_page = login(xworld.council_officer).get(dispatch.get_absolute_url())
    assert council_page.status_code == 200
    assert case.get_absolute_url() not in council_page.content.decode()


def test_compose_refuses_a_restricted_case_hidden_from_the_officer(xworld, login):
    case_people(xworld)
    secret = restricted_case(xworld)
    response = login(xworld.board_officer).post(
        reverse("exchange:create"),
        {**COMPOSE, "addressees": [xworld.council.pk], "incident": secret.pk},
    )
    assert response.status_code == 400
    assert Dispatch.objects.count() == 0


def test_a_restricted_case_shows_as_a_placeholder_on_the_dispatch_page(xworld, login):
    case_people(xworld)
    secret = restricted_case(xworld)
    dispatch = sent(xworld, by=xworld.board_leader, incident=secret)
    page = login(xworld.board_officer).get(dispatch.get_absolute_url()).content.decode()
    assert "Vụ việc hạn chế tiếp cận" in page and secret.title not in page
    page = login(xworld.board_leader).get(dispatch.get_absolute_url()).content.decode()
    assert secret.title in page


def test_the_case_page_lists_only_the_dispatches_the_viewer_sees(xworld, case):
    mine = sent(xworld, incident=case)
    other = sent(xworld, incident=case, summary="Khác")
    cancelled = draft(xworld, incident=case, summary="Hủy")
    services.dispatch_cancel(
        actor=xworld.actor(xworld.board_officer), dispatch=cancelled, reason="Trùng"
    )
    sent(xworld, summary="Không liên kết")
    listed = selectors.dispatches_for_incident(
        actor=xworld.actor(xworld.board_leader), incident=case
    )
    assert {d.pk for d in listed} == {mine.pk, other.pk}
    outsider = xworld.actor(xworld.outsider)
    assert selectors.dispatches_for_incident(actor=outsider, incident=case) == []


def test_the_case_page_list_has_a_fixed_number_of_queries(
    xworld, case, login, django_assert_max_num_queries
):
    client = login(xworld.board_leader)
    sent(xworld, incident=case)
    with django_assert_max_num_queries(60) as few:
        client.get(case.get_absolute_url())
    for n in range(6):
        sent(xworld, incident=case, summary=f"Công văn {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(case.get_absolute_url())
    html = response.content.decode()
    assert all(f"Công văn {n}" in html for n in range(6))

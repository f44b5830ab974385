"""A concern linked to a case (INC) or a programme task: only one the actor may see."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from phoihop.accounts.roles import Role
from phoihop.concerns.models import Claim, Concern
from phoihop.concerns.services import corrections, recording
from phoihop.core.models import AuditEntry
from phoihop.incidents import services as incident_services
from phoihop.organisations.models import Organisation
from phoihop.testing.concerns import FIRST_SEEN, capture, category
from phoihop.testing.incidents import case_data, report_case, restricted_case
from phoihop.testing.world import admin_unit, body, person

pytestmark = pytest.mark.django_db


def report_in_hanoi(world):
    """A case the Quảng Ngãi board cannot see: reported in Hà Nội to the Hà Nội board."""
    ward = admin_unit(4, "Phường Ba Đình", "ward", world.ha_noi)
    reporter = person("hanoi_reporter", world.other_board, Role.BOARD_OFFICER)
    return incident_services.incident_report(
        actor=world.actor(reporter),
        reporting_body=world.other_board,
        competent_body=body(
            world.other_committee,
            "UBND Thành phố Hà Nội",
            Organisation.Kind.PEOPLES_COMMITTEE,
            Organisation.Side.STATE,
            world.ha_noi,
        ),
        data=case_data(world, places=[ward]),
    )


def test_a_concern_is_linked_to_a_case_the_board_sees_and_the_link_is_audited(world):
    case = report_case(world)
    concern = capture(world)
    recording.concern_update(
        actor=world.actor(world.board_officer), concern=concern, incident_id=case.pk
    )
    concern.refresh_from_db()
    assert concern.incident == case
    entry = AuditEntry.objects.filter(verb="concern_updated", object_id=concern.pk).get()
    assert entry.changes["incident"] == [None, case.title]


def test_a_case_outside_the_actors_scope_or_a_forged_id_is_refused_and_nothing_changes(world):
    hidden = report_in_hanoi(world)
    concern = capture(world)
    officer = world.actor(world.board_officer)
    for forged in (hidden.pk, 999_999, "abc"):
        with pytest.raises(ValidationError) as error:
            recording.concern_update(actor=officer, concern=concern, incident_id=forged)
        assert "Không tìm thấy vụ việc" in str(error.value)
    with pytest.raises(ValidationError, match="Không tìm thấy nhiệm vụ"):
        recording.concern_create(
            actor=officer,
            board=world.board,
            data=recording.ConcernData(
                title="Vấn đề mới",
                category=category(),
                first_seen=concern.first_seen,
                scale="local",
                trend="stable",
                task_id=424242,
            ),
            places=[world.duc_pho],
        )
    concern.refresh_from_db()
    assert concern.incident_id is None and Concern.objects.count() == 1


def test_the_form_offers_visible_cases_and_the_detail_links_to_the_case(world, client):
    case = report_case(world)
    hidden = report_in_hanoi(world)
    client.force_login(world.board_officer)
    page = client.get(reverse("concerns:create"))
    offered = list(page.context["form"].fields["incident"].queryset)
    assert case in offered and hidden not in offered
    assert "Vụ việc phức tạp, nhạy cảm liên quan" in page.content.decode()
    response = client.post(
        reverse("concerns:create"),
        {
            "title": "Hộ dân chưa đồng thuận đơn giá bồi thường",
            "category": category().pk,
            "places": [world.duc_pho.pk],
            "first_seen": "2026-03-02",
            "scale": "local",
            "trend": "rising",
            "incident": case.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    concern = Concern.objects.get()
    assert concern.incident == case
    detail = client.get(concern.get_absolute_url()).content.decode()
    assert case.get_absolute_url() in detail and "Vụ việc liên quan" in detail


def test_a_forged_case_id_in_the_form_gets_a_vietnamese_message_and_saves_nothing(world, client):
    hidden = report_in_hanoi(world)
    client.force_login(world.board_officer)
    response = client.post(
        reverse("concerns:create"),
        {
            "title": "Vấn đề thử",
            "category": category().pk,
            "places": [world.duc_pho.pk],
            "first_seen": "2026-03-02",
            "scale": "local",
            "trend": "rising",
            "incident": hidden.pk,
        },
    )
    assert response.status_code == 400
    assert "Không tìm thấy vụ việc" in response.content.decode()
    assert not Concern.objects.exists()


def test_the_outsider_gets_404_on_a_linked_concern(world, client, people):
    case = report_case(world)
    concern = capture(world)
    recording.concern_update(
        actor=world.actor(world.board_officer), concern=concern, incident_id=case.pk
    )
    client.force_login(world.outsider)
    assert client.get(concern.get_absolute_url()).status_code == 404


def _claim(world, **links):
    return corrections.claim_create(
        actor=world.actor(world.board_officer),
        board=world.board,
        data=corrections.ClaimData(
            summary="Tin sai về việc cưỡng chế",
            outlet="Mạng xã hội",
            first_seen=FIRST_SEEN,
            **links,
        ),
    )


def test_a_claim_is_linked_to_a_case_whose_details_the_board_sees(world, login):
    case = report_case(world)
    claim = _claim(world, incident=case)
    assert Claim.objects.get().incident == case
    page = login(world.board_officer).get(claim.get_absolute_url()).content.decode()
    assert f'<option value="{case.pk}" selected>' in page


def test_a_claim_is_not_linked_to_a_case_the_board_may_not_open_and_nothing_is_written(world):
    secret = restricted_case(world)  # the board officer sees only its placeholder
    for case in (report_in_hanoi(world), secret):
        with pytest.raises(ValidationError, match="Không tìm thấy vụ việc"):
            _claim(world, incident=case)
    assert not Claim.objects.exists()

"""The chain of a concern, each step by the body that owns it, and bad input changing nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from phoihop.concerns import contacts
from phoihop.concerns.models import Concern, ConcernStep
from phoihop.concerns.services import merge, recording, transitions
from phoihop.core.exceptions import PolicyDenied
from phoihop.core.models import AuditEntry
from phoihop.notifications.models import Notification
from phoihop.testing.concerns import capture, category, doc, run_to

pytestmark = pytest.mark.django_db


def test_a_captured_concern_is_owned_by_the_board_and_folded_for_search(world):
    concern = capture(world)
    assert concern.state == Concern.State.CAPTURED
    assert concern.owner == world.board
    assert concern.province == world.quang_ngai and concern.commune == world.duc_pho
    assert "boi thuong" in concern.search_text and "duc pho" in concern.search_text
    assert list(concern.steps.values_list("action", flat=True)) == ["capture"]


def test_the_whole_chain_hands_the_concern_from_body_to_body(world, people):
    concern = capture(world)
    owners = {}
    for state in [
        "triaged",
        "forwarded",
        "requested",
        "assigned",
        "verifying",
        "answered",
        "supervising",
        "closed",
    ]:
        concern = run_to(world, people, concern, state)
        owners[state] = concern.owner
    assert owners["triaged"] == world.board
    assert owners["forwarded"] == world.council
    assert owners["requested"] == world.peoples_committee
    assert owners["assigned"] == world.department
    assert owners["answered"] == world.council
    assert owners["closed"] == world.board
    assert concern.council_request_number == "40/HĐND-VP"
    assert concern.answer_document == "120/SVHTTDL" and concern.answered_on == date(2026, 4, 1)
    assert concern.due is not None and concern.closed_at is not None
    steps = list(concern.steps.order_by("at", "pk"))
    assert [s.action for s in steps][:3] == ["capture", "triage", "forward"]
    assert steps[2].document_ref == "15/BTGDV-DLXH" and steps[2].document_date
    verbs = set(AuditEntry.objects.filter(object_id=concern.pk).values_list("verb", flat=True))
    assert {"concern_forward", "concern_answer", "concern_close"} <= verbs


def test_each_handover_notifies_the_new_owner_without_personal_data(
    world, people, django_capture_on_commit_callbacks
):
    concern = run_to(world, people, capture(world), "triaged")
    with django_capture_on_commit_callbacks(execute=True):
        transitions.concern_act(
            actor=world.actor(world.board_officer),
            concern=concern,
            action="forward",
            step=doc(),
        )
    note = Notification.objects.get(user=people.council_officer)
    assert concern.title in note.title and note.url == concern.get_absolute_url()


def test_a_step_out_of_order_is_refused_and_changes_nothing(world, people):
    concern = capture(world)
    with pytest.raises(ValidationError) as error:
        transitions.concern_act(
            actor=world.actor(world.board_officer), concern=concern, action="forward", step=doc()
        )
    assert "Không thể" in str(error.value)
    concern.refresh_from_db()
    assert concern.state == Concern.State.CAPTURED and concern.steps.count() == 1


def test_the_council_cannot_act_for_the_people_s_committee(world, people):
    concern = run_to(world, people, capture(world), "requested")
    with pytest.raises(PolicyDenied):
        transitions.concern_act(
            actor=world.actor(people.council_officer),
            concern=concern,
            action="assign",
            extra=transitions.ActionInput(agencies=[world.department]),
        )


def test_an_agency_not_assigned_cannot_answer(world, people):
    concern = run_to(world, people, capture(world), "assigned")
    with pytest.raises(PolicyDenied):
        transitions.concern_act(
            actor=world.actor(world.commune_officer),
            concern=concern,
            action="answer",
            step=doc(),
            extra=transitions.ActionInput(answer="x"),
        )


def test_forwarding_needs_the_document_number_and_date(world, people):
    concern = run_to(world, people, capture(world), "triaged")
    with pytest.raises(ValidationError) as error:
        transitions.concern_act(
            actor=world.actor(world.board_officer), concern=concern, action="forward"
        )
    assert "số, ký hiệu" in str(error.value)
    concern.refresh_from_db()
    assert concern.state == Concern.State.TRIAGED and concern.council is None


def test_transfer_names_the_competent_body_and_tells_it(
    world, people, django_capture_on_commit_callbacks
):
    concern = run_to(world, people, capture(world), "assigned")
    with django_capture_on_commit_callbacks(execute=True):
        concern = transitions.concern_act(
            actor=world.actor(world.agency_officer),
            concern=concern,
            action="transfer",
            step=transitions.StepData(note="Thuộc thẩm quyền UBND phường theo phân cấp."),
            extra=transitions.ActionInput(transfer_to_id=world.commune_peoples_committee.pk),
        )
    assert concern.state == Concern.State.TRANSFERRED
    assert concern.owner == concern.transferred_to == world.commune_peoples_committee
    assert Notification.objects.filter(user=world.commune_officer).exists()
    # the body it was transferred to now sees it
    assert Concern.objects.visible_to(world.actor(world.commune_officer)).filter(pk=concern.pk)


@pytest.mark.parametrize("target", [999_999, "abc", None])
def test_a_transfer_to_a_body_that_does_not_exist_is_refused(world, target):
    concern = capture(world)
    with pytest.raises(ValidationError) as error:
        transitions.concern_act(
            actor=world.actor(world.board_officer),
            concern=concern,
            action="transfer",
            step=transitions.StepData(note="Không thuộc thẩm quyền."),
            extra=transitions.ActionInput(transfer_to_id=target),
        )
    assert "không tồn tại" in str(error.value)
    concern.refresh_from_db()
    assert concern.state == Concern.State.CAPTURED and concern.owner == world.board


def test_a_recurring_concern_is_reopened_with_a_reason(world, people):
    concern = run_to(world, people, capture(world), "closed")
    with pytest.raises(ValidationError):
        transitions.concern_act(
            actor=world.actor(world.board_officer), concern=concern, action="reopen"
        )
    concern = transitions.concern_act(
        actor=world.actor(world.board_officer),
        concern=concern,
        action="reopen",
        step=transitions.StepData(note="Cử tri tiếp tục phản ánh tại kỳ họp."),
    )
    assert concern.state == Concern.State.TRIAGED and concern.reopen_count == 1
    assert concern.owner == world.board and concern.closed_at is None


def test_a_transferred_concern_that_recurs_is_reopened_by_the_board(world, people):
    concern = transitions.concern_act(
        actor=world.actor(world.board_officer),
        concern=capture(world),
        action="transfer",
        step=transitions.StepData(note="Thuộc thẩm quyền UBND phường."),
        extra=transitions.ActionInput(transfer_to_id=world.commune_peoples_committee.pk),
    )
    concern = transitions.concern_act(
        actor=world.actor(world.board_officer),
        concern=concern,
        action="reopen",
        step=transitions.StepData(note="UBND phường trả lời không thuộc thẩm quyền của mình."),
    )
    concern.refresh_from_db()
    assert concern.state == Concern.State.TRIAGED and concern.owner == world.board
    assert concern.transferred_to is None and concern.closed_at is None
    assert list(concern.steps.values_list("action", flat=True)) == ["capture", "transfer", "reopen"]


def test_partly_resolved_goes_back_to_the_people_s_committee(world, people):
    concern = run_to(world, people, capture(world), "answered")
    concern = transitions.concern_act(
        actor=world.actor(people.council_officer),
        concern=concern,
        action="partly_resolve",
        step=transitions.StepData(note="Còn 5 hộ chưa được chi trả."),
    )
    assert concern.owner == world.peoples_committee
    concern = transitions.concern_act(
        actor=world.actor(people.committee_officer),
        concern=concern,
        action="assign",
        step=doc(),
        extra=transitions.ActionInput(agencies=[world.department]),
    )
    assert concern.state == Concern.State.ASSIGNED


def test_a_concern_without_a_place_or_category_is_refused(world):
    with pytest.raises(ValidationError) as error:
        capture(world, places=[])
    assert "địa bàn" in str(error.value)
    with pytest.raises(ValidationError) as error:
        recording.concern_create(
            actor=world.actor(world.board_officer),
            board=world.board,
            data=recording.ConcernData(
                title="x", category=None, first_seen=date(2026, 1, 1), scale="local", trend="stable"
            ),
            places=[world.duc_pho],
        )
    assert "lĩnh vực" in str(error.value)
    assert Concern.objects.count() == 0


def test_a_province_is_not_a_place(world):
    with pytest.raises(ValidationError):
        capture(world, places=[world.quang_ngai])


def test_a_source_url_that_is_not_a_url_writes_nothing(world):
    with pytest.raises(ValidationError):
        capture(world, sources=[recording.SourceData(kind="online_post", url="không phải url")])
    assert Concern.objects.count() == 0 and ConcernStep.objects.count() == 0


def test_a_five_megabyte_summary_is_refused(world):
    with pytest.raises(ValidationError) as error:
        capture(world, summary="x" * 5_000_000)
    assert "summary" in error.value.message_dict
    assert Concern.objects.count() == 0


def test_only_board_officers_capture(world):
    with pytest.raises(PolicyDenied):
        recording.concern_create(
            actor=world.actor(world.agency_officer),
            board=world.board,
            data=recording.ConcernData(
                title="x",
                category=category(),
                first_seen=date(2026, 1, 1),
                scale="local",
                trend="stable",
            ),
            places=[world.duc_pho],
        )


def test_merge_keeps_both_records_and_unmerge_restores(world):
    first, second = capture(world), capture(world, title="Chậm bồi thường khu dân cư Đức Phổ")
    officer = world.actor(world.board_officer)
    merge.concern_merge(actor=officer, concern=second, into=first)
    second.refresh_from_db()
    assert second.merged_into == first
    assert list(Concern.objects.open()) == [first]
    with pytest.raises(ValidationError):
        merge.concern_merge(actor=officer, concern=first, into=first)
    merge.concern_unmerge(actor=officer, concern=second)
    second.refresh_from_db()
    assert second.merged_into is None and Concern.objects.open().count() == 2
    verbs = AuditEntry.objects.filter(object_id=second.pk).values_list("verb", flat=True)
    assert {"concern_merged", "concern_unmerged"} <= set(verbs)


def test_outsider_sees_no_concern(world):
    capture(world)
    assert not Concern.objects.visible_to(world.actor(world.outsider)).exists()
    assert Concern.objects.visible_to(world.actor(world.board_leader)).count() == 1


def test_a_contact_entered_with_the_concern_is_stored_with_it_or_neither_is(world):
    concern = capture(world, contact="Bà B, 0912345678")
    assert contacts.has_contact(concern)
    assert AuditEntry.objects.filter(verb="contact_stored").count() == 1
    with pytest.raises(ValidationError, match="tối đa 500"):
        capture(world, title="Vấn đề khác về đất đai", contact="x" * 501)
    assert Concern.objects.count() == 1

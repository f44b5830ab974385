from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.core import calendar
from phoihop.organisations.models import Lineage, Organisation
from phoihop.programmes.models import Regime
from phoihop.reports import services
from phoihop.reports.models import Consolidation, ReportRequest, ReportSubmission
from phoihop.reports.services import completeness
from phoihop.testing.programmes import build_programme
from phoihop.testing.world import body

from .conftest import request_data, write_and_submit

pytestmark = pytest.mark.django_db


def test_request_gets_one_submission_per_recipient_and_the_regime_deadline(world):
    request = services.report_request_create(
        actor=world.actor(world.board_officer),
        board=world.board,
        data=request_data(),
        recipients=[world.council, world.council, world.department],
    )
    assert request.state == ReportRequest.State.DRAFT
    assert request.deadline == calendar.add_working_days(date(2026, 7, 3), 10)
    assert sorted(request.submissions.values_list("organisation_id", flat=True)) == sorted(
        [world.council.pk, world.department.pk]
    )


def test_recipients_by_kind_are_the_bodies_of_that_kind_in_the_boards_reach(world):
    request = services.report_request_create(
        actor=world.actor(world.board_officer),
        board=world.board,
        data=request_data(),
        kinds=["peoples_committee"],
    )
    bodies = set(request.submissions.values_list("organisation_id", flat=True))
    # The province's and the commune's people's committees, never Hà Nội's bodies.
    assert bodies == {world.peoples_committee.pk, world.commune_peoples_committee.pk}


@pytest.mark.parametrize(
    ("overrides", "recipients", "message"),
    [
        ({"deadline": date(2026, 7, 1)}, "council", "không được trước ngày ban hành"),
        ({}, "other_board", "không thuộc phạm vi"),
        ({"letter_number": "  "}, "council", "số, ký hiệu công văn"),
        ({}, None, "ít nhất một cơ quan"),
    ],
)
def test_bad_requests_are_refused_and_nothing_is_written(world, overrides, recipients, message):
    with pytest.raises(ValidationError) as error:
        services.report_request_create(
            actor=world.actor(world.board_officer),
            board=world.board,
            data=request_data(**overrides),
            recipients=[getattr(world, recipients)] if recipients else [],
        )
    assert message in str(error.value)
    assert ReportRequest.objects.count() == 0
    assert ReportSubmission.objects.count() == 0


def test_only_the_board_requests_reports_and_only_its_leader_issues(world):
    with pytest.raises(PermissionDenied):
        services.report_request_create(
            actor=world.actor(world.agency_officer),
            board=world.board,
            data=request_data(),
            recipients=[world.council],
        )
    request = services.report_request_create(
        actor=world.actor(world.board_officer),
        board=world.board,
        data=request_data(),
        recipients=[world.council],
    )
    with pytest.raises(PermissionDenied):
        services.report_request_issue(actor=world.actor(world.board_officer), request=request)
    services.report_request_issue(actor=world.actor(world.board_leader), request=request)
    assert request.state == ReportRequest.State.ISSUED


def test_start_prefills_from_the_systems_figures_for_the_body_and_period(world, issued):
    build_programme(world, year=2026)  # a task led by the department, an output in May 2026
    submission = issued.submissions.get(organisation=world.department)
    services.report_submission_start(actor=world.actor(world.agency_officer), submission=submission)
    submission.refresh_from_db()
    assert submission.state == ReportSubmission.State.DRAFTING
    assert "310-CV/BTGDVTU" in submission.opening and "03/07/2026" in submission.opening
    assert "6 tháng đầu năm 2026" in submission.summary
    assert "1 nhiệm vụ phối hợp đến hạn" in submission.regular_results
    assert "1 loạt bài, tin bài" in submission.regular_results
    figures = {row["key"]: row["value"] for row in submission.figures}
    assert figures["programmes.tasks"] == 1 and figures["programmes.tasks_overdue"] == 1
    issued.refresh_from_db()
    assert issued.state == ReportRequest.State.COLLECTING


def test_previous_report_text_is_copied_and_stale_years_and_dates_are_flagged(
    world, issued, council_officer
):
    earlier = services.report_request_create(
        actor=world.actor(world.board_officer),
        board=world.board,
        data=request_data(
            letter_number="280-CV/BTGDVTU",
            letter_date=date(2025, 12, 5),
            period_kind="year",
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
        ),
        recipients=[world.council],
    )
    services.report_request_issue(actor=world.actor(world.board_leader), request=earlier)
    old = earlier.submissions.get()
    services.report_submission_start(actor=world.actor(council_officer), submission=old)
    services.report_submission_update(
        actor=world.actor(council_officer),
        submission=old,
        strengths="Năm 2025 đã tổ chức 2 kỳ họp.\nPhối hợp giai đoạn 2022–2026 thuận lợi.",
        limitations="Ngày 15/11/2025 chậm cung cấp thông tin.",
        priorities="Tổ chức kỳ họp thường lệ",
        signatory_title="Phó Chủ tịch",
        signatory_name="Nguyễn Văn A",
    )
    services.report_submission_acknowledge_stale(actor=world.actor(council_officer), submission=old)
    services.report_submission_advance(
        actor=world.actor(council_officer), submission=old, action="review"
    )
    services.report_submission_sign(
        actor=world.actor(council_officer),
        submission=old,
        number="12/BC-HĐND",
        signed_on=date(2025, 12, 10),
    )
    services.report_submission_submit(actor=world.actor(council_officer), submission=old)

    current = issued.submissions.get(organisation=world.council)
    actor = world.actor(council_officer)
    services.report_submission_start(actor=actor, submission=current)
    current.refresh_from_db()
    assert current.prefilled_from == old
    assert "Năm 2025 đã tổ chức" in current.strengths
    assert current.signatory_name == "Nguyễn Văn A"
    found = [(flag["field"], flag["found"]) for flag in current.stale_flags]
    # The phase range containing 2026 is current; the single year and the old date are not.
    assert found == [("strengths", "2025"), ("limitations", "15/11/2025")]

    services.report_submission_update(
        actor=actor,
        submission=current,
        strengths="6 tháng đầu năm 2026 đã tổ chức 1 kỳ họp.",
        limitations="Chưa có.",
    )
    assert current.stale_flags == []
    services.report_submission_advance(actor=actor, submission=current, action="review")


def test_submission_is_refused_while_stale_passages_are_neither_fixed_nor_acknowledged(
    world, issued, council_officer
):
    submission = issued.submissions.get(organisation=world.council)
    actor = world.actor(council_officer)
    services.report_submission_start(actor=actor, submission=submission)
    services.report_submission_update(
        actor=actor, submission=submission, strengths="Như năm 2024.", signatory_name="A"
    )
    with pytest.raises(ValidationError, match="năm hoặc ngày cũ"):
        services.report_submission_advance(actor=actor, submission=submission, action="review")
    submission.refresh_from_db()
    assert submission.state == ReportSubmission.State.DRAFTING
    services.report_submission_acknowledge_stale(actor=actor, submission=submission)
    services.report_submission_advance(actor=actor, submission=submission, action="review")
    assert submission.state == ReportSubmission.State.INTERNAL_REVIEW


def test_submitting_without_a_number_is_refused(world, issued, council_officer):
    submission = issued.submissions.get(organisation=world.council)
    actor = world.actor(council_officer)
    services.report_submission_start(actor=actor, submission=submission)
    with pytest.raises(ValidationError, match="chưa có số"):
        services.report_submission_submit(actor=actor, submission=submission)
    services.report_submission_advance(actor=actor, submission=submission, action="review")
    with pytest.raises(ValidationError, match="số, ký hiệu"):
        services.report_submission_sign(
            actor=actor, submission=submission, number="", signed_on=date(2026, 7, 9)
        )
    submission.refresh_from_db()
    assert submission.state == ReportSubmission.State.INTERNAL_REVIEW
    assert submission.number == ""


def test_return_with_reason_then_resubmit_keeps_the_first_date_for_timeliness(
    world, issued, council_officer
):
    submission = issued.submissions.get(organisation=world.council)
    write_and_submit(world, submission, council_officer, today=date(2026, 7, 10))
    board = world.actor(world.board_officer)
    with pytest.raises(ValidationError, match="lý do"):
        services.report_submission_return(actor=board, submission=submission, reason=" ")
    services.report_submission_return(
        actor=board, submission=submission, reason="Bổ sung số liệu kỳ họp"
    )
    assert submission.state == ReportSubmission.State.RETURNED
    actor = world.actor(council_officer)
    services.report_submission_start(actor=actor, submission=submission)
    assert submission.state == ReportSubmission.State.DRAFTING
    assert submission.strengths  # the text is kept, not pre-filled again
    services.report_submission_advance(actor=actor, submission=submission, action="review")
    services.report_submission_sign(
        actor=actor, submission=submission, number="06/BC-HĐND", signed_on=date(2026, 7, 20)
    )
    services.report_submission_submit(actor=actor, submission=submission, today=date(2026, 7, 30))
    services.report_submission_accept(actor=board, submission=submission)
    assert submission.state == ReportSubmission.State.ACCEPTED
    assert submission.first_submitted_on == date(2026, 7, 10) and submission.on_time


def test_other_bodies_cannot_write_a_report_and_the_body_cannot_accept_its_own(
    world, issued, council_officer
):
    submission = issued.submissions.get(organisation=world.council)
    with pytest.raises(PermissionDenied):
        services.report_submission_start(
            actor=world.actor(world.agency_officer), submission=submission
        )
    write_and_submit(world, submission, council_officer)
    with pytest.raises(PermissionDenied):
        services.report_submission_accept(actor=world.actor(council_officer), submission=submission)


def test_consolidating_with_nothing_accepted_is_refused(world, issued, council_officer):
    write_and_submit(world, issued.submissions.get(organisation=world.council), council_officer)
    with pytest.raises(ValidationError, match="Chưa có báo cáo nào được tiếp nhận"):
        services.report_request_consolidate(actor=world.actor(world.board_officer), request=issued)
    issued.refresh_from_db()
    assert issued.state == ReportRequest.State.COLLECTING
    assert not Consolidation.objects.exists()


def consolidate_the_council(world, issued, council_officer) -> Consolidation:
    """The council reports, the board accepts it and drafts the consolidated report."""
    submission = issued.submissions.get(organisation=world.council)
    write_and_submit(world, submission, council_officer)
    board = world.actor(world.board_officer)
    services.report_submission_accept(actor=board, submission=submission)
    return services.report_request_consolidate(actor=board, request=issued)


def test_consolidation_lists_who_did_not_report_and_carries_the_accepted_text(
    world, issued, council_officer
):
    board = world.actor(world.board_officer)
    consolidation = consolidate_the_council(world, issued, council_officer)
    assert issued.state == ReportRequest.State.CONSOLIDATED
    assert consolidation.missing == [world.peoples_committee.name, world.department.name]
    assert "Thường trực HĐND tỉnh Quảng Ngãi: Phối hợp chặt chẽ" in consolidation.strengths
    assert "1/3 báo cáo" in consolidation.opening
    services.consolidation_update(actor=board, consolidation=consolidation, strengths="Tốt.")
    assert Consolidation.objects.get().strengths == "Tốt."


def test_the_leader_issues_the_consolidated_report_which_closes_the_request_and_freezes_it(
    world, issued, council_officer
):
    board = world.actor(world.board_officer)
    consolidation = consolidate_the_council(world, issued, council_officer)
    leader = world.actor(world.board_leader)
    with pytest.raises(PermissionDenied):
        services.consolidation_issue(actor=board, consolidation=consolidation)
    with pytest.raises(ValidationError, match="chưa có số, ký hiệu và ngày ký"):
        services.consolidation_issue(actor=leader, consolidation=consolidation)
    assert ReportRequest.objects.get(pk=issued.pk).state == ReportRequest.State.CONSOLIDATED
    services.consolidation_update(
        actor=board,
        consolidation=consolidation,
        number="320-BC/BTGDVTU",
        signed_on=date(2026, 7, 25),
    )
    services.consolidation_issue(actor=leader, consolidation=consolidation)
    assert ReportRequest.objects.get(pk=issued.pk).state == ReportRequest.State.CLOSED
    assert Consolidation.objects.get().issued
    with pytest.raises(PermissionDenied, match="trước khi ban hành"):
        services.consolidation_update(actor=board, consolidation=consolidation, strengths="Sửa.")
    assert Consolidation.objects.get().strengths != "Sửa."


def test_a_body_merged_into_another_recipient_is_counted_once(world):
    merged = body(
        world.province_committee,
        "Ban Dân vận Tỉnh ủy (cũ)",
        Organisation.Kind.OTHER,
        Organisation.Side.PARTY,
        world.quang_ngai,
        valid_to=date(2026, 7, 5),
    )
    Lineage.objects.create(
        predecessor=merged, successor=world.council, kind="merge", effective=date(2026, 7, 5)
    )
    request = services.report_request_create(
        actor=world.actor(world.board_officer),
        board=world.board,
        data=request_data(),
        recipients=[world.council, merged],
    )
    expected = completeness.expected_submissions(request)
    assert [s.organisation_id for s in expected] == [world.council.pk]


def test_a_body_founded_after_the_period_counts_only_as_the_heir_of_one_that_existed(world):
    def department(name, **validity):
        return body(
            world.peoples_committee,
            name,
            Organisation.Kind.DEPARTMENT,
            Organisation.Side.STATE,
            world.quang_ngai,
            **validity,
        )

    # The first half of 2026 ends on 30 June; the letter is dated 3 July.
    brand_new = department("Sở mới thành lập", valid_from=date(2026, 7, 1))
    old = department("Sở Thông tin (cũ)", valid_to=date(2026, 6, 30))
    heir = department("Sở Khoa học và Công nghệ (mới)", valid_from=date(2026, 7, 1))
    Lineage.objects.create(
        predecessor=old, successor=heir, kind="merge", effective=date(2026, 7, 1)
    )
    request = services.report_request_create(
        actor=world.actor(world.board_officer),
        board=world.board,
        data=request_data(),
        recipients=[world.council, brand_new, heir],
    )
    expected = {s.organisation_id for s in completeness.expected_submissions(request)}
    assert expected == {world.council.pk, heir.pk}


def test_a_template_with_broken_placeholders_is_refused(world):
    template = services.default_template(Regime.objects.get(is_current=True))
    admin = world.actor(world.admin)
    object.__setattr__(admin, "sees_everything", True)
    for text, message in (("Thực hiện {request_number", "bị hỏng"), ("{nonsense}", "không có")):
        with pytest.raises(ValidationError, match=message):
            services.template_update(
                actor=admin,
                template=template,
                data=services.TemplateData(
                    name=template.name, summary="x", opening=text, closing="y", is_default=True
                ),
            )
    template.refresh_from_db()
    assert "{request_number}" in template.opening


def test_the_same_sentence_from_several_bodies_is_consolidated_once(world, issued, council_officer):
    board = world.actor(world.board_officer)
    for submission, user in (
        (issued.submissions.get(organisation=world.council), council_officer),
        (issued.submissions.get(organisation=world.department), world.agency_officer),
    ):
        write_and_submit(world, submission, user)
        services.report_submission_accept(actor=board, submission=submission)
    consolidation = services.report_request_consolidate(actor=board, request=issued)
    assert consolidation.strengths == (
        f"- Phối hợp chặt chẽ, kịp thời. ({world.council.name}; {world.department.name})"
    )
    assert consolidation.missing == [world.peoples_committee.name]

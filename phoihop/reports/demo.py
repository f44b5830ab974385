"""Demo reports for the demo province: the board's 2025 annual request to the council, then
the July 2026 request 310-CV/BTGDVTU for the first-half report to the council, the people's
committee, the court and the procuracy — the council on time (its text carried from 2025, the
stale year fixed), the committee late, the court returned, the procuracy missing — and the
board's consolidated report.

Idempotent: a request is looked up by its board and letter number before anything is created.
Every write goes through the services, as the demo users, so the audit trail is realistic.
"""

from __future__ import annotations

from datetime import date

from phoihop.accounts.models import Membership, User
from phoihop.accounts.roles import Role
from phoihop.accounts.selectors import build_actor
from phoihop.organisations.models import Organisation

from . import services
from .models import Award, ReportRequest, ReportSubmission, ReviewConference

# Officers of the court and the procuracy who write their bodies' reports (no password).
WRITERS = {
    "TA": ("canbo_toaan", "Ngô Văn Hải", "Chánh Văn phòng Tòa án nhân dân tỉnh"),
    "VKS": ("canbo_vks", "Lý Thị Hồng", "Chánh Văn phòng Viện kiểm sát nhân dân tỉnh"),
}
SIGNATURES = {
    "council": ("TM.", "Thường trực HĐND", "KT.", "Chủ tịch", "Phó Chủ tịch", "Đinh Thị Thu"),
    "peoples_committee": (
        "TM.",
        "Ủy ban nhân dân",
        "KT.",
        "Chủ tịch",
        "Phó Chủ tịch",
        "Trần Phước Hiền",
    ),
    "TA": ("", "", "KT.", "Chánh án", "Phó Chánh án", "Phạm Văn Long"),
}
NUMBERS = {"council": "45/BC-HĐND", "peoples_committee": "212/BC-UBND", "TA": "18/BC-TA"}


def _writer(bodies, key: str) -> User:
    if key in WRITERS:
        username, name, title = WRITERS[key]
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"full_name": name, "job_title": title, "email": f"{username}@phoihop.local"},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(
            user=user, organisation=bodies[key], role=Role.AGENCY_OFFICER
        )
        return user
    return User.objects.get(
        username={"council": "demo_council_officer", "peoples_committee": "demo_committee_officer"}[
            key
        ]
    )


def _write(bodies, key: str, submission: ReportSubmission, *, texts: dict, signed_on: date):
    actor = build_actor(_writer(bodies, key))
    services.report_submission_start(actor=actor, submission=submission)
    authority, body, deputy, head, title, name = SIGNATURES[key]
    services.report_submission_update(
        actor=actor,
        submission=submission,
        authority=authority,
        signing_body=body,
        deputy_authority=deputy,
        head_title=head,
        signatory_title=title,
        signatory_name=name,
        **texts,
    )
    if submission.stale_flags:
        services.report_submission_acknowledge_stale(actor=actor, submission=submission)
    services.report_submission_advance(actor=actor, submission=submission, action="review")
    services.report_submission_sign(
        actor=actor, submission=submission, number=NUMBERS[key], signed_on=signed_on
    )
    return actor


def _annual_2025(bodies, officer, leader) -> None:
    board = bodies["board"]
    if ReportRequest.objects.filter(board=board, letter_number="285-CV/BTGDVTU").exists():
        return
    request = services.report_request_create(
        actor=officer,
        board=board,
        data=services.RequestData(
            title="Báo cáo kết quả thực hiện Quyết định số 238-QĐ/TW năm 2025",
            letter_number="285-CV/BTGDVTU",
            letter_date=date(2025, 12, 1),
            period_kind="year",
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
            data_cutoff=date(2025, 11, 30),
        ),
        recipients=[bodies["council"]],
    )
    services.report_request_issue(actor=leader, request=request)
    submission = request.submissions.get()
    actor = _write(
        bodies,
        "council",
        submission,
        texts={
            "regular_results": "- Tổ chức thành công 4 kỳ họp HĐND tỉnh năm 2025.",
            "strengths": "Năm 2025, Thường trực HĐND tỉnh cung cấp thông tin kịp thời cho Ban.",
            "limitations": "Một số phiên chất vấn ngày 15/10/2025 chưa được thông tin kịp thời.",
            "priorities": "Cung cấp thông tin các kỳ họp\nPhối hợp giám sát chuyên đề",
        },
        signed_on=date(2025, 12, 10),
    )
    services.report_submission_submit(actor=actor, submission=submission, today=date(2025, 12, 11))
    services.report_submission_accept(actor=officer, submission=submission)
    services.report_request_consolidate(actor=officer, request=request)


CONFERENCE = "Hội nghị sơ kết năm 2025 thực hiện Quyết định số 238-QĐ/TW"


def _january_review(bodies, officer, leader) -> None:
    """The January 2026 preliminary review of 2025: conclusions become 2026 tasks; awards."""
    board = bodies["board"]
    if ReviewConference.objects.filter(board=board, title=CONFERENCE).exists():
        return
    participants = [bodies[k] for k in ("council", "peoples_committee", "TA", "VKS")]
    conference = services.review_conference_create(
        actor=officer,
        board=board,
        data=services.ConferenceData(
            kind=ReviewConference.Kind.PRELIMINARY,
            title=CONFERENCE,
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
            held_on=date(2026, 1, 15),
            venue="Hội trường Tỉnh ủy Quảng Ngãi",
        ),
        participants=participants,
    )
    services.review_conference_invite(
        actor=officer, conference=conference, number="08-GM/BTGDVTU", invited_on=date(2026, 1, 8)
    )
    services.review_conference_hold(actor=officer, conference=conference)
    services.conference_document_add(
        actor=officer, conference=conference, title="Báo cáo sơ kết năm 2025 của Ban"
    )
    for text, key, due in (
        ("Cung cấp thông tin kịp thời về các kỳ họp, phiên chất vấn của HĐND tỉnh", "council",
         date(2026, 6, 30)),
        ("Chỉ đạo các sở cử cán bộ đầu mối và cung cấp thông tin định kỳ hằng tháng",
         "peoples_committee", date(2026, 3, 31)),
    ):  # fmt: skip
        services.conclusion_add(
            actor=officer, conference=conference, text=text, lead=bodies[key], due=due
        )
    services.review_conference_conclude(
        actor=officer, conference=conference, number="03-TB/BTGDVTU"
    )
    for key, official, state in (
        ("council", "", Award.State.PRESENTED),
        ("peoples_committee", "Võ Quốc Bảo, chuyên viên Văn phòng UBND tỉnh", Award.State.APPROVED),
        ("TA", "", Award.State.PROPOSED),
    ):
        award = services.award_propose(
            actor=officer,
            board=board,
            organisation=bodies[key],
            official=official,
            reason="Có thành tích xuất sắc trong thực hiện Quyết định số 238-QĐ/TW năm 2025",
            conference=conference,
        )
        if state != Award.State.PROPOSED:
            services.award_approve(
                actor=leader,
                award=award,
                decision_reference="125-QĐ/TU",
                decided_on=date(2026, 1, 12),
            )
        if state == Award.State.PRESENTED:
            services.award_present(actor=officer, award=award, presented_on=date(2026, 1, 15))


def seed(bodies: dict[str, Organisation]) -> None:
    board = bodies["board"]
    officer = build_actor(User.objects.get(username="demo_board_officer"))
    leader = build_actor(User.objects.get(username="demo_board_leader"))
    _annual_2025(bodies, officer, leader)
    _january_review(bodies, officer, leader)
    if ReportRequest.objects.filter(board=board, letter_number="310-CV/BTGDVTU").exists():
        return
    request = services.report_request_create(
        actor=officer,
        board=board,
        data=services.RequestData(
            title="Báo cáo kết quả thực hiện Quyết định số 238-QĐ/TW 6 tháng đầu năm 2026",
            letter_number="310-CV/BTGDVTU",
            letter_date=date(2026, 7, 3),
            period_kind="first_half",
            period_start=date(2026, 1, 1),
            period_end=date(2026, 6, 30),
        ),
        recipients=[bodies[key] for key in ("council", "peoples_committee", "TA", "VKS")],
    )
    services.report_request_issue(actor=leader, request=request)
    deadline = request.deadline
    submissions = {s.organisation_id: s for s in request.submissions.all()}

    council = submissions[bodies["council"].pk]
    actor = _write(
        bodies,
        "council",
        council,
        texts={
            "strengths": "6 tháng đầu năm 2026, Thường trực HĐND tỉnh cung cấp thông tin kịp "
            "thời cho Ban về kỳ họp thứ nhất.",
            "limitations": "Thông tin về phiên giải trình có lúc còn chậm.",
        },
        signed_on=date(2026, 7, 10),
    )
    services.report_submission_submit(actor=actor, submission=council, today=date(2026, 7, 13))
    services.report_submission_accept(actor=officer, submission=council)

    committee = submissions[bodies["peoples_committee"].pk]
    actor = _write(
        bodies,
        "peoples_committee",
        committee,
        texts={
            "strengths": "UBND tỉnh chỉ đạo các sở cung cấp thông tin về kinh tế - xã hội.",
            "limitations": "Một số sở chưa cử cán bộ đầu mối.",
            "priorities": "Cung cấp thông tin định kỳ hằng tháng",
        },
        signed_on=date(2026, 7, 28),
    )
    late = date(2026, 7, 29)
    services.report_submission_submit(actor=actor, submission=committee, today=late)
    services.report_submission_accept(actor=officer, submission=committee)

    court = submissions[bodies["TA"].pk]
    actor = _write(
        bodies,
        "TA",
        court,
        texts={"strengths": "Tổ chức các phiên tòa trực tuyến."},
        signed_on=deadline,
    )
    services.report_submission_submit(actor=actor, submission=court, today=deadline)
    services.report_submission_return(
        actor=officer,
        submission=court,
        reason="Đề nghị bổ sung số liệu xét xử các vụ án được dư luận quan tâm.",
    )
    # The procuracy has not reported: it stays "not started" and shows as missing.
    services.report_request_consolidate(actor=officer, request=request)

"""Demo cases for the demo province (called by `manage.py seed_demo` after the programmes).

* a land-clearance case in Phường Đức Phổ (a ward of the former Đức Phổ town), handled with a
  working group, an agreed orientation plan, a situation report, a press release approved and
  published in two versions and a press conference;
* a case escalated to the central board;
* a case nobody has acknowledged yet (its clock has run out);
* a dispatch from the ward's people's committee informing the board about the land-clearance
  case, linked to it (created here because the exchange demo runs before this one).

Idempotent: each case is looked up by its title and board first. Every write goes through the
services, acted by the demo officials, so the timeline and the audit trail read realistically.
Only officials appear; the public is described only in the neutral summary.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from phoihop.accounts.models import Membership, User
from phoihop.accounts.roles import Role
from phoihop.accounts.selectors import build_actor
from phoihop.exchange import services as exchange_services
from phoihop.exchange.models import Dispatch
from phoihop.organisations.models import AdminUnit, Organisation

from . import services
from .models import Channel, Incident

LAND = (
    "Phản ứng của một số hộ dân về phương án bồi thường, giải phóng mặt bằng dự án tuyến "
    "đường ven biển"
)
ESCALATED = "Thông tin sai lệch trên mạng xã hội về việc trùng tu di tích lịch sử cấp quốc gia"
LAND_DISPATCH = (
    "Báo cáo tình hình giải phóng mặt bằng dự án tuyến đường ven biển tại phường Đức Phổ"
)
WAITING = "Tập trung đông người tại cổng khu công nghiệp đề nghị giải quyết chế độ lao động"


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _commune_leader(body: Organisation) -> User:
    """The ward people's committee's vice-chairman: an official, who does not sign in."""
    user, created = User.objects.get_or_create(
        username="lanhdao_ubnd_ducpho",
        defaults={
            "full_name": "Nguyễn Văn Thành",
            "job_title": "Phó Chủ tịch UBND phường Đức Phổ",
            "email": "lanhdao_ubnd_ducpho@phoihop.local",
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, organisation=body, role=Role.AGENCY_LEADER)
    return user


def seed(bodies: dict[str, Organisation]) -> None:
    board = bodies["board"]
    people = {
        name: _user(name)
        for name in (
            "demo_board_leader",
            "demo_board_officer",
            "demo_duty_officer",
            "demo_agency_officer",
            "demo_commune_officer",
        )
    }
    if any(user is None for user in people.values()):
        return
    ward = bodies["ubnd:Phường Đức Phổ"]
    leader = _commune_leader(ward)
    actor = {name: build_actor(user) for name, user in people.items()}
    actor["ward_leader"] = build_actor(leader)
    titles = [LAND, ESCALATED, WAITING]
    existing = set(Incident.objects.filter(title__in=titles).values_list("title", flat=True))
    duc_pho = AdminUnit.objects.get(pk=ward.admin_unit_id)
    now = timezone.now()
    if LAND not in existing:
        _land_case(actor, ward, duc_pho, leader, board, now)
    _land_dispatch(actor["demo_commune_officer"], ward, board)
    if ESCALATED not in existing:
        _escalated_case(actor, bodies, now)
    if WAITING not in existing:
        services.incident_report(
            actor=actor["demo_agency_officer"],
            reporting_body=bodies["SVHTTDL"],
            competent_body=bodies["SCT"],
            data=services.IncidentData(
                title=WAITING,
                summary="Khoảng 200 công nhân tập trung tại cổng khu công nghiệp, đề nghị doanh "
                "nghiệp thanh toán tiền lương và đóng bảo hiểm xã hội còn nợ.",
                sector=Incident.Sector.LABOUR,
                severity=Incident.Severity.MEDIUM,
                channels=[Channel.PHONE],
                reported_at=now - timedelta(days=1),
                places=[_ward(bodies, "Phường Trà Câu")],
            ),
        )


def _ward(bodies, name: str) -> AdminUnit:
    return AdminUnit.objects.get(pk=bodies[f"ubnd:{name}"].admin_unit_id)


def _land_case(actor, ward, duc_pho, leader, board, now) -> None:
    officer, commune = actor["demo_board_officer"], actor["demo_commune_officer"]
    case = services.incident_report(
        actor=commune,
        reporting_body=ward,
        competent_body=ward,
        data=services.IncidentData(
            title=LAND,
            summary="Một số hộ dân tại tổ dân phố chưa đồng thuận với đơn giá bồi thường đất "
            "nông nghiệp, đã tập trung tại trụ sở UBND phường; thông tin chưa đầy đủ đang lan "
            "truyền trên mạng xã hội.",
            sector=Incident.Sector.LAND,
            severity=Incident.Severity.HIGH,
            channels=[Channel.PHONE, Channel.SYSTEM, Channel.DOCUMENT],
            reported_at=now - timedelta(hours=1),
            places=[duc_pho],
        ),
    )
    services.incident_acknowledge(actor=actor["demo_duty_officer"], incident=case)
    services.incident_assess(
        actor=officer,
        incident=case,
        assessment="Vụ việc phức tạp, có nguy cơ kéo dài; cần thống nhất thông tin trước khi "
        "báo chí đưa tin.",
    )
    plan = services.orientation_plan_save(
        actor=officer,
        incident=case,
        data=services.OrientationData(
            handler="UBND phường Đức Phổ chủ trì; Ban Tuyên giáo và Dân vận Tỉnh ủy định hướng",
            message="Thông tin công khai căn cứ pháp lý, đơn giá và tiến độ chi trả bồi thường; "
            "đối thoại trực tiếp với các hộ dân; không suy diễn, không nêu danh tính.",
            spokesperson="Phó Chủ tịch UBND phường Đức Phổ",
            channels=[Channel.PRESS, Channel.MEETING],
        ),
    )
    services.orientation_plan_approve(actor=actor["demo_board_leader"], plan=plan)
    services.orientation_plan_approve(actor=actor["ward_leader"], plan=plan)
    for user, body, role in (
        (actor["demo_board_officer"].user, board, "lead"),
        (actor["demo_commune_officer"].user, ward, "member"),
        (leader, ward, "spokesperson"),
    ):
        services.working_group_add_member(
            actor=officer, incident=case, user=user, organisation=body, role=role
        )
    services.position_log_append(
        actor=commune, incident=case, text="Tổ chức đối thoại với 12 hộ dân tại nhà văn hóa."
    )
    services.position_log_append(
        actor=officer, incident=case, text="Đã cung cấp thông tin cho Báo Quảng Ngãi."
    )
    services.situation_section_save(
        actor=commune, incident=case, text="Tình hình ổn định, 8/12 hộ đã nhận tiền bồi thường."
    )
    services.situation_section_save(
        actor=officer, incident=case, text="Dư luận trên mạng xã hội đã lắng xuống."
    )
    report = case.situation_reports.get()
    services.situation_report_approve(actor=actor["demo_board_leader"], report=report)
    services.situation_report_publish(actor=officer, report=report)
    release = services.press_release_save(
        actor=officer,
        incident=case,
        title="Thông tin về công tác bồi thường, giải phóng mặt bằng tuyến đường ven biển",
        body="UBND phường Đức Phổ thông tin về phương án bồi thường.\n"
        "Đơn giá được áp dụng theo quyết định của UBND tỉnh.",
    )
    release = services.press_release_save(
        actor=commune,
        incident=case,
        release=release,
        title=release.title,
        body="UBND phường Đức Phổ thông tin về phương án bồi thường, hỗ trợ và tái định cư.\n"
        "Đơn giá được áp dụng theo quyết định của UBND tỉnh.\n"
        "Đến nay 8/12 hộ đã nhận tiền; phường tiếp tục đối thoại với các hộ còn lại.",
    )
    services.press_release_submit(actor=commune, release=release)
    services.press_release_approve(actor=actor["demo_board_leader"], release=release)
    services.press_release_approve(actor=actor["ward_leader"], release=release)
    services.press_release_publish(
        actor=officer,
        release=release,
        where="Cổng thông tin điện tử phường Đức Phổ; Báo Quảng Ngãi",
        when=now,
        link="https://ducpho.quangngai.gov.vn/thong-cao-bao-chi",
    )
    services.press_conference_record(
        actor=officer,
        incident=case,
        data=services.ConferenceData(
            held_at=now,
            place="Hội trường UBND phường Đức Phổ",
            spokesperson=leader,
            outlets="Báo Quảng Ngãi; Đài Phát thanh - Truyền hình Quảng Ngãi; "
            "Báo Nhân Dân (thường trú)",
            co_hosts=[board, ward],
        ),
    )


def _land_dispatch(commune, ward, board) -> None:
    """The ward's report to the board about the land-clearance case, linked to it (once)."""
    if Dispatch.objects.filter(issuer=ward, summary=LAND_DISPATCH).exists():
        return
    case = Incident.objects.filter(title=LAND, board=board).first()
    if case is None:
        return
    dispatch = exchange_services.dispatch_create(
        actor=commune,
        issuer=ward,
        data=exchange_services.DispatchData(
            summary=LAND_DISPATCH,
            kind=Dispatch.Kind.OTHER,
            body="UBND phường Đức Phổ báo cáo Ban kết quả đối thoại với các hộ dân và tiến độ "
            "chi trả bồi thường; đề nghị Ban tiếp tục định hướng thông tin trên báo chí.",
            incident=case,
            addressees=[board],
        ),
    )
    exchange_services.dispatch_send(actor=commune, dispatch=dispatch)


def _escalated_case(actor, bodies, now) -> None:
    case = services.incident_report(
        actor=actor["demo_agency_officer"],
        reporting_body=bodies["SVHTTDL"],
        competent_body=bodies["SVHTTDL"],
        data=services.IncidentData(
            title=ESCALATED,
            summary="Một số trang mạng xã hội đăng tải thông tin không đúng về việc trùng tu di "
            "tích; vụ việc liên quan đến nhiều tỉnh.",
            sector=Incident.Sector.OTHER,
            severity=Incident.Severity.MEDIUM,
            channels=[Channel.EMAIL, Channel.SYSTEM],
            reported_at=now - timedelta(hours=3),
            places=[_ward(bodies, "Phường Sa Huỳnh")],
        ),
    )
    services.incident_acknowledge(actor=actor["demo_duty_officer"], incident=case)
    services.incident_escalate(
        actor=actor["demo_board_leader"],
        incident=case,
        reason="Thông tin lan truyền trên phạm vi cả nước; đề nghị Ban Trung ương định hướng.",
    )

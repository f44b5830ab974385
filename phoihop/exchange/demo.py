"""Demo dispatches in Quảng Ngãi, written through the services by the demo officials (idempotent:
each dispatch is looked up by issuer and summary before it is created).

* activity information from the council (HĐND) to the board: the schedule of a council session,
  acknowledged by the board; a resolution, read only;
* a public-opinion digest from the board back to the council;
* a dispatch from the board to four bodies with mixed states: acknowledged, read, delivered, and
  failed (a department dissolved by the 2025 merger);
* a report request with a reply thread (the council answers);
* an overdue one (sent weeks ago to a department that has not acknowledged it).
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from phoihop.accounts.models import User
from phoihop.accounts.selectors import build_actor
from phoihop.organisations.models import Organisation

from . import services
from .models import Dispatch


def _actor(username: str):
    return build_actor(User.objects.get(username=username))


def _dispatch(username, issuer, summary, addressees, days_ago, **extra):
    """The dispatch `summary` of `issuer`, created and sent `days_ago` days ago if missing."""
    existing = Dispatch.objects.filter(issuer=issuer, summary=summary).first()
    if existing is not None:
        return existing, False
    actor = _actor(username)
    dispatch = services.dispatch_create(
        actor=actor,
        issuer=issuer,
        data=services.DispatchData(summary=summary, addressees=list(addressees), **extra),
    )
    moment = timezone.now() - timedelta(days=days_ago)
    services.dispatch_send(actor=actor, dispatch=dispatch, now=moment)
    dispatch.refresh_from_db()
    return dispatch, True


def _row(dispatch, organisation):
    return dispatch.recipients.get(organisation=organisation)


def seed(bodies: dict[str, Organisation]) -> None:
    board, council = bodies["board"], bodies["council"]
    committee, culture = bodies["peoples_committee"], bodies["SVHTTDL"]
    officer, council_officer = "demo_board_officer", "demo_council_officer"

    schedule, new = _dispatch(
        council_officer,
        council,
        "Thông báo lịch Kỳ họp thứ Năm, HĐND tỉnh khóa XIII",
        [board],
        days_ago=6,
        kind=Dispatch.Kind.ACTIVITY_INFO,
        body="Thường trực HĐND tỉnh thông báo Kỳ họp thứ Năm diễn ra trong 3 ngày, có phiên "
        "chất vấn về giải phóng mặt bằng; đề nghị Ban định hướng các cơ quan báo chí tuyên "
        "truyền trước, trong và sau kỳ họp.",
        urgency=Dispatch.Urgency.URGENT,
    )
    if new:
        services.recipient_acknowledge(actor=_actor(officer), recipient=_row(schedule, board))

    resolution, new = _dispatch(
        council_officer,
        council,
        "Cung cấp Nghị quyết về chính sách hỗ trợ người dân vùng thu hồi đất",
        [board],
        days_ago=2,
        kind=Dispatch.Kind.ACTIVITY_INFO,
        body="Gửi Ban nội dung Nghị quyết để phục vụ định hướng tuyên truyền.",
    )
    if new:
        services.recipient_mark_read(actor=_actor(officer), recipient=_row(resolution, board))

    _dispatch(
        officer,
        board,
        "Tổng hợp tình hình dư luận xã hội tháng 11 về giải phóng mặt bằng",
        [council],
        days_ago=1,
        kind=Dispatch.Kind.OPINION_DIGEST,
        body="Ban Tuyên giáo và Dân vận tổng hợp các ý kiến, kiến nghị nổi bật của nhân dân, "
        "đề nghị Thường trực HĐND tỉnh quan tâm, giám sát.",
    )

    dissolved = Organisation.objects.filter(
        name="Sở Thông tin và Truyền thông", valid_to__isnull=False
    ).first()
    mixed, new = _dispatch(
        officer,
        board,
        "Định hướng tuyên truyền kết quả Kỳ họp thứ Năm HĐND tỉnh",
        [council, committee, culture, *([dissolved] if dissolved else [])],
        days_ago=3,
        kind=Dispatch.Kind.OTHER,
        body="Đề nghị các cơ quan phối hợp cung cấp thông tin, tuyên truyền kết quả kỳ họp.",
    )
    if new:
        services.recipient_acknowledge(
            actor=_actor(council_officer), recipient=_row(mixed, council)
        )
        services.recipient_mark_read(
            actor=_actor("demo_committee_officer"), recipient=_row(mixed, committee)
        )

    request, new = _dispatch(
        officer,
        board,
        "Đề nghị báo cáo sơ kết 6 tháng thực hiện Chương trình phối hợp",
        [council],
        days_ago=4,
        kind=Dispatch.Kind.REPORT_REQUEST,
        expects_reply=True,
        body="Đề nghị Thường trực HĐND tỉnh báo cáo kết quả 6 tháng đầu năm theo đề cương gửi kèm.",
    )
    if new:
        services.dispatch_reply(
            actor=_actor(council_officer),
            dispatch=request,
            data=services.DispatchData(
                summary="Báo cáo sơ kết 6 tháng thực hiện Chương trình phối hợp",
                body="Thường trực HĐND tỉnh gửi báo cáo sơ kết 6 tháng theo đề nghị của Ban.",
            ),
        )

    _dispatch(
        officer,
        board,
        "Đề nghị cung cấp thông tin về các lễ hội đầu năm phục vụ định hướng tuyên truyền",
        [culture],
        days_ago=30,
        kind=Dispatch.Kind.REPORT_REQUEST,
        expects_reply=True,
        reply_working_days=5,
        body="Đề nghị Sở cung cấp kế hoạch tổ chức các lễ hội đầu năm trên địa bàn tỉnh.",
    )

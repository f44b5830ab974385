"""Every write to cases, working groups, logs, situation reports, orientation plans and press.

Each function checks the policy, validates, saves, records the event on the case's timeline and
tells the people concerned (notifications are rows in the same transaction; their e-mail copies
leave once it commits). Bad input raises a ValidationError with a Vietnamese message before
anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed

from phoihop.accounts.models import Membership, User
from phoihop.accounts.roles import Role
from phoihop.core.actor import Actor
from phoihop.core.audit import record_event
from phoihop.core.exceptions import ensure, invalid
from phoihop.core.text import fold
from phoihop.notifications.models import Notification
from phoihop.notifications.services import notify
from phoihop.organisations.models import AdminUnit, Organisation
from phoihop.programmes.services import current_regime

from . import clocks, policies, selectors
from .models import (
    Channel,
    Incident,
    OrientationPlan,
    PositionLog,
    PressConference,
    PressConferenceHost,
    PressRelease,
    SituationReport,
    SituationSection,
    WorkingGroupMember,
)
from .policies import Access

TEXT_MAX = 20_000
FUTURE_TOLERANCE = timedelta(minutes=5)


def _clean(value: str | None) -> str:
    return (value or "").strip()


def _required(value: str | None, message: str, field_name: str) -> str:
    value = _clean(value)
    if not value:
        raise invalid(message, field_name)
    if len(value) > TEXT_MAX:
        raise invalid(f"Nội dung quá dài (tối đa {TEXT_MAX} ký tự).", field_name)
    return value


def _channels(values: list[str], field_name: str = "channels") -> list[str]:
    values = list(dict.fromkeys(values or []))
    if not values:
        raise invalid("Chọn ít nhất một kênh.", field_name)
    unknown = [v for v in values if v not in Channel.values]
    if unknown:
        raise invalid(f"Kênh không hợp lệ: {', '.join(map(str, unknown))}.", field_name)
    return values


def _lock(incident: Incident) -> Incident:
    """Re-read the case under a row lock, so two people acting at once see each other."""
    fresh = Incident.objects.select_for_update().get(pk=incident.pk)
    for name in [f.attname for f in Incident._meta.concrete_fields]:
        setattr(incident, name, getattr(fresh, name))
    return incident


def _search_text(incident: Incident, places: list[AdminUnit]) -> str:
    names = " ".join(p.name for p in places)
    if incident.is_restricted:
        # A restricted case is found by its reference and place only, never by its content.
        return fold(f"{incident.reference} {names}")[:1000]
    return fold(f"{incident.title} {incident.summary} {incident.reference} {names}")[:1000]


def _board_people(board_id: int, roles) -> list[User]:
    return [
        m.user
        for m in Membership.objects.active()
        .filter(organisation_id=board_id, role__in=roles)
        .select_related("user")
        .order_by("pk")
    ]


def _group_people(incident: Incident) -> list[User]:
    return [m.user for m in selectors.members(incident)]


def _name(incident: Incident) -> str:
    return f"hạn chế tiếp cận #{incident.pk}" if incident.is_restricted else incident.title[:150]


def _tell(users, incident: Incident, key: str, title: str, body: str = "") -> None:
    notify(
        users=users,
        kind=Notification.Kind.CASE,
        title=title,
        body=body,
        url=incident.get_absolute_url(),
        event_key=f"incident:{incident.pk}:{key}",
    )


def _transition(incident: Incident, method: str, message: str) -> None:
    transition = getattr(incident, method)
    if not can_proceed(transition):
        raise invalid(message)
    transition()


def _move(
    actor: Actor,
    incident: Incident,
    method: str,
    refusal: str,
    verb: str,
    *,
    changes: dict | None = None,
    detail: dict | None = None,
) -> None:
    """Take the transition `method` (or refuse with `refusal`), save the case and record `verb`
    with the state change and any other `changes`: every change of a case's state goes through
    here, so none is saved without its audit entry."""
    before = incident.state
    _transition(incident, method, refusal)
    incident.save()
    record_event(
        actor=actor,
        target=incident,
        verb=verb,
        changes={"state": [before, incident.state], **(changes or {})},
        detail=detail,
    )


# --- reporting --------------------------------------------------------------------------------


@dataclass(frozen=True)
class IncidentData:
    title: str
    sector: str
    severity: str
    channels: list[str]
    summary: str = ""
    reference: str = ""
    classification: str = Incident.Classification.NORMAL
    reported_at: datetime | None = None
    places: list[AdminUnit] = field(default_factory=list)


def _check_places(board: Organisation, places: list[AdminUnit]) -> list[AdminUnit]:
    places = list({p.pk: p for p in places}.values())
    if not places:
        raise invalid("Chọn ít nhất một xã, phường, đặc khu nơi xảy ra vụ việc.", "places")
    allowed = set(selectors.place_choices(board).values_list("pk", flat=True))
    outside = [p.name for p in places if p.pk not in allowed]
    if outside:
        raise invalid(
            "Địa bàn không thuộc phạm vi của Ban tiếp nhận: " + ", ".join(outside) + ".", "places"
        )
    return places


def _fill(incident: Incident, data: IncidentData) -> None:
    incident.title = _required(data.title, "Nhập tên vụ việc.", "title")
    incident.sector = data.sector
    incident.severity = data.severity
    incident.classification = data.classification
    incident.channels = _channels(data.channels)
    incident.reference = _clean(data.reference)
    summary = _clean(data.summary)
    if incident.is_restricted:
        if summary:
            raise invalid(
                "Vụ việc mật không ghi nội dung vào hệ thống: chỉ ghi số hồ sơ và nơi lưu giữ.",
                "summary",
            )
        if not incident.reference:
            raise invalid("Vụ việc mật phải ghi số hồ sơ và nơi lưu giữ.", "reference")
    elif not summary:
        raise invalid("Nhập tóm tắt trung lập của vụ việc.", "summary")
    incident.summary = summary


@transaction.atomic
def incident_report(
    *,
    actor: Actor,
    reporting_body: Organisation,
    competent_body: Organisation,
    data: IncidentData,
) -> Incident:
    """A body tells its board about a complex or sensitive case; the clocks start."""
    ensure(
        policies.can_report(actor, reporting_body),
        "Chỉ cán bộ của cơ quan thông báo được báo cáo vụ việc thay cơ quan đó.",
    )
    board = selectors.board_for(reporting_body)
    if board is None:
        raise invalid("Không tìm thấy Ban Tuyên giáo và Dân vận tiếp nhận cho cơ quan này.")
    if not selectors.level_bodies(board).filter(pk=competent_body.pk).exists():
        raise invalid(
            f"«{competent_body}» không phải cơ quan nhà nước đang hoạt động cùng cấp với Ban.",
            "competent_body",
        )
    now = timezone.now()
    reported_at = data.reported_at or now
    if reported_at > now + FUTURE_TOLERANCE:
        raise invalid("Thời điểm thông báo không thể ở tương lai.", "reported_at")
    places = _check_places(board, data.places)
    regime = current_regime()
    incident = Incident(
        board=board,
        competent_body=competent_body,
        reporting_body=reporting_body,
        reported_by=actor.user,
        reported_at=reported_at,
        board_path=board.path,
        competent_path=competent_body.path,
        reporting_path=reporting_body.path,
        province_id=board.province_id,
        commune_id=places[0].pk,
    )
    _fill(incident, data)
    incident.ack_due = clocks.ack_deadline(reported_at, regime)
    incident.orientation_due = clocks.orientation_deadline(reported_at, incident.severity, regime)
    incident.search_text = _search_text(incident, places)
    incident.full_clean()
    incident.save()
    incident.places.set(places)
    record_event(
        actor=actor, target=incident, verb="incident_reported", detail={"channels": data.channels}
    )
    severity = incident.get_severity_display().lower()
    _tell(
        _board_people(board.pk, [Role.DUTY_OFFICER, Role.BOARD_LEADER]),
        incident,
        "reported",
        f"Vụ việc mới cần tiếp nhận: «{_name(incident)}» (mức độ {severity})",
        f"Cơ quan thông báo: {reporting_body}. Hạn tiếp nhận: "
        f"{timezone.localtime(incident.ack_due):%H:%M %d/%m/%Y}.",
    )
    return incident


@transaction.atomic
def incident_acknowledge(*, actor: Actor, incident: Incident) -> Incident:
    """The board's duty officer confirms the notice was received (once)."""
    _lock(incident)
    if incident.acknowledged_at is not None:
        by = User.objects.filter(pk=incident.acknowledged_by_id).first()
        raise invalid(
            f"Vụ việc đã được tiếp nhận lúc "
            f"{timezone.localtime(incident.acknowledged_at):%H:%M %d/%m/%Y}"
            f"{f' bởi {by}' if by else ''}; không cần tiếp nhận lại."
        )
    ensure(
        policies.can_acknowledge(actor, incident),
        "Chỉ cán bộ trực, lãnh đạo Ban tiếp nhận được xác nhận tiếp nhận vụ việc.",
    )
    incident.acknowledged_at = timezone.now()
    incident.acknowledged_by = actor.user
    _move(
        actor,
        incident,
        "acknowledge",
        "Vụ việc không còn ở trạng thái chờ tiếp nhận.",
        "incident_acknowledged",
    )
    reporter = [incident.reported_by] if incident.reported_by else []
    _tell(reporter, incident, "acknowledged", f"Ban đã tiếp nhận vụ việc «{_name(incident)}»")
    return incident


@transaction.atomic
def incident_assess(
    *, actor: Actor, incident: Incident, assessment: str, severity: str | None = None
) -> Incident:
    """The board's first assessment; a changed severity moves the orientation deadline."""
    _lock(incident)
    ensure(
        policies.can_assess(actor, incident),
        "Chỉ Ban đánh giá vụ việc, sau khi đã tiếp nhận và trước khi phối hợp xử lý.",
    )
    incident.assessment = _required(assessment, "Nhập nội dung đánh giá.", "assessment")
    changes = {}
    if severity and severity != incident.severity:
        if severity not in Incident.Severity.values:
            raise invalid("Mức độ không hợp lệ.", "severity")
        changes["severity"] = [incident.severity, severity]
        incident.severity = severity
        incident.orientation_due = clocks.orientation_deadline(
            incident.reported_at, severity, current_regime()
        )
    incident.full_clean()
    _move(
        actor,
        incident,
        "assess",
        "Vụ việc không ở trạng thái đánh giá được.",
        "incident_assessed",
        changes=changes,
    )
    return incident


@transaction.atomic
def incident_start_coordination(*, actor: Actor, incident: Incident) -> Incident:
    _lock(incident)
    refusal = "Không thể bắt đầu phối hợp lúc này."
    ensure(policies.can_start_coordination(actor, incident), refusal)
    _move(actor, incident, "start_coordination", refusal, "incident_coordinating")
    return incident


# --- escalation, merge and the end of a case ----------------------------------------------------


@transaction.atomic
def incident_escalate(*, actor: Actor, incident: Incident, reason: str) -> Incident:
    """Report the case to the upper-level board: a linked case starts there with its clocks."""
    _lock(incident)
    ensure(
        policies.can_steer(actor, incident), "Chỉ lãnh đạo Ban được báo cáo vụ việc lên cấp trên."
    )
    reason = _required(reason, "Nêu lý do báo cáo cấp trên.", "reason")
    if not can_proceed(incident.escalate):
        raise invalid("Vụ việc ở trạng thái này không báo cáo cấp trên được.")
    upper = selectors.upper_board(incident.board)
    if upper is None:
        raise invalid("Không có Ban Tuyên giáo và Dân vận cấp trên để báo cáo.")
    now = timezone.now()
    regime = current_regime()
    places = list(incident.places.all())
    copy = Incident(
        board=upper,
        competent_body=incident.competent_body,
        reporting_body=incident.board,
        reported_by=actor.user,
        title=incident.title,
        summary=incident.summary,
        reference=incident.reference,
        sector=incident.sector,
        channels=[Channel.SYSTEM],
        severity=incident.severity,
        classification=incident.classification,
        reported_at=now,
        ack_due=clocks.ack_deadline(now, regime),
        orientation_due=clocks.orientation_deadline(now, incident.severity, regime),
        board_path=upper.path,
        competent_path=incident.competent_path,
        reporting_path=incident.board.path,
        province_id=incident.province_id,
        commune_id=incident.commune_id,
        reason=reason,
    )
    copy.search_text = _search_text(copy, places)
    copy.full_clean()
    copy.save()
    copy.places.set(places)
    incident.escalated_to = copy
    incident.reason = reason
    _move(
        actor,
        incident,
        "escalate",
        "Vụ việc ở trạng thái này không báo cáo cấp trên được.",
        "incident_escalated",
        detail={"upper": copy.pk, "reason": reason},
    )
    record_event(
        actor=actor, target=copy, verb="incident_escalated_from", detail={"lower": incident.pk}
    )
    _tell(
        _board_people(upper.pk, [Role.DUTY_OFFICER, Role.BOARD_LEADER]),
        copy,
        "reported",
        f"Vụ việc cấp dưới báo cáo lên: «{_name(copy)}»",
        f"Ban báo cáo: {incident.board}. Lý do: {reason}",
    )
    return copy


@transaction.atomic
def incident_merge(*, actor: Actor, incident: Incident, into: Incident, reason: str = "") -> None:
    """A duplicate is merged into the case that is kept; both stay linked."""
    _lock(incident)
    ensure(policies.can_steer(actor, incident), "Chỉ lãnh đạo Ban được gộp vụ việc trùng.")
    if into.pk == incident.pk:
        raise invalid("Không thể gộp một vụ việc vào chính nó.", "into")
    if into.board_id != incident.board_id:
        raise invalid("Chỉ gộp được các vụ việc cùng một Ban tiếp nhận.", "into")
    if not into.is_open:
        raise invalid("Vụ việc được giữ lại phải đang xử lý.", "into")
    incident.merged_into = into
    incident.reason = _clean(reason)
    _move(
        actor,
        incident,
        "merge",
        "Vụ việc ở trạng thái này không gộp được.",
        "incident_merged",
        detail={"into": into.pk},
    )
    record_event(
        actor=actor, target=into, verb="incident_duplicate_added", detail={"from": incident.pk}
    )


@transaction.atomic
def incident_resolve(*, actor: Actor, incident: Incident, resolution: str) -> Incident:
    _lock(incident)
    ensure(
        policies.can_resolve(actor, incident),
        "Chỉ cơ quan có thẩm quyền hoặc lãnh đạo Ban ghi nhận kết quả giải quyết.",
    )
    incident.resolution = _required(resolution, "Nêu kết quả giải quyết.", "resolution")
    incident.resolved_at = timezone.now()
    _move(actor, incident, "resolve", "Vụ việc chưa ở giai đoạn giải quyết.", "incident_resolved")
    _tell(
        _group_people(incident),
        incident,
        f"resolved:{incident.resolved_at.isoformat()}",
        f"Vụ việc «{_name(incident)}» đã được giải quyết",
    )
    return incident


@transaction.atomic
def incident_publicise_result(*, actor: Actor, incident: Incident, note: str = "") -> Incident:
    _lock(incident)
    ensure(policies.can_publicise_result(actor, incident), "Không thể ghi nhận thông tin kết quả.")
    incident.result_publicised_at = timezone.now()
    _move(
        actor,
        incident,
        "publicise_result",
        "Vụ việc chưa được giải quyết.",
        "incident_result_publicised",
        detail={"note": _clean(note)} if _clean(note) else None,
    )
    return incident


@transaction.atomic
def incident_close(*, actor: Actor, incident: Incident) -> Incident:
    _lock(incident)
    ensure(policies.can_steer(actor, incident), "Chỉ lãnh đạo Ban được kết thúc vụ việc.")
    incident.closed_at = timezone.now()
    _move(actor, incident, "close", "Chỉ kết thúc được vụ việc đã giải quyết.", "incident_closed")
    return incident


@transaction.atomic
def incident_reopen(*, actor: Actor, incident: Incident, reason: str) -> Incident:
    _lock(incident)
    ensure(policies.can_steer(actor, incident), "Chỉ lãnh đạo Ban được mở lại vụ việc.")
    reason = _required(reason, "Nêu lý do mở lại vụ việc.", "reason")
    incident.reason = reason
    incident.closed_at = None
    _move(
        actor,
        incident,
        "reopen",
        "Chỉ mở lại được vụ việc đã giải quyết hoặc đã kết thúc.",
        "incident_reopened",
        detail={"reason": reason},
    )
    return incident


# action → (who may, Vietnamese label, the text it needs or None, asks for confirmation)
ACTIONS = {
    "acknowledge": (policies.can_acknowledge, "Xác nhận tiếp nhận", None, False),
    "start_coordination": (policies.can_start_coordination, "Bắt đầu phối hợp xử lý", None, False),
    "resolve": (policies.can_resolve, "Ghi nhận đã giải quyết", "resolution", False),
    "publicise_result": (policies.can_publicise_result, "Đã thông tin kết quả", "note", False),
    "close": (
        lambda a, i: policies.can_steer(a, i) and can_proceed(i.close),
        "Kết thúc vụ việc",
        None,
        True,
    ),
    "reopen": (
        lambda a, i: policies.can_steer(a, i) and can_proceed(i.reopen),
        "Mở lại vụ việc",
        "reason",
        True,
    ),
    "escalate": (
        lambda a, i: policies.can_steer(a, i) and can_proceed(i.escalate),
        "Báo cáo Ban cấp trên",
        "reason",
        True,
    ),
}


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    text_field: str | None
    destructive: bool


def incident_actions(actor: Actor, incident: Incident) -> list[Action]:
    """The case actions the actor may take now: templates and the API show exactly these."""
    return [
        Action(name, label, text_field, destructive)
        for name, (allowed, label, text_field, destructive) in ACTIONS.items()
        if allowed(actor, incident)
    ]


def incident_act(*, actor: Actor, incident: Incident, action: str, text: str = "") -> Incident:
    """Run one of `ACTIONS` by name (the page and the API post the name and an optional text)."""
    if action == "acknowledge":
        return incident_acknowledge(actor=actor, incident=incident)
    if action == "start_coordination":
        return incident_start_coordination(actor=actor, incident=incident)
    if action == "resolve":
        return incident_resolve(actor=actor, incident=incident, resolution=text)
    if action == "publicise_result":
        return incident_publicise_result(actor=actor, incident=incident, note=text)
    if action == "close":
        return incident_close(actor=actor, incident=incident)
    if action == "reopen":
        return incident_reopen(actor=actor, incident=incident, reason=text)
    if action == "escalate":
        return incident_escalate(actor=actor, incident=incident, reason=text)
    raise invalid("Thao tác không hợp lệ.", "action")


# --- working group and position log ------------------------------------------------------------


@transaction.atomic
def working_group_add_member(
    *, actor: Actor, incident: Incident, user: User, organisation: Organisation, role: str
) -> WorkingGroupMember:
    ensure(
        policies.can_manage_group(actor, incident),
        "Chỉ Ban và lãnh đạo cơ quan có thẩm quyền được lập tổ công tác.",
    )
    if role not in WorkingGroupMember.Role.values:
        raise invalid("Vai trò trong tổ không hợp lệ.", "role")
    if not Membership.objects.active().filter(user=user, organisation=organisation).exists():
        raise invalid(f"{user} không công tác tại «{organisation}».", "user")
    parent = selectors.case_tree_path(incident)
    if not organisation.path.startswith(parent):
        raise invalid(
            "Thành viên tổ công tác phải thuộc các cơ quan trong tỉnh của vụ việc.", "user"
        )
    if incident.members.filter(user=user, removed_at__isnull=True).exists():
        raise invalid(f"{user} đã là thành viên tổ công tác.", "user")
    member = WorkingGroupMember(
        incident=incident, user=user, organisation=organisation, role=role, added_by=actor.user
    )
    member.full_clean()
    member.save()
    record_event(
        actor=actor,
        target=incident,
        verb="working_group_member_added",
        detail={"user": user.pk, "organisation": organisation.pk, "role": role},
    )
    _tell(
        [user],
        incident,
        f"member:{member.pk}",
        f"Bạn được cử vào tổ công tác vụ việc «{_name(incident)}»",
    )
    return member


@transaction.atomic
def working_group_remove_member(*, actor: Actor, member: WorkingGroupMember) -> None:
    incident = member.incident
    ensure(policies.can_manage_group(actor, incident), "Không thể thay đổi tổ công tác.")
    if member.removed_at is not None:
        raise invalid("Người này đã rời tổ công tác.")
    member.removed_at = timezone.now()
    member.save(update_fields=["removed_at"])
    record_event(
        actor=actor,
        target=incident,
        verb="working_group_member_removed",
        detail={"user": member.user_id},
    )


def _acting_body(actor: Actor, incident: Incident, access: Access) -> Organisation:
    """The body on whose behalf the actor writes: their group seat, else their active role."""
    if access.is_member and actor.user is not None:
        seat = incident.members.filter(user=actor.user, removed_at__isnull=True).first()
        if seat is not None:
            return seat.organisation
    if actor.active is None:
        raise invalid("Tài khoản chưa có vai trò tại cơ quan nào.")
    return actor.active.organisation


@transaction.atomic
def position_log_append(*, actor: Actor, incident: Incident, text: str) -> PositionLog:
    """Add to the append-only position log (there is no edit or delete)."""
    access = selectors.access_for(actor, incident)
    ensure(
        policies.can_contribute(actor, incident, access),
        "Chỉ tổ công tác, Ban và cơ quan có thẩm quyền được ghi nhật ký khi vụ việc đang xử lý.",
    )
    entry = PositionLog(
        incident=incident,
        author=actor.user,
        organisation=_acting_body(actor, incident, access),
        text=_required(text, "Nhập nội dung nhật ký.", "text"),
    )
    entry.full_clean()
    entry.save()
    record_event(actor=actor, target=incident, verb="position_logged", detail={"entry": entry.pk})
    return entry


# --- situation reports --------------------------------------------------------------------------


@transaction.atomic
def situation_section_save(*, actor: Actor, incident: Incident, text: str) -> SituationSection:
    """Write (or rewrite) the actor's body's section of the situation report being assembled."""
    access = selectors.access_for(actor, incident)
    ensure(policies.can_contribute(actor, incident, access), "Không thể viết báo cáo tình hình.")
    text = _required(text, "Nhập nội dung phần báo cáo.", "text")
    _lock(incident)
    report = incident.situation_reports.filter(state=SituationReport.State.DRAFT).last()
    if report is None:
        number = incident.situation_reports.count() + 1
        report = SituationReport.objects.create(incident=incident, number=number)
    organisation = _acting_body(actor, incident, access)
    section = report.sections.filter(organisation=organisation).first() or SituationSection(
        report=report, organisation=organisation
    )
    section.author = actor.user
    section.text = text
    section.full_clean()
    section.save()
    record_event(
        actor=actor,
        target=incident,
        verb="situation_section_saved",
        detail={"report": report.number, "organisation": organisation.pk},
    )
    return section


@transaction.atomic
def situation_report_approve(*, actor: Actor, report: SituationReport) -> SituationReport:
    ensure(policies.can_approve_sitrep(actor, report), "Chỉ lãnh đạo Ban duyệt báo cáo tình hình.")
    if not report.sections.exists():
        raise invalid("Báo cáo tình hình chưa có phần nào của các cơ quan.")
    report.approve()
    report.approved_by = actor.user
    report.approved_at = timezone.now()
    report.save()
    record_event(
        actor=actor,
        target=report.incident,
        verb="situation_report_approved",
        detail={"report": report.number},
    )
    return report


@transaction.atomic
def situation_report_publish(*, actor: Actor, report: SituationReport) -> SituationReport:
    ensure(policies.can_publish_sitrep(actor, report), "Chỉ gửi được báo cáo tình hình đã duyệt.")
    report.publish()
    report.published_at = timezone.now()
    report.save()
    incident = report.incident
    record_event(
        actor=actor,
        target=incident,
        verb="situation_report_published",
        detail={"report": report.number},
    )
    _tell(
        _group_people(incident),
        incident,
        f"sitrep:{report.pk}",
        f"Báo cáo tình hình số {report.number} vụ việc «{_name(incident)}»",
    )
    return report


# --- orientation plan ---------------------------------------------------------------------------


@dataclass(frozen=True)
class OrientationData:
    handler: str
    message: str
    spokesperson: str
    channels: list[str]


@transaction.atomic
def orientation_plan_save(
    *, actor: Actor, incident: Incident, data: OrientationData
) -> OrientationPlan:
    """Save a new version of the orientation plan; both approvals start again."""
    access = selectors.access_for(actor, incident)
    ensure(
        policies.can_draft_orientation(actor, incident, access),
        "Chỉ Ban và cơ quan có thẩm quyền soạn phương án định hướng khi vụ việc đang xử lý.",
    )
    values = {
        "handler": _required(data.handler, "Nêu cơ quan, người chủ trì xử lý.", "handler"),
        "message": _required(data.message, "Nhập nội dung định hướng thông tin.", "message"),
        "spokesperson": _required(data.spokesperson, "Nêu người phát ngôn.", "spokesperson"),
        "channels": _channels(data.channels),
    }
    plan = OrientationPlan.objects.filter(incident=incident).first()
    if plan is None:
        plan = OrientationPlan(incident=incident, **values)
    else:
        if all(getattr(plan, k) == v for k, v in values.items()):
            raise invalid("Phương án không có gì thay đổi so với phiên bản hiện tại.")
        for name, value in values.items():
            setattr(plan, name, value)
        plan.version += 1
        plan.revise()
        plan.board_approved_by = plan.competent_approved_by = None
        plan.board_approved_at = plan.competent_approved_at = None
    plan.drafted_by = actor.user
    plan.full_clean()
    plan._history_user = actor.user
    plan.save()
    if incident.orientation_agreed_at is not None:
        incident.orientation_agreed_at = None
        incident.save(update_fields=["orientation_agreed_at"])
    record_event(
        actor=actor,
        target=incident,
        verb="orientation_plan_saved",
        detail={"version": plan.version},
    )
    return plan


@transaction.atomic
def orientation_plan_approve(*, actor: Actor, plan: OrientationPlan) -> OrientationPlan:
    """The board's leader and the competent body's leader each approve; both → agreed."""
    plan = OrientationPlan.objects.select_for_update().get(pk=plan.pk)
    incident = plan.incident
    if plan.state == OrientationPlan.State.APPROVED:
        raise invalid("Phương án đã được hai bên thống nhất.")
    now = timezone.now()
    if policies.can_approve_orientation_for_board(actor, plan):
        if plan.competent_approved_by_id == actor.user.pk:
            raise invalid("Hai bên phải do hai người khác nhau phê duyệt.")
        plan.board_approved_by, plan.board_approved_at, side = actor.user, now, "board"
    elif policies.can_approve_orientation_for_competent_body(actor, plan):
        if plan.board_approved_by_id == actor.user.pk:
            raise invalid("Hai bên phải do hai người khác nhau phê duyệt.")
        plan.competent_approved_by, plan.competent_approved_at, side = actor.user, now, "competent"
    else:
        ensure(
            False,
            "Chỉ lãnh đạo Ban và lãnh đạo cơ quan có thẩm quyền phê duyệt phương án "
            "(mỗi bên một lần).",
        )
    if plan.board_approved_by_id and plan.competent_approved_by_id:
        plan.approve()
    plan._history_user = actor.user
    plan.save()
    record_event(
        actor=actor,
        target=incident,
        verb="orientation_plan_approved",
        detail={"version": plan.version, "side": side},
    )
    if plan.state == OrientationPlan.State.APPROVED:
        _lock(incident)
        incident.orientation_agreed_at = now
        changes = None
        if incident.state == Incident.State.ASSESSED:  # the agreed plan starts the work
            incident.start_coordination()
            changes = {"state": [Incident.State.ASSESSED, incident.state]}
        incident.save()
        record_event(actor=actor, target=incident, verb="orientation_plan_agreed", changes=changes)
        _tell(
            _group_people(incident),
            incident,
            f"orientation:{plan.version}",
            f"Phương án định hướng vụ việc «{_name(incident)}» đã được thống nhất",
        )
    return plan


# --- press --------------------------------------------------------------------------------------


@transaction.atomic
def press_release_save(
    *,
    actor: Actor,
    incident: Incident,
    title: str,
    body: str,
    release: PressRelease | None = None,
) -> PressRelease:
    """A new press release, or a new version of one; the approvals start again."""
    access = selectors.access_for(actor, incident)
    title = _required(title, "Nhập tiêu đề thông cáo.", "title")
    body = _required(body, "Nhập nội dung thông cáo.", "body")
    if release is None:
        ensure(
            policies.can_draft_press(actor, incident, access), "Không thể soạn thông cáo báo chí."
        )
        release = PressRelease(incident=incident, title=title, body=body)
    else:
        ensure(
            policies.can_edit_press_release(actor, release, access),
            "Chỉ sửa được thông cáo chưa duyệt.",
        )
        if release.title == title and release.body == body:
            raise invalid("Thông cáo không có gì thay đổi so với phiên bản hiện tại.")
        release.title, release.body = title, body
        release.version += 1
        release.revise()
        release.board_approved_by = release.competent_approved_by = None
        release.board_approved_at = release.competent_approved_at = None
    release.version_author = actor.user
    release.full_clean()
    release._history_user = actor.user
    release.save()
    record_event(
        actor=actor,
        target=incident,
        verb="press_release_saved",
        detail={"release": release.pk, "version": release.version},
    )
    return release


@transaction.atomic
def press_release_submit(*, actor: Actor, release: PressRelease) -> PressRelease:
    release = PressRelease.objects.select_for_update().get(pk=release.pk)
    access = selectors.access_for(actor, release.incident)
    ensure(policies.can_edit_press_release(actor, release, access), "Không thể trình thông cáo.")
    if release.state != PressRelease.State.DRAFT:
        raise invalid("Thông cáo đã được trình.")
    release.submit()
    release._history_user = actor.user
    release.save()
    record_event(
        actor=actor,
        target=release.incident,
        verb="press_release_submitted",
        detail={"release": release.pk},
    )
    _tell(
        _board_people(release.incident.board_id, [Role.BOARD_LEADER]),
        release.incident,
        f"press:{release.pk}:v{release.version}:review",
        f"Thông cáo báo chí chờ duyệt: «{release.title[:150]}»",
    )
    return release


@transaction.atomic
def press_release_approve(*, actor: Actor, release: PressRelease) -> PressRelease:
    """The board's leader and the competent body's leader approve; never the version's author."""
    release = PressRelease.objects.select_for_update().get(pk=release.pk)
    if release.state != PressRelease.State.IN_REVIEW:
        raise invalid("Chỉ duyệt được thông cáo đang trình.")
    ensure(
        actor.user is None or release.version_author_id != actor.user.pk,
        "Người soạn phiên bản này không được tự phê duyệt thông cáo.",
    )
    now = timezone.now()
    if policies.can_approve_press_for_board(actor, release):
        release.board_approved_by, release.board_approved_at, side = actor.user, now, "board"
    elif policies.can_approve_press_for_competent_body(actor, release):
        release.competent_approved_by, release.competent_approved_at = actor.user, now
        side = "competent"
    else:
        ensure(
            False,
            "Chỉ lãnh đạo Ban và lãnh đạo cơ quan có thẩm quyền duyệt thông cáo (mỗi bên một lần).",
        )
    if release.board_approved_by_id and release.competent_approved_by_id:
        if release.board_approved_by_id == release.competent_approved_by_id:
            raise invalid("Hai bên phải do hai người khác nhau phê duyệt.")
        release.approve()
    release._history_user = actor.user
    release.save()
    record_event(
        actor=actor,
        target=release.incident,
        verb="press_release_approved",
        detail={"release": release.pk, "version": release.version, "side": side},
    )
    return release


@transaction.atomic
def press_release_publish(
    *, actor: Actor, release: PressRelease, where: str, when: datetime, link: str = ""
) -> PressRelease:
    release = PressRelease.objects.select_for_update().get(pk=release.pk)
    ensure(policies.can_publish_press(actor, release), "Chỉ công bố được thông cáo đã duyệt.")
    release.published_where = _required(where, "Nêu nơi công bố.", "where")
    if when is None:
        raise invalid("Nhập thời điểm công bố.", "when")
    if when > timezone.now() + FUTURE_TOLERANCE:
        raise invalid("Thời điểm công bố không thể ở tương lai.", "when")
    release.published_at = when
    release.link = _clean(link)
    release.publish()
    release.full_clean()
    release._history_user = actor.user
    release.save()
    record_event(
        actor=actor,
        target=release.incident,
        verb="press_release_published",
        detail={"release": release.pk},
    )
    return release


@dataclass(frozen=True)
class ConferenceData:
    held_at: datetime
    place: str
    spokesperson: User
    outlets: str
    co_hosts: list[Organisation]
    notes: str = ""


@transaction.atomic
def press_conference_record(
    *, actor: Actor, incident: Incident, data: ConferenceData
) -> PressConference:
    access = selectors.access_for(actor, incident)
    ensure(policies.can_record_conference(actor, incident, access), "Không thể ghi nhận họp báo.")
    hosts = list({o.pk: o for o in data.co_hosts}.values())
    if not hosts:
        raise invalid("Chọn ít nhất một cơ quan chủ trì họp báo.", "co_hosts")
    parent = selectors.case_tree_path(incident)
    if any(not host.path.startswith(parent) for host in hosts):
        raise invalid("Cơ quan chủ trì họp báo phải thuộc tỉnh của vụ việc.", "co_hosts")
    if not Membership.objects.active().filter(user=data.spokesperson).exists():
        raise invalid(
            "Người phát ngôn phải là cán bộ đang công tác tại một cơ quan.", "spokesperson"
        )
    if data.held_at is None:
        raise invalid("Nhập thời gian họp báo.", "held_at")
    conference = PressConference(
        incident=incident,
        held_at=data.held_at,
        place=_required(data.place, "Nhập địa điểm.", "place"),
        spokesperson=data.spokesperson,
        outlets=_required(data.outlets, "Nêu các cơ quan báo chí được mời.", "outlets"),
        notes=_clean(data.notes),
        recorded_by=actor.user,
    )
    conference.full_clean()
    conference.save()
    PressConferenceHost.objects.bulk_create(
        PressConferenceHost(conference=conference, organisation=host) for host in hosts
    )
    record_event(
        actor=actor,
        target=incident,
        verb="press_conference_recorded",
        detail={"conference": conference.pk},
    )
    return conference

"""Reporting a case, its assessment, escalation, merge, resolution, closing and reopening."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed

from phoihop.accounts.roles import Role
from phoihop.core.actor import Actor
from phoihop.core.audit import record_event
from phoihop.core.exceptions import ensure, invalid
from phoihop.organisations.models import AdminUnit, Organisation
from phoihop.programmes.services import current_regime

from .. import clocks, policies, selectors
from ..models import Channel, Incident
from ._shared import (
    FUTURE_TOLERANCE,
    _board_people,
    _channels,
    _clean,
    _group_people,
    _lock,
    _move,
    _name,
    _required,
    _search_text,
    _tell,
)


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
        by = incident.acknowledged_by
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

"""Helpers shared by the modules of this package."""

from __future__ import annotations

from datetime import timedelta

from django_fsm import can_proceed

from phoihop.accounts.models import Membership, User
from phoihop.core.actor import Actor
from phoihop.core.audit import record_event
from phoihop.core.exceptions import invalid
from phoihop.core.text import fold
from phoihop.notifications.models import Notification
from phoihop.notifications.services import notify
from phoihop.organisations.models import AdminUnit, Organisation

from .. import selectors
from ..models import Channel, Incident
from ..policies import Access

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


def _acting_body(actor: Actor, incident: Incident, access: Access) -> Organisation:
    """The body on whose behalf the actor writes: their group seat, else their active role."""
    if access.is_member and actor.user is not None:
        seat = incident.members.filter(user=actor.user, removed_at__isnull=True).first()
        if seat is not None:
            return seat.organisation
    if actor.active is None:
        raise invalid("Tài khoản chưa có vai trò tại cơ quan nào.")
    return actor.active.organisation

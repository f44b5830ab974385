"""Recording a concern as a topic and correcting it: what, where, which sector, from which
kinds of source, and the case or programme task it relates to. Nothing about who raised it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal, overload

from django.core.exceptions import ObjectDoesNotExist
from django.db import models, transaction

from phoihop.core.actor import Actor
from phoihop.core.audit import field_changes, record_event, snapshot
from phoihop.core.exceptions import ensure, invalid
from phoihop.core.text import fold
from phoihop.organisations.models import AdminUnit, Organisation

from .. import contacts, policies
from ..models import Category, Concern, ConcernSource, ConcernStep
from ..selectors import linkable
from .common import clean

if TYPE_CHECKING:
    from phoihop.incidents.models import Incident
    from phoihop.programmes.models import Task

COMMUNE_LEVEL = AdminUnit.Level.COMMUNE


@dataclass(frozen=True)
class ConcernData:
    title: str
    category: Category | None
    first_seen: date
    scale: str
    trend: str
    summary: str = ""
    # Ids, not objects: a forged or stale id reaches the service, which says why it fails.
    incident_id: int | None = None
    task_id: int | None = None


@dataclass(frozen=True)
class SourceData:
    kind: str
    url: str = ""
    seen_on: date | None = None


def search_text(concern: Concern, places: Iterable[AdminUnit]) -> str:
    names = " ".join(p.name for p in places)
    return fold(f"{concern.title} {concern.category.name} {names} {concern.summary[:2000]}")


def _check_places(places: list[AdminUnit]) -> list[AdminUnit]:
    unique = list({p.pk: p for p in places}.values())
    if not unique:
        raise invalid("Vấn đề phải có ít nhất một địa bàn cấp xã.", "places")
    if any(p.level != COMMUNE_LEVEL for p in unique):
        raise invalid("Địa bàn phải là xã, phường hoặc đặc khu.", "places")
    if len({p.parent_id for p in unique}) > 1:
        raise invalid("Các địa bàn của một vấn đề phải cùng một tỉnh, thành phố.", "places")
    return unique


@transaction.atomic
def concern_create(
    *,
    actor: Actor,
    board: Organisation,
    data: ConcernData,
    places: list[AdminUnit],
    sources: list[SourceData] | None = None,
    contact: str = "",
) -> Concern:
    """Record a concern as a topic: what, where, which sector, from which kinds of source.
    `contact`, only when the law requires a personal reply, is kept encrypted apart from the
    topic (`contacts`); the concern is not recorded if the contact is refused."""
    ensure(
        policies.can_capture(actor, board),
        "Chỉ lãnh đạo, chuyên viên Ban được ghi nhận vấn đề dư luận quan tâm.",
    )
    if data.category is None:
        raise invalid("Vui lòng chọn lĩnh vực của vấn đề.", "category")
    if not data.category.is_active:
        raise invalid("Lĩnh vực này không còn được sử dụng.", "category")
    places = _check_places(places)
    province_id = places[0].parent_id
    assert province_id is not None  # every commune lies in a province
    concern = Concern(
        board=board,
        owner=board,
        title=clean(data.title),
        summary=clean(data.summary),
        category=data.category,
        first_seen=data.first_seen,
        scale=data.scale,
        trend=data.trend,
        board_path=board.path,
        owner_path=board.path,
        province_id=province_id,
        commune=places[0],
        incident=linked(actor, "incident", data.incident_id),
        task=linked(actor, "task", data.task_id),
    )
    concern.search_text = search_text(concern, places)
    concern.full_clean()
    concern.save()
    concern.places.set(places)
    for source in sources or []:
        row = ConcernSource(
            concern=concern, kind=source.kind, url=clean(source.url), seen_on=source.seen_on
        )
        row.full_clean()
        row.save()
    ConcernStep.objects.create(
        concern=concern, action="capture", to_state=concern.state, owner=board
    )
    record_event(actor=actor, target=concern, verb="concern_captured")
    if contact.strip():
        contacts.contact_store(actor=actor, concern=concern, text=contact)
    return concern


LINKS = {
    "incident": "Không tìm thấy vụ việc đã chọn, hoặc bạn không được xem vụ việc đó.",
    "task": "Không tìm thấy nhiệm vụ đã chọn, hoặc bạn không được xem nhiệm vụ đó.",
}


@overload
def linked(actor: Actor, name: Literal["incident"], pk) -> Incident | None: ...
@overload
def linked(actor: Actor, name: Literal["task"], pk) -> Task | None: ...
@overload
def linked(actor: Actor, name: str, pk) -> models.Model | None: ...


def linked(actor: Actor, name: str, pk) -> models.Model | None:
    """The case or programme task `pk` if the actor may link to it (an unknown id, or one
    outside the actor's reach, is refused alike: nothing tells an outsider that it exists)."""
    if pk in (None, ""):
        return None
    try:
        return linkable(actor, name).get(pk=int(pk))
    except (ObjectDoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise invalid(LINKS[name], name) from exc


UPDATABLE = ["title", "summary", "scale", "trend", "first_seen"]


@transaction.atomic
def concern_update(
    *,
    actor: Actor,
    concern: Concern,
    places: list[AdminUnit] | None = None,
    **values,
) -> Concern:
    """Correct the record or follow how the topic evolves (scale, trend, places, the linked
    case or task: `incident_id` / `task_id`, None unlinks)."""
    ensure(
        policies.may(actor, concern, "edit") and concern.is_open,
        "Chỉ Ban ghi nhận được cập nhật vấn đề đang xử lý.",
    )
    fields = [*UPDATABLE, *LINKS]
    before = snapshot(concern, fields)
    for name, value in values.items():
        link = name.removesuffix("_id")
        if link in LINKS and name.endswith("_id"):
            setattr(concern, link, linked(actor, link, value))
        elif name in UPDATABLE:
            setattr(concern, name, clean(value) if isinstance(value, str) else value)
        else:
            raise invalid(f"Không sửa được trường {name}.")
    changes = field_changes(concern, before, fields)
    current = list(concern.places.all())
    if places is not None:
        places = _check_places(places)
        if places[0].parent_id != concern.province_id:
            raise invalid("Không thể chuyển vấn đề sang tỉnh, thành phố khác.", "places")
        if {p.pk for p in places} != {p.pk for p in current}:
            changes["places"] = [[p.name for p in current], [p.name for p in places]]
        concern.commune = places[0]
        current = places
    concern.search_text = search_text(concern, current)
    concern.full_clean()
    concern.save()
    if places is not None:
        concern.places.set(places)
    if changes:
        record_event(actor=actor, target=concern, verb="concern_updated", changes=changes)
    return concern

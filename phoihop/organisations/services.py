"""Every write to the organisation tree: create, update, merge, split, focal points."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from phoihop.accounts.models import Membership, User
from phoihop.core.actor import Actor
from phoihop.core.audit import field_changes, record_event, snapshot
from phoihop.core.exceptions import ensure, invalid
from phoihop.core.text import fold

from . import policies
from .models import AdminUnit, FocalPoint, Lineage, Organisation

EDITABLE_FIELDS = [
    "name",
    "short_name",
    "kind",
    "side",
    "admin_unit",
    "symbol",
    "parent_name",
    "valid_from",
    "valid_to",
]
# An instance loaded earlier may hold stale tree fields (children added, dissolved since):
# services read them again before deciding or saving anything.
TREE_FIELDS = ["path", "depth", "numchild", "valid_from", "valid_to"]


def _reload_tree_fields(*organisations: Organisation) -> None:
    for organisation in organisations:
        organisation.refresh_from_db(fields=TREE_FIELDS)


def organisation_search_text(organisation: Organisation) -> str:
    unit = organisation.admin_unit
    parts = [organisation.name, organisation.short_name, organisation.symbol]
    parts += [unit.name, unit.parent.name if unit.parent_id else ""] if unit else []
    return fold(" ".join(p for p in parts if p))[:500]


def _derive_place(organisation: Organisation) -> None:
    """Level and province follow from the seat; stored so lists group without joins."""
    unit = organisation.admin_unit
    if unit is None:
        organisation.level, organisation.province = Organisation.Level.CENTRAL, None
    elif unit.is_province:
        organisation.level, organisation.province = Organisation.Level.PROVINCE, unit
    else:
        organisation.level, organisation.province = Organisation.Level.COMMUNE, unit.parent
    organisation.search_text = organisation_search_text(organisation)


def _validate(organisation: Organisation) -> None:
    organisation.full_clean(exclude=["path", "depth", "numchild", "province", "search_text"])


@dataclass(frozen=True)
class OrganisationData:
    """What describes a body; shared by create, merge and split."""

    name: str
    kind: str
    side: str
    admin_unit: AdminUnit | None = None
    short_name: str = ""
    symbol: str = ""
    parent_name: str = ""
    valid_from: date | None = None
    place_name: str = ""

    def build(self) -> Organisation:
        return Organisation(
            name=self.name.strip(),
            kind=self.kind,
            side=self.side,
            admin_unit=self.admin_unit,
            short_name=self.short_name.strip(),
            symbol=self.symbol.strip(),
            parent_name=self.parent_name.strip(),
            valid_from=self.valid_from,
            place_name=self.place_name.strip(),
        )


def _add(parent: Organisation | None, organisation: Organisation) -> Organisation:
    _derive_place(organisation)
    _validate(organisation)
    if parent is None:
        return Organisation.objects.add_root(instance=organisation)
    return Organisation.objects.add_child(parent, instance=organisation)


@transaction.atomic
def organisation_create(
    *, actor: Actor, parent: Organisation | None, data: OrganisationData
) -> Organisation:
    """Add a body beneath `parent` (a new root only for someone who sees everything)."""
    if parent is None:
        ensure(actor.sees_everything, "Chỉ quản trị toàn hệ thống mới tạo được cơ quan gốc.")
    else:
        _reload_tree_fields(parent)
        ensure(policies.can_manage(actor, parent), "Bạn không có quyền thêm cơ quan tại đây.")
        if parent.valid_to is not None:
            raise invalid("Không thể thêm cơ quan vào một cơ quan đã giải thể.")
    organisation = _add(parent, data.build())
    record_event(actor=actor, target=organisation, verb="organisation_created")
    return organisation


@transaction.atomic
def organisation_update(*, actor: Actor, organisation: Organisation, **values) -> Organisation:
    _reload_tree_fields(organisation)
    ensure(policies.can_manage(actor, organisation), "Bạn không có quyền sửa cơ quan này.")
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise invalid(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    before = snapshot(organisation, EDITABLE_FIELDS)
    for name, value in values.items():
        setattr(organisation, name, value.strip() if isinstance(value, str) else value)
    _derive_place(organisation)
    _validate(organisation)
    organisation.save(update_fields=[*EDITABLE_FIELDS, "level", "province", "search_text"])
    changes = field_changes(organisation, before, EDITABLE_FIELDS)
    record_event(actor=actor, target=organisation, verb="organisation_updated", changes=changes)
    return organisation


def _dissolve(organisation: Organisation, effective: date) -> None:
    # Access follows the tree at once (members move to the successor), so a reorganisation is
    # recorded when it takes effect, not announced ahead of time.
    if effective > timezone.localdate():
        raise invalid(
            "Chỉ ghi nhận sắp xếp từ ngày có hiệu lực; ngày hiệu lực chưa đến.", "effective"
        )
    if organisation.valid_to is not None:
        raise invalid(f"«{organisation}» đã hết hiệu lực, không thể sáp nhập hay chia tách nữa.")
    if organisation.valid_from and organisation.valid_from >= effective:
        raise invalid(f"Ngày hiệu lực phải sau ngày thành lập của «{organisation}».")
    organisation.valid_to = effective - timedelta(days=1)
    organisation.save(update_fields=["valid_to"])


def _move_members(source: Organisation, target: Organisation) -> int:
    """Active members of a dissolved body continue in the body that carries its records."""
    moved = 0
    for membership in Membership.objects.active().filter(organisation=source):
        Membership.objects.get_or_create(
            user_id=membership.user_id,
            organisation=target,
            role=membership.role,
            defaults={"title": membership.title},
        )
        membership.is_active = False
        membership.save(update_fields=["is_active"])
        moved += 1
    return moved


@transaction.atomic
def organisation_merge(
    *,
    actor: Actor,
    predecessors: list[Organisation],
    into: OrganisationData,
    effective: date,
    basis: str = "",
) -> Organisation:
    """Merge several bodies into a new one from `effective`; history stays with the old ones."""
    if len({p.pk for p in predecessors}) < 2:
        raise invalid("Cần chọn ít nhất hai cơ quan để hợp nhất.", "predecessors")
    _reload_tree_fields(*predecessors)
    parents = {getattr(_parent(p), "pk", None) for p in predecessors}
    if len(parents) != 1:
        raise invalid("Chỉ hợp nhất các cơ quan cùng cấp, cùng cơ quan cấp trên.", "predecessors")
    for predecessor in predecessors:
        ensure(policies.can_manage(actor, predecessor), f"Bạn không có quyền với «{predecessor}».")
        _dissolve(predecessor, effective)
    parent = _parent(predecessors[0])
    successor = _add(parent, _with_start(into, effective))
    for predecessor in predecessors:
        _link(predecessor, successor, Lineage.Kind.MERGE, effective, basis, carries=True)
        _move_members(predecessor, successor)
    record_event(
        actor=actor,
        target=successor,
        verb="organisation_merged",
        detail={"predecessors": [p.pk for p in predecessors], "effective": effective.isoformat()},
    )
    for predecessor in predecessors:
        record_event(
            actor=actor,
            target=predecessor,
            verb="organisation_dissolved",
            detail={"successor": successor.pk, "kind": Lineage.Kind.MERGE},
        )
    return successor


@transaction.atomic
def organisation_split(
    *,
    actor: Actor,
    organisation: Organisation,
    parts: list[OrganisationData],
    effective: date,
    carrier: int = 0,
    basis: str = "",
) -> list[Organisation]:
    """Split one body into several from `effective`; part number `carrier` takes its records."""
    _reload_tree_fields(organisation)
    ensure(policies.can_manage(actor, organisation), "Bạn không có quyền chia tách cơ quan này.")
    if len(parts) < 2:
        raise invalid("Cần ít nhất hai cơ quan mới khi chia tách.", "parts")
    if not 0 <= carrier < len(parts):
        raise invalid("Cơ quan kế thừa hồ sơ không hợp lệ.", "carrier")
    _dissolve(organisation, effective)
    parent = _parent(organisation)
    successors = [_add(parent, _with_start(part, effective)) for part in parts]
    for index, successor in enumerate(successors):
        _link(organisation, successor, Lineage.Kind.SPLIT, effective, basis, index == carrier)
    _move_members(organisation, successors[carrier])
    record_event(
        actor=actor,
        target=organisation,
        verb="organisation_split",
        detail={"successors": [s.pk for s in successors], "effective": effective.isoformat()},
    )
    return successors


def _parent(organisation: Organisation) -> Organisation | None:
    return Organisation.objects.get_parent(organisation, update=True)


def _with_start(data: OrganisationData, effective: date) -> Organisation:
    organisation = data.build()
    organisation.valid_from = effective
    return organisation


def _link(
    predecessor: Organisation,
    successor: Organisation,
    kind: str,
    effective: date,
    basis: str,
    carries: bool,
) -> Lineage:
    link = Lineage(
        predecessor=predecessor,
        successor=successor,
        kind=kind,
        effective=effective,
        basis=basis.strip(),
        carries_records=carries,
    )
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def focal_point_set(
    *,
    actor: Actor,
    organisation: Organisation,
    leader: User,
    advisory_unit: str,
    contacts: list[User] | tuple[User, ...] = (),
) -> FocalPoint:
    """Name the body's focal points: its responsible leader, advisory unit and contacts."""
    ensure(
        policies.can_set_focal_point(actor, organisation),
        "Bạn không có quyền cử đầu mối cho cơ quan này.",
    )
    members = set(
        Membership.objects.active()
        .filter(organisation=organisation)
        .values_list("user_id", flat=True)
    )
    if leader.pk not in members:
        raise invalid("Lãnh đạo phụ trách phải là thành viên của cơ quan.", "leader")
    outsiders = [str(c) for c in contacts if c.pk not in members]
    if outsiders:
        raise invalid(f"Cán bộ đầu mối phải thuộc cơ quan: {', '.join(outsiders)}.", "contacts")
    focal_point, _ = FocalPoint.objects.get_or_create(
        organisation=organisation,
        defaults={"leader": leader, "advisory_unit": advisory_unit.strip()},
    )
    focal_point.leader = leader
    focal_point.advisory_unit = advisory_unit.strip()
    focal_point.full_clean()
    focal_point.save()
    focal_point.contacts.set(contacts)
    record_event(
        actor=actor,
        target=focal_point,
        verb="focal_point_set",
        detail={"leader": leader.pk, "contacts": sorted(c.pk for c in contacts)},
    )
    return focal_point

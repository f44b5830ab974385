"""Demo province: the new Quảng Ngãi (after the 1 July 2025 reform) and one body in Hà Nội.

Idempotent: every body is looked up by name under its parent before it is created, and the two
2025 department mergers run only once.
"""

from __future__ import annotations

from datetime import date

from phoihop.core.actor import Actor

from .models import AdminUnit, Organisation
from .services import OrganisationData, organisation_create, organisation_merge

Kind, Side = Organisation.Kind, Organisation.Side
SYSTEM = Actor(user=None, sees_everything=True)

QUANG_NGAI, HA_NOI = 51, 1
# Wards and communes formed from the former Đức Phổ town, plus a few others of the new province.
DEMO_COMMUNES = [
    "Phường Đức Phổ",
    "Phường Trà Câu",
    "Phường Sa Huỳnh",
    "Xã Nguyễn Nghiêm",
    "Xã Khánh Cường",
    "Phường Cẩm Thành",
    "Phường Kon Tum",
    "Đặc khu Lý Sơn",
]
DEPARTMENTS = [
    ("Văn phòng UBND tỉnh", "VP"),
    ("Sở Nội vụ", "SNV"),
    ("Sở Tài chính", "STC"),
    ("Sở Xây dựng", "SXD"),
    ("Sở Công Thương", "SCT"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("Sở Y tế", "SYT"),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"),
    ("Sở Tư pháp", "STP"),
    ("Sở Ngoại vụ", "SNgV"),
    ("Sở Dân tộc và Tôn giáo", "SDTTG"),
    ("Thanh tra tỉnh", "TTr"),
]
# (new department, symbol, [predecessors]) — the March 2025 mergers of provincial departments.
MERGERS = [
    (
        "Sở Nông nghiệp và Môi trường",
        "SNNMT",
        ["Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài nguyên và Môi trường"],
    ),
    (
        "Sở Khoa học và Công nghệ",
        "SKHCN",
        ["Sở Khoa học và Công nghệ (trước sắp xếp)", "Sở Thông tin và Truyền thông"],
    ),
]
MERGER_DATE = date(2025, 3, 1)


def _unit(level: str, code: int) -> AdminUnit:
    return AdminUnit.objects.get(level=level, code=code)


def _commune(name: str) -> AdminUnit:
    return AdminUnit.objects.get(level=AdminUnit.Level.COMMUNE, parent__code=QUANG_NGAI, name=name)


def ensure_body(parent: Organisation | None, name: str, kind: str, side: str, unit, **extra):
    """The body named `name` under `parent`, created through the service when missing."""
    existing = Organisation.objects.filter(name=name)
    existing = (
        existing.filter(depth=1)
        if parent is None
        else existing.filter(path__startswith=parent.path, depth=parent.depth + 1)
    )
    found = existing.first()
    if found:
        return found
    data = OrganisationData(name=name, kind=kind, side=side, admin_unit=unit, **extra)
    return organisation_create(actor=SYSTEM, parent=parent, data=data)


def seed() -> dict[str, Organisation]:
    """Create the demo tree; return the bodies the accounts seed needs, by key."""
    province = _unit(AdminUnit.Level.PROVINCE, QUANG_NGAI)
    capital = _unit(AdminUnit.Level.PROVINCE, HA_NOI)
    centre = ensure_body(
        None, "Ban Chấp hành Trung ương Đảng", Kind.PARTY_COMMITTEE, Side.PARTY, None
    )
    ensure_body(
        centre,
        "Ban Tuyên giáo và Dân vận Trung ương",
        Kind.BOARD,
        Side.PARTY,
        None,
        symbol="BTGDVTW",
        parent_name="BAN CHẤP HÀNH TRUNG ƯƠNG",
    )
    committee = ensure_body(
        centre,
        "Tỉnh ủy Quảng Ngãi",
        Kind.PARTY_COMMITTEE,
        Side.PARTY,
        province,
        short_name="Tỉnh ủy",
        symbol="TU",
        parent_name="ĐẢNG BỘ TỈNH QUẢNG NGÃI",
    )
    bodies = {"province_committee": committee}
    bodies["board"] = ensure_body(
        committee,
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ngãi",
        Kind.BOARD,
        Side.PARTY,
        province,
        short_name="Ban TG&DV Tỉnh ủy",
        symbol="BTGDVTU",
    )
    council = ensure_body(
        committee,
        "Thường trực HĐND tỉnh Quảng Ngãi",
        Kind.COUNCIL_STANDING,
        Side.STATE,
        province,
        short_name="Thường trực HĐND",
        symbol="HĐND",
        parent_name="HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NGÃI",
    )
    bodies["council"] = council
    for name in (
        "Ban Pháp chế HĐND tỉnh",
        "Ban Văn hóa - Xã hội HĐND tỉnh",
        "Ban Kinh tế - Ngân sách HĐND tỉnh",
    ):
        ensure_body(council, name, Kind.COUNCIL_COMMITTEE, Side.STATE, province, symbol="HĐND")
    peoples_committee = ensure_body(
        committee,
        "UBND tỉnh Quảng Ngãi",
        Kind.PEOPLES_COMMITTEE,
        Side.STATE,
        province,
        short_name="UBND tỉnh",
        symbol="UBND",
        parent_name="",
    )
    bodies["peoples_committee"] = peoples_committee
    for name, symbol in DEPARTMENTS:
        bodies[symbol] = ensure_body(
            peoples_committee,
            name,
            Kind.DEPARTMENT,
            Side.STATE,
            province,
            symbol=symbol,
            parent_name="UBND TỈNH QUẢNG NGÃI",
        )
    for name, symbol, predecessors in MERGERS:
        bodies[symbol] = _ensure_merger(peoples_committee, province, name, symbol, predecessors)
    for name, kind, symbol in (
        ("Tòa án nhân dân tỉnh Quảng Ngãi", Kind.COURT, "TA"),
        ("Viện kiểm sát nhân dân tỉnh Quảng Ngãi", Kind.PROCURACY, "VKS"),
        ("Ngân hàng Nhà nước chi nhánh tỉnh Quảng Ngãi", Kind.STATE_BANK, "NHNN"),
        ("Bảo hiểm xã hội tỉnh Quảng Ngãi", Kind.SOCIAL_INSURANCE, "BHXH"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Quảng Ngãi", Kind.FATHERLAND_FRONT, "MTTQ"),
    ):
        bodies[symbol] = ensure_body(committee, name, kind, side_of(kind), province, symbol=symbol)
    for commune_name in DEMO_COMMUNES:
        commune = _commune(commune_name)
        label = commune.get_kind_display()  # "Xã", "Phường", "Đặc khu"
        local = f"{label.lower()} {commune.name.removeprefix(label).strip()}"
        party = ensure_body(
            committee,
            f"Đảng ủy {local}",
            Kind.PARTY_COMMITTEE,
            Side.PARTY,
            commune,
            symbol="ĐU",
            parent_name="ĐẢNG BỘ TỈNH QUẢNG NGÃI",
        )
        bodies[f"ubnd:{commune_name}"] = ensure_body(
            party,
            f"UBND {local}",
            Kind.PEOPLES_COMMITTEE,
            Side.STATE,
            commune,
            symbol="UBND",
            parent_name="",
        )
    other = ensure_body(
        centre,
        "Thành ủy Hà Nội",
        Kind.PARTY_COMMITTEE,
        Side.PARTY,
        capital,
        symbol="TU",
        parent_name="ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
    )
    bodies["other_board"] = ensure_body(
        other,
        "Ban Tuyên giáo và Dân vận Thành ủy Hà Nội",
        Kind.BOARD,
        Side.PARTY,
        capital,
        symbol="BTGDVTU",
    )
    return bodies


def side_of(kind: str) -> str:
    return Side.PARTY if kind in {Kind.BOARD, Kind.PARTY_COMMITTEE} else Side.STATE


def _ensure_merger(parent, province, name, symbol, predecessor_names) -> Organisation:
    merged = Organisation.objects.filter(
        name=name, path__startswith=parent.path, valid_from=MERGER_DATE
    ).first()
    if merged:
        return merged
    predecessors = [
        ensure_body(
            parent,
            old,
            Kind.DEPARTMENT,
            Side.STATE,
            province,
            valid_from=date(2008, 4, 1),
            parent_name="UBND TỈNH QUẢNG NGÃI",
        )
        for old in predecessor_names
    ]
    into = OrganisationData(
        name=name,
        kind=Kind.DEPARTMENT,
        side=Side.STATE,
        admin_unit=province,
        symbol=symbol,
        parent_name="UBND TỈNH QUẢNG NGÃI",
    )
    return organisation_merge(
        actor=SYSTEM,
        predecessors=predecessors,
        into=into,
        effective=MERGER_DATE,
        basis="Nghị quyết của HĐND tỉnh về thành lập các sở (tháng 02/2025)",
    )

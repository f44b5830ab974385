"""The shared test world: a small tree and its actors (ARCHITECTURE.md, Tests).

A province (Quảng Ngãi) with its Party committee, board, council standing committee, people's
committee and one department; a commune (Phường Đức Phổ) with its Party committee and people's
committee; and an unrelated province (Hà Nội) with its own board, where the outsider works.
"""

from __future__ import annotations

from dataclasses import dataclass

from phoihop.accounts.models import Membership, User
from phoihop.accounts.roles import Role
from phoihop.accounts.selectors import build_actor
from phoihop.core.actor import Actor
from phoihop.core.text import fold
from phoihop.organisations.kind_titles import load_kind_titles
from phoihop.organisations.models import AdminUnit, KindTitle, Organisation
from phoihop.organisations.services import _derive_place
from phoihop.programmes.models import ContentItem, Regime
from phoihop.programmes.regimes import load_regimes

PASSWORD = "Mat-khau-thu-2025"
Kind, Side = Organisation.Kind, Organisation.Side


def admin_unit(code: int, name: str, kind: str, parent: AdminUnit | None = None) -> AdminUnit:
    level = AdminUnit.Level.PROVINCE if parent is None else AdminUnit.Level.COMMUNE
    unit, _ = AdminUnit.objects.get_or_create(
        level=level,
        code=code,
        defaults={
            "name": name,
            "kind": kind,
            "parent": parent,
            "codename": fold(name).replace(" ", "_"),
            "search_text": fold(name),
        },
    )
    return unit


def body(parent: Organisation | None, name: str, kind: str, side: str, unit, **extra):
    organisation = Organisation(name=name, kind=kind, side=side, admin_unit=unit, **extra)
    _derive_place(organisation)
    if parent is None:
        return Organisation.objects.add_root(instance=organisation)
    return Organisation.objects.add_child(parent, instance=organisation)


def person(username: str, organisation: Organisation, role: str, **extra) -> User:
    user = User.objects.create_user(
        username, email=f"{username}@phoihop.local", password=PASSWORD, full_name=username, **extra
    )
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@dataclass
class World:
    quang_ngai: AdminUnit
    duc_pho: AdminUnit
    ha_noi: AdminUnit
    centre: Organisation
    province_committee: Organisation
    board: Organisation
    council: Organisation
    peoples_committee: Organisation
    department: Organisation
    commune_committee: Organisation
    commune_peoples_committee: Organisation
    other_committee: Organisation
    other_board: Organisation
    board_leader: User
    board_officer: User
    agency_officer: User
    commune_officer: User
    outsider: User
    admin: User
    auditor: User

    def __post_init__(self) -> None:
        # Adding children changes a parent's tree fields in the database only: read them back.
        for name, value in vars(self).items():
            if isinstance(value, Organisation):
                setattr(self, name, Organisation.objects.get(pk=value.pk))

    def actor(self, user: User) -> Actor:
        return build_actor(user)


def build_world() -> World:
    # Reference data loaded by migrations is wiped by transactional tests' flush: reload it.
    load_regimes(Regime, ContentItem)
    load_kind_titles(KindTitle)
    quang_ngai = admin_unit(51, "Quảng Ngãi", AdminUnit.Kind.PROVINCE)
    duc_pho = admin_unit(21439, "Phường Đức Phổ", AdminUnit.Kind.WARD, quang_ngai)
    ha_noi = admin_unit(1, "Thành phố Hà Nội", AdminUnit.Kind.CITY)
    centre = body(None, "Ban Chấp hành Trung ương Đảng", Kind.PARTY_COMMITTEE, Side.PARTY, None)
    province_committee = body(
        centre, "Tỉnh ủy Quảng Ngãi", Kind.PARTY_COMMITTEE, Side.PARTY, quang_ngai
    )
    board = body(
        province_committee,
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ngãi",
        Kind.BOARD,
        Side.PARTY,
        quang_ngai,
        symbol="BTGDVTU",
    )
    council = body(
        province_committee,
        "Thường trực HĐND tỉnh Quảng Ngãi",
        Kind.COUNCIL_STANDING,
        Side.STATE,
        quang_ngai,
        symbol="HĐND",
    )
    peoples_committee = body(
        province_committee,
        "UBND tỉnh Quảng Ngãi",
        Kind.PEOPLES_COMMITTEE,
        Side.STATE,
        quang_ngai,
        symbol="UBND",
    )
    department = body(
        peoples_committee,
        "Sở Văn hóa, Thể thao và Du lịch",
        Kind.DEPARTMENT,
        Side.STATE,
        quang_ngai,
        symbol="SVHTTDL",
    )
    commune_committee = body(
        province_committee, "Đảng ủy phường Đức Phổ", Kind.PARTY_COMMITTEE, Side.PARTY, duc_pho
    )
    commune_peoples_committee = body(
        commune_committee, "UBND phường Đức Phổ", Kind.PEOPLES_COMMITTEE, Side.STATE, duc_pho
    )
    other_committee = body(centre, "Thành ủy Hà Nội", Kind.PARTY_COMMITTEE, Side.PARTY, ha_noi)
    other_board = body(
        other_committee, "Ban Tuyên giáo và Dân vận Thành ủy Hà Nội", Kind.BOARD, Side.PARTY, ha_noi
    )
    return World(
        quang_ngai=quang_ngai,
        duc_pho=duc_pho,
        ha_noi=ha_noi,
        centre=centre,
        province_committee=province_committee,
        board=board,
        council=council,
        peoples_committee=peoples_committee,
        department=department,
        commune_committee=commune_committee,
        commune_peoples_committee=commune_peoples_committee,
        other_committee=other_committee,
        other_board=other_board,
        board_leader=person("board_leader", board, Role.BOARD_LEADER),
        board_officer=person("board_officer", board, Role.BOARD_OFFICER),
        agency_officer=person("agency_officer", department, Role.AGENCY_OFFICER),
        commune_officer=person("commune_officer", commune_peoples_committee, Role.AGENCY_OFFICER),
        outsider=person("outsider", other_board, Role.BOARD_OFFICER),
        admin=person("admin", province_committee, Role.ADMIN),
        auditor=person("auditor", province_committee, Role.AUDITOR),
    )

"""Demo accounts, all sharing the password from PHOIHOP_DEMO_PASSWORD (idempotent)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from phoihop.organisations.models import Organisation

from .models import Membership, User
from .roles import Role


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    job_title: str
    memberships: tuple[tuple[str, str], ...]  # (body key from the organisation seed, role)
    superuser: bool = False


ACCOUNTS = [
    DemoAccount(
        "demo_board_leader",
        "Nguyễn Thị Hồng Vân",
        "Phó Trưởng ban Thường trực",
        (("board", Role.BOARD_LEADER),),
    ),
    DemoAccount(
        "demo_board_officer",
        "Trần Văn Đức",
        "Chuyên viên Phòng Tuyên truyền",
        (("board", Role.BOARD_OFFICER), ("board", Role.DUTY_OFFICER)),
    ),
    DemoAccount(
        "demo_duty_officer", "Lê Minh Tuấn", "Chuyên viên trực", (("board", Role.DUTY_OFFICER),)
    ),
    DemoAccount(
        "demo_council_officer",
        "Phạm Thị Lan",
        "Chuyên viên Văn phòng Đoàn ĐBQH và HĐND",
        (("council", Role.COUNCIL_OFFICER),),
    ),
    DemoAccount(
        "demo_committee_officer",
        "Võ Quốc Bảo",
        "Chuyên viên Văn phòng UBND tỉnh",
        (("peoples_committee", Role.COMMITTEE_OFFICER),),
    ),
    DemoAccount(
        "demo_agency_officer",
        "Đặng Thu Hà",
        "Chuyên viên Văn phòng Sở",
        (("SVHTTDL", Role.AGENCY_OFFICER),),
    ),
    DemoAccount(
        "demo_commune_officer",
        "Huỳnh Văn Phổ",
        "Công chức Văn hóa - Xã hội",
        (("ubnd:Phường Đức Phổ", Role.AGENCY_OFFICER),),
    ),
    DemoAccount("demo_clerk", "Bùi Thị Mai", "Văn thư", (("board", Role.CLERK),)),
    DemoAccount(
        "demo_auditor",
        "Ngô Thanh Sơn",
        "Cán bộ kiểm tra, bảo vệ dữ liệu cá nhân",
        (("province_committee", Role.AUDITOR),),
    ),
    DemoAccount(
        "demo_admin",
        "Quản trị hệ thống",
        "Quản trị viên",
        (("province_committee", Role.ADMIN),),
        superuser=True,
    ),
    DemoAccount(
        "demo_outsider",
        "Hoàng Anh Khoa",
        "Chuyên viên (Hà Nội)",
        (("other_board", Role.BOARD_OFFICER),),
    ),
    # Leaders named as focal points; they exist as officials but the demo does not sign in as them.
    DemoAccount(
        "lanhdao_svhttdl",
        "Trương Công Minh",
        "Phó Giám đốc Sở Văn hóa, Thể thao và Du lịch",
        (("SVHTTDL", Role.AGENCY_LEADER),),
    ),
    DemoAccount(
        "lanhdao_hdnd", "Đinh Thị Thu", "Phó Chủ tịch HĐND tỉnh", (("council", Role.AGENCY_LEADER),)
    ),
]
DEMO_USERNAMES = [a.username for a in ACCOUNTS if a.username.startswith("demo_")]


def seed(bodies: dict[str, Organisation]) -> list[User]:
    users = []
    for account in ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=account.username,
            defaults={
                "full_name": account.full_name,
                "job_title": account.job_title,
                "email": f"{account.username}@phoihop.local",
                "is_superuser": account.superuser,
                "is_staff": account.superuser,
            },
        )
        if created:
            if account.username.startswith("demo_"):
                user.set_password(settings.PHOIHOP_DEMO_PASSWORD)
            else:
                user.set_unusable_password()
            user.save(update_fields=["password"])
        for key, role in account.memberships:
            Membership.objects.get_or_create(user=user, organisation=bodies[key], role=role)
        users.append(user)
    return users

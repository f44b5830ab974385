from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from phoihop.accounts import demo as account_demo
from phoihop.accounts.models import User
from phoihop.core.actor import Actor
from phoihop.core.plugins import app_modules
from phoihop.organisations import demo as organisation_demo
from phoihop.organisations.models import AdminUnit, FocalPoint
from phoihop.organisations.services import focal_point_set


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: tỉnh Quảng Ngãi mới (sau 01/7/2025) và các tài khoản demo_*."

    @transaction.atomic
    def handle(self, *args, **options):
        if not AdminUnit.objects.exists():
            raise CommandError("Chưa có danh mục đơn vị hành chính: chạy load_admin_units trước.")
        bodies = organisation_demo.seed()
        account_demo.seed(bodies)
        self._focal_points(bodies)
        for module in app_modules("demo"):
            if module not in (organisation_demo, account_demo):  # the base, seeded above
                module.seed(bodies)
        self.stdout.write(self.style.SUCCESS("Dữ liệu mẫu đã sẵn sàng. Tài khoản demo:"))
        for username in account_demo.DEMO_USERNAMES:
            user = User.objects.get(username=username)
            roles = "; ".join(str(m) for m in user.memberships.select_related("organisation"))
            self.stdout.write(f"  {username:<24} {roles}")
        self.stdout.write(f"  Mật khẩu chung: {settings.PHOIHOP_DEMO_PASSWORD}")

    def _focal_points(self, bodies):
        system = Actor(user=None, sees_everything=True)
        for key, leader, contact, unit in (
            (
                "SVHTTDL",
                "lanhdao_svhttdl",
                "demo_agency_officer",
                "Phòng Quản lý văn hóa và gia đình",
            ),
            ("council", "lanhdao_hdnd", "demo_council_officer", "Văn phòng Đoàn ĐBQH và HĐND tỉnh"),
        ):
            if FocalPoint.objects.filter(organisation=bodies[key]).exists():
                continue
            focal_point_set(
                actor=system,
                organisation=bodies[key],
                leader=User.objects.get(username=leader),
                advisory_unit=unit,
                contacts=[User.objects.get(username=contact)],
            )

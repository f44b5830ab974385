from django.core.management.base import BaseCommand

from phoihop.organisations.admin_units import load_admin_units


class Command(BaseCommand):
    help = "Nạp 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu (vietnam-provinces 2025.10.1)."

    def handle(self, *args, **options):
        result = load_admin_units()
        self.stdout.write(
            f"Đơn vị hành chính: thêm mới {result.created}, cập nhật {result.updated}, "
            f"giữ nguyên {result.unchanged}."
        )

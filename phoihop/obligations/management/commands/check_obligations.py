from django.core.management.base import BaseCommand, CommandError

from phoihop.obligations.invariants import violations


class Command(BaseCommand):
    help = (
        "Kiểm tra các bất biến của việc cần làm: không việc nào còn mở khi hồ sơ đã xóa hoặc đã "
        "đóng, không việc nào còn mở ở cơ quan đã hết hiệu lực, hồ sơ đang mở đều có việc."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Trả mã lỗi khác 0 nếu có vi phạm."
        )

    def handle(self, *args, check=False, **options):
        found = [violation for violation in violations() if violation.count]
        for violation in found:
            self.stdout.write(f"{violation.label}: {violation.count}")
        total = sum(violation.count for violation in found)
        if check and total:
            raise CommandError(f"Có {total} vi phạm bất biến của việc cần làm.")
        self.stdout.write("Không có vi phạm." if not total else f"Tổng cộng {total} vi phạm.")

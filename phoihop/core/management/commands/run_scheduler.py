import time

from django.core.management.base import BaseCommand

from phoihop.core.periodic import run_due_jobs


class Command(BaseCommand):
    help = "Bộ lập lịch: đưa các công việc định kỳ vào hàng đợi (chạy hai bản cũng an toàn)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=int, default=30, help="Số giây giữa hai lần kiểm tra."
        )
        parser.add_argument("--once", action="store_true", help="Kiểm tra một lần rồi thoát.")

    def handle(self, *args, interval: int, once: bool, **options):
        while True:
            for name in run_due_jobs():
                self.stdout.write(f"Đã đưa vào hàng đợi: {name}")
            if once:
                return
            time.sleep(interval)

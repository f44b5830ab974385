from django.core.management.base import BaseCommand, CommandError

from phoihop.core.copied_columns import all_copies, repair, stale


class Command(BaseCommand):
    help = (
        "Kiểm tra và sửa các cột sao chép (đường dẫn cơ quan trên cây, tỉnh, xã) trên nhiệm vụ, "
        "công văn, vụ việc, vấn đề, báo cáo cho khớp với dữ liệu gốc."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Chỉ kiểm tra; trả mã lỗi khác 0 nếu có cột lệch.",
        )

    def handle(self, *args, check=False, **options):
        total = 0
        for copy in all_copies():
            count = stale(copy).count() if check else repair(copy)
            total += count
            if count:
                verb = "lệch" if check else "đã sửa"
                self.stdout.write(f"{copy.label}: {verb} {count} dòng")
        if check and total:
            raise CommandError(f"Có {total} giá trị sao chép lệch với dữ liệu gốc.")
        self.stdout.write(
            "Mọi cột sao chép đều khớp." if check or not total else f"Đã sửa {total} dòng."
        )

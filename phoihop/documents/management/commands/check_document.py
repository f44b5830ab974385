"""`manage.py check_document FILE.docx [--profile STATE_ND30|PARTY_HD36]`: the format check."""

from zipfile import BadZipFile

from django.core.management.base import BaseCommand, CommandError
from docx.opc.exceptions import PackageNotFoundError

from phoihop.documents.checks import check_document
from phoihop.documents.profiles import PROFILES


class Command(BaseCommand):
    help = (
        "Kiểm tra thể thức một văn bản DOCX theo Nghị định 30/2020/NĐ-CP hoặc Hướng dẫn 36-HD/VPTW."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE.docx")
        parser.add_argument(
            "--profile",
            choices=sorted(PROFILES),
            help="Thể thức áp dụng; mặc định đọc từ phần đầu văn bản.",
        )

    def handle(self, *args, files, profile, **options):
        failed = 0
        for name in files:
            try:
                problems = check_document(name, PROFILES.get(profile))
            except (OSError, BadZipFile, PackageNotFoundError, KeyError) as error:
                raise CommandError(f"Không đọc được {name} như một tệp DOCX: {error}") from error
            if not problems:
                self.stdout.write(f"{name}: đúng thể thức.")
                continue
            failed += 1
            self.stdout.write(f"{name}: {len(problems)} lỗi thể thức")
            for problem in problems:
                self.stdout.write(f"  - {problem}")
        if failed:
            raise CommandError(f"{failed}/{len(files)} văn bản sai thể thức.")

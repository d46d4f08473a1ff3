from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.catalog.exchange import ImportRefused, ImportReport, catalog_import_file


class Command(BaseCommand):
    help = "Nhập danh mục thủ tục từ tệp .json hoặc .xlsx (không nhập gì nếu có dòng lỗi)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Công bố phiên bản dự thảo mới nhất của mỗi thủ tục nếu đủ điều kiện.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = catalog_import_file(options["file"], publish=options["publish"])
        except ImportRefused as refusal:
            raise CommandError("Không nhập gì. Lỗi:\n" + "\n".join(refusal.messages)) from None
        write_report(self, report)


def write_report(command: BaseCommand, report: ImportReport) -> None:
    for message in report.messages:
        command.stdout.write(command.style.WARNING(message))
    command.stdout.write(
        command.style.SUCCESS(
            f"Tạo mới {report.created}, cập nhật {report.updated}, không đổi {report.unchanged}, "
            f"công bố {report.published} phiên bản."
        )
    )

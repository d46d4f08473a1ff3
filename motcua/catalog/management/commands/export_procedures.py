from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from motcua.catalog.exchange import catalog_export_file


class Command(BaseCommand):
    help = "Xuất toàn bộ danh mục thủ tục (mọi phiên bản) ra tệp .json hoặc .xlsx."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        count = catalog_export_file(options["file"])
        self.stdout.write(self.style.SUCCESS(f"Đã xuất {count} phiên bản thủ tục."))

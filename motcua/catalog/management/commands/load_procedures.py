from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.catalog.exchange import SEED, ImportRefused, catalog_import_file
from motcua.catalog.management.commands.import_procedures import write_report


class Command(BaseCommand):
    help = (
        "Nạp 39 thủ tục mẫu (fixtures/procedures.json) với quy trình nội bộ mặc định và công bố "
        "những thủ tục đủ điều kiện. Chạy lại không thay đổi gì."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = catalog_import_file(SEED, publish=True)
        except ImportRefused as refusal:
            raise CommandError("\n".join(refusal.messages)) from None
        write_report(self, report)

from typing import Any

from django.core.management.base import BaseCommand

from motcua.reports.rollups import update_rollups


class Command(BaseCommand):
    help = (
        "Cập nhật số liệu tổng hợp từ các diễn biến hồ sơ mới "
        "(chạy định kỳ, an toàn khi chạy song song)."
    )
    # Run every 30 seconds by a timer: the system checks (a third of a second of CPU each start)
    # run where the code changes instead — `manage.py migrate` at every install and upgrade.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--loop", action="store_true", help="Chạy đến khi hết diễn biến mới.")

    def handle(self, *args: Any, **options: Any) -> None:
        total = update_rollups()
        while options["loop"] and total and (more := update_rollups()):
            total += more
        self.stdout.write(f"Đã cập nhật {total} hồ sơ.")

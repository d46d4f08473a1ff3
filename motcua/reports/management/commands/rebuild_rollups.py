from typing import Any

from django.core.management.base import BaseCommand

from motcua.reports.rollups import rebuild_rollups


class Command(BaseCommand):
    help = "Tính lại toàn bộ số liệu tổng hợp từ nhật ký diễn biến hồ sơ."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Đã tính lại số liệu của {rebuild_rollups()} hồ sơ.")

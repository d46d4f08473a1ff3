from typing import Any

from django.core.management.base import BaseCommand

from motcua.reports.rollups import compact_rollups


class Command(BaseCommand):
    help = (
        "Xếp lại bảng số liệu tổng hợp theo kỳ (ngày, tháng) để báo cáo đọc nhanh "
        "(PostgreSQL; chạy hằng đêm)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if compact_rollups():
            self.stdout.write("Đã xếp lại bảng số liệu tổng hợp theo kỳ.")
        else:
            self.stdout.write("Không cần xếp lại: cơ sở dữ liệu không phải PostgreSQL.")

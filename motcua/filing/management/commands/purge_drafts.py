from typing import Any

from django.core.management.base import BaseCommand

from motcua.filing.services import purge_abandoned


class Command(BaseCommand):
    help = (
        "Xóa hồ sơ nháp nộp trực tuyến bỏ dở quá N ngày (cùng tệp đã tải lên) "
        "và mã xác thực đã hết hạn. Chạy hằng ngày."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--days", type=int, default=30, help="Số ngày không sửa (mặc định 30).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["days"] < 1:
            self.stderr.write("--days phải từ 1 trở lên.")
            raise SystemExit(2)
        drafts, codes = purge_abandoned(options["days"])
        self.stdout.write(f"Đã xóa {drafts} hồ sơ nháp bỏ dở và {codes} mã xác thực hết hạn.")

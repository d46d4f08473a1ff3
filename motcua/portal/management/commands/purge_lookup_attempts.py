from typing import Any

from django.core.management.base import BaseCommand

from motcua.portal.throttle import purge


class Command(BaseCommand):
    help = (
        "Xóa các lượt tra cứu sai đã quá thời gian tính giới hạn (dùng khi không cấu hình "
        "MOTCUA_CACHE_URL). Chạy hằng ngày."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Đã xóa {purge()} lượt tra cứu cũ.")

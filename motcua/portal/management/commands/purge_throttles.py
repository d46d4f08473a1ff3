from typing import Any

from django.core.management.base import BaseCommand

from motcua.accounts import login_throttle
from motcua.portal import throttle


class Command(BaseCommand):
    help = (
        "Xóa các lượt tra cứu sai và đăng nhập sai đã quá thời gian tính giới hạn (khi không "
        "cấu hình MOTCUA_CACHE_URL, chúng nằm trong cơ sở dữ liệu). Chạy hằng ngày."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        lookups, logins = throttle.purge(), login_throttle.purge()
        self.stdout.write(f"Đã xóa {lookups} lượt tra cứu sai và {logins} lượt đăng nhập sai cũ.")

"""Create the throwaway demo CA and a signing key per unit in <MOTCUA_DATA_DIR>/demo-signing."""

from typing import Any

from django.core.management.base import BaseCommand

from motcua.accounts.models import OrgUnit
from motcua.lib import demo_ca, signing


class Command(BaseCommand):
    help = "Tạo CA thử nghiệm (DEMO) và khóa ký số cho từng đơn vị, chỉ dùng khi phát triển."

    def handle(self, *args: Any, **options: Any) -> None:
        units = OrgUnit.objects.values_list("code", "name")
        written = demo_ca.write_demo(signing.demo_dir(), units, signing.DEMO_PASSWORD)
        self.stdout.write(f"Khóa ký số DEMO: {written} đơn vị mới trong {signing.demo_dir()}")

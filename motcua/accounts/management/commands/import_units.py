from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.accounts.services import units_import_province


class Command(BaseCommand):
    help = "Nạp một tỉnh và toàn bộ xã, phường, đặc khu (sau sắp xếp 2025) từ vietnam-provinces."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--province", required=True, help="Mã tỉnh, ví dụ 86 (Vĩnh Long)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = units_import_province(province_code=options["province"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Đã nạp: {result.created} đơn vị mới, {result.updated} cập nhật, "
            f"{result.unchanged} không đổi."
        )

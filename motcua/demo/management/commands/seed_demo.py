from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from motcua.accounts.models import OrgUnit
from motcua.demo.services import DEMO_PROVINCE, demo_seed


class Command(BaseCommand):
    help = "Tạo dữ liệu trình diễn: một tỉnh thật, các xã, cán bộ mọi vai trò, danh mục thủ tục."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--province",
            default=settings.MOTCUA_PROVINCE_CODE or DEMO_PROVINCE,
            help="Mã tỉnh (mặc định 86, Vĩnh Long)",
        )
        parser.add_argument(
            "--history",
            action="store_true",
            help="Thêm một năm hồ sơ, đánh giá và phản ánh của vài xã (một lần; `make run`).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = demo_seed(province_code=options["province"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(result.summary))
        if settings.MOTCUA_SIGNING_DEMO:  # demo CA, unit keys and bank accounts (payments)
            call_command("demo_payments", stdout=self.stdout)
        self.stdout.write(f"Tài khoản trình diễn (mật khẩu chung: {result.password}):")
        width = max(len(login.username) for login in result.logins)
        for login in result.logins:
            self.stdout.write(f"  {login.username:<{width}}  {login.role} — {login.unit}")
        if options["history"]:
            from motcua.demo.generate import bar
            from motcua.demo.history import demo_seed_history

            province = OrgUnit.objects.get(code=options["province"])
            self.stdout.write(demo_seed_history(province=province, progress=bar))

"""Load the records the GovStack Registration BB conformance suite expects (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.accounts.models import OrgUnit
from motcua.accounts.services import centre_code
from motcua.api import govstack_fixture


class Command(BaseCommand):
    help = (
        "(Re)create the GovStack suite's services, eForms, application files and tasks in a "
        "receiving unit; run before every suite run (make govstack-suite)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--unit",
            help="receiving unit code (default: the first service centre that receives procedures)",
        )
        parser.add_argument("--client", default=govstack_fixture.SUITE_CLIENT)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["unit"]:
            unit = OrgUnit.objects.filter(code=options["unit"]).first()
        else:  # the first service centre that receives procedures (a demo commune's)
            unit = (
                OrgUnit.objects.filter(code__endswith=centre_code(""), offerings__isnull=False)
                .order_by("code")
                .first()
            )
        if unit is None:
            raise CommandError("Không tìm thấy đơn vị tiếp nhận (chạy seed_demo trước?).")
        try:
            user = govstack_fixture.load(unit, client=options["client"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"GovStack: dữ liệu thử nạp tại {unit.name}. Đặt "
            f"MOTCUA_GOVSTACK_CLIENTS={options['client']}={user.username}"
        )

"""Send queued dossier and PAKN changes to the national portal (run every minute)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from motcua.api.dvcqg import sync


class Command(BaseCommand):
    help = "Đồng bộ hồ sơ và phản ánh, kiến nghị lên Cổng Dịch vụ công quốc gia (DVCQG)."
    # Run every minute by a timer: the system checks (a third of a second of CPU each start)
    # run where the code changes instead — `manage.py migrate` at every install and upgrade.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=100, help="rows claimed at a time")

    def handle(self, *args: Any, **options: Any) -> None:
        sent, failed = sync(options["batch"])
        self.stdout.write(f"sent {sent}, failed {failed}")

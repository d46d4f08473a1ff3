"""Send queued e-mails and SMS; safe to run as several processes at once."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from motcua.dossiers.notifications import send_pending


class Command(BaseCommand):
    help = "Gửi thư điện tử và tin nhắn đang chờ trong hàng đợi (outbox)."
    # Run every minute by a timer: the system checks (a third of a second of CPU each start)
    # run where the code changes instead — `manage.py migrate` at every install and upgrade.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=100, help="rows claimed at a time")

    def handle(self, *args: Any, **options: Any) -> None:
        sent, failed = send_pending(options["batch"])
        self.stdout.write(f"sent {sent}, failed {failed}")

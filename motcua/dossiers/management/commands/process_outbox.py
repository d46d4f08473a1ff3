"""Send queued e-mails and SMS; safe to run as several processes at once."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from motcua.dossiers.notifications import claim, deliver, sms_backend


class Command(BaseCommand):
    help = "Gửi thư điện tử và tin nhắn đang chờ trong hàng đợi (outbox)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=100, help="rows claimed at a time")

    def handle(self, *args: Any, **options: Any) -> None:
        sms, sent, failed = sms_backend(), 0, 0
        while batch := claim(options["batch"]):
            for message in batch:
                if deliver(message, sms):
                    sent += 1
                else:
                    failed += 1
        self.stdout.write(f"sent {sent}, failed {failed}")

from typing import Any

from django.core.management.base import BaseCommand

from motcua.feedback.reminders import send_pakn_reminders


class Command(BaseCommand):
    help = "Queue warnings for PAKN due within one working day or overdue (run every hour)."

    def handle(self, *args: Any, **options: Any) -> None:
        queued = send_pakn_reminders()
        self.stdout.write(f"{queued} nhắc hạn phản ánh, kiến nghị đã được đưa vào hàng đợi.")

"""Queue reminders of dossiers due within one working day and overdue (once a day each)."""

from typing import Any

from django.core.management.base import BaseCommand

from motcua.dossiers.reminders import send_deadline_reminders


class Command(BaseCommand):
    help = "Nhắc hồ sơ sắp đến hạn (trong một ngày làm việc) và quá hạn; mỗi hồ sơ một lần/ngày."

    def handle(self, *args: Any, **options: Any) -> None:
        queued = send_deadline_reminders()
        self.stdout.write(f"queued {queued} reminders")

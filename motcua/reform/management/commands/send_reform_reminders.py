from typing import Any

from django.core.management.base import BaseCommand

from motcua.reform.reminders import send_reform_reminders


class Command(BaseCommand):
    help = (
        "Queue reminders for overdue CCHC plan tasks, inspection findings and meeting "
        "assignments (run once a day; safe to run as several processes)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        queued = send_reform_reminders()
        self.stdout.write(
            f"{queued} nhắc việc cải cách hành chính quá hạn đã được đưa vào hàng đợi."
        )

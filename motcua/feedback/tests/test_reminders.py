from typing import Any

from django.core.management import call_command

from motcua.dossiers.models import OutboxMessage
from motcua.feedback.reminders import send_pakn_reminders
from motcua.feedback.tests.conftest import World, at, make_pakn


def test_warnings_start_one_working_day_before_the_deadline_once_a_day(
    world: World, clock: Any
) -> None:
    world.head.email = "truongphong@example.vn"
    world.head.save()
    pakn = make_pakn(world)  # answer due Monday 23 March 09:00
    assert send_pakn_reminders() == 0
    clock.set(at(2026, 3, 20, 16, 0))  # Friday afternoon: due within one working day
    assert send_pakn_reminders() == 1
    assert send_pakn_reminders() == 0  # once per day
    message = OutboxMessage.objects.get(recipient="truongphong@example.vn")
    assert pakn.code in message.subject and "sắp đến hạn" in message.subject
    clock.set(at(2026, 3, 24, 8, 0))
    call_command("send_pakn_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert OutboxMessage.objects.filter(subject__contains="đã quá hạn").count() == 1

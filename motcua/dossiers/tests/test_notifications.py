"""Outbox rows written with the action; process_outbox and send_deadline_reminders."""

from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command

from motcua.dossiers import workflow
from motcua.dossiers.models import OutboxChannel, OutboxMessage
from motcua.dossiers.tests.conftest import Clock, World, at
from motcua.dossiers.tests.factories import received


def test_receipt_queues_an_email_and_an_sms_with_the_appointment(world: World) -> None:
    d = received(world)
    rows = list(OutboxMessage.objects.filter(dossier=d).order_by("channel"))
    assert [(r.channel, r.recipient) for r in rows] == [
        (OutboxChannel.EMAIL, "an@example.vn"),
        (OutboxChannel.SMS, "0912345678"),
    ]
    assert "09:00 ngày 05/03/2026" in rows[0].body and rows[0].sent_at is None


@pytest.mark.parametrize(
    ("action", "words"),
    [
        (lambda d, w: workflow.refuse(dossier=d, actor=w.receiver, reasons=["Sai mẫu"]), "Sai mẫu"),
        (
            lambda d, w: workflow.request_supplement(
                dossier=d, actor=w.receiver, missing=["Bản sao giấy khai sinh"]
            ),
            "1. Bản sao giấy khai sinh",
        ),
    ],
)
def test_actions_concerning_the_applicant_queue_a_message(
    world: World, action: object, words: str
) -> None:
    d = received(world)
    action(d, world)  # type: ignore[operator]
    assert OutboxMessage.objects.filter(dossier=d, body__contains=words).count() == 2


def test_a_refused_action_queues_nothing(world: World) -> None:
    d = received(world)
    count = OutboxMessage.objects.count()
    with pytest.raises(workflow.WorkflowError):
        workflow.refuse(dossier=d, actor=world.handler, reasons=["x"])
    assert OutboxMessage.objects.count() == count


def test_process_outbox_sends_each_message_once(
    world: World, settings: object, tmp_path: Path
) -> None:
    settings.MOTCUA_SMS_BACKEND = "file"  # type: ignore[attr-defined]
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    received(world)
    call_command("process_outbox")
    call_command("process_outbox")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["an@example.vn"]
    assert (tmp_path / "sms.log").read_text(encoding="utf-8").count("0912345678") == 1
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()
    assert set(OutboxMessage.objects.values_list("body", flat=True)) == {""}
    assert "hẹn trả kết quả" in mail.outbox[0].body.lower()


def test_a_failed_message_is_kept_for_a_later_attempt(world: World, settings: object) -> None:
    settings.EMAIL_BACKEND = "motcua.dossiers.tests.test_notifications.BrokenBackend"  # type: ignore[attr-defined]
    settings.MOTCUA_SMS_BACKEND = "console"  # type: ignore[attr-defined]
    received(world)
    call_command("process_outbox")
    email = OutboxMessage.objects.get(channel=OutboxChannel.EMAIL)
    assert email.sent_at is None and email.attempts == 1 and email.last_error == "OSError"
    assert email.claimed_at is not None  # retried only after the claim's lease runs out


class BrokenBackend:
    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def send_messages(self, messages: object) -> int:
        raise OSError("smtp down")


def _reminders() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(key__startswith="reminder:"))


def test_reminders_warn_of_dossiers_due_within_a_working_day_once_a_day(
    world: World, clock: Clock
) -> None:
    world.handler.email = "xuly@example.vn"
    world.handler.save()
    d = workflow.forward(dossier=received(world), actor=world.receiver)
    workflow.assign(dossier=d, actor=world.head, assignee=world.handler)
    call_command("send_deadline_reminders")
    assert _reminders() == []  # due Thursday 09:00, three working days away
    clock.set(at(2026, 3, 4, 9, 30))
    call_command("send_deadline_reminders")
    call_command("send_deadline_reminders")
    (reminder,) = _reminders()
    assert reminder.recipient == "xuly@example.vn" and "sắp đến hạn" in reminder.subject
    clock.set(at(2026, 3, 6, 8, 0))
    call_command("send_deadline_reminders")
    assert ["quá hạn" in r.subject for r in _reminders()] == [False, True]


def test_paused_and_finished_dossiers_get_no_reminder(world: World, clock: Clock) -> None:
    world.head.email = "lanhdao@example.vn"
    world.head.save()
    d = workflow.forward(dossier=received(world), actor=world.receiver)
    workflow.request_supplement(dossier=d, actor=world.head, missing=["A"])
    clock.set(at(2026, 3, 10, 9, 0))
    call_command("send_deadline_reminders")
    assert _reminders() == []


def test_without_an_assignee_the_head_is_reminded(world: World, clock: Clock) -> None:
    world.head.email = "lanhdao@example.vn"
    world.head.save()
    workflow.forward(dossier=received(world), actor=world.receiver)
    clock.set(at(2026, 3, 10, 9, 0))
    call_command("send_deadline_reminders")
    assert [r.recipient for r in _reminders()] == ["lanhdao@example.vn"]

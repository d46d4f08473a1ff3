"""Deadline warnings for PAKN: one e-mail per PAKN per day to the handling unit's heads and
handlers, from one working day before the governing deadline (answer, then publication)."""

import datetime as dt
import hashlib

from django.utils import timezone

from motcua.accounts.models import Membership, Role
from motcua.dossiers.models import OutboxChannel, OutboxMessage
from motcua.dossiers.notifications import local, queue_once
from motcua.feedback.models import Pakn
from motcua.feedback.selectors import due_soon_or_overdue
from motcua.workdays.timecalc import ZONE

RECIPIENT_ROLES = (Role.HEAD, Role.HANDLER)


def _recipients(pakn: Pakn) -> list[str]:
    members = Membership.objects.filter(unit=pakn.unit, role__in=RECIPIENT_ROLES, active=True)
    return sorted(set(members.exclude(user__email="").values_list("user__email", flat=True)))


def _short(email: str) -> str:
    # Outbox keys are short and must not carry the address itself.
    return hashlib.sha256(email.encode()).hexdigest()[:16]


def send_pakn_reminders(now: dt.datetime | None = None) -> int:
    """Queue the day's warnings; safe to run often and in parallel (unique outbox keys)."""
    now = now or timezone.now()
    today = now.astimezone(ZONE).date().isoformat()
    queued = 0
    for pakn in due_soon_or_overdue(now):
        assert pakn.due_at is not None
        state = "đã quá hạn" if pakn.due_at < now else "sắp đến hạn"
        for email in _recipients(pakn):
            queued += queue_once(
                OutboxMessage(
                    channel=OutboxChannel.EMAIL,
                    recipient=email,
                    subject=f"Phản ánh, kiến nghị {pakn.code} {state}",
                    body=f"Phản ánh, kiến nghị {pakn.code} ({pakn.get_status_display()}) "
                    f"{state}: hạn {local(pakn.due_at)}.",
                    key=f"pakn-reminder:{pakn.pk}:{_short(email)}:{today}",
                    created_at=now,
                )
            )
    return queued

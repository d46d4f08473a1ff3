"""Deadline reminders to staff: dossiers due within one working day, and overdue ones."""

import datetime as dt
from collections.abc import Iterator

from django.utils import timezone

from motcua.accounts.models import Membership, OrgUnit, Role, User
from motcua.dossiers.clock import ONE_WORKING_DAY, calendar_of
from motcua.dossiers.models import Dossier, DossierStatus, OutboxChannel, OutboxMessage
from motcua.dossiers.notifications import local, queue_once
from motcua.workdays.timecalc import ZONE, add_working_time

# The clock does not run while paused, and finished dossiers have nothing left to be late for.
RUNNING = (
    DossierStatus.RECEIVED,
    DossierStatus.FORWARDED,
    DossierStatus.IN_PROCESS,
    DossierStatus.APPROVED,
)
# No single working day spans more than this (Tết with its weekends is the longest gap).
LONGEST_GAP = dt.timedelta(days=14)


def candidates(now: dt.datetime) -> Iterator[Dossier]:
    rows = Dossier.objects.filter(status__in=RUNNING, due_at__lte=now + LONGEST_GAP)
    yield from rows.select_related("receiving_unit", "current_unit", "assignee").iterator()


def is_due_soon(dossier: Dossier, now: dt.datetime) -> bool:
    assert dossier.due_at is not None
    cal = calendar_of(dossier.receiving_unit)
    return dossier.due_at <= add_working_time(now, ONE_WORKING_DAY, cal)


def recipient(dossier: Dossier) -> User | None:
    """The officer holding the dossier, else a head of the unit holding it."""
    if dossier.assignee and dossier.assignee.email:
        return dossier.assignee
    return _head_of(dossier.current_unit)


def _head_of(unit: OrgUnit) -> User | None:
    member = (
        Membership.objects.filter(unit=unit, role=Role.HEAD, active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return member.user if member else None


def send_deadline_reminders(now: dt.datetime | None = None) -> int:
    """Queue one reminder per dossier per (Vietnamese) day; returns how many were queued."""
    now = now or timezone.now()
    today = now.astimezone(ZONE).date()
    queued = 0
    for dossier in candidates(now):
        to = recipient(dossier) if is_due_soon(dossier, now) else None
        if to is not None:
            queued += queue_once(_reminder(dossier, to, now, today))
    return queued


def _reminder(dossier: Dossier, to: User, now: dt.datetime, today: dt.date) -> OutboxMessage:
    assert dossier.due_at is not None
    late = dossier.due_at < now
    state = "đã quá hạn" if late else "sắp đến hạn"
    return OutboxMessage(
        channel=OutboxChannel.EMAIL,
        recipient=to.email,
        subject=f"Hồ sơ {dossier.code} {state}",
        body=f"Hồ sơ {dossier.code} {state}: hẹn trả {local(dossier.due_at)}.",
        dossier=dossier,
        key=f"reminder:{dossier.pk}:{today.isoformat()}",
        created_at=now,
    )

"""Daily reminders of overdue plan tasks, inspection findings and meeting assignments: one
e-mail per item per recipient per day, to whoever must act (the lead, the inspected unit's
heads, the assignee) and to whoever confirms (the unit's head, the inspection team's unit).

Items are claimed in batches with `SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL, so several
processes share the work; the outbox key makes every message idempotent everywhere.
"""

import datetime as dt
import hashlib

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from motcua.dossiers.models import OutboxChannel, OutboxMessage
from motcua.dossiers.notifications import queue_once
from motcua.reform.models import Finding, MeetingQuestion, PlanTask
from motcua.reform.models.tracking import OPEN_STATUSES
from motcua.reform.workflow import Item, confirmer_emails, doer_emails, title_of
from motcua.workdays.timecalc import ZONE

BATCH = 100
RELATED = {
    PlanTask: ("plan__unit", "lead_officer"),
    Finding: ("inspection__inspected_unit", "inspection__inspecting_unit"),
    MeetingQuestion: ("meeting__unit", "assignee_unit"),
}


def _claim(model: type[Item], today: dt.date) -> list[Item]:
    """Up to BATCH overdue items not yet reminded today, marked as reminded."""
    with transaction.atomic():
        rows = (
            model.objects.filter(status__in=OPEN_STATUSES, due_on__lt=today)  # type: ignore[attr-defined]
            .filter(Q(reminded_on__isnull=True) | Q(reminded_on__lt=today))
            .select_related(*RELATED[model])
            .order_by("pk")
        )
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True, of=("self",))
        claimed: list[Item] = list(rows[:BATCH])
        model.objects.filter(pk__in=[r.pk for r in claimed]).update(reminded_on=today)  # type: ignore[attr-defined]
    return claimed


def _short(email: str) -> str:
    return hashlib.sha256(email.encode()).hexdigest()[:16]  # keys never carry the address


def _remind(item: Item, today: dt.date, now: dt.datetime) -> int:
    kind = type(item).__name__.lower()
    recipients = sorted(set(doer_emails(item)) | set(confirmer_emails(item)))
    days = (today - item.due_on).days
    queued = 0
    for email in recipients:
        queued += queue_once(
            OutboxMessage(
                channel=OutboxChannel.EMAIL,
                recipient=email,
                subject=f"{title_of(item)} đã quá hạn {days} ngày"[:255],
                body=f"{title_of(item)} ({item.get_status_display()}) quá hạn từ "
                f"{item.due_on:%d/%m/%Y}. Vui lòng cập nhật tiến độ hoặc báo cáo hoàn thành.",
                key=f"reform-reminder:{kind}:{item.pk}:{_short(email)}:{today.isoformat()}",
                created_at=now,
            )
        )
    return queued


def send_reform_reminders(now: dt.datetime | None = None) -> int:
    """Queue the day's reminders; returns how many messages were queued."""
    now = now or timezone.now()
    today = now.astimezone(ZONE).date()
    queued = 0
    for model in (PlanTask, Finding, MeetingQuestion):
        while claimed := _claim(model, today):
            queued += sum(_remind(item, today, now) for item in claimed)
    return queued

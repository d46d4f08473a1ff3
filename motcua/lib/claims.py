"""Claiming queued rows for one worker (the outbox, the DVCQG queue), several workers at once.

A queue table has `claimed_at`, `sent_at` and `attempts`. On PostgreSQL rows locked by another
worker are skipped (`SKIP LOCKED`); everywhere the claim itself is a conditional UPDATE, so a
row another worker claimed in the meantime is simply not ours. A claim lapses after `lease`.
"""

import datetime as dt
from typing import Any, TypeVar

from django.db import connection, transaction
from django.db.models import F, Model, Q
from django.utils import timezone

Row = TypeVar("Row", bound=Model)


def claim_rows(
    model: type[Row], *, batch: int, lease: dt.timedelta, ready: Q | None = None
) -> list[Row]:
    """Claim up to `batch` unsent rows of `model` that match `ready`, oldest first."""
    now = timezone.now()
    claimable = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - lease)
    manager: Any = model._default_manager
    with transaction.atomic():
        rows = manager.filter(claimable, ready or Q(), sent_at__isnull=True).order_by("pk")
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        ids = list(rows.values_list("pk", flat=True)[:batch])
        mine = [
            pk
            for pk in ids
            if manager.filter(claimable, pk=pk, sent_at__isnull=True).update(
                claimed_at=now, attempts=F("attempts") + 1
            )
        ]
    return list(manager.filter(pk__in=mine).order_by("pk"))

"""Writes to the calendar tables."""

from dataclasses import dataclass

from django.db import transaction

from motcua.accounts.models import OrgUnit
from motcua.workdays.models import CalendarOverride
from motcua.workdays.overrides_file import OverrideRow


@dataclass(frozen=True)
class ImportCounts:
    created: int
    updated: int
    unchanged: int


@transaction.atomic
def calendar_overrides_import(*, province: OrgUnit | None, rows: list[OverrideRow]) -> ImportCounts:
    """Create or update one override per row; rows already as given are left untouched.

    Untouched rows keep their `updated_at`, so importing the same file twice neither changes
    the table nor makes every worker rebuild its calendars.
    """
    existing = {
        row.date: row
        for row in CalendarOverride.objects.select_for_update().filter(
            province=province, date__in=[row.date for row in rows]
        )
    }
    created = updated = 0
    for row in rows:
        current = existing.get(row.date)
        if current is None:
            CalendarOverride.objects.create(province=province, **_fields(row))
            created += 1
        elif any(getattr(current, name) != value for name, value in _fields(row).items()):
            for name, value in _fields(row).items():
                setattr(current, name, value)
            current.save()
            updated += 1
    return ImportCounts(created, updated, len(rows) - created - updated)


def _fields(row: OverrideRow) -> dict[str, object]:
    return {
        "date": row.date,
        "kind": row.kind.value,
        "reason": row.reason,
        "legal_reference": row.legal_reference,
    }

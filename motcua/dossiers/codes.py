"""Dossier codes: `<unit electronic id>-<yyMMdd>-<sequence>` (DOMAIN.md §3.4)."""

import datetime as dt

from django.db import connection

from motcua.accounts.models import OrgUnit
from motcua.dossiers.models import DossierCodeCounter
from motcua.workdays.timecalc import ZONE


def next_sequence(unit: OrgUnit, day: dt.date) -> int:
    """The next sequence number of `unit` on `day`, taken inside the caller's transaction.

    One upsert both creates the day's counter and bumps it, and holds the counter row's lock
    until the receipt commits: concurrent receipts at one unit queue on that row, and a receipt
    that rolls back gives its number back, so codes stay unique and dense.
    """
    table = connection.ops.quote_name(DossierCodeCounter._meta.db_table)
    last = connection.ops.quote_name("last")
    sql = (
        f"INSERT INTO {table} (unit_id, day, {last}) VALUES (%s, %s, 1) "
        f"ON CONFLICT (unit_id, day) DO UPDATE SET {last} = {table}.{last} + 1 "
        f"RETURNING {last}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [unit.pk, day])
        row = cursor.fetchone()
    assert row is not None  # RETURNING always yields the upserted row
    return int(row[0])


def unit_prefix(unit: OrgUnit) -> str:
    return unit.electronic_id or unit.code


def new_code(unit: OrgUnit, moment: dt.datetime) -> str:
    """A fresh code for a dossier received at `unit` at `moment` (day in Vietnamese time)."""
    day = moment.astimezone(ZONE).date()
    return f"{unit_prefix(unit)}-{day:%y%m%d}-{next_sequence(unit, day):04d}"

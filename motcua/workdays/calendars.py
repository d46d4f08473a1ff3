"""The working calendar of a province: the national calendar, then overrides and office hours.

Calendars are built once per process and kept until an override or office-hours row changes.
The check is a small aggregate query, not a cleared cache, so that a change made in one process
(admin, import command) reaches every other worker at its next call.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Q

from motcua.accounts.models import OrgUnit, UnitKind
from motcua.workdays import timecalc
from motcua.workdays.models import CalendarOverride, OfficeHours, OverrideKind
from motcua.workdays.official import official_working_dates

FIRST_YEAR, LAST_YEAR = 2020, 2035
FIRST_DAY, LAST_DAY = dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)

Schedule = list[tuple[dt.date, timecalc.OfficeHours]]


@dataclass
class _Cache:
    stamp: tuple[Any, ...] | None = None
    calendars: dict[int | None, timecalc.WorkCalendar] = field(default_factory=dict)


_cache = _Cache()


def calendar_for(province: OrgUnit | None) -> timecalc.WorkCalendar:
    """The working calendar of `province`, or the deployment's when None."""
    _keep_if_fresh(_stamp_and_province(None)[0])
    key = province.pk if province is not None else None
    if key not in _cache.calendars:
        _cache.calendars[key] = build_calendar(province)
    return _cache.calendars[key]


def calendar_of_unit(unit: OrgUnit) -> timecalc.WorkCalendar:
    """The working calendar of `unit`'s province (the deployment's when it has none).

    Its province is read in the freshness check's statement: every due moment needs both, and
    at the counter every receipt asks.
    """
    stamp, key = _stamp_and_province(unit)
    _keep_if_fresh(stamp)
    if key not in _cache.calendars:
        _cache.calendars[key] = build_calendar(OrgUnit.objects.get(pk=key) if key else None)
    return _cache.calendars[key]


def _keep_if_fresh(stamp: tuple[Any, ...]) -> None:
    if stamp != _cache.stamp:
        _cache.calendars.clear()
        _cache.stamp = stamp


def calendars_of_units(units: "set[OrgUnit]") -> dict[int, timecalc.WorkCalendar]:
    """The calendar of each unit's province, by unit id: one read of the provinces and one
    freshness check, whatever the number of units (for lists that judge many deadlines)."""
    path_ids = {u.pk: [int(part) for part in u.path.strip("/").split("/") if part] for u in units}
    everyone = {pk for ids in path_ids.values() for pk in ids}
    provinces = {p.pk: p for p in OrgUnit.objects.filter(pk__in=everyone, kind="province")}
    of_unit = {u: next((pk for pk in ids if pk in provinces), None) for u, ids in path_ids.items()}
    by_province = {pk: calendar_for(provinces.get(pk)) for pk in set(of_unit.values())}  # type: ignore[arg-type]
    return {unit: by_province[pk] for unit, pk in of_unit.items()}


_STAMPED = (CalendarOverride._meta.db_table, OfficeHours._meta.db_table)


def _stamp_and_province(unit: OrgUnit | None) -> tuple[tuple[Any, ...], int | None]:
    """The calendar data's stamp and, given a unit, its province's id, in one statement.

    The count catches deletions, the latest update catches insertions and edits.
    """
    columns = [
        f"(SELECT COUNT(*) FROM {table}), (SELECT MAX(updated_at) FROM {table})"
        for table in map(connection.ops.quote_name, _STAMPED)
    ]
    params: list[int | str] = []
    ids = [int(part) for part in unit.path.strip("/").split("/") if part] if unit else []
    if ids:  # the path lists the unit and its ancestors: the province is one of them
        units = connection.ops.quote_name(OrgUnit._meta.db_table)
        marks = ", ".join(["%s"] * len(ids))
        columns.append(
            f"(SELECT id FROM {units} WHERE id IN ({marks}) AND kind = %s ORDER BY path LIMIT 1)"
        )
        params = [*ids, UnitKind.PROVINCE]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)}", params)
        row = cursor.fetchone()
    assert row is not None  # a SELECT without FROM yields one row
    return tuple(row[:4]), (row[4] if ids else None)


def build_calendar(province: OrgUnit | None) -> timecalc.WorkCalendar:
    working = set(official_working_dates(FIRST_YEAR, LAST_YEAR))
    for override in _overrides(province):
        if override.kind == OverrideKind.WORKING_DAY:
            working.add(override.date)
        else:
            working.discard(override.date)
    return timecalc.WorkCalendar(
        working, office_hours_schedule(province), first=FIRST_DAY, last=LAST_DAY
    )


def _overrides(province: OrgUnit | None) -> list[CalendarOverride]:
    """Deployment-wide overrides first, so that the province's own rows are applied last."""
    rows = CalendarOverride.objects.filter(_scope(province))
    return sorted(rows, key=lambda row: row.province_id is not None)


def office_hours_schedule(province: OrgUnit | None) -> Schedule:
    """(valid from, hours) changes: the province's rows win, then the deployment's, then 7–17."""
    rows = list(OfficeHours.objects.filter(_scope(province)).order_by("valid_from"))
    own = [(row.valid_from, row.as_office_hours()) for row in rows if row.province_id is not None]
    shared = [(row.valid_from, row.as_office_hours()) for row in rows if row.province_id is None]
    schedule: Schedule = [(dt.date.min, timecalc.OfficeHours())]
    for day in sorted({day for day, _ in own + shared}):
        schedule.append((day, _in_force(own, day) or _in_force(shared, day) or schedule[0][1]))
    return schedule


def _in_force(rows: Schedule, day: dt.date) -> timecalc.OfficeHours | None:
    current = None
    for valid_from, hours in rows:
        if valid_from <= day:
            current = hours
    return current


def _scope(province: OrgUnit | None) -> Q:
    everywhere = Q(province__isnull=True)
    return everywhere if province is None else everywhere | Q(province=province)

"""The dossier's working-time clock: limits, due moments, pauses and step deadlines.

Everything is computed with `motcua.workdays` on the calendar of the receiving unit's
province, so a dossier keeps the rules in force where it was filed.
"""

import datetime as dt
from decimal import Decimal

from motcua.accounts.models import OrgUnit
from motcua.catalog.models import ProcedureCase, ProcedureVersion, ProcessStep
from motcua.dossiers.models import Channel, Dossier, Timing
from motcua.workdays.calendars import calendar_of_unit
from motcua.workdays.timecalc import (
    ZONE,
    TimeLimit,
    WorkCalendar,
    add_working_time,
    clock_start,
    due_at,
    working_time_between,
)

ONE_WORKING_DAY = 8 * 60  # minutes; DOMAIN.md §4.1 counts 8 working hours per day


class NoTimeLimitError(ValueError):
    """The procedure version carries no time limit, so no appointment can be given."""


def calendar_of(unit: OrgUnit) -> WorkCalendar:
    return calendar_of_unit(unit)


def time_limit(version: ProcedureVersion, case: ProcedureCase | None, channel: int) -> TimeLimit:
    """The limit that applies: the case's, else the online one for online filings, else the
    version's. The 15:00 cut-off is a per-version setting and applies to all three."""
    value, unit = version.time_limit_value, version.time_limit_unit
    if channel == Channel.ONLINE and version.online_time_limit_value is not None:
        value, unit = version.online_time_limit_value, version.online_time_limit_unit
    if case is not None and case.time_limit_unit is not None:
        value, unit = case.time_limit_value, case.time_limit_unit
    if unit is None:
        raise NoTimeLimitError(version.pk)
    return TimeLimit(value or 0, unit, cutoff_15h=version.cutoff_15h)  # type: ignore[arg-type]


def start_and_due(
    received: dt.datetime, limit: TimeLimit, cal: WorkCalendar
) -> tuple[dt.datetime, dt.datetime]:
    return clock_start(received, cal, limit.cutoff_15h), due_at(received, limit, cal)


def paused_working_minutes(since: dt.datetime, until: dt.datetime, cal: WorkCalendar) -> int:
    return working_time_between(since, until, cal)


def pushed(due: dt.datetime, minutes: int, cal: WorkCalendar) -> dt.datetime:
    """`due` moved later by `minutes` of working time (a pause that has just ended)."""
    return add_working_time(due, minutes, cal) if minutes else due


def step_deadline(step: ProcessStep, start: dt.datetime, cal: WorkCalendar) -> dt.datetime:
    return hours_deadline(Decimal(step.hours), start, cal)


def hours_deadline(hours: Decimal, start: dt.datetime, cal: WorkCalendar) -> dt.datetime:
    """`start` plus an hour budget of working time (a step's, or a unit's share)."""
    minutes = int((Decimal(hours) * 60).to_integral_value())
    return add_working_time(start, minutes, cal)


def timing(done: dt.datetime, deadline: dt.datetime | None) -> str:
    """Trước hạn / đúng hạn / quá hạn as officers read them on Mẫu 06 and in reports.

    Late is after the deadline minute. "On time" is done on the deadline's own day, not
    after it; anything finished on an earlier day is early. A minute-exact "on time" would
    almost never happen and would make the column useless.
    """
    if deadline is None:
        return ""
    if done > deadline:
        return Timing.LATE
    if done.astimezone(ZONE).date() == deadline.astimezone(ZONE).date():
        return Timing.ON_TIME
    return Timing.EARLY


def working_days_before(moment: dt.datetime, deadline: dt.datetime, cal: WorkCalendar) -> float:
    """Working days left from `moment` to `deadline` (0 when past)."""
    if moment >= deadline:
        return 0.0
    return working_time_between(moment, deadline, cal) / ONE_WORKING_DAY


def due_within(dossier: Dossier, now: dt.datetime, minutes: int, cal: WorkCalendar) -> bool:
    assert dossier.due_at is not None
    return dossier.due_at <= add_working_time(now, minutes, cal)

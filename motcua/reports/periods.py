"""Periods as reports speak of them: whole local days, split into whole months and edge days."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from motcua.reports.models import Grain
from motcua.workdays.timecalc import ZONE


@dataclass(frozen=True)
class Period:
    """From `first` to `last`, both included (local dates)."""

    first: dt.date
    last: dt.date
    # A period ending now rather than at midnight: open dossiers are judged at this moment.
    until: dt.datetime | None = None

    @property
    def start(self) -> dt.datetime:
        return midnight(self.first)

    @property
    def end(self) -> dt.datetime:
        return self.until or midnight(self.last + dt.timedelta(days=1))

    @classmethod
    def between(cls, start: dt.datetime, end: dt.datetime) -> "Period":
        """[start, end) with `start` at a local midnight; `end` may be any moment up to now."""
        first, end_local = start.astimezone(ZONE).date(), end.astimezone(ZONE)
        if end_local == midnight(end_local.date()):
            return cls(first, end_local.date() - dt.timedelta(days=1))
        return cls(first, end_local.date(), until=end)

    @property
    def after(self) -> dt.date:
        return self.last + dt.timedelta(days=1)


def midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=ZONE)


def next_month(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def span_q(first: dt.date, after: dt.date) -> Q:
    """Rollup rows covering the days [first, after) exactly once: months where whole."""
    months, q, cursor = [], Q(pk__in=[]), first
    while cursor < after:
        if cursor.day == 1 and next_month(cursor) <= after:
            months.append(cursor)
            cursor = next_month(cursor)
            continue
        stop = min(next_month(cursor), after)
        q |= Q(grain=Grain.DAY, day__gte=cursor, day__lt=stop)
        cursor = stop
    return q | Q(grain=Grain.MONTH, day__in=months)


def before_q(first: dt.date) -> Q:
    """Rollup rows of every day before `first`."""
    month = first.replace(day=1)
    return Q(grain=Grain.MONTH, day__lt=month) | Q(grain=Grain.DAY, day__gte=month, day__lt=first)


def months_of(period: Period) -> list[Period]:
    """The months of `period`, cut at its edges; the last one ends when the period does (at
    this moment for a period running to now)."""
    found, cursor = [], period.first.replace(day=1)
    while cursor <= period.last:
        last = min(next_month(cursor), period.after) - dt.timedelta(days=1)
        until = period.until if last == period.last else None
        found.append(Period(max(cursor, period.first), last, until=until))
        cursor = next_month(cursor)
    return found


def to_date(first: dt.date, last: dt.date, now: dt.datetime) -> Period:
    """The period a page asks for: one that includes today ends at `now`, so the dossiers open
    now are judged at this moment (a dossier due at 17:00 is not late at 08:00) and stops today
    (the future has no figures); a past period is judged at its end."""
    today = now.astimezone(ZONE).date()
    if first <= today <= last:
        return Period(first, today, until=now)
    return Period(first, last)

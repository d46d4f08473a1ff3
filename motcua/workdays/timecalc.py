"""Working-time arithmetic (DOMAIN.md §4.1): pure Python, exact to the minute, Asia/Ho_Chi_Minh.

Every working minute of the calendar's span has a *position* on one line: the number of working
minutes before it since the span's first day. `WorkCalendar` precomputes the position at each
day's midnight, so converting a moment to a position, or a position back to a moment, is one
bisect plus a walk over the day's two or three office periods. Adding working time or measuring
it is then integer arithmetic on positions: no loop over days or minutes.

Moments are truncated to the minute: a dossier received at 10:00:45 counts from 10:00.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
# Receipts after this minute count from the next working day when the procedure says so.
CUTOFF_MINUTE = 15 * 60


class CalendarError(ValueError):
    """A moment or limit the calendar cannot compute with."""


class NaiveDatetimeError(CalendarError):
    pass


class OutsideCalendarError(CalendarError):
    pass


class LimitUnit(StrEnum):
    WORKING_DAYS = "working_days"  # "ngày làm việc"
    WORKING_HOURS = "working_hours"  # "giờ làm việc"
    CALENDAR_DAYS = "calendar_days"  # "ngày" (Civil Code, Art. 147–148)
    SAME_DAY = "same_day"  # "trong ngày"


@dataclass(frozen=True)
class TimeLimit:
    value: int
    unit: LimitUnit
    cutoff_15h: bool = False

    def __post_init__(self) -> None:
        # Accept the plain string a caller read from a database row or a command line.
        object.__setattr__(self, "unit", LimitUnit(self.unit))
        if self.value < 0 or (self.value == 0 and self.unit is not LimitUnit.SAME_DAY):
            raise CalendarError(f"a {self.unit} limit must be positive, not {self.value}")


def _minute_of(t: dt.time) -> int:
    return t.hour * 60 + t.minute


DEFAULT_PERIODS: tuple[tuple[dt.time, dt.time], ...] = (
    (dt.time(7, 0), dt.time(11, 30)),
    (dt.time(13, 30), dt.time(17, 0)),
)


@dataclass(frozen=True)
class OfficeHours:
    """The day's office periods, in order; the default is the 8-hour day of DOMAIN.md §4.1."""

    periods: tuple[tuple[dt.time, dt.time], ...] = DEFAULT_PERIODS

    def __post_init__(self) -> None:
        if not self.periods:
            raise CalendarError("office hours need at least one period")
        previous_end = -1
        for start, end in self.periods:
            if start.second or end.second or start.microsecond or end.microsecond:
                raise CalendarError("office hours are whole minutes")
            if not previous_end <= _minute_of(start) < _minute_of(end):
                raise CalendarError(f"office periods must be ordered and not overlap: {self}")
            previous_end = _minute_of(end)

    @property
    def bounds(self) -> tuple[tuple[int, int], ...]:
        """Periods as (start, end) minutes of the day."""
        return tuple((_minute_of(s), _minute_of(e)) for s, e in self.periods)

    @property
    def minutes(self) -> int:
        return sum(end - start for start, end in self.bounds)

    @property
    def closing(self) -> dt.time:
        return self.periods[-1][1]


@dataclass(frozen=True, slots=True)
class _Day:
    """A working day's office periods as (start, end, working minutes before start)."""

    periods: tuple[tuple[int, int, int], ...]
    total: int
    opening: int
    closing: int

    @classmethod
    def of(cls, hours: OfficeHours) -> _Day:
        periods, before = [], 0
        for start, end in hours.bounds:
            periods.append((start, end, before))
            before += end - start
        return cls(tuple(periods), before, periods[0][0], periods[-1][1])

    def worked_before(self, minute: int) -> int:
        worked = 0
        for start, end, _ in self.periods:
            if minute <= start:
                break
            worked += (minute if minute < end else end) - start
        return worked


HoursArg = OfficeHours | Sequence[tuple[dt.date, OfficeHours]]


class WorkCalendar:
    """Working dates and office hours over a span of days, precomputed for O(log n) lookups.

    `hours` is one `OfficeHours` or a schedule of (valid from, office hours) changes, so that a
    province changing its hours keeps old dossiers computed with the hours then in force.
    """

    def __init__(
        self,
        working_dates: Iterable[dt.date],
        hours: HoursArg = OfficeHours(),
        *,
        first: dt.date,
        last: dt.date,
    ) -> None:
        if last < first:
            raise CalendarError("calendar span ends before it starts")
        self.first, self.last = first, last
        self._first_ord = first.toordinal()
        self._n = last.toordinal() - self._first_ord + 1
        working = {d.toordinal() - self._first_ord for d in working_dates}
        self._days: list[_Day | None] = [None] * self._n
        self._cum = [0] * (self._n + 1)  # working minutes before each day's midnight
        for i, day in enumerate(self._day_kinds(hours)):
            self._days[i] = day if i in working else None
            self._cum[i + 1] = self._cum[i] + (day.total if i in working else 0)
        self._working = sorted(i for i in working if 0 <= i < self._n)
        self._midnights = [
            dt.datetime.combine(first + dt.timedelta(days=i), dt.time(), ZONE)
            for i in range(self._n)
        ]

    def _day_kinds(self, hours: HoursArg) -> list[_Day]:
        """The office hours in force on each day of the span."""
        schedule = [(self.first, hours)] if isinstance(hours, OfficeHours) else sorted(hours)
        if not schedule or schedule[0][0] > self.first:
            raise CalendarError("the office-hours schedule must cover the calendar's first day")
        kinds: list[_Day] = []
        for k, (_, office_hours) in enumerate(schedule):
            following = (
                schedule[k + 1][0].toordinal() - self._first_ord
                if k + 1 < len(schedule)
                else self._n
            )
            kinds.extend([_Day.of(office_hours)] * (min(following, self._n) - len(kinds)))
        return kinds

    # -- conversions -------------------------------------------------------------------------

    def split(self, moment: dt.datetime) -> tuple[int, int]:
        """(day index in the span, minute of the local day) of an aware moment."""
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise NaiveDatetimeError(f"a timezone-aware datetime is required, got {moment!r}")
        local = moment.astimezone(ZONE)
        i = local.toordinal() - self._first_ord
        if not 0 <= i < self._n:
            raise OutsideCalendarError(f"{local.date()} is outside {self.first}–{self.last}")
        return i, local.hour * 60 + local.minute

    def position(self, moment: dt.datetime) -> int:
        """Working minutes from the span's start to `moment`."""
        i, minute = self.split(moment)
        return self._position(i, minute)

    def _position(self, i: int, minute: int) -> int:
        day = self._days[i]
        return self._cum[i] + (day.worked_before(minute) if day else 0)

    def moment_reaching(self, position: int) -> dt.datetime:
        """The earliest moment with `position` working minutes behind it.

        A position that falls on the end of a period is that end (11:30, 17:00), not the next
        opening: a limit used up exactly at closing is due at closing.
        """
        k = bisect_left(self._cum, position)
        if not 0 < k <= self._n:
            raise OutsideCalendarError(f"working-time position {position} is outside the span")
        day, r = self._days[k - 1], position - self._cum[k - 1]
        assert day is not None  # cum only grows over working days
        for start, end, before in day.periods:
            if r <= before + end - start:
                return self.at(k - 1, start + r - before)
        raise AssertionError("unreachable: r is within the day's total")

    def moment_starting(self, position: int) -> dt.datetime:
        """The moment the working minute at `position` begins (openings, never closings)."""
        k = bisect_right(self._cum, position)
        if k > self._n:
            raise OutsideCalendarError(f"working-time position {position} is outside the span")
        day, r = self._days[k - 1], position - self._cum[k - 1]
        assert day is not None
        for start, end, before in day.periods:
            if r < before + end - start:
                return self.at(k - 1, start + r - before)
        raise AssertionError("unreachable: r is within the day's total")

    def at(self, i: int, minute: int) -> dt.datetime:
        return self._midnights[i].replace(hour=minute // 60, minute=minute % 60)

    # -- days ----------------------------------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        i = day.toordinal() - self._first_ord
        return 0 <= i < self._n and self._days[i] is not None

    def day(self, i: int) -> _Day | None:
        return self._days[i]

    def working_index_from(self, i: int) -> int:
        """The first working day at or after day index `i`."""
        k = bisect_left(self._working, i)
        if k == len(self._working):
            raise OutsideCalendarError(f"no working day after day {i} of the span")
        return self._working[k]

    def closing_of(self, i: int) -> dt.datetime:
        day = self._days[i]
        if day is None:
            raise CalendarError(f"day {i} of the span is not a working day")
        return self.at(i, day.closing)


def _truncated(cal: WorkCalendar, moment: dt.datetime) -> dt.datetime:
    return cal.at(*cal.split(moment))


def clock_start(received: dt.datetime, cal: WorkCalendar, cutoff_15h: bool = False) -> dt.datetime:
    """When the clock starts: at receipt in working time, else at the next opening.

    With the cut-off, a receipt after 15:00 on a working day counts from the next working
    day's opening (DOMAIN.md §4.1).
    """
    i, minute = cal.split(received)
    day = cal.day(i)
    if cutoff_15h and day is not None and minute > CUTOFF_MINUTE:
        j = cal.working_index_from(i + 1)
        return cal.at(j, cal.day(j).opening)  # type: ignore[union-attr]
    return cal.moment_starting(cal._position(i, minute))


def add_working_time(start: dt.datetime, minutes: int, cal: WorkCalendar) -> dt.datetime:
    """The earliest moment with `minutes` of working time between `start` and it."""
    if minutes < 0:
        raise CalendarError(f"cannot add negative working time ({minutes} minutes)")
    if minutes == 0:
        return _truncated(cal, start)
    return cal.moment_reaching(cal.position(start) + minutes)


def working_time_between(
    a: dt.datetime,
    b: dt.datetime,
    cal: WorkCalendar,
    pauses: Iterable[tuple[dt.datetime, dt.datetime]] = (),
) -> int:
    """Working minutes from `a` to `b`, leaving out the (possibly overlapping) pauses."""
    start, end = cal.position(a), cal.position(b)
    if end < start or b < a:
        raise CalendarError(f"the interval ends ({b}) before it starts ({a})")
    paused = sorted(
        (max(cal.position(p), start), min(cal.position(q), end))
        for p, q in _checked(pauses)
        if q > a and p < b
    )
    return end - start - _union_length(paused)


def _checked(
    pauses: Iterable[tuple[dt.datetime, dt.datetime]],
) -> Iterable[tuple[dt.datetime, dt.datetime]]:
    for p, q in pauses:
        if q < p:
            raise CalendarError(f"a pause ends ({q}) before it starts ({p})")
        yield p, q


def _union_length(intervals: Sequence[tuple[int, int]]) -> int:
    """Total length of sorted integer intervals, counting overlaps once."""
    total, reached = 0, None
    for lo, hi in intervals:
        if reached is not None and lo < reached:
            lo = reached
        if hi > lo:
            total += hi - lo
            reached = hi
    return total


def due_at(received: dt.datetime, limit: TimeLimit, cal: WorkCalendar) -> dt.datetime:
    """The due moment of a dossier received at `received` under `limit`."""
    if limit.unit is LimitUnit.CALENDAR_DAYS:
        return _due_calendar_days(received, limit, cal)
    start = clock_start(received, cal, limit.cutoff_15h)
    i, minute = cal.split(start)
    day = cal.day(i)
    assert day is not None  # the clock always starts in working time
    if limit.unit is LimitUnit.SAME_DAY:
        return cal.at(i, day.closing)
    per_unit = day.total if limit.unit is LimitUnit.WORKING_DAYS else 60
    return cal.moment_reaching(cal._position(i, minute) + limit.value * per_unit)


def _due_calendar_days(received: dt.datetime, limit: TimeLimit, cal: WorkCalendar) -> dt.datetime:
    # Civil Code Art. 147–148: counting starts the day after receipt, the period ends with the
    # N-th day, moved to the next working day when that one is a day off; we end it at closing.
    # With the cut-off the dossier counts as received when its clock starts: a Friday 16:00
    # receipt and a Saturday one both count from Monday, so a later receipt is never due earlier.
    counted_from = clock_start(received, cal, True) if limit.cutoff_15h else received
    i, _ = cal.split(counted_from)
    return cal.closing_of(cal.working_index_from(i + limit.value))

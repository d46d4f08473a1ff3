"""Due-moment computations per second on one core, against a naive minute-by-minute loop.

Run: .venv/bin/python bench/calendar.py  (no Django: timecalc and the holidays package only)
"""

import sys
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path, where its name would hide the
# standard library's `calendar` (which `holidays` imports): put the repository there instead.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import datetime as dt  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402

from motcua.workdays.official import official_working_dates  # noqa: E402
from motcua.workdays.timecalc import (  # noqa: E402
    CUTOFF_MINUTE,
    ZONE,
    LimitUnit,
    OfficeHours,
    TimeLimit,
    WorkCalendar,
    due_at,
)

FIRST, LAST = dt.date(2020, 1, 1), dt.date(2035, 12, 31)
MINUTE = dt.timedelta(minutes=1)
HOURS = OfficeHours()
BOUNDS = HOURS.bounds
WORKING = official_working_dates(FIRST.year, LAST.year)


def realistic_cases(n: int, rng: random.Random) -> list[tuple[dt.datetime, TimeLimit]]:
    """Receipts over 2025–2026, mostly in office hours, with the limits procedures carry."""
    limits = [
        *(TimeLimit(days, LimitUnit.WORKING_DAYS) for days in (1, 2, 3, 5, 7, 10, 15, 20, 30)),
        TimeLimit(3, LimitUnit.WORKING_DAYS, cutoff_15h=True),
        TimeLimit(4, LimitUnit.WORKING_HOURS),
        TimeLimit(8, LimitUnit.WORKING_HOURS),
        TimeLimit(0, LimitUnit.SAME_DAY, cutoff_15h=True),
        TimeLimit(15, LimitUnit.CALENDAR_DAYS),
        TimeLimit(30, LimitUnit.CALENDAR_DAYS),
    ]
    start = dt.datetime(2025, 1, 1, tzinfo=ZONE)
    cases = []
    for _ in range(n):
        day = start + dt.timedelta(days=rng.randrange(730))
        if rng.random() < 0.8:  # at the counter
            minute = rng.choice([rng.randrange(420, 690), rng.randrange(810, 1020)])
        else:  # online, any time
            minute = rng.randrange(1440)
        cases.append((day + dt.timedelta(minutes=minute), rng.choice(limits)))
    return cases


# -- the baseline: walk the clock one minute at a time ------------------------------------------


def _ticking(moment: dt.datetime) -> bool:
    """Whether the minute starting at `moment` is working time."""
    minute = moment.hour * 60 + moment.minute
    return moment.date() in WORKING and any(s <= minute < e for s, e in BOUNDS)


def _closing(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, HOURS.closing, ZONE)


def _next_working_day(day: dt.date) -> dt.date:
    while day not in WORKING:
        day += dt.timedelta(days=1)
    return day


def naive_due(received: dt.datetime, limit: TimeLimit) -> dt.datetime:
    moment = received.astimezone(ZONE).replace(second=0, microsecond=0)
    late = moment.hour * 60 + moment.minute > CUTOFF_MINUTE and moment.date() in WORKING
    if limit.cutoff_15h and late:
        opening = dt.time(BOUNDS[0][0] // 60, BOUNDS[0][0] % 60)
        moment = dt.datetime.combine(
            _next_working_day(moment.date() + dt.timedelta(days=1)), opening, ZONE
        )
    while not _ticking(moment):
        moment += MINUTE
    if limit.unit is LimitUnit.CALENDAR_DAYS:
        base = moment.date() if limit.cutoff_15h else received.astimezone(ZONE).date()
        return _closing(_next_working_day(base + dt.timedelta(days=limit.value)))
    if limit.unit is LimitUnit.SAME_DAY:
        return _closing(moment.date())
    left = limit.value * (HOURS.minutes if limit.unit is LimitUnit.WORKING_DAYS else 60)
    while left:
        if _ticking(moment):
            left -= 1
        moment += MINUTE
    return moment


# -- the run ------------------------------------------------------------------------------------


def rate(function, cases, seconds: float = 2.0) -> float:  # type: ignore[no-untyped-def]
    done, began = 0, time.perf_counter()
    while time.perf_counter() - began < seconds:
        for received, limit in cases:
            function(received, limit)
        done += len(cases)
    return done / (time.perf_counter() - began)


def main() -> None:
    smoke = "--smoke" in sys.argv  # a few hundred cases, a fraction of a second: `make test`
    rng = random.Random(20260213)
    cal = WorkCalendar(WORKING, HOURS, first=FIRST, last=LAST)
    cases = realistic_cases(300 if smoke else 10_000, rng)
    sample = cases[:1_000]
    seconds = 0.2 if smoke else 2.0
    for received, limit in sample:
        fast, slow = due_at(received, limit, cal), naive_due(received, limit)
        assert fast == slow, (received, limit, fast, slow)
    print(f"agreement: {len(sample)} sampled receipts give the same due moment")
    fast_rate = rate(lambda r, lim: due_at(r, lim, cal), cases, seconds)
    naive_rate = rate(naive_due, cases[:200], seconds)
    print(f"timecalc.due_at: {fast_rate:12,.0f} due moments per second")
    print(f"naive loop:      {naive_rate:12,.0f} due moments per second")
    print(f"ratio:           {fast_rate / naive_rate:12,.0f}×")


if __name__ == "__main__":
    main()

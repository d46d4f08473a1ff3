"""Properties of the working-time functions over random receipts, limits and office hours."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.workdays.official import official_working_dates
from motcua.workdays.timecalc import (
    ZONE,
    LimitUnit,
    OfficeHours,
    TimeLimit,
    WorkCalendar,
    add_working_time,
    due_at,
    working_time_between,
)

FIRST, LAST = dt.date(2025, 1, 1), dt.date(2027, 12, 31)
CALENDARS = [
    WorkCalendar(official_working_dates(2025, 2027), hours, first=FIRST, last=LAST)
    for hours in (
        OfficeHours(),
        OfficeHours(((dt.time(8), dt.time(12)), (dt.time(13), dt.time(17)))),
    )
]

calendars = st.sampled_from(CALENDARS)
# Receipts in 2025–2026 so that every limit below still ends inside the span.
moments = st.datetimes(
    min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2026, 12, 31, 23, 59)
).map(lambda moment: moment.replace(second=0, microsecond=0, tzinfo=ZONE))
limits = st.builds(
    TimeLimit,
    value=st.integers(min_value=1, max_value=60),
    unit=st.sampled_from(list(LimitUnit)),
    cutoff_15h=st.booleans(),
)


def _is_working_time_or_closing(moment: dt.datetime, cal: WorkCalendar) -> bool:
    i, minute = cal.split(moment)
    day = cal.day(i)
    return day is not None and any(start <= minute <= end for start, end, _ in day.periods)


@given(received=moments, limit=limits, cal=calendars)
def test_due_moment_is_working_time_or_a_closing_time(
    received: dt.datetime, limit: TimeLimit, cal: WorkCalendar
) -> None:
    due = due_at(received, limit, cal)
    assert due.tzinfo is ZONE
    assert due > received
    assert _is_working_time_or_closing(due, cal)


@given(start=moments, minutes=st.integers(min_value=0, max_value=200 * 60), cal=calendars)
def test_adding_working_time_then_measuring_it_gives_it_back(
    start: dt.datetime, minutes: int, cal: WorkCalendar
) -> None:
    end = add_working_time(start, minutes, cal)
    assert end >= start
    assert working_time_between(start, end, cal) == minutes


@given(start=moments, minutes=st.integers(min_value=1, max_value=200 * 60), cal=calendars)
def test_added_working_time_ends_at_the_earliest_moment(
    start: dt.datetime, minutes: int, cal: WorkCalendar
) -> None:
    end = add_working_time(start, minutes, cal)
    assert working_time_between(start, end - dt.timedelta(minutes=1), cal) == minutes - 1


@settings(max_examples=300)
@given(first=moments, second=moments, limit=limits, cal=calendars)
def test_later_receipt_is_never_due_earlier(
    first: dt.datetime, second: dt.datetime, limit: TimeLimit, cal: WorkCalendar
) -> None:
    earlier, later = sorted((first, second))
    assert due_at(earlier, limit, cal) <= due_at(later, limit, cal)


@given(
    a=moments,
    span=st.integers(min_value=0, max_value=30 * 24 * 60),
    pauses=st.lists(
        st.tuples(moments, st.integers(min_value=0, max_value=5 * 24 * 60)), max_size=4
    ),
    cal=calendars,
)
def test_pauses_never_add_time_and_never_go_below_zero(
    a: dt.datetime, span: int, pauses: list[tuple[dt.datetime, int]], cal: WorkCalendar
) -> None:
    b = min(a + dt.timedelta(minutes=span), dt.datetime(2027, 12, 31, 23, 59, tzinfo=ZONE))
    intervals = [(p, p + dt.timedelta(minutes=length)) for p, length in pauses]
    paused = working_time_between(a, b, cal, intervals)
    assert 0 <= paused <= working_time_between(a, b, cal)

import datetime as dt

import pytest

from motcua.workdays.official import official_working_dates
from motcua.workdays.timecalc import ZONE, WorkCalendar


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """A moment in Vietnamese local time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=ZONE)


@pytest.fixture(scope="session")
def national() -> WorkCalendar:
    """The national calendar with the default 07:00–11:30, 13:30–17:00 office hours."""
    return WorkCalendar(
        official_working_dates(2024, 2027), first=dt.date(2024, 1, 1), last=dt.date(2027, 12, 31)
    )

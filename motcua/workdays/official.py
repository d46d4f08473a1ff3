"""The national calendar of days off, from the `holidays` package (country VN). No Django.

`holidays.VN` holds the Labour Code's public holidays with their Vietnamese-lunar dates, the
Government's yearly swaps (a weekday off against a make-up Saturday, "làm bù") and nghỉ bù for
holidays falling on a weekend; `is_working_day` combines them with the Saturday–Sunday weekend.
Announcements it does not know yet are entered as `CalendarOverride` rows. The package is
imported when a calendar is first computed, not at start-up (bench/startup.py).
"""

import datetime as dt
from functools import lru_cache


@lru_cache(maxsize=8)
def official_working_dates(first_year: int, last_year: int) -> frozenset[dt.date]:
    """Every national working date from 1 January `first_year` to 31 December `last_year`."""
    # A swap may cross a year boundary (02/01/2015 off against Saturday 27/12/2014), so the
    # package must populate the neighbouring years as well.
    import holidays

    national = holidays.country_holidays("VN", years=range(first_year - 1, last_year + 2))
    day, last = dt.date(first_year, 1, 1), dt.date(last_year, 12, 31)
    dates = set()
    while day <= last:
        if national.is_working_day(day):
            dates.add(day)
        day += dt.timedelta(days=1)
    return frozenset(dates)


def official_days_off(year: int) -> dict[dt.date, str]:
    """The year's national days off with their names in Vietnamese, for display."""
    import holidays

    national = holidays.country_holidays("VN", years=year, language="vi")
    return dict(sorted(national.items()))

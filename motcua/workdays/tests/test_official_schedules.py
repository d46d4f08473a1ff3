"""The 2025–2026 schedules verified in DOMAIN.md §4.2, as the calendar sees them."""

import datetime as dt

import pytest

from motcua.workdays.timecalc import WorkCalendar

D = dt.date


@pytest.mark.parametrize(
    "day",
    [
        *(D(2026, 2, d) for d in range(16, 21)),  # Tết 2026, Mon–Fri
        D(2026, 4, 27),  # Giỗ Tổ falls on Sunday 26/04, observed Monday
        D(2026, 4, 30),
        D(2026, 5, 1),
        D(2026, 8, 31),  # swapped against Saturday 22/08
        D(2026, 9, 1),
        D(2026, 9, 2),
        D(2026, 11, 24),  # Ngày Văn hóa Việt Nam, from 2026
        D(2025, 5, 2),  # swapped against Saturday 26/04
        D(2025, 9, 1),
        D(2025, 9, 2),
        *(D(2025, 1, d) for d in range(27, 32)),  # Tết 2025
    ],
)
def test_official_day_off_is_not_a_working_day(national: WorkCalendar, day: dt.date) -> None:
    assert not national.is_working_day(day)


@pytest.mark.parametrize("day", [D(2026, 8, 22), D(2025, 4, 26)])
def test_make_up_saturday_is_a_working_day(national: WorkCalendar, day: dt.date) -> None:
    assert day.weekday() == 5
    assert national.is_working_day(day)


@pytest.mark.parametrize(
    "day", [D(2026, 2, 13), D(2026, 2, 23), D(2026, 4, 28), D(2025, 11, 24), D(2026, 4, 29)]
)
def test_days_around_the_holidays_are_working_days(national: WorkCalendar, day: dt.date) -> None:
    assert national.is_working_day(day)


def test_ordinary_weekend_is_not_a_working_day(national: WorkCalendar) -> None:
    assert not national.is_working_day(D(2026, 3, 7))
    assert not national.is_working_day(D(2026, 3, 8))

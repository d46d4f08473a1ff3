"""The working-time rules of DOMAIN.md §4.1, each on the national calendar."""

import datetime as dt

import pytest

from motcua.workdays.official import official_working_dates
from motcua.workdays.tests.conftest import at
from motcua.workdays.timecalc import (
    ZONE,
    CalendarError,
    LimitUnit,
    NaiveDatetimeError,
    OfficeHours,
    OutsideCalendarError,
    TimeLimit,
    WorkCalendar,
    add_working_time,
    clock_start,
    due_at,
    working_time_between,
)

WD, WH, CAL, SAME = (
    LimitUnit.WORKING_DAYS,
    LimitUnit.WORKING_HOURS,
    LimitUnit.CALENDAR_DAYS,
    LimitUnit.SAME_DAY,
)


def test_monday_10h_plus_two_working_days_is_wednesday_10h(national: WorkCalendar) -> None:
    assert due_at(at(2026, 3, 2, 10), TimeLimit(2, WD), national) == at(2026, 3, 4, 10)


def test_working_days_skip_tet(national: WorkCalendar) -> None:
    # Friday before Tết 2026 + 3 working days: Fri (5 h), Mon 23 and Tue 24 (16 h), Wed 3 h.
    assert due_at(at(2026, 2, 13, 10), TimeLimit(3, WD), national) == at(2026, 2, 25, 10)


def test_limit_used_up_at_closing_is_due_at_closing(national: WorkCalendar) -> None:
    assert due_at(at(2026, 3, 2, 7), TimeLimit(1, WD), national) == at(2026, 3, 2, 17)
    assert due_at(at(2026, 3, 2, 7), TimeLimit(4, WH), national) == at(2026, 3, 2, 11)
    assert add_working_time(at(2026, 3, 2, 7), 270, national) == at(2026, 3, 2, 11, 30)


def test_receipt_outside_office_hours_starts_at_next_opening(national: WorkCalendar) -> None:
    assert clock_start(at(2026, 3, 2, 6, 15), national) == at(2026, 3, 2, 7)
    assert clock_start(at(2026, 3, 2, 12), national) == at(2026, 3, 2, 13, 30)
    assert clock_start(at(2026, 3, 2, 11, 30), national) == at(2026, 3, 2, 13, 30)
    assert clock_start(at(2026, 3, 2, 17), national) == at(2026, 3, 3, 7)
    assert clock_start(at(2026, 3, 7, 9), national) == at(2026, 3, 9, 7)  # Saturday, online


def test_receipt_in_office_hours_starts_at_once(national: WorkCalendar) -> None:
    assert clock_start(at(2026, 3, 2, 16, 59), national) == at(2026, 3, 2, 16, 59)


def test_working_hours_run_over_the_lunch_break(national: WorkCalendar) -> None:
    assert due_at(at(2026, 3, 2, 10), TimeLimit(2, WH), national) == at(2026, 3, 2, 14)


def test_receipt_after_15h_with_cutoff_counts_from_next_working_day(
    national: WorkCalendar,
) -> None:
    friday_afternoon = at(2026, 3, 6, 15, 30)
    assert clock_start(friday_afternoon, national, cutoff_15h=True) == at(2026, 3, 9, 7)
    assert due_at(friday_afternoon, TimeLimit(1, WD, cutoff_15h=True), national) == at(
        2026, 3, 9, 17
    )


def test_receipt_at_15h_sharp_is_before_the_cutoff(national: WorkCalendar) -> None:
    assert clock_start(at(2026, 3, 6, 15), national, cutoff_15h=True) == at(2026, 3, 6, 15)


def test_receipt_after_15h_without_cutoff_starts_at_once(national: WorkCalendar) -> None:
    assert clock_start(at(2026, 3, 6, 15, 30), national) == at(2026, 3, 6, 15, 30)


def test_same_day_is_due_at_closing_of_the_start_day(national: WorkCalendar) -> None:
    assert due_at(at(2026, 3, 2, 9), TimeLimit(0, SAME), national) == at(2026, 3, 2, 17)
    assert due_at(at(2026, 3, 2, 16), TimeLimit(0, SAME), national) == at(2026, 3, 2, 17)
    assert due_at(at(2026, 3, 2, 16), TimeLimit(0, SAME, True), national) == at(2026, 3, 3, 17)
    assert due_at(at(2026, 3, 2, 18), TimeLimit(0, SAME), national) == at(2026, 3, 3, 17)


def test_calendar_days_end_at_closing_of_the_nth_day(national: WorkCalendar) -> None:
    # Received Monday 02/03: day 1 is Tuesday, day 3 Thursday.
    assert due_at(at(2026, 3, 2, 16), TimeLimit(3, CAL), national) == at(2026, 3, 5, 17)


def test_calendar_days_ending_on_a_day_off_move_to_next_working_day(
    national: WorkCalendar,
) -> None:
    # Received Thursday 05/03 + 2 days = Saturday 07/03 → Monday 09/03.
    assert due_at(at(2026, 3, 5, 9), TimeLimit(2, CAL), national) == at(2026, 3, 9, 17)
    # Received Friday 13/02/2026 + 5 days = Wednesday of Tết → Monday 23/02.
    assert due_at(at(2026, 2, 13, 9), TimeLimit(5, CAL), national) == at(2026, 2, 23, 17)


def test_calendar_days_with_cutoff_count_from_the_next_working_day(
    national: WorkCalendar,
) -> None:
    assert due_at(at(2026, 3, 6, 16), TimeLimit(1, CAL, True), national) == at(2026, 3, 10, 17)


def test_make_up_saturday_counts_as_a_working_day(national: WorkCalendar) -> None:
    # Friday 21/08/2026 10:00 + 1 working day: the make-up Saturday 22/08 is worked.
    assert due_at(at(2026, 8, 21, 10), TimeLimit(1, WD), national) == at(2026, 8, 22, 10)
    # Thursday 27/08 10:00 + 2 working days skips Mon 31/08, Tue 01/09 and Wed 02/09.
    assert due_at(at(2026, 8, 27, 10), TimeLimit(2, WD), national) == at(2026, 9, 3, 10)


def test_other_office_hours_give_eight_hour_days() -> None:
    hours = OfficeHours(((dt.time(8), dt.time(12)), (dt.time(13), dt.time(17))))
    cal = WorkCalendar(
        official_working_dates(2026, 2026),
        hours,
        first=dt.date(2026, 1, 1),
        last=dt.date(2026, 12, 31),
    )
    assert hours.minutes == 480
    assert due_at(at(2026, 3, 2, 10), TimeLimit(2, WD), cal) == at(2026, 3, 4, 10)
    assert clock_start(at(2026, 3, 2, 12, 30), cal) == at(2026, 3, 2, 13)


def test_office_hours_schedule_applies_from_its_date() -> None:
    later = OfficeHours(((dt.time(8), dt.time(12)), (dt.time(13), dt.time(17))))
    cal = WorkCalendar(
        official_working_dates(2026, 2026),
        [(dt.date(2026, 1, 1), OfficeHours()), (dt.date(2026, 3, 3), later)],
        first=dt.date(2026, 1, 1),
        last=dt.date(2026, 12, 31),
    )
    assert clock_start(at(2026, 3, 2, 7), cal) == at(2026, 3, 2, 7)
    assert clock_start(at(2026, 3, 3, 7), cal) == at(2026, 3, 3, 8)


def test_pauses_are_left_out_of_elapsed_working_time(national: WorkCalendar) -> None:
    monday, wednesday = at(2026, 3, 2, 10), at(2026, 3, 4, 10)
    tuesday = (at(2026, 3, 3, 7), at(2026, 3, 3, 17))
    assert working_time_between(monday, wednesday, national) == 16 * 60
    assert working_time_between(monday, wednesday, national, [tuesday]) == 8 * 60


def test_overlapping_and_outlying_pauses_count_once(national: WorkCalendar) -> None:
    monday, wednesday = at(2026, 3, 2, 10), at(2026, 3, 4, 10)
    pauses = [
        (at(2026, 3, 3, 7), at(2026, 3, 3, 11, 30)),  # Tuesday morning, 4.5 h
        (at(2026, 3, 3, 9), at(2026, 3, 3, 14, 30)),  # overlaps it, adds 1 h
        (at(2026, 3, 1, 9), at(2026, 3, 2, 11)),  # starts before the interval: 1 h inside
        (at(2026, 3, 10, 9), at(2026, 3, 11, 9)),  # after the interval
    ]
    assert working_time_between(monday, wednesday, national, pauses) == 16 * 60 - 390


def test_working_time_between_counts_nothing_outside_office_hours(
    national: WorkCalendar,
) -> None:
    assert working_time_between(at(2026, 3, 6, 17), at(2026, 3, 9, 7), national) == 0
    assert working_time_between(at(2026, 3, 2, 11), at(2026, 3, 2, 14), national) == 60


def test_moments_in_another_zone_are_converted(national: WorkCalendar) -> None:
    received = dt.datetime(2026, 3, 2, 3, 0, tzinfo=dt.UTC)  # 10:00 in Hà Nội
    due = due_at(received, TimeLimit(2, WD), national)
    assert due == at(2026, 3, 4, 10)
    assert due.tzinfo is ZONE


def test_seconds_are_truncated_to_the_minute(national: WorkCalendar) -> None:
    received = at(2026, 3, 2, 10).replace(second=45)
    assert due_at(received, TimeLimit(1, WH), national) == at(2026, 3, 2, 11)


def test_naive_datetime_is_rejected(national: WorkCalendar) -> None:
    with pytest.raises(NaiveDatetimeError, match="timezone-aware"):
        due_at(dt.datetime(2026, 3, 2, 10), TimeLimit(1, WD), national)


def test_moment_outside_the_calendar_span_is_rejected(national: WorkCalendar) -> None:
    with pytest.raises(OutsideCalendarError):
        due_at(at(2030, 3, 2, 10), TimeLimit(1, WD), national)
    with pytest.raises(OutsideCalendarError):
        add_working_time(at(2027, 12, 30, 10), 10 * 480, national)


@pytest.mark.parametrize(("value", "unit"), [(0, WD), (-1, WH), (-1, SAME)])
def test_non_positive_limits_are_rejected(value: int, unit: LimitUnit) -> None:
    with pytest.raises(CalendarError):
        TimeLimit(value, unit)


def test_limit_unit_accepts_its_string_value() -> None:
    assert TimeLimit(2, "working_days").unit is WD  # type: ignore[arg-type]


def test_overlapping_office_periods_are_rejected() -> None:
    with pytest.raises(CalendarError):
        OfficeHours(((dt.time(8), dt.time(12)), (dt.time(11), dt.time(17))))


def test_interval_ending_before_it_starts_is_rejected(national: WorkCalendar) -> None:
    with pytest.raises(CalendarError):
        working_time_between(at(2026, 3, 3, 10), at(2026, 3, 2, 10), national)

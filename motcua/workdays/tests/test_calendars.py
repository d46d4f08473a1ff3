"""calendar_for: the national calendar, overrides and office hours from the database."""

import datetime as dt
from typing import Any

import pytest

from motcua.accounts.models import OrgUnit, UnitKind
from motcua.workdays.calendars import calendar_for, calendar_of_unit
from motcua.workdays.models import OfficeHours, OverrideKind
from motcua.workdays.tests.conftest import at
from motcua.workdays.tests.factories import override, province
from motcua.workdays.timecalc import LimitUnit, TimeLimit, due_at

pytestmark = pytest.mark.usefixtures("db")

TWO_DAYS = TimeLimit(2, LimitUnit.WORKING_DAYS)
MONDAY = dt.date(2026, 3, 2)


def test_deployment_calendar_follows_the_official_2026_schedule() -> None:
    cal = calendar_for(None)
    assert not cal.is_working_day(dt.date(2026, 2, 16))
    assert cal.is_working_day(dt.date(2026, 8, 22))
    assert not cal.is_working_day(dt.date(2026, 4, 27))
    assert due_at(at(2026, 2, 13, 10), TimeLimit(3, LimitUnit.WORKING_DAYS), cal) == at(
        2026, 2, 25, 10
    )


def test_calendar_covers_2020_to_2035() -> None:
    cal = calendar_for(None)
    assert cal.first == dt.date(2020, 1, 1)
    assert cal.last == dt.date(2035, 12, 31)


def test_deployment_wide_day_off_applies_to_every_province() -> None:
    hanoi = province()
    calendar_for(hanoi)  # built and cached before the override exists
    override(MONDAY, OverrideKind.DAY_OFF)
    assert not calendar_for(hanoi).is_working_day(MONDAY)
    assert not calendar_for(None).is_working_day(MONDAY)


def test_province_day_off_stays_in_that_province() -> None:
    hanoi, hue = province(), province("46", "Huế")
    override(MONDAY, OverrideKind.DAY_OFF, hue)
    assert calendar_for(hanoi).is_working_day(MONDAY)
    assert not calendar_for(hue).is_working_day(MONDAY)
    assert due_at(at(2026, 2, 27, 10), TWO_DAYS, calendar_for(hue)) == at(2026, 3, 4, 10)


def test_province_override_beats_the_deployment_wide_one() -> None:
    hue = province("46", "Huế")
    override(MONDAY, OverrideKind.DAY_OFF)
    override(MONDAY, OverrideKind.WORKING_DAY, hue, reason="Làm việc bình thường")
    assert calendar_for(hue).is_working_day(MONDAY)
    assert not calendar_for(None).is_working_day(MONDAY)


def test_make_up_override_makes_a_saturday_a_working_day() -> None:
    saturday = dt.date(2026, 3, 7)
    override(saturday, OverrideKind.WORKING_DAY)
    assert calendar_for(None).is_working_day(saturday)


def test_deleting_an_override_restores_the_national_day() -> None:
    row = override(MONDAY, OverrideKind.DAY_OFF)
    assert not calendar_for(None).is_working_day(MONDAY)
    row.delete()
    assert calendar_for(None).is_working_day(MONDAY)


def test_province_office_hours_apply_from_their_date() -> None:
    hanoi = province()
    OfficeHours.objects.create(
        province=hanoi,
        valid_from=dt.date(2026, 3, 3),
        morning_start=dt.time(8),
        morning_end=dt.time(12),
        afternoon_start=dt.time(13),
        afternoon_end=dt.time(17),
    )
    cal = calendar_for(hanoi)
    assert due_at(at(2026, 3, 2, 6), TimeLimit(0, LimitUnit.SAME_DAY), cal) == at(2026, 3, 2, 17)
    assert due_at(at(2026, 3, 3, 7), TimeLimit(1, LimitUnit.WORKING_HOURS), cal) == at(
        2026, 3, 3, 9
    )
    deployment = calendar_for(None)
    assert due_at(at(2026, 3, 3, 7), TimeLimit(1, LimitUnit.WORKING_HOURS), deployment) == at(
        2026, 3, 3, 8
    )


def test_deployment_office_hours_apply_where_a_province_has_none() -> None:
    OfficeHours.objects.create(
        valid_from=dt.date(2020, 1, 1),
        morning_start=dt.time(7, 30),
        morning_end=dt.time(11, 30),
        afternoon_start=dt.time(13),
        afternoon_end=dt.time(17),
    )
    cal = calendar_for(province())
    assert due_at(at(2026, 3, 2, 6), TimeLimit(1, LimitUnit.WORKING_HOURS), cal) == at(
        2026, 3, 2, 8, 30
    )


def test_calendar_is_reused_while_nothing_changes() -> None:
    assert calendar_for(None) is calendar_for(None)


def test_a_unit_gets_its_province_calendar_in_one_query(django_assert_num_queries: Any) -> None:
    hanoi, hue = province(), province("46", "Huế")
    commune = OrgUnit.objects.create(code="19753", name="Xã", kind=UnitKind.COMMUNE, parent=hue)
    day_off = override(MONDAY, OverrideKind.DAY_OFF, hue)
    assert not calendar_of_unit(commune).is_working_day(MONDAY)
    assert calendar_of_unit(hanoi).is_working_day(MONDAY)
    hue_calendar = calendar_for(hue)
    with django_assert_num_queries(1):
        assert calendar_of_unit(commune) is hue_calendar
    day_off.delete()
    assert calendar_of_unit(commune).is_working_day(MONDAY)  # fresh after the change


def test_a_unit_outside_any_province_gets_the_deployment_calendar() -> None:
    centre = OrgUnit.objects.create(code="TT", name="Trung tâm", kind=UnitKind.PROVINCE_CENTRE)
    assert calendar_of_unit(centre) is calendar_for(None)

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from motcua.workdays.models import OverrideKind
from motcua.workdays.tests.factories import override, province

pytestmark = pytest.mark.usefixtures("db")


def due(*args: str) -> str:
    out = StringIO()
    call_command("due", *args, stdout=out)
    return out.getvalue().strip()


def test_due_prints_iso_moment_with_offset_across_tet() -> None:
    assert due("--received", "2026-02-13T10:00", "--limit", "3", "working_days") == (
        "2026-02-25T10:00+07:00"
    )


def test_due_applies_the_cutoff() -> None:
    args = ("--received", "2026-03-06T15:30", "--limit", "1", "same_day")
    assert due(*args) == "2026-03-06T17:00+07:00"
    assert due(*args, "--cutoff") == "2026-03-09T17:00+07:00"


def test_due_converts_a_received_offset() -> None:
    assert due("--received", "2026-03-02T03:00+00:00", "--limit", "2", "working_hours") == (
        "2026-03-02T14:00+07:00"
    )


def test_due_uses_the_province_calendar() -> None:
    hue = province("46", "Huế")
    override(dt.date(2026, 3, 3), OverrideKind.DAY_OFF, hue)
    args = ("--received", "2026-03-02T10:00", "--limit", "1", "working_days")
    assert due(*args) == "2026-03-03T10:00+07:00"
    assert due(*args, "--province", "46") == "2026-03-04T10:00+07:00"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--received", "13/02/2026", "--limit", "3", "working_days"), "ISO 8601"),
        (("--received", "2026-02-13T10:00", "--limit", "3", "weeks"), "Đơn vị thời hạn"),
        (("--received", "2026-02-13T10:00", "--limit", "ba", "working_days"), "số nguyên"),
        (("--received", "2026-02-13T10:00", "--limit", "0", "working_days"), "số nguyên"),
        (("--received", "2040-01-01T10:00", "--limit", "1", "working_days"), "phạm vi"),
        (("--received", "2026-02-13T10:00", "--limit", "1", "same_day", "--province", "99"), "99"),
    ],
)
def test_due_rejects_bad_input_in_vietnamese(args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        due(*args)

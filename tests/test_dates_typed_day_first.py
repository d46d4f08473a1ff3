"""Dates are typed day first on every form (issue 10 §6), and links that carry ISO dates work."""

import datetime as dt

import pytest

from motcua.lib.widgets import parse_day


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("12/10/2026", dt.date(2026, 10, 12)),  # 12 October, never 10 December
        (" 01/03/2026 ", dt.date(2026, 3, 1)),
        ("2026-03-01", dt.date(2026, 3, 1)),
        ("31/02/2026", None),
        ("13/13/2026", None),
        ("", None),
        ("x", None),
    ],
)
def test_parse_day(typed: str, day: dt.date | None) -> None:
    assert parse_day(typed) == day

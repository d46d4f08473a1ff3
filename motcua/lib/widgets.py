"""Form widgets shared by the apps."""

import datetime as dt
from typing import Any

from django import forms


class VietnameseDateInput(forms.DateInput):
    """A date typed day first, dd/mm/yyyy, whatever the browser's language: a native date
    picker shows the order of the browser's locale (month first on an English browser). Input
    formats are the Vietnamese ones (motcua/formats/vi), which also accept yyyy-mm-dd."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {
            "placeholder": "ngày/tháng/năm",
            "inputmode": "numeric",
            "autocomplete": "off",
            "size": "12",
            "class": "date",
        }
        super().__init__({**base, **(attrs or {})}, format="%d/%m/%Y")


def parse_day(raw: str) -> dt.date | None:
    """A date typed day first (12/10/2026, as VietnameseDateInput shows it) or as links and
    older forms write it (2026-10-12); None for anything else."""
    raw = raw.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    return None

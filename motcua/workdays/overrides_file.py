"""Reading a table of calendar overrides (CSV or XLSX) and checking every row before import."""

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.db import models
from django.utils.translation import gettext as _

from motcua.workdays.models import CalendarOverride, OverrideKind

COLUMNS = ("date", "kind", "reason", "legal_reference")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
# Officers type the Vietnamese label as often as the code.
KIND_WORDS = {
    **{kind.value: kind for kind in OverrideKind},
    **{str(kind.label).lower(): kind for kind in OverrideKind},
    "nghỉ": OverrideKind.DAY_OFF,
    "làm bù": OverrideKind.WORKING_DAY,
}


@dataclass(frozen=True)
class OverrideRow:
    date: dt.date
    kind: OverrideKind
    reason: str
    legal_reference: str


class OverrideFileError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def read_overrides(path: Path) -> list[OverrideRow]:
    """Every row of the file, or `OverrideFileError` listing each bad row and column."""
    records = _read_table(path)
    if not records or any(column not in records[0] for column in COLUMNS):
        raise OverrideFileError(
            [_("Dòng tiêu đề phải có các cột: %(columns)s.") % {"columns": ", ".join(COLUMNS)}]
        )
    rows: list[OverrideRow] = []
    problems: list[str] = []
    seen: dict[dt.date, int] = {}
    for number, record in enumerate(records[1:], start=2):
        if not any(str(value or "").strip() for value in record.values()):
            continue  # blank lines at the end of a spreadsheet
        row, row_problems = _parse(number, record)
        problems += row_problems
        if row is not None and row.date in seen:
            problems.append(
                _("Dòng %(row)d, cột date: ngày %(date)s đã có ở dòng %(first)d.")
                % {"row": number, "date": f"{row.date:%d/%m/%Y}", "first": seen[row.date]}
            )
        elif row is not None:
            seen[row.date] = number
            rows.append(row)
    if problems:
        raise OverrideFileError(problems)
    return rows


def _read_table(path: Path) -> list[dict[str, object]]:
    """Rows as dicts keyed by the header row; the header itself is the first row."""
    if not path.is_file():
        raise OverrideFileError([_("Không tìm thấy tệp %(path)s.") % {"path": path}])
    if path.suffix.lower() == ".xlsx":
        lines = _xlsx_lines(path)
    elif path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            lines = [list(line) for line in csv.reader(handle)]
    else:
        raise OverrideFileError([_("Chỉ nhận tệp .csv hoặc .xlsx.")])
    if not lines:
        return []
    header = [str(cell or "").strip().lower() for cell in lines[0]]
    return [dict(zip(header, line, strict=False)) for line in lines]


def _xlsx_lines(path: Path) -> list[list[object]]:
    from openpyxl import load_workbook  # only this command needs it

    sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    return [list(line) for line in sheet.iter_rows(values_only=True)]


def _parse(number: int, record: dict[str, object]) -> tuple[OverrideRow | None, list[str]]:
    problems: list[str] = []

    def problem(column: str, message: str) -> None:
        problems.append(
            _("Dòng %(row)d, cột %(column)s: %(message)s")
            % {"row": number, "column": column, "message": message}
        )

    day = _parse_date(record.get("date"))
    if day is None:
        problem("date", _("ngày không hợp lệ (dạng YYYY-MM-DD hoặc DD/MM/YYYY)."))
    kind = KIND_WORDS.get(str(record.get("kind") or "").strip().lower())
    if kind is None:
        problem("kind", _("loại ngày phải là day_off hoặc working_day."))
    texts = {column: str(record.get(column) or "").strip() for column in COLUMNS[2:]}
    for column, text in texts.items():
        limit = _max_length(column)
        if not text:
            problem(column, _("không được để trống."))
        elif len(text) > limit:
            problem(column, _("dài quá %(limit)d ký tự.") % {"limit": limit})
    if problems or day is None or kind is None:
        return None, problems
    return OverrideRow(day, kind, texts["reason"], texts["legal_reference"]), []


def _max_length(column: str) -> int:
    field = CalendarOverride._meta.get_field(column)
    assert isinstance(field, models.CharField)
    return field.max_length or 0


def _parse_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):  # openpyxl gives datetimes for date cells
        return value.date()
    if isinstance(value, dt.date):
        return value
    for date_format in DATE_FORMATS:
        try:
            return dt.datetime.strptime(str(value or "").strip(), date_format).date()
        except ValueError:
            continue
    return None

"""Small openpyxl helpers for lists kept the way officials keep them: a header row, then one
row per item."""

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

# openpyxl takes a noticeable part of a second to import: it is imported where a sheet is
# written, not when Django starts (bench/startup.py).
if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

_MAX_WIDTH = 60


def sheet_write(
    workbook: "Workbook", title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> "Worksheet":
    """Add a sheet with a bold, frozen header row and readable column widths."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [len(header) for header in headers]
    for row in rows:
        sheet.append(list(row))
        for i, value in enumerate(row):
            longest = max((len(line) for line in str(value or "").splitlines()), default=0)
            widths[i] = max(widths[i], longest)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(width + 2, _MAX_WIDTH)
    sheet.freeze_panes = "A2"
    return sheet


def sheet_rows(sheet: "Worksheet") -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, {header: value}) for each non-empty row below the header row."""
    rows = sheet.iter_rows(values_only=True)
    header_row = next(rows, None) or ()
    headers = [str(h).strip() if h is not None else "" for h in header_row]
    for number, row in enumerate(rows, start=2):
        if all(value is None or value == "" for value in row):
            continue
        yield number, {h: v for h, v in zip(headers, row, strict=False) if h}


def sheet_headers(sheet: "Worksheet") -> list[str]:
    first = next(sheet.iter_rows(max_row=1, values_only=True), ())
    return [str(h).strip() for h in first if h is not None]

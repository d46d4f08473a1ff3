"""Small openpyxl helpers for lists kept the way officials keep them: a header row, then one
row per item."""

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

# openpyxl takes a noticeable part of a second to import: it is imported where a sheet is
# written, not when Django starts (bench/startup.py).
if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.worksheet.worksheet import Worksheet

_MAX_WIDTH = 60
# Text starting with one of these could be taken for a formula by a spreadsheet program (OWASP
# "CSV injection"): such cells are written as text, marked so Excel keeps them text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_write(sheet: "Worksheet", row: int, column: int, value: Any) -> "Cell | MergedCell":
    """Put `value` in a cell; text is always a value, never a formula (every export uses this,
    directly or through `sheet_write`)."""
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True  # Excel shows it as text, even after editing
    return cell


def sheet_write(
    workbook: "Workbook", title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> "Worksheet":
    """Add a sheet with a bold, frozen header row and readable column widths."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    for column, header in enumerate(headers, start=1):
        cell = cell_write(sheet, 1, column, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [len(header) for header in headers]
    for number, row in enumerate(rows, start=2):
        for i, value in enumerate(row):
            cell_write(sheet, number, i + 1, value)
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

"""The period report as an Excel workbook, laid out as such reports are: a title, a two-row
header with merged group cells, one row per procedure (or sector, or unit), a total."""

from collections.abc import Sequence
from decimal import Decimal
from io import BytesIO
from typing import TYPE_CHECKING

from motcua.lib.excel import cell_write
from motcua.reports.periods import Period
from motcua.reports.selectors import Figures

if TYPE_CHECKING:
    from motcua.reports.index766 import Average, UnitIndex

# (group, [(column title, value of a row)]) — the group header spans its columns.
COLUMNS = (
    (
        "Số hồ sơ nhận giải quyết",
        [
            ("Kỳ trước chuyển sang", lambda f: f["carried"]),
            ("Trực tiếp", lambda f: f["received_counter"]),
            ("Bưu chính", lambda f: f["received_post"]),
            ("Trực tuyến (tự nộp)", lambda f: f["received_online_self"]),
            ("Trực tuyến (được hỗ trợ)", lambda f: f["received_online_assisted"]),
        ],
    ),
    (
        "Đã giải quyết",
        [
            ("Trước hạn", lambda f: f["resolved_early"]),
            ("Đúng hạn", lambda f: f["resolved_on_time"]),
            ("Quá hạn", lambda f: f["resolved_late"]),
        ],
    ),
    (
        "Đang giải quyết",
        [
            ("Trong hạn", lambda f: f["in_time"]),
            ("Quá hạn", lambda f: f["overdue"]),
        ],
    ),
    (
        "Khác",
        [
            ("Tạm dừng", lambda f: f["paused"]),
            ("Từ chối", lambda f: f["refused"]),
            ("Dừng xử lý", lambda f: f["stopped"]),
            ("Rút hồ sơ", lambda f: f["withdrawn"]),
            ("Thời gian giải quyết TB (ngày)", lambda f: f.average_days),
        ],
    ),
)


def period_workbook(title: str, period: Period, rows: list[Figures]) -> bytes:
    from openpyxl import Workbook  # imported where used (bench/startup.py)
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Bao cao"
    width = 2 + sum(len(cols) for _, cols in COLUMNS)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    cell_write(sheet, 1, 1, title).font = Font(bold=True, size=13)
    cell_write(sheet, 2, 1, f"Kỳ báo cáo: từ {period.first:%d/%m/%Y} đến {period.last:%d/%m/%Y}")
    _header(sheet)
    for i, row in enumerate(rows, start=1):
        r = 5 + i
        cell_write(sheet, r, 1, i if i < len(rows) else "")
        cell_write(sheet, r, 2, row.label)
        column = 3
        for _, cols in COLUMNS:
            for _, value in cols:
                cell_write(sheet, r, column, value(row))
                column += 1
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _header(sheet) -> None:  # type: ignore[no-untyped-def]
    from openpyxl.styles import Alignment

    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for column, text in ((1, "STT"), (2, "Thủ tục / lĩnh vực / đơn vị")):
        sheet.merge_cells(start_row=4, start_column=column, end_row=5, end_column=column)
        cell_write(sheet, 4, column, text).alignment = centre
    column = 3
    for group, cols in COLUMNS:
        sheet.merge_cells(
            start_row=4, start_column=column, end_row=4, end_column=column + len(cols) - 1
        )
        cell_write(sheet, 4, column, group).alignment = centre
        for offset, (name, _) in enumerate(cols):
            cell_write(sheet, 5, column + offset, name).alignment = centre
        column += len(cols)


def index766_workbook(
    title: str,
    period: Period,
    ranking: list["UnitIndex"],
    averages: Sequence["Average"] = (),
) -> bytes:
    """The 766 index: a ranking sheet (total and each group's points) and a sheet of every
    component of every unit, numbered as the national formula document and as the points
    table; components without data say so and why, never 0."""
    from openpyxl import Workbook  # imported where used (bench/startup.py)
    from openpyxl.styles import Font

    from motcua.lib.excel import sheet_write
    from motcua.reports.index766 import GROUPS

    book = Workbook()
    if book.active is not None:
        book.remove(book.active)
    groups = [f"Nhóm {n}. {name}" for n, name in GROUPS.items()]
    sheet_write(
        book,
        "Xep hang",
        ["Hạng", "Mã đơn vị", "Đơn vị", "Tổng điểm", "Điểm tối đa có dữ liệu", *groups],
        (
            [r.rank, r.unit.code, r.unit.name, float(r.total), r.attainable]
            + [_number(g.points, NO_DATA) for g in r.groups]
            for r in ranking
        ),
    )
    sheet_write(
        book,
        "Chi tieu",
        ["Đơn vị", "Nhóm", "Số hiệu (QĐ 766)", "Số hiệu bảng điểm", "Chỉ tiêu", "Tử số",
         "Mẫu số", "Tỷ lệ (%)", "Chỉ tiêu (%)", "Điểm", "Điểm tối đa", "Ghi chú"],
        (
            [r.unit.name, c.spec.group, c.spec.national or "—", c.spec.code, c.spec.name,
             c.numerator, c.denominator, _number(c.rate, ""),
             _number(c.spec.target * 100 if c.spec.target else None, ""),
             _number(c.points if c.spec.scored else c.value, NO_DATA), c.spec.max_points,
             c.reason if not c.applicable else ("ngày làm việc" if not c.spec.scored else "")]
            for r in ranking
            for c in r.components
        ),
    )  # fmt: skip
    sheet_write(
        book,
        "Thoi gian TB",
        ["Thủ tục", "Hồ sơ đã giải quyết", "Thời gian giải quyết trung bình (ngày làm việc)"],
        ([a.name, a.resolved, float(a.days)] for a in averages),
    )
    first = book["Xep hang"]
    first.insert_rows(1, 2)
    cell_write(first, 1, 1, title).font = Font(bold=True, size=13)
    cell_write(first, 2, 1, f"Kỳ: từ {period.first:%d/%m/%Y} đến {period.last:%d/%m/%Y}")
    first.freeze_panes = "A4"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


NO_DATA = "Không có dữ liệu"


def _number(value: Decimal | None, empty: str) -> float | str:
    return empty if value is None else float(value)

"""Excel workbook ⇄ exchange records.

One sheet per table, a Vietnamese header row, one row per item. The procedure sheet numbers
its rows in an "STT" column and the other sheets point at that number ("STT thủ tục"), as
officials do in their lists. Coded values are written as their Vietnamese labels and read back
from labels or codes. A version without any row in the process sheet gets the default internal
process on import.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from motcua.accounts.models import Role, UnitKind
from motcua.catalog.exchange.records import FieldError
from motcua.catalog.exchange.records import Path as FieldPath
from motcua.catalog.models import Confidence, TimeLimitUnit, VersionStatus
from motcua.lib.excel import sheet_rows, sheet_write

PROCEDURES = "Thủ tục"
REF = "STT thủ tục"
NUMBER = "STT"

# (sheet title, record key of its items or None for the procedure sheet, [(header, path)]).
# Paths index into the record (procedure sheet) or into one item (other sheets).
_COLUMNS: dict[str, tuple[str | None, list[tuple[str, FieldPath]]]] = {
    PROCEDURES: (
        None,
        [
            ("Mã thủ tục", ("code",)),
            ("Tên thủ tục", ("name",)),
            ("Lĩnh vực", ("sector",)),
            ("Cấp thực hiện", ("level",)),
            ("Phiên bản", ("version",)),
            ("Trạng thái", ("status",)),
            ("Hiệu lực từ", ("valid_from",)),
            ("Hiệu lực đến", ("valid_to",)),
            ("Cơ quan thực hiện", ("body",)),
            ("Cơ quan có thẩm quyền quyết định", ("deciding_body",)),
            ("Đối tượng thực hiện", ("applicants",)),
            ("Cách thức thực hiện", ("channels",)),
            ("Trình tự thực hiện", ("steps_text",)),
            ("Thời hạn", ("time_limit", "value")),
            ("Đơn vị thời hạn", ("time_limit", "unit")),
            ("Thời hạn (nguyên văn)", ("time_limit_text",)),
            ("Nhận sau 15 giờ tính từ ngày làm việc tiếp theo", ("time_limit", "cutoff_15h")),
            ("Thời hạn khi nộp trực tuyến", ("online_time_limit", "value")),
            ("Đơn vị thời hạn trực tuyến", ("online_time_limit", "unit")),
            ("Yêu cầu, điều kiện", ("conditions",)),
            ("Kết quả thực hiện", ("result",)),
            ("Mức độ dịch vụ công trực tuyến", ("online_level",)),
            ("Bắt buộc trả kết quả giấy", ("paper_result_required",)),
            ("Căn cứ pháp lý", ("legal_basis",)),
            ("Nguồn dữ liệu", ("sources",)),
            ("Độ tin cậy", ("confidence",)),
            ("Ghi chú", ("notes",)),
        ],
    ),
    "Trường hợp": (
        "cases",
        [
            ("Tên trường hợp", ("name",)),
            ("Thời hạn", ("time_limit", "value")),
            ("Đơn vị thời hạn", ("time_limit", "unit")),
        ],
    ),
    "Thành phần hồ sơ": (
        "documents",
        [
            ("Trường hợp", ("case",)),
            ("Tên giấy tờ", ("name",)),
            ("Số bản chính", ("originals",)),
            ("Số bản sao", ("copies",)),
            ("Bắt buộc", ("mandatory",)),
            ("Chỉ xuất trình, không nộp", ("presented_only",)),
            ("Ghi chú", ("note",)),
            ("Ghi chú biên tập (nội bộ)", ("editor_note",)),
        ],
    ),
    "Phí, lệ phí": (
        "fees",
        [
            ("Tên phí, lệ phí", ("name",)),
            ("Mức thu (đồng)", ("amount_vnd",)),
            ("Ghi chú", ("note",)),
            ("Ghi chú biên tập (nội bộ)", ("editor_note",)),
        ],
    ),
    "Quy trình nội bộ": (
        "steps",
        [
            ("Bước", ("order",)),
            ("Tên bước", ("name",)),
            ("Vai trò", ("role",)),
            ("Mã đơn vị", ("unit",)),
            ("Loại đơn vị", ("unit_kind",)),
            ("Số giờ", ("hours",)),
        ],
    ),
}
_LISTS = {("channels",), ("legal_basis",), ("sources",)}
_LABELLED: dict[FieldPath, type] = {
    ("status",): VersionStatus,
    ("time_limit", "unit"): TimeLimitUnit,
    ("online_time_limit", "unit"): TimeLimitUnit,
    ("confidence",): Confidence,
    ("role",): Role,
    ("unit_kind",): UnitKind,
}


# --- writing ---------------------------------------------------------------------------------


def workbook_write(records: list[dict[str, Any]], path: Path) -> None:
    from openpyxl import Workbook  # imported where used (bench/startup.py)

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for title, (key, columns) in _COLUMNS.items():
        headers = [NUMBER if key is None else REF, *(header for header, _ in columns)]
        sheet_write(workbook, title, headers, _rows(records, key, columns))
    workbook.save(path)


def _rows(
    records: list[dict[str, Any]], key: str | None, columns: list[tuple[str, FieldPath]]
) -> Iterable[list[Any]]:
    for number, record in enumerate(records, start=1):
        items = [record] if key is None else (record.get(key) or [])
        for item in items:
            yield [number, *(_cell(_get(item, path), path) for _, path in columns)]


def _get(item: dict[str, Any], path: FieldPath) -> Any:
    value: Any = item
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _cell(value: Any, path: FieldPath) -> Any:
    if path in _LISTS:
        return "\n".join(value or []) or None
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if path in _LABELLED and value:
        return str(_LABELLED[path](value).label)
    return value


# --- reading ---------------------------------------------------------------------------------


@dataclass
class WorkbookContents:
    """What a workbook holds: records, where each field came from, and reading problems."""

    records: list[dict[str, Any]] = field(default_factory=list)
    places: dict[tuple[int, FieldPath], tuple[str, int, str | None]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def locate(self, error: FieldError) -> str:
        path = error.path
        while (error.record, path) not in self.places and path:
            path = path[:-1]
        sheet, row, column = self.places.get((error.record, path), (PROCEDURES, 0, None))
        where = f"Sheet '{sheet}', dòng {row}"
        return f"{where}, cột '{column}'" if column else where


def workbook_read(path: Path) -> WorkbookContents:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    result = WorkbookContents()
    numbers: dict[int, int] = {}
    for title, (key, columns) in _COLUMNS.items():
        if title not in book.sheetnames:
            if key is None:
                result.problems.append(f"Thiếu sheet '{title}'")
            continue
        for row_number, row in sheet_rows(book[title]):
            _read_row(result, numbers, title, key, columns, row_number, row)
    return result


def _read_row(
    result: WorkbookContents,
    numbers: dict[int, int],
    title: str,
    key: str | None,
    columns: list[tuple[str, FieldPath]],
    row_number: int,
    row: dict[str, Any],
) -> None:
    prefix: FieldPath = ()
    ref_header = NUMBER if key is None else REF
    ref = row.get(ref_header)
    if isinstance(ref, float) and ref.is_integer():
        ref = int(ref)
    where = f"Sheet '{title}', dòng {row_number}, cột '{ref_header}'"
    if key is None:
        if not isinstance(ref, int) or ref in numbers:
            result.problems.append(f"{where}: phải là số thứ tự nguyên, không trùng")
            return
        numbers[ref] = len(result.records)
        result.records.append({})
        index, item = numbers[ref], result.records[-1]
    else:
        if ref not in numbers:
            result.problems.append(f"{where}: không có thủ tục số thứ tự {ref}")
            return
        index = numbers[ref]
        items = result.records[index].setdefault(key, [])
        items.append({})
        item, prefix = items[-1], (key, len(items) - 1)
    result.places[(index, prefix)] = (title, row_number, None)
    for header, path in columns:
        _put(item, path, _value(row.get(header), path))
        for depth in range(1, len(path) + 1):
            result.places.setdefault((index, (*prefix, *path[:depth])), (title, row_number, header))


def _put(item: dict[str, Any], path: FieldPath, value: Any) -> None:
    for part in path[:-1]:
        item = item.setdefault(str(part), {})
    item[str(path[-1])] = value


def _value(raw: Any, path: FieldPath) -> Any:
    if isinstance(raw, str):
        raw = raw.strip() or None
    if path in _LISTS:
        return [line.strip() for line in str(raw).splitlines() if line.strip()] if raw else []
    return raw

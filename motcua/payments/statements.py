"""Bank statements as the banks export them (Excel or CSV): read the credit lines."""

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from motcua.lib.text import fold

MAX_BYTES = 5 * 1024 * 1024
# Header names seen in Vietnamese banks' exports, folded (motcua.lib.text.fold).
COLUMNS = {
    "date": ("ngay", "ngay giao dich", "ngay gd", "ngay hach toan", "ngay hieu luc", "date",
             "transaction date", "ngay thang"),
    "amount": ("so tien", "so tien ghi co", "ghi co", "phat sinh co", "so tien co", "credit",
               "amount", "so tien vnd"),
    "description": ("noi dung", "dien giai", "noi dung giao dich", "mo ta", "chi tiet",
                    "description", "noi dung chuyen khoan"),
    "reference": ("so tham chieu", "ma giao dich", "so gd", "ma gd", "so but toan", "so ct",
                  "reference", "so chung tu", "ma tham chieu"),
}  # fmt: skip


class StatementError(ValueError):
    """The file cannot be read as a statement; the message is for the officer."""


@dataclass(frozen=True)
class Line:
    row: int
    booked_on: dt.date
    amount_vnd: int
    description: str
    reference: str


def read(name: str, data: bytes) -> tuple[list[Line], list[str]]:
    """The credit lines of the file and, per unreadable row, a message; debits are skipped."""
    if len(data) > MAX_BYTES:
        raise StatementError("Tệp sao kê lớn hơn 5 MB: hãy tách theo từng tháng.")
    lower = name.lower()
    if lower.endswith(".xlsx") and data[:4] == b"PK\x03\x04":
        rows = _xlsx_rows(data)
    elif lower.endswith(".csv"):
        rows = _csv_rows(data)
    else:
        raise StatementError("Chỉ nhận sao kê dạng Excel (.xlsx) hoặc CSV (.csv).")
    return _lines(rows)


def _xlsx_rows(data: bytes) -> list[Sequence[Any]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise StatementError(
            "Không đọc được tệp Excel: tệp hỏng hoặc không đúng định dạng."
        ) from None
    sheet = book.worksheets[0]
    return [row for row in sheet.iter_rows(values_only=True)]


def _csv_rows(data: bytes) -> list[Sequence[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StatementError("Tệp CSV phải lưu với bảng mã UTF-8.") from None
    head = "\n".join(text.splitlines()[:10])
    delimiter = max((";", ",", "\t"), key=head.count)
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _header(rows: list[Sequence[Any]]) -> tuple[int, dict[str, int]]:
    """The header row (banks put account details above it) and where each column is."""
    for index, row in enumerate(rows[:30]):
        names = [fold(str(cell)) if cell is not None else "" for cell in row]
        found = {
            key: names.index(name)
            for key, choices in COLUMNS.items()
            for name in choices
            if name in names
        }
        if {"date", "amount", "description"} <= found.keys():
            return index, found
    raise StatementError(
        "Không tìm thấy dòng tiêu đề của sao kê: cần các cột Ngày giao dịch, Số tiền (ghi có), "
        "Nội dung (diễn giải) và Số tham chiếu."
    )


def _lines(rows: list[Sequence[Any]]) -> tuple[list[Line], list[str]]:
    start, columns = _header(rows)
    lines, problems = [], []
    for number, row in enumerate(rows[start + 1 :], start=start + 2):
        cells = {key: row[i] if i < len(row) else None for key, i in columns.items()}
        if all(value in (None, "") for value in cells.values()):
            continue
        try:
            line = _line(number, cells)
        except StatementError as error:
            problems.append(f"Dòng {number}: {error}")
            continue
        if line is not None:
            lines.append(line)
    return lines, problems


def _line(number: int, cells: dict[str, Any]) -> Line | None:
    amount = amount_of(cells["amount"])
    if amount is None or amount <= 0:
        return None  # a debit or an empty credit: not a payment to us
    description = str(cells["description"] or "").strip()[:500]
    booked_on = date_of(cells["date"])
    reference = str(cells.get("reference") or "").strip()[:128]
    if not reference:
        reference = "SK-" + fingerprint([booked_on.isoformat(), str(amount), description])
    return Line(number, booked_on, amount, description, reference)


def amount_of(value: Any) -> int | None:
    """Whole đồng from 50000, 50000.0, "50.000", "50,000 VND", "50.000,00" or "+50.000"."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        number = _amount_text(str(value))
    if number != number.to_integral_value():
        raise StatementError(f"số tiền “{value}” có phần lẻ dưới 1 đồng.")
    return int(number)


_GROUPED = re.compile(r"[+-]?\d{1,3}([.,])\d{3}(\1\d{3})*")
_CENTS = re.compile(r"([+-]?[\d.,]+?)[.,](\d{2})")


def _amount_text(raw: str) -> Decimal:
    text = re.sub(r"(?i)\s|vnd|đồng|đ", "", raw)
    cents = "0"
    if not _GROUPED.fullmatch(text) and (found := _CENTS.fullmatch(text)):
        text, cents = found.group(1), found.group(2)
    text = text.replace(".", "").replace(",", "")
    if not re.fullmatch(r"[+-]?\d+", text):
        raise StatementError(f"số tiền “{raw}” không đọc được.")
    return Decimal(text) + Decimal(cents) / 100 * (-1 if text.startswith("-") else 1)


def date_of(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip().split(" ")[0]
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d/%m/%y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise StatementError(f"ngày “{value}” không đọc được (cần dạng ngày/tháng/năm).")


def fingerprint(parts: Iterable[str]) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]

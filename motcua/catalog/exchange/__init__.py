"""Import and export of the catalog as JSON (the shape of fixtures/procedures.json, plus
internal process steps) and as an Excel workbook (a sheet per table)."""

import json
from pathlib import Path
from typing import Any

from motcua.accounts.models import User
from motcua.catalog.exchange.dump import catalog_records
from motcua.catalog.exchange.load import ImportRefused, ImportReport, catalog_import
from motcua.catalog.exchange.records import FieldError
from motcua.catalog.exchange.xlsx import workbook_read, workbook_write

__all__ = ["ImportRefused", "ImportReport", "catalog_export_file", "catalog_import_file"]

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "procedures.json"


def catalog_export_file(path: Path) -> int:
    """Write every version of every procedure to `path` (.json or .xlsx); returns the count."""
    records = catalog_records()
    if _is_excel(path):
        workbook_write(records, path)
    else:
        text = json.dumps(records, ensure_ascii=False, indent=2)
        path.write_text(text + "\n", encoding="utf-8")
    return len(records)


def catalog_import_file(
    path: Path, *, publish: bool = False, actor: User | None = None
) -> ImportReport:
    """Import `path` (.json or .xlsx). Raises ImportRefused, writing nothing, on any bad row."""
    if _is_excel(path):
        book = workbook_read(path)
        if book.problems:
            raise ImportRefused(book.problems)
        return catalog_import(book.records, locate=book.locate, publish=publish, actor=actor)
    records = _json_records(path)
    return catalog_import(records, locate=_json_locate(records), publish=publish, actor=actor)


def _is_excel(path: Path) -> bool:
    return path.suffix.lower() in (".xlsx", ".xlsm")


def _json_records(path: Path) -> list[Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportRefused(f"Không đọc được tệp JSON: {error}") from error
    if not isinstance(data, list):
        raise ImportRefused("Tệp JSON phải là một danh sách thủ tục.")
    return data


def _json_locate(records: list[Any]) -> Any:
    def locate(error: FieldError) -> str:
        record = records[error.record]
        label = record.get("code") or record.get("name") if isinstance(record, dict) else None
        where = f"Bản ghi {error.record + 1}" + (f" ({label})" if label else "")
        path = ".".join(str(p) for p in error.path)
        return f"{where}, trường '{path}'" if path else where

    return locate

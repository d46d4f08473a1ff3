"""Scores entered in bulk from a spreadsheet or JSON (provinces that collect by spreadsheet):
one row per unit and leaf. Every row goes through `entry_save`, so the same rules apply as on
the page; one bad row and nothing is imported."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from motcua.accounts.models import User
from motcua.lib.excel import sheet_rows
from motcua.par.models import Assessment, RubricNode, Stage, UnitAssessment
from motcua.par.services import ParError, entry_save
from motcua.par.sheet import parse_answer

COLUMNS = {
    "unit": "Mã đơn vị",
    "leaf": "Mã tiêu chí",
    "value": "Giá trị",
    "choice": "Mức",
    "not_applicable": "Không áp dụng",
    "comment": "Ghi chú",
}
STAGES = (Stage.SELF, Stage.ROUND1, Stage.ROUND2, Stage.SURVEY)


class ScoresInvalid(ValueError):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class ScoreRow:
    where: str  # "Dòng 5" or "Mục 3", for the error messages
    unit: str
    leaf: str
    value: str
    choice: str
    not_applicable: bool
    comment: str


def _truthy(raw: Any) -> bool:
    return str(raw or "").strip().lower() in ("1", "x", "có", "co", "true", "yes")


def rows_from_file(content: bytes) -> list[ScoreRow]:
    if content[:2] == b"PK":
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception:
            raise ScoresInvalid(["Tệp không phải Excel (.xlsx) hợp lệ."]) from None
        raw = [
            (f"Dòng {n}", {k: row.get(h) for k, h in COLUMNS.items()})
            for n, row in sheet_rows(workbook.worksheets[0])
        ]
    else:
        try:
            items = json.loads(content)
        except (ValueError, UnicodeDecodeError):
            raise ScoresInvalid(["Tệp không phải JSON hợp lệ."]) from None
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ScoresInvalid(["Tệp JSON phải là một danh sách các mục {unit, leaf, value, …}."])
        raw = [(f"Mục {n}", item) for n, item in enumerate(items, start=1)]
    return [
        ScoreRow(
            where,
            str(r.get("unit") or "").strip(),
            str(r.get("leaf") or "").strip(),
            "" if r.get("value") is None else str(r.get("value")),
            str(r.get("choice") or ""),
            _truthy(r.get("not_applicable")),
            str(r.get("comment") or ""),
        )
        for where, r in raw
    ]


def scores_import(*, assessment: Assessment, stage: str, rows: list[ScoreRow], actor: User) -> int:
    """Save every row or none: the errors of all bad rows are reported together."""
    if stage not in STAGES:
        raise ScoresInvalid(
            [f"Giai đoạn “{stage}” không hợp lệ; dùng self, round1, round2, survey."]
        )
    units = {ua.unit.code: ua for ua in assessment.units.select_related("unit", "assessment")}
    leaves = {
        n.code: n for n in RubricNode.objects.filter(rubric=assessment.rubric_id, is_leaf=True)
    }
    errors: list[str] = []
    with transaction.atomic():
        for row in rows:
            try:
                _save(row, units, leaves, stage, actor)
            except ParError as exc:
                errors.append(f"{row.where} ({row.unit} / {row.leaf}): {exc.messages[0]}")
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise ScoresInvalid(errors)
    return len(rows)


def _save(
    row: ScoreRow,
    units: dict[str, UnitAssessment],
    leaves: dict[str, RubricNode],
    stage: str,
    actor: User,
) -> None:
    ua, leaf = units.get(row.unit), leaves.get(row.leaf)
    if ua is None:
        raise ParError(f"đơn vị “{row.unit}” không thuộc kỳ đánh giá")
    if leaf is None:
        raise ParError(f"không có tiêu chí thành phần “{row.leaf}”")
    value, choice = None, ""
    if not row.not_applicable:
        value, choice = parse_answer(leaf, row.value, row.choice)
    with transaction.atomic():
        entry_save(
            unit_assessment=ua,
            leaf=leaf,
            stage=stage,
            actor=actor,
            value=value,
            choice=choice,
            not_applicable=row.not_applicable,
            comment=row.comment,
        )

"""The two tables provinces publish: the results of all units (units × areas, total, band,
rank) and one unit's scored rubric (every leaf: self, round 1, explanation, final, evidence)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from motcua.lib.excel import sheet_write
from motcua.par.models import Stage, UnitAssessment
from motcua.par.selectors import Results, UnitResult
from motcua.par.sheet import Row

if TYPE_CHECKING:
    from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _bytes(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def results_workbook(results: Results) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    areas = results.areas
    headers = [
        "Vị thứ",
        "Mã đơn vị",
        "Đơn vị",
        *(f"{a.code}. {a.name} (%)" for a in areas),
        "Điểm đạt",
        "Điểm áp dụng",
        "Chỉ số CCHC (%)",
        "Xếp loại",
        "Chỉ số năm trước (%)",
        "Tăng, giảm so với năm trước",
    ]
    rows = [
        [
            u.rank if u.rank is not None else "",
            u.unit.code,
            u.unit.name,
            *(_number(u.areas[a.code].index) for a in areas),
            float(u.total.achieved),
            float(u.total.applicable),
            _number(u.index),
            u.band,
            _number(u.previous.index if u.previous else None),
            _change(u),
        ]
        for u in results.units
    ]
    sheet_write(workbook, "Kết quả", headers, rows)
    return _bytes(workbook)


def _change(u: UnitResult) -> object:
    if u.previous is None or u.previous.index is None or u.index is None:
        return ""
    return float(u.index - u.previous.index)


def _number(value: object) -> object:
    return "" if value is None else float(value)  # type: ignore[arg-type]


def unit_workbook(ua: UnitAssessment, rows: list[Row]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    headers = [
        "Mã",
        "Tiêu chí",
        "Điểm tối đa",
        "Tự chấm",
        "Điểm tự chấm",
        "Thẩm định vòng 1",
        "Nhận xét thẩm định",
        "Giải trình",
        "Điểm cuối cùng",
        "Số minh chứng",
    ]
    out = []
    for row in rows:
        if not row.node.is_leaf:
            achieved = row.tally.achieved if row.tally else None
            out.append(
                [
                    row.node.code,
                    row.node.name,
                    float(row.node.max_points),
                    "",
                    "",
                    "",
                    "",
                    "",
                    _number(achieved),
                    "",
                ]
            )
            continue
        final_stage = _final_stage(row)
        out.append(
            [
                row.node.code,
                row.node.name,
                float(row.node.max_points),
                row.shown(final_stage if row.node.is_survey else Stage.SELF),
                _number(row.points(Stage.SURVEY if row.node.is_survey else Stage.SELF)),
                _number(row.points(Stage.ROUND1)),
                _comment(row, Stage.ROUND1),
                _comment(row, Stage.EXPLANATION),
                _number(row.points(final_stage)) if final_stage else "",
                len(row.evidence),
            ]
        )
    sheet_write(workbook, ua.unit.name[:31], headers, out)
    return _bytes(workbook)


def _final_stage(row: Row) -> str:
    order = (Stage.SURVEY,) if row.node.is_survey else (Stage.ROUND2, Stage.ROUND1, Stage.SELF)
    return next((s for s in order if s in row.entries), "")


def _comment(row: Row, stage: str) -> str:
    entry = row.entries.get(stage)
    return entry.comment if entry else ""

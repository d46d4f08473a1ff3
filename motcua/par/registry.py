"""The measures an auto leaf can be scored from: a stable key → the dotted path of one function
`(unit, start, end) -> Measure` (motcua/lib/measures.py), imported only when used, so a rubric
naming a measure whose app is not installed fails with a clear message, not at start-up.

docs/par.md lists every key with its definition; a test keeps the two in step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass
from importlib import import_module

from motcua.accounts.models import OrgUnit
from motcua.lib.measures import Measure

MeasureFunction = Callable[[OrgUnit, dt.date, dt.date], Measure]


@dataclass(frozen=True)
class Entry:
    path: str
    label: str  # Vietnamese, shown when choosing a measure and beside an auto leaf
    kind: str = "rate"  # "rate" (0–1) or "count" / "points"


REPORTS = "motcua.reports.measures"
REFORM = "motcua.reform.measures"

MEASURES: dict[str, Entry] = {
    "dossiers.on_time_rate": Entry(
        f"{REPORTS}.on_time_rate", "Tỉ lệ hồ sơ giải quyết trước hạn, đúng hạn (766, chỉ tiêu 2.1)"
    ),
    "dossiers.online_rate": Entry(
        f"{REPORTS}.online_rate", "Tỉ lệ hồ sơ nộp trực tuyến (766, chỉ tiêu 3.3)"
    ),
    "procedures.online_rate": Entry(
        f"{REPORTS}.procedures_online_rate",
        "Tỉ lệ TTHC cung cấp dịch vụ công trực tuyến (766, chỉ tiêu 3.1)",
    ),
    "dossiers.electronic_result_rate": Entry(
        f"{REPORTS}.electronic_result_rate", "Tỉ lệ hồ sơ cấp kết quả điện tử (766, chỉ tiêu 6.1)"
    ),
    "pakn.on_time_rate": Entry(
        f"{REPORTS}.pakn_on_time_rate",
        "Tỉ lệ phản ánh, kiến nghị xử lý đúng hạn (766, chỉ tiêu 5.1)",
    ),
    "dossiers.satisfaction_rate": Entry(
        f"{REPORTS}.satisfaction_rate",
        "Mức độ hài lòng về tiếp nhận, giải quyết TTHC (766, chỉ tiêu 5.4 theo số hiệu quốc gia)",
    ),
    "surveys.sipas_index": Entry(
        f"{REPORTS}.sipas_index", "Chỉ số hài lòng (SIPAS) của đợt khảo sát của đơn vị"
    ),
    "index766.total": Entry(
        f"{REPORTS}.index766_total", "Tổng điểm Bộ chỉ số 766 của đơn vị", "points"
    ),
    "procedures.published_complete_rate": Entry(
        f"{REPORTS}.procedures_published_complete_rate", "Tỉ lệ TTHC công khai đầy đủ các bộ phận"
    ),
    "plans.tasks_done_on_time_rate": Entry(
        f"{REFORM}.plans_tasks_done_on_time_rate",
        "Tỉ lệ nhiệm vụ kế hoạch CCHC hoàn thành đúng hạn",
    ),
    "staff.trained_in_year_rate": Entry(
        f"{REFORM}.staff_trained_in_year_rate",
        "Tỉ lệ cán bộ, công chức được đào tạo, bồi dưỡng trong năm",
    ),
    "inspections.held": Entry(
        f"{REFORM}.inspections_held", "Số cuộc kiểm tra công vụ, kiểm tra CCHC đã tổ chức", "count"
    ),
    "inspections.findings_fixed_on_time_rate": Entry(
        f"{REFORM}.inspections_findings_fixed_on_time_rate",
        "Tỉ lệ tồn tại sau kiểm tra được khắc phục đúng hạn",
    ),
    "dialogues.held": Entry(
        f"{REFORM}.dialogues_held", "Số cuộc đối thoại, gặp gỡ nhân dân đã tổ chức", "count"
    ),
}


class MeasureUnavailable(LookupError):
    """The key is unknown, or its module is not part of this installation."""


def resolve(key: str) -> MeasureFunction:
    entry = MEASURES.get(key)
    if entry is None:
        raise MeasureUnavailable(f"Không có phép đo “{key}”.")
    module_path, name = entry.path.rsplit(".", 1)
    try:
        module = import_module(module_path)
    except ModuleNotFoundError:
        raise MeasureUnavailable(
            f"Phép đo “{key}” cần phân hệ {module_path}, chưa có trong bản cài đặt này."
        ) from None
    function = getattr(module, name, None)
    if function is None:
        raise MeasureUnavailable(f"Phép đo “{key}”: {module_path} không có hàm {name}.")
    return function  # type: ignore[no-any-return]


def measure_units(
    key: str, units: Iterable[OrgUnit], start: dt.date, end: dt.date
) -> dict[int, Measure]:
    """One measure for many units: through the function's `many` when it has one (one read for
    all units), else unit by unit."""
    function = resolve(key)
    chosen = list(units)
    many = getattr(function, "many", None)
    if many is not None:
        return many(chosen, start, end)  # type: ignore[no-any-return]
    return {unit.pk: function(unit, start, end) for unit in chosen}


def shared_reads(keys: Iterable[str]) -> ExitStack:
    """Enter the `shared_reads` context of every module the keys come from (when it has one),
    so that measures read from the same figures compute them once."""
    stack = ExitStack()
    seen: set[str] = set()
    for key in keys:
        module_path = MEASURES[key].path.rsplit(".", 1)[0] if key in MEASURES else ""
        if not module_path or module_path in seen:
            continue
        seen.add(module_path)
        try:
            module = import_module(module_path)
        except ModuleNotFoundError:
            continue
        if hasattr(module, "shared_reads"):
            stack.enter_context(module.shared_reads())
    return stack

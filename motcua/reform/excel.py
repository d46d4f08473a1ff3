"""Excel in the shape officials keep: a plan's task table, the staff register and the
qualification table. Imports check every row first and write nothing when one is wrong."""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.http import HttpResponse

from motcua.accounts.models import OrgUnit, User
from motcua.lib.excel import sheet_headers, sheet_rows, sheet_write
from motcua.lib.text import fold
from motcua.reform import services
from motcua.reform.levels import CRITERIA, LEVELS, level_from_label, level_label
from motcua.reform.models import (
    Person,
    Posting,
    QualCategory,
    Qualification,
    ReformArea,
    ReformPlan,
    Sex,
    StaffKind,
)
from motcua.reform.selectors import TableRow, people_in
from motcua.reform.workflow import ReformError

if TYPE_CHECKING:
    from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ONGOING = "Thường xuyên"
PLAN_HEADERS = [
    "STT",
    "Lĩnh vực",
    "Nội dung nhiệm vụ",
    "Sản phẩm",
    "Cán bộ chủ trì",
    "Phối hợp",
    "Bắt đầu",
    "Thời hạn",
    "Trạng thái",
]


def download(workbook: Workbook, name: str) -> HttpResponse:
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _day(value: object) -> str:
    return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else ""


def plan_workbook(plan: ReformPlan) -> Workbook:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    rows = [
        [
            t.number,
            t.get_area_display(),
            t.content,
            t.product,
            t.lead_officer.username if t.lead_officer else "",
            t.support,
            _day(t.starts_on),
            ONGOING if t.ongoing else _day(t.deadline),
            t.get_status_display(),
        ]
        for t in plan.tasks.select_related("lead_officer")
    ]
    sheet_write(workbook, "Nhiệm vụ", PLAN_HEADERS, rows)
    return workbook


def _parse_day(value: Any, label: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.datetime.strptime(str(value).strip(), "%d/%m/%Y").date()
    except ValueError as error:
        raise ReformError(f"{label} “{value}” không đúng dạng ngày/tháng/năm.") from error


def _area(value: Any) -> str:
    text = fold(str(value or ""))
    for area in ReformArea:
        if text and (text == area.value or text in fold(str(area.label))):
            return area.value
    raise ReformError(f"Lĩnh vực “{value}” không thuộc các lĩnh vực CCHC.")


def _task_row(plan: ReformPlan, row: dict[str, Any]) -> services.TaskData:
    content = str(row.get("Nội dung nhiệm vụ") or "").strip()
    deadline_cell = row.get("Thời hạn")
    ongoing = fold(str(deadline_cell or "")) == fold(ONGOING)
    officer = None
    username = str(row.get("Cán bộ chủ trì") or "").strip()
    if username:
        officer = User.objects.filter(username=username, memberships__unit=plan.unit).first()
        if officer is None:
            raise ReformError(f"Không có cán bộ “{username}” trong {plan.unit.name}.")
    data = services.TaskData(
        area=_area(row.get("Lĩnh vực")),
        content=content,
        product=str(row.get("Sản phẩm") or ""),
        number=str(row.get("STT") or ""),
        lead_officer=officer,
        support=str(row.get("Phối hợp") or ""),
        starts_on=_parse_day(row.get("Bắt đầu"), "Ngày bắt đầu"),
        deadline=None if ongoing else _parse_day(deadline_cell, "Thời hạn"),
        ongoing=ongoing,
    )
    services.check_task(data)
    return data


def _open(upload: Any) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(upload, read_only=True, data_only=True).worksheets[0]
    except Exception as error:  # openpyxl raises many kinds for a file that is not xlsx
        raise ReformError("Tệp không phải bảng tính Excel (.xlsx) đọc được.") from error


def import_tasks(plan: ReformPlan, upload: Any, actor: User) -> tuple[list[str], int]:
    """(errors by row, tasks added); nothing is added when any row is wrong."""
    try:
        sheet = _open(upload)
    except ReformError as error:
        return [error.messages[0]], 0
    missing = {"Lĩnh vực", "Nội dung nhiệm vụ", "Thời hạn"} - set(sheet_headers(sheet))
    if missing:
        return [f"Thiếu cột: {', '.join(sorted(missing))}."], 0
    parsed, errors = [], []
    for number, row in sheet_rows(sheet):
        try:
            parsed.append(_task_row(plan, row))
        except ReformError as error:
            errors.append(f"Dòng {number}: {error.messages[0]}")
    if errors or not parsed:
        return errors or ["Tệp không có nhiệm vụ nào."], 0
    with transaction.atomic():
        for data in parsed:
            services.task_add(plan=plan, data=data, actor=actor)
    return [], len(parsed)


# -- the staff register ----------------------------------------------------------------------

REGISTER_HEADERS = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Chức vụ, chức danh",
    "Loại",
    "Từ ngày",
    *[str(c.label) for c in QualCategory],
]


def _choice(choices: Any, value: Any, label: str) -> str:
    text = fold(str(value or ""))
    for choice in choices:
        if text in (choice.value, fold(str(choice.label))):
            return str(choice.value)
    raise ReformError(f"{label} “{value}” không hợp lệ.")


def _qualifications(row: dict[str, Any]) -> list[tuple[str, str]]:
    found = []
    for category in QualCategory:
        cell = str(row.get(str(category.label)) or "").strip()
        if not cell:
            continue
        level = level_from_label(category, cell)
        if level is None:
            allowed = ", ".join(label for _c, label, _r in LEVELS[category])
            raise ReformError(
                f"Trình độ {category.label.lower()} “{cell}” không hợp lệ "
                f"(dùng một trong: {allowed})."
            )
        found.append((category.value, level))
    return found


def _person_row(row: dict[str, Any]) -> dict[str, Any]:
    name = str(row.get("Họ và tên") or "").strip()
    if not name:
        raise ReformError("Thiếu họ và tên.")
    starts = _parse_day(row.get("Từ ngày"), "Từ ngày")
    if starts is None:
        raise ReformError("Thiếu ngày bắt đầu công tác tại đơn vị (cột “Từ ngày”).")
    sex = row.get("Giới tính")
    return {
        "full_name": name,
        "birth_date": _parse_day(row.get("Ngày sinh"), "Ngày sinh"),
        "sex": _choice(Sex, sex, "Giới tính") if sex else "",
        "position": str(row.get("Chức vụ, chức danh") or "").strip() or "Công chức",
        "kind": _choice(StaffKind, row.get("Loại"), "Loại cán bộ"),
        "starts_on": starts,
        "qualifications": _qualifications(row),
    }


def import_register(unit: OrgUnit, upload: Any) -> tuple[list[str], int]:
    """(errors by row, people added) from the spreadsheet units keep; all or nothing."""
    try:
        sheet = _open(upload)
    except ReformError as error:
        return [error.messages[0]], 0
    missing = {"Họ và tên", "Loại", "Từ ngày"} - set(sheet_headers(sheet))
    if missing:
        return [f"Thiếu cột: {', '.join(sorted(missing))}."], 0
    parsed, errors = [], []
    for number, row in sheet_rows(sheet):
        try:
            parsed.append(_person_row(row))
        except ReformError as error:
            errors.append(f"Dòng {number}: {error.messages[0]}")
    if errors or not parsed:
        return errors or ["Tệp không có người nào."], 0
    with transaction.atomic():
        for data in parsed:
            _add_person(unit, data)
    return [], len(parsed)


def _add_person(unit: OrgUnit, data: dict[str, Any]) -> Person:
    person = Person.objects.create(
        full_name=data["full_name"], birth_date=data["birth_date"], sex=data["sex"], home_unit=unit
    )
    Posting.objects.create(
        person=person,
        unit=unit,
        position=data["position"],
        kind=data["kind"],
        starts_on=data["starts_on"],
    )
    Qualification.objects.bulk_create(
        Qualification(person=person, category=c, level=level) for c, level in data["qualifications"]
    )
    return person


def register_workbook(unit: OrgUnit, day: dt.date, table: list[TableRow]) -> Workbook:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    headers = ["Loại cán bộ", "Tổng số", *[heading for heading, _c, _m in CRITERIA.values()]]
    sheet_write(
        workbook,
        "Trình độ",
        headers,
        [[r.label, r.total, *[r.cells[k].label for k in CRITERIA]] for r in table],
    )
    people = []
    for s in people_in(unit, day):
        quals = {
            q.category: level_label(q.category, q.level) for q in s.person.qualifications.all()
        }
        people.append(
            [
                s.person.full_name,
                _day(s.person.birth_date),
                s.person.get_sex_display(),
                s.posting.position,
                s.posting.get_kind_display(),
                _day(s.posting.starts_on),
                *[quals.get(c.value, "") for c in QualCategory],
            ]
        )
    sheet_write(workbook, "Danh sách", REGISTER_HEADERS, people)
    return workbook

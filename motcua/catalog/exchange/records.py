"""The exchange record: one procedure version as a dict shaped like fixtures/procedures.json.

JSON files hold a list of these records directly; Excel workbooks are turned into them by
`xlsx.py`. Parsing checks every field and reports problems by field path, so each format can
say where the problem is in its own words (a JSON record and key, an Excel sheet, row and
column).
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models

from motcua.accounts.models import Role, UnitKind
from motcua.catalog.models import (
    Channel,
    Confidence,
    Level,
    OnlineLevel,
    TimeLimitUnit,
    VersionStatus,
)
from motcua.lib.text import fold

Path = tuple[str | int, ...]

# The seed file's own words for the coded fields; other choices use the model's values.
LEVEL_WORDS = {
    Level.COMMUNE: "xã",
    Level.PROVINCE: "tỉnh",
    Level.COMMUNE_PROVINCE: "xã, tỉnh",
    Level.PROVINCE_COMMUNE: "tỉnh, xã",
}
ONLINE_WORDS = {
    OnlineLevel.FULL: "toàn trình",
    OnlineLevel.PARTIAL: "một phần",
    OnlineLevel.NONE: "không",
}
CHANNEL_WORDS = {
    Channel.COUNTER: "trực tiếp",
    Channel.ONLINE: "trực tuyến",
    Channel.POST: "bưu chính",
}


@dataclass(frozen=True)
class FieldError:
    record: int
    path: Path
    message: str


@dataclass
class TimeLimit:
    value: int | None = None
    unit: str | None = None


@dataclass
class CaseData:
    name: str
    time_limit: TimeLimit


@dataclass
class DocumentData:
    name: str
    originals: int | None
    copies: int | None
    mandatory: bool
    note: str | None
    case: str | None
    presented_only: bool = False
    editor_note: str = ""


@dataclass
class FeeData:
    name: str
    amount_vnd: int | None
    note: str | None
    editor_note: str = ""


@dataclass
class StepData:
    order: int
    name: str
    role: str
    unit: str | None
    unit_kind: str | None
    hours: Decimal


@dataclass
class VersionData:
    """A parsed, checked record. `steps` is None when the record gives no internal process."""

    code: str | None
    sector: str
    level: str
    number: int
    status: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    fields: dict[str, Any]
    cases: list[CaseData] = field(default_factory=list)
    documents: list[DocumentData] = field(default_factory=list)
    fees: list[FeeData] = field(default_factory=list)
    steps: list[StepData] | None = None

    def content(self, *, with_steps: bool) -> tuple[object, ...]:
        """What makes two versions the same, for idempotent re-imports."""
        steps = self.steps if with_steps else None
        return (
            self.code,
            self.sector,
            self.level,
            self.fields,
            self.cases,
            self.documents,
            self.fees,
            steps,
        )


class _Checker:
    """Reads values out of a raw record, collecting an error for each bad one."""

    def __init__(self, record: int) -> None:
        self.record = record
        self.errors: list[FieldError] = []

    def fail(self, path: Path, message: str) -> None:
        self.errors.append(FieldError(self.record, path, message))

    def text(self, raw: Any, path: Path, *, required: bool = False, limit: int = 0) -> str | None:
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if required:
                self.fail(path, "không được để trống")
            return None
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            raw = str(raw)
        if not isinstance(raw, str):
            self.fail(path, "phải là văn bản")
            return None
        if limit and len(raw) > limit:
            self.fail(path, f"dài quá {limit} ký tự")
        return raw.strip()

    def integer(self, raw: Any, path: Path, *, minimum: int = 0) -> int | None:
        if raw is None or raw == "":
            return None
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        if isinstance(raw, str) and raw.strip().isdigit():
            raw = int(raw.strip())
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < minimum:
            self.fail(
                path, "phải là số nguyên không âm" if minimum == 0 else "phải là số nguyên dương"
            )
            return None
        return raw

    def boolean(self, raw: Any, path: Path) -> bool | None:
        if raw is None or raw == "" or isinstance(raw, bool):
            return raw if isinstance(raw, bool) else None
        word = fold(str(raw))
        if word in ("co", "x", "1", "true"):
            return True
        if word in ("khong", "0", "false"):
            return False
        self.fail(path, "phải là 'Có' hoặc 'Không'")
        return None

    def choice(
        self, raw: Any, path: Path, choices: type[models.TextChoices], words: dict | None = None
    ) -> str | None:
        """A choice given by its code, its word in the seed file or its Vietnamese label."""
        if raw is None or raw == "":
            return None
        wanted = fold(str(raw))
        for member in choices:
            names = (member.value, str(member.label), (words or {}).get(member, ""))
            if wanted in (fold(name) for name in names if name):
                return str(member.value)
        self.fail(path, f"giá trị '{raw}' không hợp lệ")
        return None

    def date(self, raw: Any, path: Path) -> datetime.date | None:
        if raw is None or raw == "":
            return None
        if isinstance(raw, datetime.datetime):
            return raw.date()
        if isinstance(raw, datetime.date):
            return raw
        try:
            return datetime.date.fromisoformat(str(raw))
        except ValueError:
            self.fail(path, "phải là ngày dạng YYYY-MM-DD")
            return None

    def hours(self, raw: Any, path: Path) -> Decimal:
        try:
            value = Decimal(str(raw).replace(",", "."))
        except InvalidOperation:
            value = Decimal(-1)
        if not value.is_finite() or value <= 0 or value != value.quantize(Decimal("0.01")):
            self.fail(path, "phải là số giờ dương (tối đa 2 chữ số thập phân)")
            return Decimal(0)
        return value

    def items(self, raw: Any, path: Path) -> list[Any]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.fail(path, "phải là một danh sách")
            return []
        return raw

    def mapping(self, raw: Any, path: Path) -> dict[str, Any]:
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.fail(path, "phải là một đối tượng")
            return {}
        return raw

    def strings(self, raw: Any, path: Path) -> list[str]:
        values = [self.text(item, (*path, i)) for i, item in enumerate(self.items(raw, path))]
        return [value for value in values if value]

    def time_limit(self, raw: Any, path: Path) -> TimeLimit:
        data = self.mapping(raw, path)
        value = self.integer(data.get("value"), (*path, "value"))
        unit = self.choice(data.get("unit"), (*path, "unit"), TimeLimitUnit)
        if unit == TimeLimitUnit.SAME_DAY and value is None:
            value = 0
        given = data.get("value") not in (None, ""), data.get("unit") not in (None, "")
        # A value that was given but is wrong has been reported already.
        if (value is None) != (unit is None) and given[0] != given[1]:
            self.fail(path, "cần cả số và đơn vị thời hạn")
        return TimeLimit(value, unit)


def parse_record(raw: Any, index: int) -> tuple[VersionData | None, list[FieldError]]:
    """Check one raw record; returns the parsed version or the list of what is wrong."""
    check = _Checker(index)
    data = check.mapping(raw, ())
    if not isinstance(raw, dict):
        return None, check.errors
    parsed = VersionData(
        code=check.text(data.get("code"), ("code",), limit=32),
        sector=check.text(data.get("sector"), ("sector",), required=True, limit=255) or "",
        level=check.choice(data.get("level"), ("level",), Level, LEVEL_WORDS) or "",
        number=check.integer(data.get("version", 1), ("version",), minimum=1) or 1,
        status=check.choice(data.get("status"), ("status",), VersionStatus) or VersionStatus.DRAFT,
        valid_from=check.date(data.get("valid_from"), ("valid_from",)),
        valid_to=check.date(data.get("valid_to"), ("valid_to",)),
        fields=_version_fields(check, data),
    )
    if not parsed.level and data.get("level") in (None, ""):
        check.fail(("level",), "không được để trống")
    parsed.cases = [_case(check, item, ("cases", i)) for i, item in _each(check, data, "cases")]
    case_names = [case.name for case in parsed.cases]
    if len(set(case_names)) != len(case_names):
        check.fail(("cases",), "tên trường hợp bị trùng")
    parsed.documents = [
        _document(check, item, ("documents", i), case_names)
        for i, item in _each(check, data, "documents")
    ]
    parsed.fees = [_fee(check, item, ("fees", i)) for i, item in _each(check, data, "fees")]
    if data.get("steps") is not None:
        parsed.steps = [_step(check, item, ("steps", i)) for i, item in _each(check, data, "steps")]
        _check_step_orders(check, parsed.steps)
    return (parsed if not check.errors else None), check.errors


def _each(check: _Checker, data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    items = check.items(data.get(key), (key,))
    return [(i, check.mapping(item, (key, i))) for i, item in enumerate(items)]


def _version_fields(check: _Checker, data: dict[str, Any]) -> dict[str, Any]:
    limit = check.time_limit(data.get("time_limit"), ("time_limit",))
    online = check.time_limit(data.get("online_time_limit"), ("online_time_limit",))
    channels = [
        check.choice(item, ("channels", i), Channel, CHANNEL_WORDS)
        for i, item in enumerate(check.items(data.get("channels"), ("channels",)))
    ]
    texts = {
        "implementing_body": "body",
        "deciding_body": "deciding_body",
        "applicants": "applicants",
        "steps_text": "steps_text",
        "time_limit_text": "time_limit_text",
        "conditions": "conditions",
        "result": "result",
        "notes": "notes",
    }
    fields: dict[str, Any] = {
        name: check.text(data.get(key), (key,)) for name, key in texts.items()
    }
    cutoff = check.boolean(
        check.mapping(data.get("time_limit"), ()).get("cutoff_15h"), ("time_limit", "cutoff_15h")
    )
    fields.update(
        name=check.text(data.get("name"), ("name",), required=True, limit=600),
        channels=[c for c in channels if c],
        time_limit_value=limit.value,
        time_limit_unit=limit.unit,
        cutoff_15h=bool(cutoff),
        online_time_limit_value=online.value,
        online_time_limit_unit=online.unit,
        online_level=check.choice(
            data.get("online_level"), ("online_level",), OnlineLevel, ONLINE_WORDS
        ),
        paper_result_required=check.boolean(
            data.get("paper_result_required"), ("paper_result_required",)
        ),
        legal_basis=check.strings(data.get("legal_basis"), ("legal_basis",)),
        sources=check.strings(data.get("sources"), ("sources",)),
        confidence=check.choice(data.get("confidence"), ("confidence",), Confidence),
    )
    return fields


def _case(check: _Checker, data: dict[str, Any], path: Path) -> CaseData:
    return CaseData(
        name=check.text(data.get("name"), (*path, "name"), required=True, limit=600) or "",
        time_limit=check.time_limit(data.get("time_limit"), (*path, "time_limit")),
    )


def _document(
    check: _Checker, data: dict[str, Any], path: Path, case_names: Sequence[str]
) -> DocumentData:
    case = check.text(data.get("case"), (*path, "case"))
    if case is not None and case not in case_names:
        check.fail((*path, "case"), f"không có trường hợp '{case}'")
    mandatory = check.boolean(data.get("mandatory"), (*path, "mandatory"))
    name = check.text(data.get("name"), (*path, "name"), required=True, limit=600) or ""
    note = check.text(data.get("note"), (*path, "note"))
    presented = check.boolean(data.get("presented_only"), (*path, "presented_only"))
    return DocumentData(
        name=name,
        originals=check.integer(data.get("originals"), (*path, "originals")),
        copies=check.integer(data.get("copies"), (*path, "copies")),
        mandatory=not is_conditional(name) if mandatory is None else mandatory,
        note=note,
        case=case,
        presented_only=is_presented_only(note) if presented is None else presented,
        editor_note=check.text(data.get("editor_note"), (*path, "editor_note")) or "",
    )


def is_conditional(name: str) -> bool:
    """Whether a document is only needed in some cases, by its legal wording ("… nếu có",
    "(nếu ủy quyền)", "trường hợp …"). The seed data has no mandatory flag; marking such a
    document mandatory would stop the counter from receiving the common case."""
    folded = f" {fold(name)} "
    return " neu " in folded or " truong hop " in folded


def is_presented_only(note: str | None) -> bool:
    """Whether a document is only shown to the officer ("xuất trình để đối chiếu, không nộp"),
    by the note's legal wording; the seed data has no such flag."""
    return note is not None and " xuat trinh " in f" {fold(note)} "


def _fee(check: _Checker, data: dict[str, Any], path: Path) -> FeeData:
    return FeeData(
        name=check.text(data.get("name"), (*path, "name"), required=True, limit=600) or "",
        amount_vnd=check.integer(data.get("amount_vnd"), (*path, "amount_vnd")),
        note=check.text(data.get("note"), (*path, "note")),
        editor_note=check.text(data.get("editor_note"), (*path, "editor_note")) or "",
    )


def _step(check: _Checker, data: dict[str, Any], path: Path) -> StepData:
    unit = check.text(data.get("unit"), (*path, "unit"), limit=32)
    unit_kind = check.choice(data.get("unit_kind"), (*path, "unit_kind"), UnitKind)
    if unit and unit_kind:
        check.fail((*path, "unit"), "chỉ ghi đơn vị hoặc loại đơn vị, không ghi cả hai")
    role = check.choice(data.get("role"), (*path, "role"), Role)
    if role is None and data.get("role") in (None, ""):
        check.fail((*path, "role"), "không được để trống")
    return StepData(
        order=check.integer(data.get("order"), (*path, "order"), minimum=1) or 0,
        name=check.text(data.get("name"), (*path, "name"), required=True, limit=255) or "",
        role=role or "",
        unit=unit,
        unit_kind=unit_kind,
        hours=check.hours(data.get("hours"), (*path, "hours")),
    )


def _check_step_orders(check: _Checker, steps: list[StepData]) -> None:
    orders = [step.order for step in steps if step.order]
    if len(set(orders)) != len(orders):
        check.fail(("steps",), "số thứ tự bước bị trùng")

"""Personas and small factories for reform management tests."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.utils import timezone

from motcua.accounts.models import OrgUnit, Role, UnitKind, User
from motcua.accounts.tests.factories import make_staff, make_unit
from motcua.dossiers.tests.conftest import Clock, at
from motcua.reform.models import (
    Finding,
    FindingKind,
    Inspection,
    PlanTask,
    ReformArea,
    ReformPlan,
    Severity,
)
from motcua.reform.services import (
    FindingData,
    InspectionData,
    PlanData,
    TaskData,
    finding_add,
    inspection_create,
    plan_create,
    task_add,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Reform:
    province: OrgUnit
    commune: OrgUnit
    other: OrgUnit
    lead: User  # a commune officer leading tasks
    head: User  # the commune's chairman: confirms
    personnel: User  # the commune's personnel officer
    noivu: User  # Sở Nội vụ: personnel and supervisor at the province
    inspector: User  # a province supervisor leading inspections
    outsider: User  # every role in another commune


def _with_email(user: User) -> User:
    user.email = f"{user.username}@example.vn"
    user.save(update_fields=["email"])
    return user


def make_reform() -> Reform:
    province = make_unit("01", UnitKind.PROVINCE, name="Tỉnh thử nghiệm")
    commune = make_unit("00001", UnitKind.COMMUNE, province, name="Xã Bình Mỹ")
    other = make_unit("00002", UnitKind.COMMUNE, province, name="Xã Lộc Thuận")
    return Reform(
        province=province,
        commune=commune,
        other=other,
        lead=_with_email(make_staff("chutri", commune, Role.HANDLER)),
        head=_with_email(make_staff("chutich", commune, Role.HEAD, Role.SIGNER)),
        personnel=make_staff("noivuxa", commune, Role.PERSONNEL),
        noivu=make_staff("sonoivu", province, Role.PERSONNEL, Role.SUPERVISOR),
        inspector=_with_email(make_staff("kiemtra", province, Role.SUPERVISOR)),
        outsider=make_staff("xakhac", other, *Role),
    )


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    fixed = Clock(at(2026, 3, 2, 9, 0))
    monkeypatch.setattr(timezone, "now", fixed)
    yield fixed


@pytest.fixture
def rw(db: None, clock: Clock) -> Reform:
    return make_reform()


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_plan(w: Reform, year: int = 2026) -> ReformPlan:
    return plan_create(
        data=PlanData(
            unit=w.commune,
            year=year,
            title=f"Kế hoạch CCHC năm {year}",
            decision_number="15/KH-UBND",
            decision_date=dt.date(year, 1, 10),
        ),
        actor=w.head,
    )


def make_task(w: Reform, plan: ReformPlan | None = None, **extra: object) -> PlanTask:
    values: dict[str, object] = {
        "area": ReformArea.PROCEDURES,
        "content": "Rà soát, công bố danh mục thủ tục hành chính thuộc thẩm quyền của xã",
        "product": "Quyết định",
        "lead_officer": w.lead,
        "deadline": dt.date(2026, 3, 31),
    }
    values.update(extra)
    return task_add(plan=plan or make_plan(w), data=TaskData(**values), actor=w.head)  # type: ignore[arg-type]


def make_inspection(w: Reform, **extra: object) -> Inspection:
    values: dict[str, object] = {
        "inspecting_unit": w.province,
        "inspected_unit": w.commune,
        "theme": "Kiểm tra công vụ, việc thực hiện cơ chế một cửa",
        "leader": "Trưởng phòng CCHC Sở Nội vụ",
        "surprise": True,
        "held_on": dt.date(2026, 3, 2),
    }
    values.update(extra)
    return inspection_create(data=InspectionData(**values), actor=w.inspector)  # type: ignore[arg-type]


def make_finding(w: Reform, inspection: Inspection, **extra: object) -> Finding:
    values: dict[str, object] = {
        "kind": FindingKind.POSTING,
        "severity": Severity.MODERATE,
        "description": "Bảng niêm yết thủ tục hành chính chưa cập nhật danh mục mới",
        "recommendation": "Cập nhật niêm yết theo quyết định công bố mới",
        "responsible": "Công chức Văn phòng - Thống kê",
        "due_on": dt.date(2026, 3, 16),
    }
    values.update(extra)
    return finding_add(inspection=inspection, data=FindingData(**values), actor=w.inspector)  # type: ignore[arg-type]

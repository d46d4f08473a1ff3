"""Writes to the staff register: a person with their first posting, moves between units and
positions (effective-dated: the old posting ends the day before the new one starts), leaving,
qualifications and courses. Only personnel officers of the person's unit may write."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from motcua.accounts.models import OrgUnit, User
from motcua.reform.access import register_units
from motcua.reform.levels import LEVELS
from motcua.reform.models import (
    Person,
    Posting,
    QualCategory,
    Qualification,
    Sex,
    StaffKind,
    Training,
)
from motcua.reform.workflow import ReformError


def _allowed(actor: User, unit_ids: set[int]) -> None:
    if not unit_ids & set(register_units(actor)):
        raise ReformError("Chỉ cán bộ tổ chức - nội vụ của đơn vị được sửa sổ cán bộ.")


def _units_of(person: Person) -> set[int]:
    return {person.home_unit_id, *person.postings.values_list("unit_id", flat=True)}


def current_posting(person: Person) -> Posting | None:
    return person.postings.filter(ends_on__isnull=True).order_by("-starts_on").first()


@dataclass(frozen=True)
class PersonData:
    full_name: str
    unit: OrgUnit
    position: str
    kind: str
    starts_on: dt.date
    birth_date: dt.date | None = None
    sex: str = ""


def person_add(*, data: PersonData, actor: User) -> Person:
    _allowed(actor, {data.unit.pk})
    if not data.full_name.strip() or not data.position.strip():
        raise ReformError("Vui lòng nhập họ tên và chức vụ, chức danh.")
    if data.kind not in StaffKind.values or (data.sex and data.sex not in Sex.values):
        raise ReformError("Loại cán bộ hoặc giới tính không hợp lệ.")
    with transaction.atomic():
        person = Person.objects.create(
            full_name=data.full_name.strip(),
            birth_date=data.birth_date,
            sex=data.sex,
            home_unit=data.unit,
        )
        Posting.objects.create(
            person=person,
            unit=data.unit,
            position=data.position.strip(),
            kind=data.kind,
            starts_on=data.starts_on,
        )
    return person


def person_move(
    *, person: Person, unit: OrgUnit, position: str, kind: str, starts_on: dt.date, actor: User
) -> Posting:
    """Điều động, bổ nhiệm, chuyển ngạch: a new posting from `starts_on`."""
    _allowed(actor, _units_of(person))
    if not position.strip() or kind not in StaffKind.values:
        raise ReformError("Vui lòng nhập chức vụ, chức danh và loại cán bộ.")
    with transaction.atomic():
        current = current_posting(person)
        if current is not None:
            if starts_on <= current.starts_on:
                raise ReformError(
                    f"Ngày bắt đầu phải sau ngày bắt đầu vị trí hiện tại "
                    f"({current.starts_on:%d/%m/%Y})."
                )
            current.ends_on = starts_on - dt.timedelta(days=1)
            current.save(update_fields=["ends_on"])
        return Posting.objects.create(
            person=person, unit=unit, position=position.strip(), kind=kind, starts_on=starts_on
        )


def person_leave(*, person: Person, ends_on: dt.date, actor: User) -> Posting:
    """Nghỉ hưu, thôi việc, chuyển công tác ra ngoài: the last day of the current posting."""
    _allowed(actor, _units_of(person))
    current = current_posting(person)
    if current is None:
        raise ReformError("Người này hiện không giữ vị trí nào.")
    if ends_on < current.starts_on:
        raise ReformError("Ngày thôi công tác không được trước ngày bắt đầu vị trí hiện tại.")
    current.ends_on = ends_on
    current.save(update_fields=["ends_on"])
    return current


def qualification_add(
    *, person: Person, category: str, level: str, year: int | None, field: str, actor: User
) -> Qualification:
    _allowed(actor, _units_of(person))
    if category not in QualCategory.values or level not in {c for c, _l, _r in LEVELS[category]}:
        raise ReformError("Trình độ không thuộc danh mục của loại đã chọn.")
    return Qualification.objects.create(
        person=person, category=category, level=level, year=year, field=field.strip()
    )


def training_add(
    *,
    person: Person,
    name: str,
    organiser: str,
    starts_on: dt.date,
    ends_on: dt.date,
    certificate: str,
    actor: User,
) -> Training:
    _allowed(actor, _units_of(person))
    if not name.strip():
        raise ReformError("Vui lòng nhập tên khóa đào tạo, bồi dưỡng.")
    if ends_on < starts_on:
        raise ReformError("Ngày kết thúc khóa học không được trước ngày bắt đầu.")
    return Training.objects.create(
        person=person,
        name=name.strip(),
        organiser=organiser.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        certificate=certificate.strip(),
    )

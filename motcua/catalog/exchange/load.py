"""Exchange records → catalog: validate everything, then write everything in one transaction.

A version is identified by its procedure (national code, or name for liên thông groups that
have none) and its number. Importing a version that already exists with the same content is
a no-op, so re-importing a file changes nothing; a published version with different content is
refused, because published versions are immutable.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from motcua.accounts.models import OrgUnit, User
from motcua.catalog import services
from motcua.catalog.exchange.dump import version_record
from motcua.catalog.exchange.records import FieldError, VersionData, parse_record
from motcua.catalog.models import (
    Procedure,
    ProcedureCase,
    ProcedureDocument,
    ProcedureFee,
    ProcedureVersion,
    ProcessStep,
    Sector,
    VersionStatus,
)

Locate = Callable[[FieldError], str]


class ImportRefused(ValidationError):
    """Raised with every problem found; nothing has been written."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    published: int = 0
    messages: list[str] = field(default_factory=list)


def catalog_import(
    records: list[Any],
    *,
    locate: Locate,
    publish: bool = False,
    actor: User | None = None,
) -> ImportReport:
    """Import records; with `publish`, also publish each procedure's newest draft if it can."""
    parsed = _validate(records, locate)
    report = ImportReport()
    with transaction.atomic():
        touched: dict[int, Procedure] = {}
        for data in sorted(parsed, key=lambda d: (d.code or "", d.fields["name"], d.number)):
            version = _import_version(data, report, actor)
            touched[version.procedure_id] = version.procedure
        for procedure in touched.values():
            if publish:
                _publish_newest_draft(procedure, report, actor)
            procedure.refresh_index()
    return report


def _validate(records: list[Any], locate: Locate) -> list[VersionData]:
    errors: list[FieldError] = []
    parsed: list[VersionData] = []
    for index, raw in enumerate(records):
        data, problems = parse_record(raw, index)
        errors.extend(problems)
        if data is not None:
            parsed.append(data)
    if not errors:
        errors = _cross_check(parsed, records)
    if errors:
        raise ImportRefused([f"{locate(error)}: {error.message}" for error in errors])
    return parsed


def _cross_check(parsed: list[VersionData], records: list[Any]) -> list[FieldError]:
    """Problems that involve several records or the database."""
    errors: list[FieldError] = []
    seen: set[tuple[str, int]] = set()
    known_units = set(OrgUnit.objects.values_list("code", flat=True))
    for index, data in enumerate(parsed):
        key = (_key(data), data.number)
        if key in seen:
            errors.append(FieldError(index, ("version",), "phiên bản bị trùng trong tệp"))
        seen.add(key)
        for i, step in enumerate(data.steps or []):
            if step.unit and step.unit not in known_units:
                errors.append(FieldError(index, ("steps", i, "unit"), "không có đơn vị mã này"))
        errors.extend(_publishable(index, data))
        errors.extend(_immutable(index, data))
    return errors


def _key(data: VersionData) -> str:
    return data.code or f"name:{data.fields['name']}"


def _publishable(index: int, data: VersionData) -> list[FieldError]:
    if data.status == VersionStatus.DRAFT or data.steps is None:
        return []
    hours = [step.hours for step in data.steps]
    problem = services.budget_problem_for(
        data.fields["time_limit_value"], data.fields["time_limit_unit"], hours
    )
    return [FieldError(index, ("steps",), problem)] if problem else []


def _immutable(index: int, data: VersionData) -> list[FieldError]:
    existing = _existing_version(data)
    if existing is None or existing.is_editable or _same(existing, data):
        return []
    return [
        FieldError(
            index,
            ("version",),
            f"phiên bản {data.number} đã công bố và khác nội dung trong tệp; "
            "hãy ghi số phiên bản mới",
        )
    ]


def _find_procedure(data: VersionData) -> Procedure | None:
    if data.code:
        return Procedure.objects.filter(code=data.code).first()
    named = Procedure.objects.filter(code__isnull=True, versions__name=data.fields["name"])
    return named.distinct().first()


def _existing_version(data: VersionData) -> ProcedureVersion | None:
    procedure = _find_procedure(data)
    if procedure is None:
        return None
    return procedure.versions.filter(number=data.number).first()


def _same(version: ProcedureVersion, data: VersionData) -> bool:
    stored, problems = parse_record(version_record(version), 0)
    assert stored is not None and not problems, problems
    with_steps = data.steps is not None
    return stored.content(with_steps=with_steps) == data.content(with_steps=with_steps)


def _import_version(
    data: VersionData, report: ImportReport, actor: User | None
) -> ProcedureVersion:
    procedure = _upsert_procedure(data)
    version = procedure.versions.filter(number=data.number).first()
    if version is not None and _same(version, data):
        report.unchanged += 1
        return version
    if version is None:
        version = ProcedureVersion(procedure=procedure, number=data.number)
        report.created += 1
    else:
        report.updated += 1  # only drafts reach here: _immutable refused the others
        version.documents.all().delete()
        version.cases.all().delete()
        version.fees.all().delete()
        version.steps.all().delete()
    for name, value in data.fields.items():
        setattr(version, name, value)
    version.save()
    _write_children(version, data)
    if data.status != VersionStatus.DRAFT:
        _publish_as_recorded(version, data, actor)
    return version


def _upsert_procedure(data: VersionData) -> Procedure:
    sector, _ = Sector.objects.get_or_create(name=data.sector)
    procedure = _find_procedure(data) or Procedure(code=data.code)
    if procedure.pk is None or (procedure.sector_id, procedure.level) != (sector.pk, data.level):
        procedure.sector, procedure.level = sector, data.level
        procedure.save()
    return procedure


def _write_children(version: ProcedureVersion, data: VersionData) -> None:
    cases = {
        case.name: ProcedureCase.objects.create(
            version=version,
            order=order,
            name=case.name,
            time_limit_value=case.time_limit.value,
            time_limit_unit=case.time_limit.unit,
        )
        for order, case in enumerate(data.cases, start=1)
    }
    ProcedureDocument.objects.bulk_create(
        ProcedureDocument(
            version=version,
            order=order,
            case=cases.get(doc.case or ""),
            **{k: v for k, v in vars(doc).items() if k != "case"},
        )
        for order, doc in enumerate(data.documents, start=1)
    )
    ProcedureFee.objects.bulk_create(
        ProcedureFee(version=version, order=order, **vars(fee))
        for order, fee in enumerate(data.fees, start=1)
    )
    if data.steps is None:
        services.process_create_default(version=version)
        return
    units = {unit.code: unit for unit in OrgUnit.objects.filter(code__in=_unit_codes(data))}
    ProcessStep.objects.bulk_create(
        ProcessStep(
            version=version,
            unit=units.get(step.unit or ""),
            **{k: v for k, v in vars(step).items() if k != "unit"},
        )
        for step in data.steps
    )


def _unit_codes(data: VersionData) -> list[str]:
    return [step.unit for step in data.steps or [] if step.unit]


def _publish_as_recorded(version: ProcedureVersion, data: VersionData, actor: User | None) -> None:
    """Restore a published or retired version as the file records it (round trips)."""
    services.version_publish(version=version, actor=actor, today=data.valid_from)
    if data.status == VersionStatus.RETIRED:
        version.status, version.valid_to = VersionStatus.RETIRED, data.valid_to
        version.save(update_fields=["status", "valid_to"])


def _publish_newest_draft(procedure: Procedure, report: ImportReport, actor: User | None) -> None:
    newest = procedure.versions.order_by("-number").first()
    if newest is None or newest.status != VersionStatus.DRAFT:
        return
    try:
        services.version_publish(version=newest, actor=actor)
    except ValidationError as refusal:
        report.messages.append(f"{newest.name}: để dự thảo — {' '.join(refusal.messages)}")
    else:
        report.published += 1

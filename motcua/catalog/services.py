"""Writes to the catalog. Every interface (admin, commands, import) goes through these."""

import datetime
from collections.abc import Mapping
from decimal import ROUND_DOWN, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from motcua.accounts.models import COMMUNE_KINDS, OrgUnit, OrgUnitQuerySet, Role, UnitKind, User
from motcua.catalog.models import (
    COMMUNE_LEVELS,
    PROVINCE_LEVELS,
    Level,
    Procedure,
    ProcedureOffering,
    ProcedureVersion,
    ProcessStep,
    TimeLimitUnit,
    VersionStatus,
)

HOURS_PER_DAY = Decimal(8)
# Working days in a calendar week, used to estimate the working time inside N calendar days.
_WORKING_SHARE_OF_WEEK = Decimal(5) / Decimal(7)
_QUARTER = Decimal("0.25")

# The default internal process: (name, role, share of the legal limit). "Process" takes what
# rounding leaves so that the budgets add up exactly.
_DEFAULT_STEPS: tuple[tuple[str, Role, Decimal], ...] = (
    ("Tiếp nhận hồ sơ", Role.RECEIVER, Decimal("0.10")),
    ("Thẩm định, xử lý hồ sơ", Role.HANDLER, Decimal("0.70")),
    ("Ký duyệt kết quả", Role.SIGNER, Decimal("0.10")),
    ("Trả kết quả", Role.RECEIVER, Decimal("0.10")),
)
_PROCESS_STEP_INDEX = 1


def limit_hours(value: int | None, unit: str | None) -> Decimal | None:
    """The legal time limit in working hours (8 per working day); None when not set."""
    if unit == TimeLimitUnit.SAME_DAY:
        return HOURS_PER_DAY
    if value is None or unit is None:
        return None
    if unit == TimeLimitUnit.WORKING_HOURS:
        return Decimal(value)
    return Decimal(value) * HOURS_PER_DAY


def budget_problem(version: ProcedureVersion) -> str | None:
    """Why the internal process of `version` cannot be published, or None if it can."""
    hours = [step.hours for step in version.steps.all()]
    return budget_problem_for(version.time_limit_value, version.time_limit_unit, hours)


def budget_problem_for(value: int | None, unit: str | None, hours: list[Decimal]) -> str | None:
    """Why step budgets `hours` do not fit the legal limit (value, unit), or None.

    Working days, working hours and same-day limits are working time, so the step budgets
    must add up to them exactly (N days = N × 8 h; same day = 8 h). A limit in calendar days
    ("N ngày") contains weekends and holidays whose number depends on the day of receipt, so
    no fixed budget equals it; we only require that the budgets do not exceed N × 8 working
    hours, the most working time N calendar days can ever hold. The working-time clock still
    computes the legal due date from the calendar.
    """
    legal = limit_hours(value, unit)
    if legal is None:
        return "Chưa có thời hạn giải quyết: không thể công bố."
    if not hours:
        return "Chưa có quy trình nội bộ (các bước xử lý): không thể công bố."
    total = sum(hours, Decimal(0))
    if unit == TimeLimitUnit.CALENDAR_DAYS:
        if total > legal:
            return (
                f"Tổng thời gian các bước ({_h(total)} giờ) vượt quá thời hạn "
                f"{value} ngày (tối đa {_h(legal)} giờ làm việc)."
            )
        return None
    if total != legal:
        return (
            f"Tổng thời gian các bước ({_h(total)} giờ) không bằng thời hạn giải quyết "
            f"theo quy định ({_h(legal)} giờ làm việc)."
        )
    return None


def _h(hours: Decimal) -> str:
    return f"{hours.normalize():f}"


@transaction.atomic
def version_publish(
    *,
    version: ProcedureVersion,
    actor: User | None = None,
    today: datetime.date | None = None,
) -> ProcedureVersion:
    """Publish a draft; the previous published version is retired the same day.

    Nothing that points at an earlier version is touched: dossiers keep the version they
    were received under.
    """
    today = today or timezone.localdate()
    # Lock the procedure so that two publications of the same procedure serialise.
    procedure = Procedure.objects.select_for_update().get(pk=version.procedure_id)
    version = ProcedureVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError("Chỉ công bố được phiên bản dự thảo.")
    problem = budget_problem(version)
    if problem:
        raise ValidationError(problem)
    previous = procedure.versions.filter(status=VersionStatus.PUBLISHED).first()
    if previous is not None:
        if previous.valid_from and previous.valid_from > today:
            raise ValidationError(
                "Ngày hiệu lực không được trước ngày hiệu lực của phiên bản đang áp dụng."
            )
        previous.status = VersionStatus.RETIRED
        previous.valid_to = today
        previous.save(update_fields=["status", "valid_to"])
    version.status = VersionStatus.PUBLISHED
    version.valid_from = today
    version.valid_to = None
    version.published_at = timezone.now()
    version.published_by = actor
    version.save(update_fields=["status", "valid_from", "valid_to", "published_at", "published_by"])
    procedure.refresh_index()
    return version


def ensure_editable(version: ProcedureVersion) -> None:
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(
            "Phiên bản đã công bố không được sửa; hãy tạo phiên bản mới (dự thảo)."
        )


_NON_LEGAL_FIELDS = frozenset({"status", "valid_from", "valid_to", "published_at"})


@transaction.atomic
def version_update(*, version: ProcedureVersion, changes: Mapping[str, object]) -> None:
    """Change fields of a draft version; published and retired versions are immutable."""
    version = ProcedureVersion.objects.select_for_update().get(pk=version.pk)
    ensure_editable(version)
    if _NON_LEGAL_FIELDS & changes.keys():
        raise ValidationError("Trạng thái và hiệu lực chỉ thay đổi khi công bố.")
    for field, value in changes.items():
        setattr(version, field, value)
    version.full_clean()
    version.save(update_fields=list(changes))
    version.procedure.refresh_index()


@transaction.atomic
def version_new_draft(*, procedure: Procedure) -> ProcedureVersion:
    """A new draft copying the current version with its cases, documents, fees and steps."""
    procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
    if procedure.versions.filter(status=VersionStatus.DRAFT).exists():
        raise ValidationError("Thủ tục đã có một phiên bản dự thảo.")
    source = procedure.current_version()
    if source is None:
        raise ValidationError("Thủ tục chưa có phiên bản nào để sao chép.")
    number = (procedure.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    draft = ProcedureVersion.objects.get(pk=source.pk)
    draft.pk = None
    draft.number = number
    draft.status = VersionStatus.DRAFT
    draft.valid_from = draft.valid_to = draft.published_at = None
    draft.published_by = None
    draft.save()
    _copy_children(source, draft)
    return draft


def _copy_children(source: ProcedureVersion, target: ProcedureVersion) -> None:
    new_case_ids: dict[int, int] = {}
    for case in source.cases.all():
        old_id = case.pk
        case.pk, case.version = None, target
        case.save()
        new_case_ids[old_id] = case.pk
    for document in source.documents.all():
        document.pk, document.version = None, target
        document.case_id = new_case_ids.get(document.case_id) if document.case_id else None
        document.save()
    for related in (source.fees.all(), source.steps.all()):
        for row in related:
            row.pk, row.version = None, target
            row.save()


def default_step_hours(version: ProcedureVersion) -> list[Decimal] | None:
    """Step budgets for the default process, in quarter hours, adding up to the limit."""
    legal = limit_hours(version.time_limit_value, version.time_limit_unit)
    if legal is None:
        return None
    if version.time_limit_unit == TimeLimitUnit.CALENDAR_DAYS:
        # Plan on the working days that N calendar days surely contain, not on N × 8 h.
        days = (Decimal(version.time_limit_value or 0) * _WORKING_SHARE_OF_WEEK).to_integral(
            ROUND_DOWN
        )
        legal = max(days, Decimal(1)) * HOURS_PER_DAY
    hours = [_quarter(legal * share) for _, _, share in _DEFAULT_STEPS]
    hours[_PROCESS_STEP_INDEX] += legal - sum(hours, Decimal(0))
    return hours


def _quarter(hours: Decimal) -> Decimal:
    return max(_QUARTER, (hours / _QUARTER).to_integral(ROUND_DOWN) * _QUARTER)


def process_create_default(*, version: ProcedureVersion) -> bool:
    """Give a draft without steps the default four-step process; False if it has no limit."""
    ensure_editable(version)
    hours = default_step_hours(version)
    if hours is None or version.steps.exists():
        return False
    centre, decider = _default_unit_kinds(version.procedure.level)
    kinds = (centre, decider, decider, centre)
    ProcessStep.objects.bulk_create(
        ProcessStep(version=version, order=i, name=name, role=role, unit_kind=kind, hours=h)
        for i, ((name, role, _), kind, h) in enumerate(
            zip(_DEFAULT_STEPS, kinds, hours, strict=True), start=1
        )
    )
    return True


def _default_unit_kinds(level: str) -> tuple[UnitKind, UnitKind]:
    if level in (Level.PROVINCE, Level.PROVINCE_COMMUNE):
        return UnitKind.PROVINCE_CENTRE, UnitKind.DEPARTMENT
    return UnitKind.COMMUNE_CENTRE, UnitKind.COMMUNE


@transaction.atomic
def offerings_sync(*, province: OrgUnit) -> tuple[int, int]:
    """Offer every published procedure where it is filed; returns (created, removed).

    Commune-level procedures go to every commune centre in the province, and to the commune
    itself where it has no centre; provincial ones to the provincial centre(s), or the
    province itself if it has none. Offerings at other units (added by hand, e.g. at a
    department) are left alone. Running it twice changes nothing.
    """
    units = OrgUnit.objects.within(province)
    commune_places = _commune_places(units)
    province_places = list(units.filter(kind=UnitKind.PROVINCE_CENTRE)) or [province]
    wanted: set[tuple[int, int]] = set()
    published = Procedure.objects.filter(versions__status=VersionStatus.PUBLISHED)
    for procedure_id, level in published.values_list("pk", "level"):
        if level in COMMUNE_LEVELS:
            wanted.update((procedure_id, unit.pk) for unit in commune_places)
        if level in PROVINCE_LEVELS:
            wanted.update((procedure_id, unit.pk) for unit in province_places)
    managed = ProcedureOffering.objects.filter(unit__in=units, unit__kind__in=_MANAGED_KINDS)
    existing = set(managed.values_list("procedure_id", "unit_id"))
    stale = existing - wanted
    for procedure_id, unit_id in stale:
        ProcedureOffering.objects.filter(procedure_id=procedure_id, unit_id=unit_id).delete()
    ProcedureOffering.objects.bulk_create(
        ProcedureOffering(procedure_id=p, unit_id=u) for p, u in wanted - existing
    )
    return len(wanted - existing), len(stale)


_MANAGED_KINDS = (
    *COMMUNE_KINDS,
    UnitKind.COMMUNE_CENTRE,
    UnitKind.PROVINCE_CENTRE,
    UnitKind.PROVINCE,
)


def _commune_places(units: OrgUnitQuerySet) -> list[OrgUnit]:
    centres = list(units.filter(kind=UnitKind.COMMUNE_CENTRE))
    covered = {c.parent_id for c in centres}
    bare = [unit for unit in units.communes() if unit.pk not in covered]
    return centres + bare

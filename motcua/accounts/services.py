"""Writes on the organisation: importing a real province from the `vietnam-provinces` data."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from vietnam_provinces import Province, VietNamDivisionType, Ward
from vietnam_provinces.codes import ProvinceCode

from motcua.accounts.models import OrgUnit, UnitKind

# Communes and provinces as they stand after the two-tier reform (Nghị quyết 202/2025/QH15).
REFORM_DATE = datetime.date(2025, 7, 1)

_WARD_KINDS = {
    VietNamDivisionType.XA: UnitKind.COMMUNE,
    VietNamDivisionType.PHUONG: UnitKind.WARD,
    VietNamDivisionType.DAC_KHU: UnitKind.SPECIAL_ZONE,
}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _province_code(code: str) -> ProvinceCode:
    try:
        return ProvinceCode(int(code))
    except ValueError:
        raise ValueError(
            f"Mã tỉnh '{code}' không có trong danh mục đơn vị hành chính sau sắp xếp 2025."
        ) from None


def _upsert(result: ImportResult, code: str, **values: object) -> OrgUnit:
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None:
        result.created += 1
        return OrgUnit.objects.create(code=code, **values)
    changed = [name for name, value in values.items() if getattr(unit, name) != value]
    if not changed:
        result.unchanged += 1
        return unit
    for name in changed:
        setattr(unit, name, values[name])
    unit.save()
    result.updated += 1
    return unit


def centre_code(unit_code: str) -> str:
    """The code given to the Public Administration Service Centre of a province or commune."""
    return f"{unit_code}.TTPVHCC"


@transaction.atomic
def units_import_province(*, province_code: str) -> ImportResult:
    """Create or update a province, its provincial centre, its communes and their centres.

    Idempotent: a second run finds every unit as it left it and changes nothing.
    """
    province = Province.from_code(_province_code(province_code))
    result = ImportResult()
    code = f"{int(province.code):02d}"
    top = _upsert(
        result,
        code,
        name=province.name,
        kind=UnitKind.PROVINCE,
        parent=None,
        valid_from=REFORM_DATE,
    )
    _upsert(
        result,
        centre_code(code),
        name=f"Trung tâm Phục vụ hành chính công {province.name}",
        kind=UnitKind.PROVINCE_CENTRE,
        parent=top,
        valid_from=REFORM_DATE,
    )
    for ward in sorted(_wards_of(province.code), key=lambda w: int(w.code)):
        commune = _upsert(
            result,
            f"{int(ward.code):05d}",
            name=ward.name,
            kind=_WARD_KINDS[ward.division_type],
            parent=top,
            valid_from=REFORM_DATE,
        )
        _upsert(
            result,
            centre_code(commune.code),
            name=f"Trung tâm Phục vụ hành chính công {ward.name}",
            kind=UnitKind.COMMUNE_CENTRE,
            parent=commune,
            valid_from=REFORM_DATE,
        )
    return result


def _wards_of(code: ProvinceCode) -> list[Ward]:
    from vietnam_provinces.lookup import WARD_MAPPING

    return [ward for ward in WARD_MAPPING.values() if ward.province_code == code]

import datetime as dt

from motcua.accounts.models import OrgUnit, UnitKind
from motcua.workdays.models import CalendarOverride, OverrideKind


def province(code: str = "01", name: str = "Hà Nội") -> OrgUnit:
    return OrgUnit.objects.create(code=code, name=name, kind=UnitKind.PROVINCE)


def override(
    day: dt.date, kind: OverrideKind, unit: OrgUnit | None = None, reason: str = "Bão số 3"
) -> CalendarOverride:
    return CalendarOverride.objects.create(
        province=unit,
        date=day,
        kind=kind,
        reason=reason,
        legal_reference="Công điện 01/CĐ-UBND",
    )

"""Small factories for catalog tests."""

from decimal import Decimal

from motcua.accounts.models import Role
from motcua.catalog import services
from motcua.catalog.models import (
    Level,
    Procedure,
    ProcedureDocument,
    ProcedureFee,
    ProcedureVersion,
    ProcessStep,
    Sector,
    TimeLimitUnit,
)


def make_procedure(
    *,
    code: str | None = "1.000001",
    name: str = "Thủ tục mẫu",
    sector: str = "Hộ tịch",
    level: str = Level.COMMUNE,
    limit: tuple[int | None, str | None] = (3, TimeLimitUnit.WORKING_DAYS),
    hours: tuple[str, ...] = ("2", "20", "1", "1"),
    publish: bool = True,
) -> ProcedureVersion:
    """A procedure with one version, a document, a fee and steps with the given budgets."""
    sector_row, _ = Sector.objects.get_or_create(name=sector)
    procedure = Procedure.objects.create(code=code, sector=sector_row, level=level)
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        name=name,
        time_limit_value=limit[0],
        time_limit_unit=limit[1],
        implementing_body="Ủy ban nhân dân cấp xã",
        applicants="Công dân Việt Nam",
        legal_basis=["Luật Hộ tịch số 60/2014/QH13"],
    )
    ProcedureDocument.objects.create(version=version, name="Tờ khai", originals=1, copies=0)
    ProcedureFee.objects.create(version=version, name="Lệ phí", amount_vnd=None)
    for order, budget in enumerate(hours, start=1):
        ProcessStep.objects.create(
            version=version, order=order, name=f"Bước {order}", role=Role.HANDLER,
            hours=Decimal(budget),
        )  # fmt: skip
    procedure.refresh_index()
    if publish:
        services.version_publish(version=version)
        version.refresh_from_db()
    return version

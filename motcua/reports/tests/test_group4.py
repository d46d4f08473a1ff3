"""766 group 4 (online payment) on a crafted dataset, every figure counted by hand below."""

import datetime as dt
from decimal import Decimal

import pytest

from motcua.catalog.models import OnlineLevel, ProcedureOffering, ProcedureVersion
from motcua.catalog.tests.factories import make_procedure
from motcua.dossiers import workflow
from motcua.dossiers.tests.conftest import Clock, World, at
from motcua.dossiers.tests.factories import APPLICANT, received
from motcua.payments.models import PaymentMethod
from motcua.payments.services import payment_record
from motcua.payments.tests.conftest import FEE, world
from motcua.reports.index766 import index766
from motcua.reports.periods import Period
from motcua.reports.rollups import update_rollups

__all__ = ["world"]
MARCH = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def online(version: ProcedureVersion, level: str | None) -> None:
    ProcedureVersion.objects.filter(pk=version.pk).update(online_level=level)


def offered(w: World, code: str, level: str | None, fees: bool) -> ProcedureVersion:
    version = make_procedure(code=code, name=f"Thủ tục {code}")
    online(version, level)
    if not fees:
        version.fees.all().delete()
    ProcedureOffering.objects.create(procedure=version.procedure, unit=w.commune)
    return version


@pytest.fixture
def dataset(world: World, clock: Clock) -> World:
    """The commune (with a bank account) offers
    A (the world's procedure: 50.000 đồng, fully online)   fee-bearing, integrated
    B (lệ phí set by the council, not online)               fee-bearing
    C (no fee, online)                                      —
    D (lệ phí set by the council, partly online)            fee-bearing, integrated
    The other commune offers A too, but has no bank account: fee-bearing, not integrated.
    In March the commune receives four dossiers of A: one paid through the gateway, one by
    VietQR transfer, one at the counter, one not paid; and one dossier of C.
    """
    clock.set(at(2026, 3, 2, 9, 0))
    online(world.version, OnlineLevel.FULL)
    offered(world, "1.000002", None, fees=True)
    c = offered(world, "1.000003", OnlineLevel.FULL, fees=False)
    offered(world, "1.000004", OnlineLevel.PARTIAL, fees=True)
    methods = [PaymentMethod.GATEWAY, PaymentMethod.TRANSFER, PaymentMethod.CASH, None]
    for n, method in enumerate(methods):
        dossier = received(world)
        if method is not None:
            payment_record(dossier=dossier, actor=world.receiver, amount_vnd=FEE,
                           method=method, reference=f"REF-{n}")  # fmt: skip
    workflow.receive(actor=world.receiver, version=c, receiving_unit=world.commune,
                     applicant=APPLICANT)  # fmt: skip
    return world


def components(unit: object) -> dict[str, object]:
    update_rollups()  # as every page showing the index does first (reports/live.py)
    [result] = index766(MARCH, [unit])  # type: ignore[list-item]
    return {c.spec.code: c for c in result.components if c.spec.code.startswith("4.")}


def test_group4_of_the_commune_matches_the_hand_count(dataset: World) -> None:
    got = components(dataset.commune)
    # 4.1: integrated A, D of fee-bearing A, B, D = 2/3 = 66.67% < 80% → 0.6667 × 2 / 0.8.
    assert (got["4.1"].numerator, got["4.1"].denominator) == (2, 3)  # type: ignore[attr-defined]
    assert (got["4.1"].rate, got["4.1"].points) == (Decimal("66.67"), Decimal("1.67"))  # type: ignore[attr-defined]
    # 4.2: of A and D, only A had an online payment in March = 1/2 → 0.5 × 2.
    assert (got["4.2"].numerator, got["4.2"].denominator, got["4.2"].points) == (  # type: ignore[attr-defined]
        1, 2, Decimal("1.00"),
    )  # fmt: skip
    # 4.3: of the four dossiers of A (C bears no fee), gateway and transfer = 2/4 → 0.5 × 6.
    assert (got["4.3"].numerator, got["4.3"].denominator, got["4.3"].points) == (  # type: ignore[attr-defined]
        2, 4, Decimal("3.00"),
    )  # fmt: skip


def test_group4_of_a_unit_without_online_payment(dataset: World) -> None:
    got = components(dataset.other_commune)
    # 4.1: A is fee-bearing there, but the unit takes no online payment: 0/1 → 0 points.
    assert (got["4.1"].numerator, got["4.1"].denominator, got["4.1"].points) == (  # type: ignore[attr-defined]
        0, 1, Decimal("0.00"),
    )  # fmt: skip
    # 4.2 and 4.3 have no denominator: N/A with the reason, never 0 and never full marks.
    assert got["4.2"].points is None and got["4.2"].reason == (  # type: ignore[attr-defined]
        "chưa có TTHC tích hợp thanh toán trực tuyến"
    )
    assert got["4.3"].points is None and got["4.3"].reason == (  # type: ignore[attr-defined]
        "không có hồ sơ của TTHC thu phí, lệ phí trong kỳ"
    )

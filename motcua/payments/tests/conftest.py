"""The dossier tests' world, with fees on its procedure, a bank account for the commune and,
for signing, the demo CA in a temporary data directory."""

from pathlib import Path

import pytest

from motcua.catalog.models import ProcedureCase, ProcedureFee
from motcua.dossiers.tests.conftest import Clock, World, at, clock, fast_passwords, make_world
from motcua.lib import demo_ca, signing
from motcua.payments.models import BankAccount

__all__ = ["Clock", "at", "clock", "fast_passwords"]

FEE = 50_000  # lệ phí, every case
COPY_FEE = 8_000  # phí cấp bản sao, only in the "bản sao" case


@pytest.fixture
def world(db: None, clock: Clock) -> World:
    w = make_world()
    add_fees(w)
    BankAccount.objects.create(
        unit=w.commune, bank_bin="970415", bank_name="VietinBank",
        account_number="113366668888", account_name="UBND XA THU NGHIEM",
    )  # fmt: skip
    return w


def add_fees(w: World) -> ProcedureCase:
    copy_case = ProcedureCase.objects.create(version=w.version, order=2, name="Cấp bản sao")
    ProcedureFee.objects.create(version=w.version, order=2, name="Lệ phí cấp giấy", amount_vnd=FEE)
    ProcedureFee.objects.create(
        version=w.version, order=3, name="Phí cấp bản sao", amount_vnd=COPY_FEE, case=copy_case
    )
    ProcedureFee.objects.create(version=w.version, order=4, name="Miễn phí", amount_vnd=0)
    return copy_case


@pytest.fixture
def demo_keys(settings: object, tmp_path: Path, world: World) -> Path:
    """Demo keys for the commune and the province (not for the other commune)."""
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    settings.MOTCUA_SIGNING_DEMO = True  # type: ignore[attr-defined]
    units = [(world.commune.code, world.commune.name), (world.province.code, world.province.name)]
    demo_ca.write_demo(signing.demo_dir(), units, signing.DEMO_PASSWORD)
    return signing.demo_dir()

"""Personas, a procedure and a settable clock shared by the dossier tests."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.utils import timezone

from motcua.accounts.models import OrgUnit, Role, UnitKind, User
from motcua.accounts.tests.factories import make_staff, make_unit
from motcua.catalog.models import ProcedureOffering, ProcedureVersion
from motcua.catalog.tests.factories import make_procedure
from motcua.workdays.timecalc import ZONE


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """A moment in Vietnamese local time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=ZONE)


class Clock:
    """What `timezone.now()` returns while a test runs; set it to move time."""

    def __init__(self, moment: dt.datetime) -> None:
        self.moment = moment

    def __call__(self) -> dt.datetime:
        return self.moment

    def set(self, moment: dt.datetime) -> None:
        self.moment = moment


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    # Monday 2 March 2026, 09:00: an ordinary working morning.
    fixed = Clock(at(2026, 3, 2, 9, 0))
    monkeypatch.setattr(timezone, "now", fixed)
    yield fixed


@pytest.fixture(autouse=True)
def fast_passwords(settings: object) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@dataclass
class World:
    province: OrgUnit
    commune: OrgUnit
    other_commune: OrgUnit
    partner: OrgUnit
    version: ProcedureVersion
    receiver: User
    handler: User
    head: User
    signer: User
    clerk: User
    outsider: User  # every role, but in the other commune
    everyone: User  # every role in the commune: for the transition table


ALL_ROLES = tuple(Role)


def make_world() -> World:
    province = make_unit("01", UnitKind.PROVINCE, name="Tỉnh thử nghiệm")
    commune = make_unit("00001", UnitKind.COMMUNE, province, electronic_id="000.00.12.H56")
    other = make_unit("00002", UnitKind.COMMUNE, province)
    partner = make_unit("SYT", UnitKind.DEPARTMENT, province)
    version = make_procedure()
    for unit in (commune, other):
        ProcedureOffering.objects.create(procedure=version.procedure, unit=unit)
    return World(
        province=province,
        commune=commune,
        other_commune=other,
        partner=partner,
        version=version,
        receiver=make_staff("tiepnhan", commune, Role.RECEIVER),
        handler=make_staff("xuly", commune, Role.HANDLER),
        head=make_staff("truongphong", commune, Role.HEAD),
        signer=make_staff("lanhdao", commune, Role.SIGNER),
        clerk=make_staff("vanthu", commune, Role.CLERK),
        outsider=make_staff("xakhac", other, *ALL_ROLES),
        everyone=make_staff("tatca", commune, *ALL_ROLES),
    )


@pytest.fixture
def world(db: None, clock: Clock) -> World:
    return make_world()

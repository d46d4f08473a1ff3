"""Every staff page reads the database a fixed number of times, whatever the number of units
and dossiers: each page is opened on a small and on a larger province (more communes, more
dossiers) under the same query budget."""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.test import Client

from motcua.accounts.models import OrgUnit, Role, UnitKind, User
from motcua.accounts.tests.factories import make_staff, make_unit
from motcua.catalog.models import ProcedureOffering
from motcua.demo.generate import generate
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import INBOXES
from motcua.dossiers.tests.conftest import Clock, World, at, make_world
from motcua.feedback.tests.conftest import make_pakn
from motcua.reports.rollups import update_rollups

# extra communes, dossiers, PAKN, open dossiers at the commune (the generator's backlog)
SIZES = {"small": (0, 24, 2, 6), "large": (6, 160, 12, 90)}


@dataclass
class Province:
    world: World
    supervisor: User
    dossier: Dossier


@pytest.fixture(params=sorted(SIZES))
def province(request: pytest.FixtureRequest, db: None, clock: Clock) -> Iterator[Province]:
    extra, dossiers, pakn, backlog = SIZES[request.param]
    clock.set(at(2026, 6, 30, 9, 0))
    world = make_world()
    for i in range(extra):
        unit = make_unit(f"{i + 10:05d}", UnitKind.COMMUNE, world.province)
        ProcedureOffering.objects.create(procedure=world.version.procedure, unit=unit)
    generate(dossiers, 2026, seed=5, bulk=True, backlog=backlog)
    for day in range(pakn):  # received in the period, judged on time or late at its end
        clock.set(at(2026, 5, 4 + day % 20, 9, 0))
        make_pakn(world, unit=world.commune if day % 2 else world.other_commune)
    clock.set(at(2026, 6, 30, 9, 0))
    update_rollups()
    busiest = Dossier.objects.filter(receiving_unit=world.commune).order_by("-events__seq")[0]
    yield Province(world, make_staff("giamsat", world.province, Role.SUPERVISOR), busiest)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _open(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, url


def _units(p: Province) -> tuple[OrgUnit, OrgUnit]:
    return p.world.province, p.world.commune


REPORT_PAGES = {
    "dashboard": ("/bao-cao/don-vi/{unit}/", 37),
    "period by procedure": ("/bao-cao/don-vi/{unit}/ky/", 15),
    "period by sector": ("/bao-cao/don-vi/{unit}/ky/?theo=sector", 15),
    "period by unit": ("/bao-cao/don-vi/{unit}/ky/?theo=unit", 15),
    "period, Excel": ("/bao-cao/don-vi/{unit}/ky/excel/", 13),
    "late list": ("/bao-cao/don-vi/{unit}/tre-han/", 16),
    "dossiers behind a figure": ("/bao-cao/don-vi/{unit}/ho-so/received/", 12),
    # 13 once some are overdue (the backlog): their calendars are read.
    "dossiers overdue now": ("/bao-cao/don-vi/{unit}/ho-so/overdue/", 13),
}


@pytest.mark.parametrize("name", sorted(REPORT_PAGES))
def test_report_pages_read_a_fixed_number_of_times(
    province: Province, name: str, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    url, budget = REPORT_PAGES[name]
    client = _client(province.supervisor)
    for unit in _units(province):
        client.get(url.format(unit=unit.pk))  # warm: sessions, calendars, the rollups' pass
        with django_assert_max_num_queries(budget):
            _open(client, url.format(unit=unit.pk))


INBOX = "/ho-so/hop-viec/?ngan="
OFFICE_PAGES = {
    "staff home": ("/can-bo/", 14),
    # "Due within a working day" reads the unit's calendar.
    **{
        f"inbox, {b.key}": (f"{INBOX}{b.key}", 19 if b.key == "sap-den-han" else 17)
        for b in INBOXES
    },
    "inbox, every dossier, a later page": (f"{INBOX}tat-ca&trang=3", 17),
    "inbox, every dossier, a name": (f"{INBOX}tat-ca&q=nguyen+van", 19),
    "inbox, every dossier, a code": (f"{INBOX}tat-ca&q=260", 18),
    "inbox, every dossier, filtered": (
        f"{INBOX}tat-ca&status=in_process&procedure={{procedure}}"
        "&received_from=01/01/2026&received_to=30/06/2026",
        18,
    ),
    "dossier page": ("/ho-so/{dossier}/", 14),
    "register (Mẫu 07), a year": ("/ho-so/so-theo-doi/?tu=2026-01-01&den=2026-12-31", 18),
    "register (Mẫu 07), a month": ("/ho-so/so-theo-doi/?tu=2026-06-01&den=2026-06-30", 18),
    "PAKN inbox": ("/phan-anh/", 10),
}


@pytest.mark.parametrize("name", sorted(OFFICE_PAGES))
def test_office_pages_read_a_fixed_number_of_times(
    province: Province, name: str, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    url, budget = OFFICE_PAGES[name]
    # Their own box for one of the backlog's handlers; every other for the commune's officer.
    mine = User.objects.get(username="sinh-du-lieu-00001-xl1")
    client = _client(mine if name == "inbox, xu-ly" else province.world.everyone)
    procedure = province.world.version.procedure_id
    address = url.format(dossier=province.dossier.pk, procedure=procedure)
    client.get(address)
    with django_assert_max_num_queries(budget):
        _open(client, address)


def test_the_transparency_pages_read_a_fixed_number_of_times(
    province: Province, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    for url, budget in (
        ("/cong-khai/", 1),
        (f"/cong-khai/{province.world.province.code}/", 15),
        (f"/cong-khai/{province.world.commune.code}/", 15),
    ):
        client.get(url)
        with django_assert_max_num_queries(budget):
            _open(client, url)

"""The catalog stamp: every write to what the public catalog pages show changes it, whatever
path the write takes (service, queryset update, bulk insert, raw SQL), and reads do not."""

from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.db import connection

from motcua.accounts.models import OrgUnit, UnitKind
from motcua.accounts.tests.factories import make_unit
from motcua.catalog import services, stamp
from motcua.catalog.models import (
    Procedure,
    ProcedureDocument,
    ProcedureOffering,
    ProcedureVersion,
    Sector,
)
from motcua.catalog.selectors import catalog_stamp, published_version_detail
from motcua.catalog.tests.factories import make_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def version() -> ProcedureVersion:
    version = make_procedure()
    commune = make_unit("00001", UnitKind.COMMUNE, name="Xã Lộc Thuận")
    ProcedureOffering.objects.create(procedure=version.procedure, unit=commune)
    return version


def _publish_new_version(v: ProcedureVersion) -> None:
    draft = services.version_new_draft(procedure=v.procedure)
    services.version_update(version=draft, changes={"name": "Tên mới"})
    services.version_publish(version=draft)


def _raw_unit_rename(v: ProcedureVersion) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_orgunit SET name = %s WHERE code = %s", ["Xã Mới", "00001"])


WRITES: dict[str, Callable[[ProcedureVersion], object]] = {
    "a new version published": _publish_new_version,
    "a queryset update of a version": lambda v: ProcedureVersion.objects.filter(pk=v.pk).update(
        online_level="full"
    ),
    "a document edited": lambda v: ProcedureDocument.objects.filter(version=v).update(copies=2),
    "a sector renamed": lambda v: Sector.objects.update(name="Hộ tịch, chứng thực"),
    "offerings added in bulk": lambda v: ProcedureOffering.objects.bulk_create(
        [ProcedureOffering(procedure=v.procedure, unit=make_unit("00002"))]
    ),
    "an offering removed": lambda v: ProcedureOffering.objects.all().delete(),
    "a unit renamed by raw SQL": _raw_unit_rename,
    "a procedure deleted": lambda v: Procedure.objects.all().delete(),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_every_write_to_the_public_catalog_changes_the_stamp(
    version: ProcedureVersion, write: Callable[[ProcedureVersion], object]
) -> None:
    before = catalog_stamp()
    write(version)
    assert catalog_stamp() != before


def test_reading_the_catalog_leaves_the_stamp_alone(version: ProcedureVersion) -> None:
    before = catalog_stamp()
    published_version_detail(version.procedure_id)
    list(OrgUnit.objects.all())
    assert catalog_stamp() == before


def _trigger_names() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {row[0] for row in cursor.fetchall()}


def test_every_watched_table_has_its_triggers() -> None:
    expected = {
        name
        for table in stamp.watched_tables()
        for name in stamp.trigger_names(table, connection.vendor)
    }
    assert expected <= _trigger_names()


def test_migrate_puts_back_triggers_a_rebuilt_table_lost(version: ProcedureVersion) -> None:
    """SQLite drops a table's triggers when a migration rebuilds the table."""
    table = Sector._meta.db_table
    with connection.cursor() as cursor:
        for name in stamp.trigger_names(table, connection.vendor):
            on_table = f' ON "{table}"' if connection.vendor == "postgresql" else ""
            cursor.execute(f'DROP TRIGGER "{name}"{on_table}')
    call_command("migrate", verbosity=0)
    before = catalog_stamp()
    Sector.objects.update(name="Hộ tịch, chứng thực")
    assert catalog_stamp() != before

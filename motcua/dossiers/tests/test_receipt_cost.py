"""What one counter receipt asks of the database, pinned so that it cannot creep back
(bench/intake.py measures the throughput it gives; docs/reports.md, "Benchmarks")."""

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.accounts.tests.factories import make_staff
from motcua.api.models import DvcqgSync
from motcua.dossiers import workflow
from motcua.dossiers.attachments import NewFile
from motcua.dossiers.models import Dossier, DossierCodeCounter, OutboxMessage
from motcua.dossiers.tests.conftest import World
from motcua.dossiers.tests.factories import APPLICANT
from motcua.lib.uploads import sample_pdf

PDF = sample_pdf()

# Three reads before the transaction (the calendar's freshness with the unit's province, the
# officer's role, the offering), then the transaction: counter, dossier, event, DVCQG row,
# the two notices in one statement, with its begin and commit. It was 15 (issue 11).
QUERIES_PER_RECEIPT = 10


def receive(world: World) -> Dossier:
    return workflow.receive(
        actor=world.receiver, version=world.version, receiving_unit=world.commune,
        applicant=APPLICANT,
    )  # fmt: skip


def test_a_counter_receipt_takes_ten_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    receive(world)  # the first fills this process's caches (calendar, procedure)
    with django_assert_max_num_queries(QUERIES_PER_RECEIPT):
        receive(world)


def test_once_the_code_is_taken_the_receipt_only_inserts_its_own_rows(world: World) -> None:
    receive(world)
    with CaptureQueriesContext(connection) as queries:
        receive(world)
    statements = [query["sql"] for query in queries.captured_queries]
    taken = next(n for n, sql in enumerate(statements) if "dossiers_dossiercodecounter" in sql)
    # The counter row stays locked until commit: every receipt at the unit waits meanwhile.
    tables = [sql.split('"')[1] for sql in statements[taken + 1 : -1]]
    assert all(sql.startswith("INSERT") for sql in statements[taken + 1 : -1])
    assert tables == [
        "dossiers_dossier", "dossiers_dossierevent", "motcua_api_dvcqgsync",
        "dossiers_outboxmessage",
    ]  # fmt: skip


@pytest.mark.parametrize("refusal", ["no role at the unit", "not offered", "bad applicant"])
def test_a_refused_receipt_takes_no_number_and_writes_nothing(world: World, refusal: str) -> None:
    from motcua.catalog.tests.factories import make_procedure

    actor, version, applicant = world.receiver, world.version, APPLICANT
    if refusal == "no role at the unit":
        actor = make_staff("tiepnhan.xakhac", world.other_commune)
    elif refusal == "not offered":
        version = make_procedure(code="2.000001", name="Thủ tục cấp tỉnh")
    else:
        applicant = workflow.Applicant(name="Nguyễn Văn An", personal_id="123")
    with pytest.raises(workflow.WorkflowError):
        workflow.receive(
            actor=actor, version=version, receiving_unit=world.commune, applicant=applicant
        )
    assert not DossierCodeCounter.objects.exists()
    assert not Dossier.objects.exists() and not OutboxMessage.objects.exists()
    assert not DvcqgSync.objects.exists()


def test_the_files_handed_in_add_one_statement_whatever_their_number(
    world: World, django_assert_max_num_queries: Any
) -> None:
    receive(world)
    scans = [NewFile(ContentFile(PDF, name=f"ban-chup-{n}.pdf")) for n in range(3)]
    with django_assert_max_num_queries(QUERIES_PER_RECEIPT + 1):
        d = workflow.receive(
            actor=world.receiver, version=world.version, receiving_unit=world.commune,
            applicant=APPLICANT, files=scans,
        )  # fmt: skip
    assert [a.original_name for a in d.attachments.all()] == [s.file.name for s in scans]
    assert all(default_storage.exists(str(a.file.name)) for a in d.attachments.all())

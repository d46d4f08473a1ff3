"""Dossier codes, national statuses and attachments."""

import pytest
from django.core.files.base import ContentFile

from motcua.accounts.models import UnitKind
from motcua.accounts.tests.factories import make_staff, make_unit
from motcua.dossiers import workflow
from motcua.dossiers.attachments import NewFile
from motcua.dossiers.models import NATIONAL_STATUS, Dossier, DossierStatus
from motcua.dossiers.tests.conftest import Clock, World, at
from motcua.dossiers.tests.factories import APPLICANT, received
from motcua.lib.uploads import sample_pdf

PDF = sample_pdf()
PNG = b"\x89PNG\r\n\x1a\n" + b"y" * 100


def test_codes_are_unit_day_and_a_four_digit_sequence(world: World, clock: Clock) -> None:
    assert [received(world).code for _ in range(3)] == [
        "000.00.12.H56-260302-0001",
        "000.00.12.H56-260302-0002",
        "000.00.12.H56-260302-0003",
    ]
    clock.set(at(2026, 3, 3, 6, 30))  # 23:30 UTC the day before: the Vietnamese day counts
    assert received(world).code == "000.00.12.H56-260303-0001"


def test_a_unit_without_electronic_id_uses_its_code(world: World) -> None:
    receiver = make_staff("tiepnhanb", world.other_commune)
    d = workflow.receive(
        actor=receiver, version=world.version, receiving_unit=world.other_commune,
        applicant=APPLICANT,
    )  # fmt: skip
    assert d.code == "00002-260302-0001"


def test_a_refused_receipt_gives_its_number_back(world: World) -> None:
    with pytest.raises(workflow.WorkflowError):
        workflow.receive(
            actor=world.receiver, version=world.version, receiving_unit=world.commune,
            applicant=APPLICANT, files=[NewFile(ContentFile(b"MZ\x90", name="virus.pdf"))],
        )  # fmt: skip
    assert received(world).code.endswith("-0001")


def test_every_internal_status_has_one_national_code() -> None:
    assert set(NATIONAL_STATUS) == set(DossierStatus)
    assert {code for code, _ in NATIONAL_STATUS.values()} == set(range(1, 11))
    assert DossierStatus.AWAITING_FEES.national_label == "Yêu cầu thực hiện nghĩa vụ tài chính"


def test_attachments_are_typed_by_content_with_a_checksum(world: World) -> None:
    d = workflow.receive(
        actor=world.receiver, version=world.version, receiving_unit=world.commune,
        applicant=APPLICANT,
        files=[
            NewFile(ContentFile(PDF, name="to-khai.png"), digitised=True),
            NewFile(ContentFile(PNG, name="anh.pdf")),
        ],
    )  # fmt: skip
    files = list(d.attachments.order_by("pk"))
    assert [(a.content_type, a.original_name, a.size) for a in files] == [
        ("application/pdf", "to-khai.png", len(PDF)),
        ("image/png", "anh.pdf", len(PNG)),
    ]
    assert files[0].digitised and len(files[0].sha256) == 64


def test_an_oversized_file_leaves_no_dossier(world: World, settings: object) -> None:
    settings.MOTCUA_UPLOAD_MAX_BYTES = 50  # type: ignore[attr-defined]
    with pytest.raises(workflow.WorkflowError, match="dung lượng"):
        workflow.receive(
            actor=world.receiver, version=world.version, receiving_unit=world.commune,
            applicant=APPLICANT, files=[NewFile(ContentFile(PDF, name="a.pdf"))],
        )  # fmt: skip
    assert not Dossier.objects.exists()


def test_an_unpublished_version_cannot_be_received(world: World) -> None:
    from motcua.catalog.tests.factories import make_procedure

    draft = make_procedure(code="1.000002", publish=False)
    with pytest.raises(workflow.WorkflowError, match="chưa được công bố"):
        workflow.receive(
            actor=world.receiver, version=draft, receiving_unit=world.commune,
            applicant=APPLICANT,
        )  # fmt: skip


def test_units_are_a_real_tree(world: World) -> None:
    assert world.commune.province() == world.province
    assert make_unit("X1", UnitKind.COMMUNE_CENTRE, world.commune).province() == world.province


def test_files_stored_by_a_failed_action_are_removed(world: World) -> None:
    from django.core.files.storage import default_storage
    from django.db import transaction

    from motcua.dossiers.attachments import files_removed_on_failure

    kept = received(world)
    with pytest.raises(RuntimeError), files_removed_on_failure(), transaction.atomic():
        d = workflow.receive(
            actor=world.receiver, version=world.version, receiving_unit=world.commune,
            applicant=APPLICANT, files=[NewFile(ContentFile(PDF, name="to-khai.pdf"))],
        )  # fmt: skip
        stored = str(d.attachments.get().file.name)
        assert default_storage.exists(stored)
        raise RuntimeError("the commit failed")
    assert not default_storage.exists(stored)
    assert list(Dossier.objects.all()) == [kept]


def test_the_documents_handed_in_are_recorded_on_the_receipt(world: World) -> None:
    d = workflow.receive(
        actor=world.receiver, version=world.version, receiving_unit=world.commune,
        applicant=APPLICANT, documents=[{"name": "Tờ khai", "originals": 1, "copies": 0}],
    )  # fmt: skip
    assert d.events.get(action="receive").payload["documents"] == [
        {"name": "Tờ khai", "originals": 1, "copies": 0}
    ]


def test_the_admin_shows_dossiers_but_cannot_change_them(world: World) -> None:
    from django.test import Client

    from motcua.accounts.models import User

    d = received(world)
    client = Client()
    client.force_login(User.objects.create_superuser("qt", password="mat-khau-quan-tri-9"))
    page = client.get(f"/quan-tri/dossiers/dossier/{d.pk}/change/")
    assert page.status_code == 200 and d.code in page.content.decode()
    client.post(f"/quan-tri/dossiers/dossier/{d.pk}/change/", {"applicant_name": "Khác"})
    d.refresh_from_db()
    assert d.applicant_name == APPLICANT.name
    assert client.get("/quan-tri/dossiers/dossier/add/").status_code == 403


def test_a_unit_cannot_receive_a_procedure_it_does_not_offer(world: World) -> None:
    from motcua.catalog.tests.factories import make_procedure

    elsewhere = make_procedure(code="2.000001", name="Thủ tục cấp tỉnh")
    with pytest.raises(workflow.WorkflowError, match="không tiếp nhận thủ tục này"):
        workflow.receive(
            actor=world.receiver, version=elsewhere, receiving_unit=world.commune,
            applicant=APPLICANT,
        )  # fmt: skip
    assert not Dossier.objects.exists()

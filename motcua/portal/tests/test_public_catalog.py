"""The seed catalog reads as the public expects (issue 10, §4): no research notes, every way
of filing explained, documents only shown are not asked for online, centres grouped."""

import pytest
from django.test import Client

from motcua.accounts.models import OrgUnit, UnitKind
from motcua.catalog.exchange import SEED, catalog_import_file
from motcua.catalog.models import (
    ProcedureDocument,
    ProcedureOffering,
    ProcedureVersion,
    VersionStatus,
)
from motcua.filing.services import documents_of

pytestmark = pytest.mark.django_db

EDITORIAL = ("nguồn thứ cấp", "Ví dụ Hà Nội", "chưa đối chiếu", "secondary", "record ")


@pytest.fixture
def seed(db: None) -> list[ProcedureVersion]:
    catalog_import_file(SEED, publish=True)
    published = ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED)
    return list(published.select_related("procedure"))


def test_no_seed_procedure_shows_editorial_notes_or_lacks_the_ways_of_filing(
    seed: list[ProcedureVersion],
) -> None:
    client = Client()
    for version in seed:
        page = client.get(f"/cong-dan/thu-tuc/{version.procedure_id}/").content.decode()
        found = [word for word in EDITORIAL if word in page]
        assert found == [], (version.procedure.code, found)
        ways = page[page.index("Cách thức thực hiện") : page.index("Thời hạn giải quyết")]
        assert "Chưa cập nhật" not in ways and "Trực tiếp:" in ways, version.procedure.code
    # The notes are kept for the catalog's editors.
    assert ProcedureDocument.objects.exclude(editor_note="").exists()


def test_a_document_only_shown_is_not_an_upload_online(seed: list[ProcedureVersion]) -> None:
    birth = next(v for v in seed if v.procedure.code == "1.001193")
    identity = birth.documents.get(name__startswith="Giấy tờ tùy thân")
    assert identity.presented_only
    assert identity not in documents_of(birth)
    page = Client().get(f"/cong-dan/thu-tuc/{birth.procedure_id}/").content.decode()
    assert "chỉ xuất trình để đối chiếu, không nộp" in page
    start = Client().get(f"/nop-truc-tuyen/{birth.procedure_id}/")
    if start.status_code == 200:  # offered online somewhere
        assert "Chỉ xuất trình, không cần tải lên" in start.content.decode()


def test_the_centres_receiving_a_procedure_are_grouped_and_sorted(
    seed: list[ProcedureVersion],
) -> None:
    version = seed[0]
    province = OrgUnit.objects.create(code="86", name="Tỉnh Vĩnh Long", kind=UnitKind.PROVINCE)
    for code, name in [("1", "Xã Long Hồ"), ("2", "Xã Đông Thành"), ("3", "Xã Dương Điềm")]:
        unit = OrgUnit.objects.create(code=code, name=name, kind=UnitKind.COMMUNE, parent=province)
        ProcedureOffering.objects.create(procedure=version.procedure, unit=unit)
    page = Client().get(f"/cong-dan/thu-tuc/{version.procedure_id}/").content.decode()
    assert "Xã, phường, đặc khu (3)" in page
    assert page.index("Xã Dương Điềm") < page.index("Xã Đông Thành") < page.index("Xã Long Hồ")

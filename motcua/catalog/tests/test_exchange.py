import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from motcua.accounts.models import OrgUnit, UnitKind
from motcua.catalog import services
from motcua.catalog.exchange import ImportRefused, catalog_export_file, catalog_import_file
from motcua.catalog.exchange.dump import catalog_records
from motcua.catalog.models import (
    Procedure,
    ProcedureCase,
    ProcedureDocument,
    ProcedureVersion,
    ProcessStep,
    Sector,
    VersionStatus,
)
from motcua.catalog.tests.factories import make_procedure

pytestmark = pytest.mark.django_db


def _varied_catalog() -> None:
    """Two versions (one retired), a case with its own document, a unit-bound step."""
    unit = OrgUnit.objects.create(code="00001", name="Xã A", kind=UnitKind.COMMUNE)
    first = make_procedure(code="1.001193", name="Đăng ký khai sinh")
    ProcedureVersion.objects.filter(pk=first.pk).update(valid_from="2025-07-01")
    draft = services.version_new_draft(procedure=first.procedure)
    case = ProcedureCase.objects.create(version=draft, name="Có yếu tố nước ngoài")
    ProcedureDocument.objects.create(version=draft, case=case, name="Hộ chiếu", copies=1, order=2)
    draft.steps.filter(order=1).update(unit=unit)
    services.version_publish(version=draft)
    make_procedure(code=None, name="Nhóm thủ tục liên thông", sector="Liên thông", publish=False)


def _wipe() -> None:
    Procedure.objects.all().delete()
    Sector.objects.all().delete()


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_export_then_import_into_an_empty_catalog_gives_the_same_catalog(
    tmp_path: Path, suffix: str
) -> None:
    _varied_catalog()
    before = catalog_records()
    path = tmp_path / f"catalog{suffix}"
    assert catalog_export_file(path) == 3
    _wipe()
    report = catalog_import_file(path)
    assert report.created == 3
    assert catalog_records() == before
    assert Procedure.objects.get(code="1.001193").search_text.startswith(" dang ky khai sinh ")


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_reimporting_the_same_file_changes_nothing(tmp_path: Path, suffix: str) -> None:
    _varied_catalog()
    path = tmp_path / f"catalog{suffix}"
    catalog_export_file(path)
    ids = list(ProcessStep.objects.order_by("pk").values_list("pk", flat=True))
    report = catalog_import_file(path, publish=True)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert list(ProcessStep.objects.order_by("pk").values_list("pk", flat=True)) == ids


def test_bad_excel_rows_are_reported_by_sheet_row_and_column_and_nothing_is_imported(
    tmp_path: Path,
) -> None:
    make_procedure(code="1.000001", name="Thủ tục một")
    make_procedure(code="1.000002", name="Thủ tục hai")
    path = tmp_path / "catalog.xlsx"
    catalog_export_file(path)
    _wipe()
    book = load_workbook(path)
    procedures = book["Thủ tục"]
    headers = [cell.value for cell in procedures[1]]
    procedures.cell(row=3, column=headers.index("Thời hạn") + 1, value="ba")
    documents = book["Thành phần hồ sơ"]
    doc_headers = [cell.value for cell in documents[1]]
    documents.cell(row=2, column=doc_headers.index("Số bản sao") + 1, value=-1)
    book.save(path)
    with pytest.raises(ImportRefused) as refused:
        catalog_import_file(path)
    assert refused.value.messages == [
        "Sheet 'Thành phần hồ sơ', dòng 2, cột 'Số bản sao': phải là số nguyên không âm",
        "Sheet 'Thủ tục', dòng 3, cột 'Thời hạn': phải là số nguyên không âm",
    ]
    assert not Procedure.objects.exists()
    assert not Sector.objects.exists()


def test_bad_json_record_is_reported_and_nothing_is_imported(tmp_path: Path) -> None:
    records: list[dict[str, Any]] = json.loads(
        Path("motcua/catalog/fixtures/procedures.json").read_text(encoding="utf-8")
    )
    records[6]["level"] = "huyện"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        catalog_import_file(path)
    assert refused.value.messages == [
        "Bản ghi 7 (1.004873), trường 'level': giá trị 'huyện' không hợp lệ"
    ]
    assert not Procedure.objects.exists()


def test_changing_a_published_version_in_a_file_is_refused(tmp_path: Path) -> None:
    make_procedure(code="1.000001", name="Thủ tục một")
    path = tmp_path / "catalog.json"
    catalog_export_file(path)
    records = json.loads(path.read_text(encoding="utf-8"))
    records[0]["name"] = "Tên đã sửa"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ImportRefused, match="đã công bố"):
        catalog_import_file(path)
    assert ProcedureVersion.objects.get().name == "Thủ tục một"


def test_published_record_with_wrong_budgets_is_refused(tmp_path: Path) -> None:
    make_procedure(code="1.000001")
    path = tmp_path / "catalog.json"
    catalog_export_file(path)
    records = json.loads(path.read_text(encoding="utf-8"))
    records[0]["steps"][0]["hours"] = "3"
    _wipe()
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ImportRefused, match="không bằng thời hạn"):
        catalog_import_file(path)
    assert not Procedure.objects.exists()


def test_seed_loads_39_procedures_and_publishes_those_with_a_time_limit() -> None:
    call_command("load_procedures", stdout=None)
    assert Procedure.objects.count() == 39
    assert Procedure.objects.filter(code__isnull=True).count() == 3
    drafts = ProcedureVersion.objects.filter(status=VersionStatus.DRAFT)
    assert set(drafts.values_list("procedure__code", flat=True)) == {"2.002481", "2.002478"}
    assert not ProcessStep.objects.filter(version__in=drafts).exists()
    for version in ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED):
        assert services.budget_problem(version) is None
    birth = ProcedureVersion.objects.get(procedure__code="1.001193")
    assert birth.online_level == "full" and birth.cutoff_15h
    assert sum(step.hours for step in birth.steps.all()) == Decimal(8)
    # Unconfirmed values stay null rather than being invented.
    assert ProcedureVersion.objects.filter(online_level__isnull=True).count() == 23
    assert birth.fees.get(amount_vnd__isnull=True)


def test_loading_the_seed_twice_changes_nothing() -> None:
    call_command("load_procedures", stdout=None)
    first = catalog_records()
    step_ids = set(ProcessStep.objects.values_list("pk", flat=True))
    call_command("load_procedures", stdout=None)
    assert catalog_records() == first
    assert set(ProcessStep.objects.values_list("pk", flat=True)) == step_ids


def test_seed_documents_needed_only_in_some_cases_are_not_mandatory() -> None:
    from motcua.catalog.exchange import SEED
    from motcua.catalog.models import ProcedureDocument

    catalog_import_file(SEED, publish=True)
    birth = ProcedureDocument.objects.filter(version__procedure__code="1.001193")
    mandatory = dict(birth.values_list("name", "mandatory"))
    form = next(name for name in mandatory if name.startswith("Tờ khai đăng ký khai sinh"))
    assert mandatory["Văn bản ủy quyền (được chứng thực) nếu ủy quyền đi đăng ký"] is False
    assert mandatory[form] is True


def test_the_plain_procedure_comes_first_among_seed_search_results() -> None:
    from motcua.catalog.exchange import SEED
    from motcua.catalog.selectors import procedure_search

    catalog_import_file(SEED, publish=True)
    first = procedure_search("khai sinh").first()
    assert first is not None and first.code == "1.001193"

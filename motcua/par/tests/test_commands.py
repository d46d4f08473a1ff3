"""manage.py import_par_scores (nothing imported on a bad row) and par_results --json."""

import io
import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from motcua.par.bulk import COLUMNS
from motcua.par.models import Entry
from motcua.par.tests.conftest import Par

pytestmark = pytest.mark.django_db


def scores(tmp_path: Path, rows: list[dict[str, object]]) -> Path:
    path = tmp_path / "diem.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_bad_row_and_nothing_is_imported(par: Par, tmp_path: Path) -> None:
    path = scores(
        tmp_path,
        [
            {"unit": "00001", "leaf": "1.1", "value": 1},
            {"unit": "00001", "leaf": "2.2", "choice": "khong-co"},
            {"unit": "99999", "leaf": "1.1", "value": 1},
            {"unit": "00002", "leaf": "1.2", "value": "ba"},
        ],
    )
    with pytest.raises(CommandError) as caught:
        call_command("import_par_scores", str(path), assessment=par.assessment.pk, stage="self")
    message = str(caught.value)
    assert "Mục 2 (00001 / 2.2): Tiêu chí 2.2: Chưa chọn một mức trong danh sách." in message
    assert "Mục 3 (99999 / 1.1): đơn vị “99999” không thuộc kỳ đánh giá" in message
    assert "Mục 4 (00002 / 1.2): “ba” không phải là một số." in message
    assert not Entry.objects.exists()


def test_an_excel_sheet_is_imported_whole(par: Par, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.append(list(COLUMNS.values()))
    sheet.append(["00001", "1.1", 1, None, None, "Kế hoạch 01/KH"])
    sheet.append(["00002", "2.2", None, "thieu", None, None])
    sheet.append(["00003", "1.2", None, None, "x", "Không có kỳ báo cáo"])
    path = tmp_path / "diem.xlsx"
    workbook.save(path)
    out = io.StringIO()
    call_command(
        "import_par_scores", str(path), assessment=par.assessment.pk, stage="self", stdout=out
    )
    assert "Đã nhập 3 điểm." in out.getvalue()
    got = {(e.unit_assessment.unit.code, e.node.code): e for e in Entry.objects.all()}
    assert got[("00001", "1.1")].points == 1 and got[("00001", "1.1")].comment == "Kế hoạch 01/KH"
    assert got[("00002", "2.2")].points == 1
    assert got[("00003", "1.2")].not_applicable


def test_par_results_prints_every_unit_as_json(par: Par, tmp_path: Path) -> None:
    path = scores(
        tmp_path,
        [
            {"unit": "00001", "leaf": "1.1", "value": 1},
            {"unit": "00002", "leaf": "1.1", "value": 1},
            {"unit": "00002", "leaf": "1.2", "value": 0},
        ],
    )
    call_command("import_par_scores", str(path), assessment=par.assessment.pk, stage="self")
    call_command(
        "import_par_scores",
        str(scores(tmp_path, [{"unit": "00001", "leaf": "3.1", "value": 50}])),
        assessment=par.assessment.pk,
        stage="survey",
    )
    out = io.StringIO()
    call_command("par_results", assessment=par.assessment.pk, json=True, stdout=out)
    data = json.loads(out.getvalue())
    by_unit = {u["unit"]: u for u in data["units"]}
    # 00002: 1 + 2 of 10 → 30 %; 00001: 1 + 1.5 survey of 10 → 25 %
    assert by_unit["00002"] | {"areas": None} == {
        "unit": "00002",
        "name": "Xã Thử 2",
        "index": "30.00",
        "achieved": "3.00",
        "applicable": "10.00",
        "band": "Yếu",
        "rank": 1,
        "of": 3,
        "areas": None,
    }
    assert by_unit["00001"]["index"] == "25.00" and by_unit["00001"]["rank"] == 2
    assert by_unit["00001"]["areas"]["3"] == {
        "index": "50.00",
        "achieved": "1.50",
        "applicable": "3.00",
    }
    assert D(by_unit["00003"]["index"]) == 0 and by_unit["00003"]["rank"] == 3


def test_par_results_of_an_unknown_assessment(db: None) -> None:
    with pytest.raises(CommandError, match="Không có kỳ đánh giá số 999"):
        call_command("par_results", assessment=999, json=True)

"""Rubric import: a rubric that does not add up or has a bad leaf is refused whole, with the
node named (JSON) or the row and column (Excel); export and import give back the same rubric."""

import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from motcua.par.exchange import (
    RubricInvalid,
    rubric_from_dict,
    rubric_from_excel,
    rubric_from_json,
    rubric_to_dict,
    rubric_to_excel,
    rubric_to_json,
)
from motcua.par.tests.conftest import small_rubric

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "commune-sample.json"


def errors_of(raw: dict) -> list[str]:  # type: ignore[type-arg]
    with pytest.raises(RubricInvalid) as caught:
        rubric_from_dict(raw)
    return caught.value.errors


def test_a_parent_that_does_not_add_up_is_named() -> None:
    raw = small_rubric()
    raw["nodes"][0]["max"] = 4
    assert errors_of(raw) == ["1: điểm tối đa 4 khác tổng điểm các tiêu chí con 3"]


def test_bonus_nodes_stay_outside_the_sum_and_the_parts_are_checked() -> None:
    data = rubric_from_dict(small_rubric())
    assert [a.maximum for a in data.nodes] == [3, 4, 3]
    assert any("parts.survey" in e for e in errors_of(small_rubric(parts={"survey": 5})))


def test_bad_leaves_are_all_reported_by_code() -> None:
    raw = small_rubric()
    leaves = raw["nodes"][1]["children"]
    leaves[0]["params"] = {"full_at": 0.8, "prorate_from": 0.9}
    leaves[1]["method"] = "guess"
    leaves[0]["measure"] = "nothing.here"
    errors = errors_of(raw)
    assert "2.1: cần 0 ≤ prorate_from ≤ full_at ≤ 1" in errors
    assert any(e.startswith("2.2: phương pháp “guess” không có") for e in errors)
    assert "2.1: phép đo “nothing.here” không có trong danh mục" in errors


def test_steps_must_go_down_and_codes_must_follow_the_parent() -> None:
    raw = small_rubric()
    raw["nodes"][0]["children"][0] = {
        "code": "9.1",
        "name": "Sai mã",
        "max": 1,
        "method": "steps",
        "params": {"steps": [{"from": 0.7, "points": 1}, {"from": 0.9, "points": 1}]},
    }
    errors = errors_of(raw)
    assert "9.1: mã phải bắt đầu bằng mã tiêu chí cha “1.”" in errors
    assert "9.1: các ngưỡng (steps) phải giảm dần, mức cao nhất trước" in errors


def test_not_json_is_a_clear_message() -> None:
    with pytest.raises(RubricInvalid, match="không phải JSON hợp lệ"):
        rubric_from_json("{nodes: ")


def test_the_sample_rubric_has_what_the_issue_asks() -> None:
    data = rubric_from_json(SAMPLE.read_text(encoding="utf-8"))
    leaves = [leaf for area in data.nodes for leaf in area.leaves()]
    assert data.sample and "MẪU" in data.name
    assert len(data.nodes) == 8 and len(leaves) >= 30
    assert {leaf.method for leaf in leaves} >= {
        "yes_no",
        "choice",
        "ratio",
        "steps",
        "deduction",
        "survey",
        "bonus",
        "penalty",
    }
    auto = [leaf for leaf in leaves if leaf.measure and leaf.method != "survey"]
    assert len(auto) >= 8 and all(leaf.measure.split(".")[0] != "plans" for leaf in auto)
    assert data.parts == {"appraised": 70, "survey": 30}


def test_json_and_excel_round_trip() -> None:
    data = rubric_from_json(SAMPLE.read_text(encoding="utf-8"))
    assert rubric_to_dict(rubric_from_json(rubric_to_json(data))) == rubric_to_dict(data)
    assert rubric_to_dict(rubric_from_excel(rubric_to_excel(data))) == rubric_to_dict(data)


def test_excel_errors_name_the_row_and_column() -> None:
    data = rubric_from_dict(small_rubric())
    workbook = load_workbook(io.BytesIO(rubric_to_excel(data)))
    sheet = workbook["Tiêu chí"]
    sheet["C2"] = "bốn"  # area 1's maximum
    sheet["E3"] = "{không phải json"
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(RubricInvalid) as caught:
        rubric_from_excel(out.getvalue())
    assert caught.value.errors == [
        "Dòng 2, cột Điểm tối đa: phải là một số",
        "Dòng 3, cột Tham số: không phải JSON hợp lệ",
    ]


def test_excel_sum_errors_point_at_the_row() -> None:
    raw = small_rubric()
    raw_data = rubric_from_dict(raw)
    workbook = load_workbook(io.BytesIO(rubric_to_excel(raw_data)))
    workbook["Tiêu chí"]["C3"] = 3  # leaf 1.1 from 1 to 3: area 1 no longer adds up
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(RubricInvalid) as caught:
        rubric_from_excel(out.getvalue())
    assert caught.value.errors == [
        "Dòng 2 (mã 1): điểm tối đa 3 khác tổng điểm các tiêu chí con 5",
        "parts.appraised: khai báo 7 điểm nhưng các tiêu chí cộng lại 9",
    ]


def test_json_export_is_readable_vietnamese() -> None:
    text = rubric_to_json(rubric_from_dict(small_rubric()))
    assert "Chỉ đạo, điều hành" in text and json.loads(text)["format"] == "motcua.par.rubric/1"


def test_maxima_and_codes_that_do_not_fit_are_refused() -> None:
    raw = small_rubric()
    raw["nodes"][0]["children"][0]["max"] = "0.125"
    raw["nodes"][0]["children"][1]["code"] = "1." + "9" * 40
    errors = errors_of(raw)
    assert "1.1: điểm tối đa phải từ 0 đến 1000, tối đa 2 chữ số thập phân" in errors
    assert any("mã (tối đa 32 ký tự)" in e for e in errors)

"""Rubrics in and out as JSON and Excel (docs/par.md has the format with a full example).

Reading checks everything before anything is written: a rubric that does not add up, a leaf
without a method, a parameter out of range — every error is collected and named by node code
(JSON) or by row and column (Excel), and nothing is imported.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from motcua.lib.excel import sheet_rows, sheet_write
from motcua.par.registry import MEASURES
from motcua.par.scoring import METHODS, OUTSIDE_MAXIMUM, Band, Node

FORMAT = "motcua.par.rubric/1"
LEVELS = {"commune": "cấp xã", "department": "sở, ban, ngành"}
NODES_SHEET, INFO_SHEET = "Tiêu chí", "Thông tin"
COLUMNS = ("Mã", "Tên", "Điểm tối đa", "Phương pháp", "Tham số", "Phép đo tự động")


class RubricInvalid(ValueError):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class RubricData:
    name: str
    level: str
    year: int
    bands: list[Band]
    nodes: list[Node]  # the areas, each with its subtree
    decision: str = ""
    sample: bool = False
    parts: dict[str, Decimal] = field(default_factory=dict)

    def all_nodes(self) -> list[Node]:
        found: list[Node] = []

        def walk(node: Node) -> None:
            found.append(node)
            for child in node.children:
                walk(child)

        for area in self.nodes:
            walk(area)
        return found


def _decimal(raw: Any) -> Decimal | None:
    if isinstance(raw, bool) or raw is None or raw == "":
        return None
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


# -- checking a tree ----------------------------------------------------------------


def _check_params(node: Node) -> list[str]:
    p, m, where = node.params, node.maximum, f"{node.code}: "
    try:
        if node.method == "choice":
            options = p.get("options") or []
            keys = [o["key"] for o in options]
            if not options or len(set(keys)) != len(keys):
                return [where + "phương pháp “choice” cần danh sách mức (options) có mã khác nhau"]
            if any(not Decimal(0) <= Decimal(str(o["points"])) <= m for o in options):
                return [where + "điểm của một mức vượt quá điểm tối đa"]
        elif node.method == "ratio":
            full, start = Decimal(str(p["full_at"])), Decimal(str(p["prorate_from"]))
            if not Decimal(0) <= start <= full <= 1:
                return [where + "cần 0 ≤ prorate_from ≤ full_at ≤ 1"]
        elif node.method == "steps":
            steps = p.get("steps") or []
            bounds = [Decimal(str(s["from"])) for s in steps]
            if (
                not steps
                or bounds != sorted(bounds, reverse=True)
                or len(set(bounds)) < len(bounds)
            ):
                return [where + "các ngưỡng (steps) phải giảm dần, mức cao nhất trước"]
            if any(not Decimal(0) <= Decimal(str(s["points"])) <= m for s in steps):
                return [where + "điểm của một ngưỡng vượt quá điểm tối đa"]
        elif node.method in ("deduction", *OUTSIDE_MAXIMUM) and Decimal(str(p["per_item"])) <= 0:
            return [where + "per_item phải lớn hơn 0"]
    except (KeyError, TypeError, InvalidOperation, AttributeError) as exc:
        return [where + f"thiếu hoặc sai tham số {exc} của phương pháp “{node.method}”"]
    return []


def _check_leaf(node: Node) -> list[str]:
    where = f"{node.code}: "
    if node.method not in METHODS:
        return [
            where
            + f"phương pháp “{node.method or '(trống)'}” không có; dùng một trong "
            + ", ".join(METHODS)
        ]
    errors = _check_params(node)
    if node.measure and node.measure not in MEASURES:
        errors.append(where + f"phép đo “{node.measure}” không có trong danh mục")
    if node.measure and node.method in ("choice", "deduction"):
        errors.append(
            where + "tiêu chí tự động chỉ dùng yes_no, ratio, steps, survey, bonus, penalty"
        )
    return errors


def _check_node(node: Node, parent: Node | None) -> list[str]:
    errors: list[str] = []
    if not Decimal(0) <= node.maximum <= 1000 or node.maximum != node.maximum.quantize(
        Decimal("0.01")
    ):
        errors.append(f"{node.code}: điểm tối đa phải từ 0 đến 1000, tối đa 2 chữ số thập phân")
    if len(node.code) > 32 or len(node.measure) > 80:
        errors.append(f"{node.code[:32]}: mã (tối đa 32 ký tự) hoặc tên phép đo quá dài")
    if parent is not None and not node.code.startswith(parent.code + "."):
        errors.append(f"{node.code}: mã phải bắt đầu bằng mã tiêu chí cha “{parent.code}.”")
    if node.is_leaf:
        return errors + _check_leaf(node)
    if node.method:
        errors.append(f"{node.code}: chỉ tiêu chí lá mới có phương pháp chấm")
    counted = sum((c.maximum for c in node.children if not c.outside_maximum), Decimal(0))
    if counted != node.maximum:
        errors.append(
            f"{node.code}: điểm tối đa {node.maximum} khác tổng điểm các tiêu chí con {counted}"
        )
    for child in node.children:
        errors += _check_node(child, node)
    return errors


def _check_bands(bands: list[Band]) -> list[str]:
    if not bands:
        return ["bands: cần ít nhất một mức xếp loại"]
    lowers = [b.lower for b in bands]
    if len(set(lowers)) != len(lowers) or any(not 0 <= x <= 100 for x in lowers):
        return ["bands: ngưỡng các mức xếp loại phải khác nhau và trong khoảng 0–100"]
    return []


def check(data: RubricData) -> None:
    errors = []
    if data.level not in LEVELS:
        errors.append(f"level: “{data.level}” không hợp lệ; dùng commune hoặc department")
    if not 2000 <= data.year <= 2100:
        errors.append(f"year: năm “{data.year}” không hợp lệ")
    if not data.nodes:
        errors.append("nodes: bộ tiêu chí chưa có lĩnh vực nào")
    codes = [n.code for n in data.all_nodes()]
    errors += [f"{c}: mã bị trùng" for c in sorted({c for c in codes if codes.count(c) > 1})]
    for area in data.nodes:
        errors += _check_node(area, None)
    errors += _check_bands(data.bands)
    errors += _check_parts(data)
    if errors:
        raise RubricInvalid(errors)


def _check_parts(data: RubricData) -> list[str]:
    leaves = [leaf for area in data.nodes for leaf in area.leaves() if not leaf.outside_maximum]
    found = {
        "survey": sum((x.maximum for x in leaves if x.method == "survey"), Decimal(0)),
        "appraised": sum((x.maximum for x in leaves if x.method != "survey"), Decimal(0)),
    }
    return [
        f"parts.{name}: khai báo {declared} điểm nhưng các tiêu chí cộng lại {found[name]}"
        for name, declared in data.parts.items()
        if name in found and declared != found[name]
    ]


# -- JSON ----------------------------------------------------------------


def _node_from_json(raw: Any, errors: list[str], path: str) -> Node | None:
    if not isinstance(raw, dict):
        errors.append(f"{path}: mỗi tiêu chí phải là một đối tượng JSON")
        return None
    code = str(raw.get("code") or "").strip()
    where = code or path
    maximum = _decimal(raw.get("max"))
    if not code:
        errors.append(f"{path}: thiếu mã (code)")
    if not str(raw.get("name") or "").strip():
        errors.append(f"{where}: thiếu tên (name)")
    if maximum is None:
        errors.append(f"{where}: điểm tối đa (max) phải là một số")
    params = raw.get("params") or {}
    if not isinstance(params, dict):
        errors.append(f"{where}: params phải là một đối tượng JSON")
        params = {}
    children = []
    for i, child in enumerate(raw.get("children") or []):
        built = _node_from_json(child, errors, f"{where}/{i + 1}")
        if built is not None:
            children.append(built)
    return Node(
        code,
        str(raw.get("name") or "").strip(),
        maximum or Decimal(0),
        str(raw.get("method") or ""),
        params,
        str(raw.get("measure") or ""),
        children,
    )


def _bands_from(raw: Any, errors: list[str]) -> list[Band]:
    bands = []
    for item in raw or []:
        lower = _decimal(item.get("from")) if isinstance(item, dict) else None
        if lower is None or not str(item.get("name") or "").strip():
            errors.append("bands: mỗi mức cần name và from (số)")
            continue
        bands.append(Band(str(item["name"]).strip(), lower))
    return bands


def rubric_from_json(text: str | bytes) -> RubricData:
    try:
        raw = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise RubricInvalid([f"Tệp không phải JSON hợp lệ: {exc}"]) from None
    if not isinstance(raw, dict):
        raise RubricInvalid(["Tệp JSON phải là một đối tượng có các khóa name, level, year, …"])
    return rubric_from_dict(raw)


def rubric_from_dict(raw: dict[str, Any]) -> RubricData:
    errors: list[str] = []
    if raw.get("format", FORMAT) != FORMAT:
        errors.append(f"format: chỉ đọc được “{FORMAT}”")
    nodes = [
        n
        for i, item in enumerate(raw.get("nodes") or [])
        if (n := _node_from_json(item, errors, f"nodes/{i + 1}")) is not None
    ]
    try:
        year = int(raw.get("year") or 0)
    except (TypeError, ValueError):
        year = 0
    parts = {
        k: v for k, raw_v in (raw.get("parts") or {}).items() if (v := _decimal(raw_v)) is not None
    }
    data = RubricData(
        name=str(raw.get("name") or "").strip(),
        level=str(raw.get("level") or ""),
        year=year,
        bands=_bands_from(raw.get("bands"), errors),
        nodes=nodes,
        decision=str(raw.get("decision") or ""),
        sample=bool(raw.get("sample")),
        parts=parts,
    )
    if not data.name:
        errors.append("name: thiếu tên bộ tiêu chí")
    if errors:
        raise RubricInvalid(errors)
    check(data)
    return data


def _node_to_json(node: Node) -> dict[str, Any]:
    out: dict[str, Any] = {"code": node.code, "name": node.name, "max": str(node.maximum)}
    if node.is_leaf:
        out["method"] = node.method
        if node.params:
            out["params"] = node.params
        if node.measure:
            out["measure"] = node.measure
    else:
        out["children"] = [_node_to_json(c) for c in node.children]
    return out


def rubric_to_dict(data: RubricData) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "name": data.name,
        "level": data.level,
        "year": data.year,
        "decision": data.decision,
        "sample": data.sample,
        "parts": {k: str(v) for k, v in data.parts.items()},
        "bands": [{"name": b.name, "from": str(b.lower)} for b in data.bands],
        "nodes": [_node_to_json(n) for n in data.nodes],
    }


def rubric_to_json(data: RubricData) -> str:
    return json.dumps(rubric_to_dict(data), ensure_ascii=False, indent=2)


# -- Excel ----------------------------------------------------------------


def rubric_to_excel(data: RubricData) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    info = rubric_to_dict(data)
    sheet_write(
        workbook,
        INFO_SHEET,
        ("Khóa", "Giá trị"),
        [
            ("name", data.name),
            ("level", data.level),
            ("year", data.year),
            ("decision", data.decision),
            ("sample", "1" if data.sample else ""),
            ("parts", json.dumps(info["parts"], ensure_ascii=False)),
            ("bands", json.dumps(info["bands"], ensure_ascii=False)),
        ],
    )
    rows = [
        (
            n.code,
            n.name,
            float(n.maximum),
            n.method,
            json.dumps(n.params, ensure_ascii=False) if n.params else "",
            n.measure,
        )
        for n in data.all_nodes()
    ]
    sheet_write(workbook, NODES_SHEET, COLUMNS, rows)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _excel_node(number: int, row: dict[str, Any], errors: list[str]) -> Node | None:
    code = str(row.get("Mã") or "").strip()
    maximum = _decimal(row.get("Điểm tối đa"))
    where = f"Dòng {number}"
    if not code:
        errors.append(f"{where}, cột Mã: thiếu mã")
    if maximum is None:
        errors.append(f"{where}, cột Điểm tối đa: phải là một số")
    params: Any = {}
    if row.get("Tham số"):
        try:
            params = json.loads(str(row["Tham số"]))
        except ValueError:
            errors.append(f"{where}, cột Tham số: không phải JSON hợp lệ")
    if not isinstance(params, dict):
        errors.append(f"{where}, cột Tham số: phải là một đối tượng JSON")
        params = {}
    if not code:
        return None
    return Node(
        code,
        str(row.get("Tên") or "").strip(),
        maximum or Decimal(0),
        str(row.get("Phương pháp") or "").strip(),
        params,
        str(row.get("Phép đo tự động") or "").strip(),
    )


def rubric_from_excel(content: bytes) -> RubricData:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        raise RubricInvalid(["Tệp không phải Excel (.xlsx) hợp lệ."]) from None
    if NODES_SHEET not in workbook.sheetnames or INFO_SHEET not in workbook.sheetnames:
        raise RubricInvalid([f"Tệp cần hai trang “{INFO_SHEET}” và “{NODES_SHEET}”."])
    errors: list[str] = []
    info = {str(r.get("Khóa")): r.get("Giá trị") for _, r in sheet_rows(workbook[INFO_SHEET])}
    by_code: dict[str, tuple[int, Node]] = {}
    areas: list[Node] = []
    for number, row in sheet_rows(workbook[NODES_SHEET]):
        node = _excel_node(number, row, errors)
        if node is None:
            continue
        if node.code in by_code:
            errors.append(
                f"Dòng {number}, cột Mã: mã “{node.code}” trùng dòng {by_code[node.code][0]}"
            )
            continue
        by_code[node.code] = (number, node)
        parent_code = node.code.rsplit(".", 1)[0] if "." in node.code else ""
        if not parent_code:
            areas.append(node)
        elif parent_code in by_code:
            by_code[parent_code][1].children.append(node)
        else:
            errors.append(
                f"Dòng {number}, cột Mã: chưa có tiêu chí cha “{parent_code}” ở dòng trên"
            )
    if errors:
        raise RubricInvalid(errors)
    raw = {key: info.get(key) for key in ("name", "level", "year", "decision", "sample")}
    for key in ("parts", "bands"):
        try:
            raw[key] = json.loads(str(info.get(key) or ("{}" if key == "parts" else "[]")))
        except ValueError:
            raise RubricInvalid(
                [f"Trang {INFO_SHEET}, khóa {key}: không phải JSON hợp lệ"]
            ) from None
    data = RubricData(
        name=str(raw["name"] or "").strip(),
        level=str(raw["level"] or ""),
        year=int(_decimal(raw["year"]) or 0),
        bands=_bands_from(raw["bands"], errors),
        nodes=areas,
        decision=str(raw["decision"] or ""),
        sample=bool(raw["sample"]),
        parts={k: d for k, v in (raw["parts"] or {}).items() if (d := _decimal(v)) is not None},
    )
    if not data.name:
        errors.append(f"Trang {INFO_SHEET}, khóa name: thiếu tên bộ tiêu chí")
    if errors:
        raise RubricInvalid(errors)
    try:
        check(data)
    except RubricInvalid as exc:
        rows = {code: number for code, (number, _) in by_code.items()}
        raise RubricInvalid([_at_row(e, rows) for e in exc.errors]) from None
    return data


def _at_row(error: str, rows: dict[str, int]) -> str:
    """ "3.2: …" becomes "Dòng 14 (mã 3.2): …" so the officer finds it in the sheet."""
    code = error.split(":", 1)[0]
    if code in rows:
        return f"Dòng {rows[code]} (mã {code}){error[len(code) :]}"
    return error

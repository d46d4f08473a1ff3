"""ARCHITECTURE.md: imports go one way, from earlier layers to later ones — never back."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "motcua"
LAYERS = {
    "lib": 0, "formats": 0,
    "accounts": 1,
    "workdays": 2, "catalog": 2,
    "dossiers": 3,
    "feedback": 4, "surveys": 4, "payments": 4,
    "reports": 5, "portal": 5, "filing": 5, "api": 5,
    "reform": 6,
    "par": 7,
    "demo": 8,
}  # fmt: skip


def imported_apps(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        found |= {name.split(".")[1] for name in names if name.startswith("motcua.")}
    return found


def test_no_module_imports_from_a_later_layer() -> None:
    backwards = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if len(parts) < 2 or "tests" in parts or "migrations" in parts:
            continue
        app = parts[0]
        for other in imported_apps(path):
            if LAYERS.get(other, -1) > LAYERS[app]:
                backwards.append(f"{path.relative_to(ROOT)} imports motcua.{other}")
    assert backwards == []


def test_every_app_has_a_layer() -> None:
    apps = {p.name for p in ROOT.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert apps <= set(LAYERS), sorted(apps - set(LAYERS))

"""docs/par.md lists every measure key and scoring method; the registry's reports measures
all exist; and the example in the docs is a valid rubric."""

import json
import re
from pathlib import Path

from motcua.par import registry
from motcua.par.exchange import rubric_from_dict
from motcua.par.scoring import METHODS

DOC = (Path(__file__).resolve().parents[3] / "docs" / "par.md").read_text(encoding="utf-8")


def test_every_measure_key_and_method_is_documented() -> None:
    assert [k for k in registry.MEASURES if f"`{k}`" not in DOC] == []
    assert [m for m in METHODS if f"`{m}`" not in DOC] == []


def test_every_reports_measure_resolves() -> None:
    for key, entry in registry.MEASURES.items():
        if entry.path.startswith(registry.REPORTS):
            assert callable(registry.resolve(key)), key


def test_the_json_example_in_the_docs_is_a_valid_rubric() -> None:
    example = re.search(r"```json\n(.*?)```", DOC, re.S)
    assert example is not None
    data = rubric_from_dict(json.loads(example.group(1)))
    assert [area.code for area in data.nodes] == ["1", "2", "3"]

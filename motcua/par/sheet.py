"""The rows of one unit's scored rubric, as the unit page, its Excel table and the score import
read them: every node in order with, for leaves, what each stage gave."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from motcua.par.models import Entry, Evidence, RubricNode, Stage, UnitAssessment
from motcua.par.scoring import RATE_METHODS, Tally, tally
from motcua.par.selectors import outcomes_by_unit
from motcua.par.services import ParError

HUNDRED = Decimal(100)


def is_percent(node: RubricNode) -> bool:
    return node.method in RATE_METHODS or bool(node.params.get("percent"))


def shown(node: RubricNode, entry: Entry | None) -> str:
    """A stage's answer as the officer reads it: Có/Không, the option, 92,5 %, 3, N/A."""
    if entry is None:
        return ""
    if entry.not_applicable:
        return "Không áp dụng"
    if node.method == "choice":
        labels = {o["key"]: o["label"] for o in node.params.get("options", [])}
        return labels.get(entry.choice, entry.choice)
    if entry.value is None:
        return ""
    if node.method == "yes_no":
        return "Có" if entry.value == 1 else "Không"
    if is_percent(node):
        return f"{(entry.value * HUNDRED).quantize(Decimal('0.01')).normalize():f} %"
    return f"{entry.value.normalize():f}"


def parse_answer(node: RubricNode, raw: str, choice: str) -> tuple[Decimal | None, str]:
    """The typed value in the rubric's unit (a percentage for rates), or a Vietnamese error."""
    if node.method == "choice":
        return None, choice
    text = raw.strip().replace(" ", "").replace("%", "").replace(",", ".")
    if not text:
        raise ParError("Nhập giá trị của tiêu chí.")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ParError(f"“{raw}” không phải là một số.") from None
    if not value.is_finite():
        raise ParError(f"“{raw}” không phải là một số.")
    if abs(value) >= 10_000_000:
        raise ParError(f"Giá trị “{raw}” quá lớn.")
    return (value / 100 if is_percent(node) else value), ""


@dataclass
class Row:
    node: RubricNode
    entries: dict[str, Entry] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    tally: Tally | None = None  # parents: the subtree's points at the final stage

    @property
    def depth(self) -> int:
        return self.node.depth

    def shown(self, stage: str) -> str:
        return shown(self.node, self.entries.get(stage))

    @property
    def shown_self(self) -> str:
        return self.shown(Stage.SELF)

    @property
    def shown_survey(self) -> str:
        return self.shown(Stage.SURVEY)

    def points(self, stage: str) -> Decimal | None:
        entry = self.entries.get(stage)
        return None if entry is None else entry.points

    @property
    def self_entry(self) -> Entry | None:
        return self.entries.get(Stage.SELF)

    @property
    def auto_entry(self) -> Entry | None:
        return self.entries.get(Stage.SURVEY if self.node.is_survey else Stage.SELF)

    @property
    def differs(self) -> bool:
        got = [
            e.points for s in (Stage.SELF, Stage.ROUND1, Stage.ROUND2) if (e := self.entries.get(s))
        ]
        return len(set(got)) > 1

    def options(self) -> list[dict[str, Any]]:
        return list(self.node.params.get("options", []))


def sheet_rows(ua: UnitAssessment, stage: str = "final") -> list[Row]:
    """Parents carry their points as they stand at `stage` (selectors.STANDING)."""
    nodes = list(RubricNode.objects.filter(rubric=ua.assessment.rubric_id).order_by("position"))
    entries: dict[int, dict[str, Entry]] = defaultdict(dict)
    for entry in Entry.objects.filter(unit_assessment=ua).select_related("by"):
        entries[entry.node_id][entry.stage] = entry
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    for item in Evidence.objects.filter(unit_assessment=ua):
        evidence[item.node_id].append(item)
    outcomes = outcomes_by_unit(ua.assessment, stage).get(ua.pk, {})
    trees = {n.code: n for area in ua.assessment.rubric.tree() for n in _walk(area)}
    rows = []
    for node in nodes:
        row = Row(node, entries.get(node.pk, {}), evidence.get(node.pk, []))
        if not node.is_leaf:
            row.tally = tally(trees[node.code], outcomes)
        rows.append(row)
    return rows


def _walk(node: Any) -> list[Any]:
    return [node, *(n for child in node.children for n in _walk(child))]

"""PAR scoring as tables: each method a small pure function (maximum, parameters, answer) →
points, and the index of a unit from the points of its leaves (DOMAIN.md §9, docs/par.md).

Nothing here reads the database: the rubric arrives as a tree of `Node`s, the answers as a dict
from leaf code to `Answer`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")
ZERO = Decimal(0)
HUNDRED = Decimal(100)


class ScoringError(ValueError):
    """A value or parameter the method cannot score; the message is shown to the user."""


@dataclass(frozen=True)
class Answer:
    """What was given for a leaf: a measured or typed value, or a chosen option, or N/A."""

    value: Decimal | None = None
    choice: str = ""
    not_applicable: bool = False


def _dec(raw: Any) -> Decimal:
    return raw if isinstance(raw, Decimal) else Decimal(str(raw))


def _needs_value(answer: Answer) -> Decimal:
    if answer.value is None:
        raise ScoringError("Chưa nhập giá trị.")
    return answer.value


def _rate(answer: Answer) -> Decimal:
    value = _needs_value(answer)
    if not ZERO <= value <= 1:
        raise ScoringError("Tỉ lệ phải từ 0% đến 100%.")
    return value


def _count(answer: Answer) -> Decimal:
    value = _needs_value(answer)
    if value < 0 or value != value.to_integral_value():
        raise ScoringError("Số lượng phải là số nguyên không âm.")
    return value


def yes_no(maximum: Decimal, params: Mapping[str, Any], answer: Answer) -> Decimal:
    """The full maximum for "có" (1), 0 for "không" (0)."""
    value = _needs_value(answer)
    if value not in (0, 1):
        raise ScoringError("Chỉ chọn Có hoặc Không.")
    return maximum if value == 1 else ZERO


def choice(maximum: Decimal, params: Mapping[str, Any], answer: Answer) -> Decimal:
    """The points of the chosen option (params["options"]: [{key, label, points}])."""
    for option in params["options"]:
        if option["key"] == answer.choice:
            return _dec(option["points"])
    raise ScoringError("Chưa chọn một mức trong danh sách.")


def ratio(maximum: Decimal, params: Mapping[str, Any], answer: Answer) -> Decimal:
    """Full points when r ≥ full_at; max × r when prorate_from ≤ r < full_at; else 0."""
    r = _rate(answer)
    if r >= _dec(params["full_at"]):
        return maximum
    if r >= _dec(params["prorate_from"]):
        return maximum * r
    return ZERO


def steps(maximum: Decimal, params: Mapping[str, Any], answer: Answer) -> Decimal:
    """The points of the first threshold the value reaches (params["steps"]: [{from, points}],
    highest threshold first); 0 below the last."""
    value = _needs_value(answer)
    for step in params["steps"]:
        if value >= _dec(step["from"]):
            return _dec(step["points"])
    return ZERO


def deduction(maximum: Decimal, params: Mapping[str, Any], answer: Answer) -> Decimal:
    """The maximum minus per_item × count, never below 0."""
    return max(ZERO, maximum - _dec(params["per_item"]) * _count(answer))


def survey(maximum: Decimal, params: Mapping[str, Any], answer: Answer) -> Decimal:
    """max × share, the share (0–1) coming from a survey result."""
    return maximum * _rate(answer)


def bonus(maximum: Decimal, params: Mapping[str, Any], answer: Answer) -> Decimal:
    """per_item × count, at most the cap (the node's maximum); added outside the maximum."""
    return min(maximum, _dec(params["per_item"]) * _count(answer))


def penalty(maximum: Decimal, params: Mapping[str, Any], answer: Answer) -> Decimal:
    """per_item × count, at most the cap; removed from the achieved points."""
    return min(maximum, _dec(params["per_item"]) * _count(answer))


Method = Callable[[Decimal, Mapping[str, Any], Answer], Decimal]
METHODS: dict[str, Method] = {
    "yes_no": yes_no,
    "choice": choice,
    "ratio": ratio,
    "steps": steps,
    "deduction": deduction,
    "survey": survey,
    "bonus": bonus,
    "penalty": penalty,
}
METHOD_LABELS = {
    "yes_no": "Có / không",
    "choice": "Chọn mức",
    "ratio": "Tỉ lệ",
    "steps": "Theo mức ngưỡng",
    "deduction": "Trừ điểm theo số lần",
    "survey": "Điều tra xã hội học",
    "bonus": "Điểm thưởng",
    "penalty": "Điểm trừ",
}
OUTSIDE_MAXIMUM = ("bonus", "penalty")
# Methods whose answer is a rate in [0, 1], entered and shown as a percentage.
RATE_METHODS = ("ratio", "survey")


def leaf_points(
    method: str, maximum: Decimal, params: Mapping[str, Any], answer: Answer
) -> Decimal:
    """Points of one leaf, rounded to 2 decimals; ScoringError on a value it cannot score."""
    points = METHODS[method](maximum, params, answer)
    return points.quantize(CENT, ROUND_HALF_UP)


@dataclass
class Node:
    code: str
    name: str
    maximum: Decimal
    method: str = ""  # leaves only
    params: dict[str, Any] = field(default_factory=dict)
    measure: str = ""  # an auto leaf's measure key
    children: list[Node] = field(default_factory=list)

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def outside_maximum(self) -> bool:
        return self.method in OUTSIDE_MAXIMUM

    def leaves(self) -> Iterable[Node]:
        if self.is_leaf:
            yield self
        for child in self.children:
            yield from child.leaves()


@dataclass(frozen=True)
class Tally:
    """Achieved and applicable points of a subtree, and its index (None when nothing applies)."""

    achieved: Decimal
    applicable: Decimal

    @property
    def index(self) -> Decimal | None:
        return index_of(self.achieved, self.applicable)


def index_of(achieved: Decimal, applicable: Decimal) -> Decimal | None:
    """achieved ÷ applicable × 100, within [0, 100] (a bonus cannot lift it above 100, a penalty
    not below 0), rounded to 2 decimals; None when no point applies."""
    if applicable <= 0:
        return None
    raw = min(HUNDRED, max(ZERO, achieved / applicable * HUNDRED))
    return raw.quantize(CENT, ROUND_HALF_UP)


# A leaf's outcome: its points, or None when declared not applicable.
Outcomes = Mapping[str, Decimal | None]


def tally(node: Node, outcomes: Outcomes) -> Tally:
    """Sum over the leaves of `node`: a leaf without an outcome scores 0 of its maximum; a
    not-applicable leaf leaves both sums; bonus adds and penalty removes outside the maximum."""
    achieved = applicable = ZERO
    for leaf in node.leaves():
        points = outcomes.get(leaf.code, ZERO)
        if points is None:
            continue
        if leaf.method == "bonus":
            achieved += points
        elif leaf.method == "penalty":
            achieved -= points
        else:
            achieved += points
            applicable += leaf.maximum
    return Tally(achieved, applicable)


def unit_tally(areas: Iterable[Node], outcomes: Outcomes) -> Tally:
    parts = [tally(area, outcomes) for area in areas]
    return Tally(sum((p.achieved for p in parts), ZERO), sum((p.applicable for p in parts), ZERO))


@dataclass(frozen=True)
class Band:
    name: str
    lower: Decimal  # inclusive


def band_of(index: Decimal | None, bands: Iterable[Band]) -> str:
    """The first band (highest first) whose lower bound the index reaches."""
    if index is None:
        return ""
    for band in sorted(bands, key=lambda b: b.lower, reverse=True):
        if index >= band.lower:
            return band.name
    return ""


def ranks(indexes: Iterable[Decimal | None]) -> list[int | None]:
    """Competition ranking (1, 2, 2, 4): equal indexes share a rank; no index, no rank."""
    values = list(indexes)
    ordered = sorted((v for v in values if v is not None), reverse=True)
    first_at: dict[Decimal, int] = {}
    for position, value in enumerate(ordered, start=1):
        first_at.setdefault(value, position)
    return [None if v is None else first_at[v] for v in values]

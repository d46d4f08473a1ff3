"""Every scoring method at its boundaries, not-applicable leaves, bonus and penalty caps, ties,
rounding; and, for random trees, the unit index as the sum over areas."""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.par.scoring import (
    Answer,
    Band,
    Node,
    ScoringError,
    band_of,
    index_of,
    leaf_points,
    ranks,
    tally,
    unit_tally,
)

RATIO = {"full_at": "1", "prorate_from": "0.8"}
STEPS = {"steps": [{"from": "0.9", "points": "2"}, {"from": "0.7", "points": "1"}]}
CHOICE = {
    "options": [
        {"key": "dung_han", "label": "Đúng hạn", "points": 1},
        {"key": "tre_han", "label": "Trễ hạn", "points": "0.5"},
        {"key": "khong", "label": "Không ban hành", "points": 0},
    ]
}


def points(method: str, maximum: str, params: dict, **answer: object) -> D:  # type: ignore[type-arg]
    return leaf_points(method, D(maximum), params, Answer(**answer))  # type: ignore[arg-type]


def test_yes_no_gives_all_or_nothing() -> None:
    assert points("yes_no", "0.5", {}, value=D(1)) == D("0.50")
    assert points("yes_no", "0.5", {}, value=D(0)) == D("0")
    with pytest.raises(ScoringError, match="Có hoặc Không"):
        points("yes_no", "0.5", {}, value=D("0.5"))


def test_choice_gives_the_points_of_the_option() -> None:
    assert points("choice", "1", CHOICE, choice="dung_han") == D("1.00")
    assert points("choice", "1", CHOICE, choice="tre_han") == D("0.50")
    assert points("choice", "1", CHOICE, choice="khong") == D("0.00")
    with pytest.raises(ScoringError, match="Chưa chọn"):
        points("choice", "1", CHOICE, choice="khac")


@pytest.mark.parametrize(
    ("rate", "expected"),
    [("1", "2.00"), ("0.9999", "2.00"), ("0.8", "1.60"), ("0.7999", "0.00"), ("0", "0.00")],
)
def test_ratio_full_at_threshold_pro_rata_between_zero_below(rate: str, expected: str) -> None:
    assert points("ratio", "2", RATIO, value=D(rate)) == D(expected)


def test_ratio_with_full_points_below_one() -> None:
    params = {"full_at": "0.95", "prorate_from": "0.5"}
    assert points("ratio", "3", params, value=D("0.95")) == D("3.00")
    assert points("ratio", "3", params, value=D("0.9499")) == D("2.85")  # 2.8497 rounds up


def test_ratio_refuses_a_rate_outside_zero_one() -> None:
    with pytest.raises(ScoringError, match="0% đến 100%"):
        points("ratio", "2", RATIO, value=D("1.2"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0.9", "2"), ("0.8999", "1"), ("0.7", "1"), ("0.6999", "0"), ("1", "2")],
)
def test_steps_exactly_at_a_threshold_and_just_below(value: str, expected: str) -> None:
    assert points("steps", "2", STEPS, value=D(value)) == D(expected)


def test_deduction_never_below_zero() -> None:
    params = {"per_item": "0.5"}
    assert points("deduction", "2", params, value=D(0)) == D("2.00")
    assert points("deduction", "2", params, value=D(3)) == D("0.50")
    assert points("deduction", "2", params, value=D(4)) == D("0.00")
    assert points("deduction", "2", params, value=D(9)) == D("0.00")
    with pytest.raises(ScoringError, match="số nguyên"):
        points("deduction", "2", params, value=D("1.5"))


def test_survey_is_max_times_share() -> None:
    assert points("survey", "10", {}, value=D("0.8266")) == D("8.27")
    assert points("survey", "10", {}, value=D(1)) == D("10.00")


def test_bonus_and_penalty_are_capped() -> None:
    assert points("bonus", "2", {"per_item": "0.5"}, value=D(3)) == D("1.50")
    assert points("bonus", "2", {"per_item": "0.5"}, value=D(5)) == D("2.00")
    assert points("penalty", "1", {"per_item": "0.25"}, value=D(10)) == D("1.00")


def leaf(code: str, maximum: str, method: str = "yes_no") -> Node:
    return Node(code, code, D(maximum), method)


def test_not_applicable_leaves_leave_the_denominator() -> None:
    area = Node("1", "A", D(3), children=[leaf("1.1", "1"), leaf("1.2", "2")])
    assert tally(area, {"1.1": D(1), "1.2": None}) == tally(area, {"1.1": D(1), "1.2": None})
    t = tally(area, {"1.1": D(1), "1.2": None})
    assert (t.achieved, t.applicable, t.index) == (D(1), D(1), D("100.00"))
    t = tally(area, {"1.1": D(1)})  # not scored is 0 of its maximum, not N/A
    assert (t.achieved, t.applicable, t.index) == (D(1), D(3), D("33.33"))
    assert tally(area, {"1.1": None, "1.2": None}).index is None


def test_bonus_adds_and_penalty_removes_outside_the_maximum() -> None:
    area = Node(
        "8",
        "Thưởng",
        D(10),
        children=[leaf("8.1", "10"), leaf("8.2", "2", "bonus"), leaf("8.3", "1", "penalty")],
    )
    t = tally(area, {"8.1": D(9), "8.2": D("1.5"), "8.3": D("0.5")})
    assert (t.achieved, t.applicable) == (D(10), D(10))
    assert t.index == D("100.00")
    t = tally(area, {"8.1": D(10), "8.2": D(2)})
    assert t.index == D("100.00")  # a bonus cannot lift the index above 100


def test_index_rounds_half_up_to_two_decimals() -> None:
    assert index_of(D("98.465"), D(100)) == D("98.47")
    assert index_of(D(2), D(3)) == D("66.67")
    assert index_of(D(1), D(0)) is None


def test_bands_take_the_lower_bound_inclusive() -> None:
    bands = [
        Band("Xuất sắc", D(90)),
        Band("Tốt", D(80)),
        Band("Khá", D(70)),
        Band("Trung bình", D(55)),
        Band("Yếu", D(0)),
    ]
    assert band_of(D("90.00"), bands) == "Xuất sắc"
    assert band_of(D("89.99"), bands) == "Tốt"
    assert band_of(D("55"), bands) == "Trung bình"
    assert band_of(D("54.99"), bands) == "Yếu"
    assert band_of(None, bands) == ""


def test_ties_share_a_rank_and_the_next_rank_skips() -> None:
    assert ranks([D("90"), D("95.5"), D("90"), D("80"), None]) == [2, 1, 2, 4, None]


# -- random trees ----------------------------------------------------------------------------------

maxima = st.sampled_from([D("0.25"), D("0.5"), D("1"), D("2"), D("3")])


METHODS_DRAWN = ["yes_no", "ratio", "steps", "bonus", "penalty"]


@st.composite
def subtree(draw: st.DrawFn, code: str, depth: int, outcomes: dict[str, D | None]) -> Node:
    """A node with 1–5 children, each a leaf or (above depth 0) a criterion of its own."""
    children = []
    for i in range(1, draw(st.integers(1, 5)) + 1):
        child_code = f"{code}.{i}"
        if depth > 0 and draw(st.booleans()):
            children.append(draw(subtree(child_code, depth - 1, outcomes)))
            continue
        maximum, method = draw(maxima), draw(st.sampled_from(METHODS_DRAWN))
        children.append(Node(child_code, child_code, maximum, method))
        kind = draw(st.sampled_from(["points", "na", "missing"]))
        if kind == "points":
            outcomes[child_code] = (maximum * D(draw(st.integers(0, 100))) / 100).quantize(
                D("0.01")
            )
        elif kind == "na":
            outcomes[child_code] = None
    total = sum((c.maximum for c in children if c.method not in ("bonus", "penalty")), D(0))
    return Node(code, code, total, children=children)


@st.composite
def trees(draw: st.DrawFn) -> tuple[list[Node], dict[str, D | None]]:
    outcomes: dict[str, D | None] = {}
    areas = [draw(subtree(str(a), 2, outcomes)) for a in range(1, draw(st.integers(1, 8)) + 1)]
    return areas, outcomes


def leaves_of(node: Node) -> list[Node]:
    return [node] if not node.children else [x for c in node.children for x in leaves_of(c)]


@settings(max_examples=200, deadline=None)
@given(trees())
def test_unit_index_is_achieved_over_applicable_summed_over_areas(
    tree: tuple[list[Node], dict[str, D | None]],
) -> None:
    areas, outcomes = tree
    achieved = applicable = D(0)
    for area in areas:  # computed here from the leaves at any depth, not through tally()
        for x in leaves_of(area):
            got = outcomes.get(x.code, D(0))
            if got is None:
                continue
            sign = -1 if x.method == "penalty" else 1
            achieved += sign * got
            applicable += 0 if x.method in ("bonus", "penalty") else x.maximum
    index = unit_tally(areas, outcomes).index
    if applicable == 0:
        assert index is None
        return
    raw = min(D(100), max(D(0), achieved / applicable * 100))
    assert index == raw.quantize(D("0.01"), rounding="ROUND_HALF_UP")
    assert abs(index - raw) <= D("0.005")

"""The one-stop measures an auto PAR criterion reads agree with the 766 index of the same
period (the hand-counted March dataset), link their evidence, and say when nothing applies."""

import datetime as dt
from decimal import Decimal

from motcua.lib.measures import Measure
from motcua.reports import measures
from motcua.reports.index766 import index766
from motcua.reports.periods import Period
from motcua.reports.tests.dataset import Dataset

FIRST, LAST = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
AS_766 = {
    "2.1": measures.on_time_rate,
    "3.3": measures.online_rate,
    "3.1": measures.procedures_online_rate,
    "6.1": measures.electronic_result_rate,
    "5.3": measures.satisfaction_rate,
}


def test_rates_are_the_766_components(dataset: Dataset) -> None:
    commune = dataset.world.commune
    [result] = index766(Period(FIRST, LAST), [commune])
    components = {c.spec.code: c for c in result.components}
    for code, measure in AS_766.items():
        got, component = measure(commune, FIRST, LAST), components[code]
        assert component.denominator, code  # the dataset has figures for each of these
        assert (got.numerator, got.denominator) == (component.numerator, component.denominator)
        assert got.value == Decimal(component.numerator or 0) / Decimal(component.denominator)
        assert f"chỉ tiêu {code}" in got.definition or code == "5.3"
    on_time = measures.on_time_rate(commune, FIRST, LAST)
    assert on_time.evidence_url == (
        f"/bao-cao/don-vi/{commune.pk}/ho-so/judged_on_time/?tu=2026-03-01&den=2026-03-31"
    )
    total = measures.index766_total(commune, FIRST, LAST)
    assert (
        total.value == result.total and f"{result.total} / {result.attainable}" in total.definition
    )


def test_nothing_to_measure_is_not_applicable_with_the_reason(dataset: Dataset) -> None:
    commune = dataset.world.commune
    pakn = measures.pakn_on_time_rate(commune, FIRST, LAST)
    assert pakn.value is None and "không có phản ánh, kiến nghị" in pakn.definition
    sipas = measures.sipas_index(commune, FIRST, LAST)
    assert sipas == Measure(None, definition="Đơn vị chưa có đợt khảo sát hài lòng trong năm")


def test_many_units_at_once_give_the_same_figures(dataset: Dataset) -> None:
    w = dataset.world
    together = measures.on_time_rate.many([w.commune, w.other_commune], FIRST, LAST)  # type: ignore[attr-defined]
    assert together[w.commune.pk] == measures.on_time_rate(w.commune, FIRST, LAST)
    assert together[w.other_commune.pk] == measures.on_time_rate(w.other_commune, FIRST, LAST)


def test_procedures_published_with_all_parts(dataset: Dataset) -> None:
    found = measures.procedures_published_complete_rate(dataset.world.commune, FIRST, LAST)
    assert found.denominator == 1 and found.numerator in (0, 1)
    assert "1.3" in found.definition

"""The one-stop measures an auto PAR criterion reads agree with the 766 index of the same
period (the hand-counted March dataset), link their evidence, and say when nothing applies."""

import datetime as dt
from decimal import Decimal

from motcua.lib.measures import Measure
from motcua.reports import measures
from motcua.reports.tests.dataset import Dataset

FIRST, LAST = dt.date(2026, 3, 1), dt.date(2026, 3, 31)


def test_rates_are_the_766_components(dataset: Dataset) -> None:
    commune = dataset.world.commune
    on_time = measures.on_time_rate(commune, FIRST, LAST)
    assert (on_time.numerator, on_time.denominator, on_time.value) == (8, 10, Decimal("0.8"))
    assert "Bộ chỉ số 766, chỉ tiêu 2.1" in on_time.definition
    assert on_time.evidence_url == (
        f"/bao-cao/don-vi/{commune.pk}/ho-so/judged_on_time/?tu=2026-03-01&den=2026-03-31"
    )
    online = measures.online_rate(commune, FIRST, LAST)
    assert (online.numerator, online.denominator) == (1, 11)
    satisfaction = measures.satisfaction_rate(commune, FIRST, LAST)
    assert (satisfaction.numerator, satisfaction.value) == (7, Decimal("0.7"))
    electronic = measures.electronic_result_rate(commune, FIRST, LAST)
    assert (electronic.numerator, electronic.denominator) == (1, 6)
    assert measures.procedures_online_rate(commune, FIRST, LAST).value == 1
    total = measures.index766_total(commune, FIRST, LAST)
    assert total.value == Decimal("30.40") and "30.40 / 48" in total.definition


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

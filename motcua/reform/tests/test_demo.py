"""The reform demo data: a plan of ~30 tasks, a register of 20, two inspections, a meeting."""

from motcua.reform import measures
from motcua.reform.demo import seed_reform_demo
from motcua.reform.models import Finding, Inspection, Meeting, Person, PlanTask, ReformPlan
from motcua.reform.tests.conftest import Reform


def test_demo_seeds_every_part_once(rw: Reform) -> None:
    summary = seed_reform_demo(rw.province, rw.commune)
    assert "30 nhiệm vụ" in summary
    assert PlanTask.objects.count() == 30 and Person.objects.count() == 20
    assert {i.surprise for i in Inspection.objects.all()} == {True, False}
    assert Finding.objects.count() == 3 and Meeting.objects.count() == 1
    statuses = set(PlanTask.objects.values_list("status", flat=True))
    assert len(statuses) >= 2  # a plan at work, not a blank one
    seed_reform_demo(rw.province, rw.commune)
    assert ReformPlan.objects.count() == 1 and Person.objects.count() == 20
    import datetime as dt

    year = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    table = measures.staff_trained_in_year_rate(rw.commune, *year)
    assert table.denominator == 20
    assert measures.dialogues_held(rw.commune, *year).value == 1

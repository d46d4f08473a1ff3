"""axe-core on the reform pages an officer and a citizen use most: no serious or critical
violation on the plan, a task, an inspection, the qualification table, the report and the
public list of meetings."""

import pytest

from motcua.conftest import axe_violations
from motcua.reform.demo import seed_reform_demo
from motcua.reform.models import Inspection, PlanTask
from motcua.reform.tests.browser_login import sign_in
from motcua.reform.tests.conftest import make_reform

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_reform_pages_are_accessible(page, clock) -> None:  # type: ignore[no-untyped-def]
    w = make_reform()
    seed_reform_demo(w.province, w.commune)
    task = PlanTask.objects.order_by("pk").first()
    inspection = Inspection.objects.order_by("pk").first()
    assert task is not None and inspection is not None
    found: dict[str, list[str]] = {}
    sign_in(page, "chutich")
    for name, url in (
        ("home", "/cai-cach/"),
        ("plan", f"/cai-cach/ke-hoach/{task.plan_id}/"),
        ("task", f"/cai-cach/nhiem-vu/{task.pk}/"),
        ("task action", f"/cai-cach/nhiem-vu/{task.pk}/huy/"),
        ("inspection", f"/cai-cach/kiem-tra/{inspection.pk}/"),
        ("report", f"/cai-cach/don-vi/{w.commune.pk}/bao-cao/"),
    ):
        page.goto(url)
        found[name] = axe_violations(page)
    sign_in(page, "noivuxa")
    page.goto(f"/cai-cach/don-vi/{w.commune.pk}/trinh-do/")
    found["qualifications"] = axe_violations(page)
    page.goto("/doi-thoai-nhan-dan/")
    found["public meetings"] = axe_violations(page)
    assert {k: v for k, v in found.items() if v} == {}

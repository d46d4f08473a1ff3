"""A province supervisor opens the dashboard, sees the ranking, follows a figure down to its
dossiers and downloads the period report."""

import pytest

from motcua.accounts.models import Role
from motcua.accounts.tests.factories import make_staff
from motcua.dossiers.tests.conftest import make_world
from motcua.reports.tests.dataset import build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_supervisor_goes_from_the_ranking_to_the_dossiers_and_the_excel(page, clock) -> None:  # type: ignore[no-untyped-def]
    world = make_world()
    data = build(world, clock)
    make_staff("giamsat", world.province, Role.SUPERVISOR)
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("giamsat")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu-nghiem-9")
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"/bao-cao/don-vi/{world.province.pk}/?tu=2026-03-01&den=2026-03-31")
    assert page.get_by_role("heading", name="Xếp hạng Bộ chỉ số 766").is_visible()
    assert page.locator("svg.chart").count() == 1
    page.get_by_role("link", name=world.commune.name).click()
    page.get_by_role("link", name="1", exact=True).first.wait_for()
    page.locator("li", has_text="Đang giải quyết quá hạn").get_by_role("link").click()
    assert data.d["D5"].code in page.content()
    page.go_back()
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải báo cáo (Excel)").click()
    assert info.value.suggested_filename.endswith(".xlsx")

import pytest

from motcua.accounts.models import Role, UnitKind, User
from motcua.accounts.tests.factories import make_staff, make_unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_logs_in_and_sees_their_units_and_roles(page) -> None:  # type: ignore[no-untyped-def]
    province = make_unit("86", UnitKind.PROVINCE, name="Vĩnh Long")
    commune = make_unit("29077", parent=province, name="Xã Lộc Thuận")
    make_staff("tiepnhan", commune, Role.RECEIVER)

    page.goto("/can-bo/")
    assert page.get_by_role("heading", level=1).inner_text() == "Đăng nhập hệ thống Một Cửa"
    page.get_by_label("Tên đăng nhập").fill("tiepnhan")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    assert page.get_by_role("alert").is_visible()

    page.get_by_label("Mật khẩu").fill("mat-khau-thu-nghiem-9")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/can-bo/")
    rows = page.locator("table tbody tr")
    assert rows.count() == 1
    assert "Xã Lộc Thuận" in rows.inner_text() and "Cán bộ tiếp nhận" in rows.inner_text()


def test_an_administrator_edits_a_unit_in_the_admin(page) -> None:  # type: ignore[no-untyped-def]
    User.objects.create_superuser("quantri", password="mat-khau-quan-tri-9")
    province = make_unit("86", UnitKind.PROVINCE, name="Vĩnh Long")
    page.goto("/quan-tri/")
    page.fill("#id_username", "quantri")
    page.fill("#id_password", "mat-khau-quan-tri-9")
    page.locator("input[type=submit]").click()
    page.goto(f"/quan-tri/accounts/orgunit/{province.pk}/change/")
    page.fill("#id_electronic_id", "000.00.00.H62")
    page.locator("input[name=_save]").click()
    page.wait_for_url("**/quan-tri/accounts/orgunit/")
    province.refresh_from_db()
    assert province.electronic_id == "000.00.00.H62"

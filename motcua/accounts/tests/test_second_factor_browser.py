"""In Chromium: an administrator, required to use a second factor, sets up the app from the QR
code page and reaches the staff pages; five wrong passwords lock the login with a clear message."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.models import Role, UnitKind
from motcua.accounts.tests.factories import make_staff, make_unit
from motcua.accounts.tests.test_second_factor import code_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_administrator_sets_up_the_second_factor(page, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_REQUIRE_2FA = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    make_staff("quantri", make_unit("00001", UnitKind.COMMUNE, name="Xã Lộc Thuận"), Role.ADMIN)
    page.goto("/can-bo/")
    page.get_by_label("Tên đăng nhập").fill("quantri")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu-nghiem-9")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/dang-nhap/xac-thuc-hai-buoc/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Cài đặt xác thực hai bước"
    assert page.locator("svg.qr").is_visible()
    page.get_by_label("Mã xác thực (6 chữ số trên ứng dụng)").fill("000000")
    page.get_by_role("button", name="Xác nhận và bật xác thực hai bước").click()
    assert "không đúng" in page.get_by_role("alert").inner_text()
    page.get_by_label("Mã xác thực (6 chữ số trên ứng dụng)").fill(
        code_of(TOTPDevice.objects.get())
    )
    page.get_by_role("button", name="Xác nhận và bật xác thực hai bước").click()
    page.wait_for_url("**/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Xin chào")


def test_repeated_wrong_passwords_lock_the_login_with_a_message(page, settings) -> None:  # type: ignore[no-untyped-def]
    make_staff("tiepnhan", make_unit("00001", UnitKind.COMMUNE), Role.RECEIVER)
    page.goto("/dang-nhap/")
    for _ in range(5):
        page.get_by_label("Tên đăng nhập").fill("tiepnhan")
        page.get_by_label("Mật khẩu").fill("sai-mat-khau")
        page.get_by_role("button", name="Đăng nhập").click()
    alert = page.get_by_role("alert").inner_text()
    assert "Đăng nhập sai nhiều lần nên tạm khóa đến" in alert and "quản trị" in alert

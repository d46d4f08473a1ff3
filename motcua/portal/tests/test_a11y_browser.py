"""A citizen on a phone finds a procedure and follows a dossier; axe-core checks each page."""

import pytest

from motcua.conftest import axe_violations
from motcua.dossiers.tests.conftest import make_world
from motcua.dossiers.tests.factories import received

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_finds_a_procedure_and_follows_a_dossier_on_a_phone(page) -> None:  # type: ignore[no-untyped-def]
    world = make_world()
    dossier = received(world)

    page.goto("/")
    assert axe_violations(page) == []
    page.get_by_label("Tìm thủ tục", exact=True).fill("thu tuc mau")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.get_by_role("link", name="Thủ tục mẫu").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Thủ tục mẫu"
    assert page.get_by_role("heading", name="Thành phần hồ sơ").is_visible()
    assert axe_violations(page) == []

    page.goto("/tra-cuu/")
    assert axe_violations(page) == []
    page.get_by_label("Mã hồ sơ", exact=True).fill(dossier.code)
    page.get_by_label("4 số cuối số định danh cá nhân hoặc số điện thoại").fill("4567")
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_url(f"**/tra-cuu/{dossier.code}/")  # the answer takes the page's address
    assert page.locator(".status-now").inner_text() == "Được tiếp nhận"
    assert "N*** V*** A" in page.content()
    assert axe_violations(page) == []
    page.reload()  # opens the status page (a GET), not the form sent again
    assert page.locator(".status-now").inner_text() == "Được tiếp nhận"
    assert "data-address" not in page.content()


def test_the_wrong_digits_message_is_announced_and_accessible(page) -> None:  # type: ignore[no-untyped-def]
    world = make_world()
    dossier = received(world)
    page.goto("/tra-cuu/")
    page.get_by_label("Mã hồ sơ", exact=True).fill(dossier.code)
    page.get_by_label("4 số cuối số định danh cá nhân hoặc số điện thoại").fill("0000")
    page.get_by_role("button", name="Tra cứu").click()
    assert "Không tìm thấy hồ sơ" in page.get_by_role("alert").inner_text()
    assert axe_violations(page) == []

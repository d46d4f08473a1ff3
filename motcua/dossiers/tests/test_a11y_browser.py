"""axe-core on the staff pages used all day: the counter intake (search and form), the inbox and
the dossier page. No serious or critical violation."""

import pytest

from motcua.conftest import axe_violations
from motcua.dossiers.tests.conftest import make_world
from motcua.dossiers.tests.factories import received

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_counter_inbox_and_dossier_pages_are_accessible(page) -> None:  # type: ignore[no-untyped-def]
    world = make_world()
    dossier = received(world)
    found: dict[str, list[str]] = {}

    page.goto("/dang-nhap/?next=/ho-so/tiep-nhan/")
    found["login"] = axe_violations(page)
    page.get_by_label("Tên đăng nhập").fill(world.receiver.username)
    page.get_by_label("Mật khẩu").fill("mat-khau-thu-nghiem-9")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/ho-so/tiep-nhan/")
    found["intake"] = axe_violations(page)
    page.get_by_label("Tìm thủ tục").fill("thu tuc mau")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "q=thu" in url)
    found["intake: search"] = axe_violations(page)
    page.get_by_role("link", name="Thủ tục mẫu").first.click()
    page.wait_for_url("**/thu-tuc/**")
    found["intake: form"] = axe_violations(page)
    page.get_by_role("button", name="Tiếp nhận").first.click()  # nothing filled: errors shown
    page.wait_for_load_state()
    found["intake: form with errors"] = axe_violations(page)

    page.goto("/ho-so/hop-viec/")
    found["inbox"] = axe_violations(page)
    boxes = page.locator("a[href*='ngan=']").evaluate_all("links => links.map(a => a.href)")
    assert boxes
    listed = False
    for url in boxes:  # every box of the receiver, so that the list itself is checked too
        page.goto(url)
        found[f"inbox {url.split('?')[1]}"] = axe_violations(page)
        listed = listed or page.get_by_role("link", name=dossier.code).count() > 0
    assert listed
    page.goto(f"/ho-so/{dossier.pk}/")
    found["dossier"] = axe_violations(page)

    assert {name: v for name, v in found.items() if v} == {}

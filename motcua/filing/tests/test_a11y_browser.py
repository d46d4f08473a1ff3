"""axe-core on every online filing page a citizen sees: start, one-time code, draft, review,
confirmation and the follow page. No serious or critical violation is allowed."""

from pathlib import Path

import pytest

from motcua.conftest import axe_violations
from motcua.dossiers.tests.conftest import make_world
from motcua.filing.tests.conftest import CITIZEN_PHONE, PDF, Online, last_code, make_online
from motcua.filing.tests.test_e2e_citizen_browser import fill_draft

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_online_filing_pages_are_accessible(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    online: Online = make_online(make_world())
    scan = tmp_path / "to-khai.pdf"
    scan.write_bytes(PDF)
    found: dict[str, list[str]] = {}

    page.goto(f"/nop-truc-tuyen/{online.procedure_pk}/")
    found["start"] = axe_violations(page)
    page.get_by_role("textbox", name="Số điện thoại hoặc thư điện tử").fill(CITIZEN_PHONE)
    page.get_by_role("button", name="Gửi mã xác thực").click()
    page.get_by_label("Mã xác thực (6 chữ số)").wait_for()
    found["verify"] = axe_violations(page)
    page.get_by_label("Mã xác thực (6 chữ số)").fill("000000")
    page.get_by_role("button", name="Xác thực").click()
    page.locator(".error, [role=alert]").first.wait_for()
    found["verify, wrong code"] = axe_violations(page)
    page.get_by_label("Mã xác thực (6 chữ số)").fill(last_code(CITIZEN_PHONE))
    page.get_by_role("button", name="Xác thực").click()
    page.wait_for_url("**/ho-so-nhap/")
    found["draft"] = axe_violations(page)

    page.get_by_role("button", name="Lưu và xem lại").click()  # nothing filled: errors shown
    page.locator(".error, [role=alert]").first.wait_for()
    found["draft with errors"] = axe_violations(page)
    fill_draft(page, online)
    page.locator(f"#tep-{online.form_doc.pk}").set_input_files(str(scan))
    page.get_by_role("button", name="Lưu và xem lại").click()
    page.wait_for_url("**/xem-lai/")
    found["review"] = axe_violations(page)
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.get_by_test_id("ma-ho-so").wait_for()
    found["confirmation"] = axe_violations(page)
    page.get_by_role("link", name="Theo dõi hồ sơ").click()
    page.get_by_test_id("trang-thai").wait_for()
    found["follow"] = axe_violations(page)

    assert {name: v for name, v in found.items() if v} == {}

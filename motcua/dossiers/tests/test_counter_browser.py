"""In a real browser: a receiving officer records a simple dossier at the counter by keyboard."""

from typing import Any

import pytest
from playwright.sync_api import expect

from motcua.catalog.models import ProcedureDocument, ProcedureOffering
from motcua.catalog.tests.factories import make_procedure
from motcua.dossiers import printing
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Keyboard:
    """Presses keys on the page and counts them, as the officer would."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.count = 0

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.count += len(text)

    def press(self, key: str, times: int = 1) -> None:
        for _ in range(times):
            self.page.keyboard.press(key)
        self.count += times


def test_an_officer_records_a_birth_registration_by_keyboard_and_gets_mau_01(page) -> None:  # type: ignore[no-untyped-def]
    world = make_world()
    version = make_procedure(code="1.001193", name="Đăng ký khai sinh")
    ProcedureDocument.objects.create(
        version=version, order=2, name="Giấy chứng sinh", originals=1, copies=0
    )
    ProcedureOffering.objects.create(procedure=version.procedure, unit=world.commune)

    page.goto("/dang-nhap/?next=/ho-so/tiep-nhan/")
    keys = Keyboard(page)
    expect(page.get_by_label("Tên đăng nhập")).to_be_focused()
    keys.type("tiepnhan")
    keys.press("Tab")
    keys.type("mat-khau-thu-nghiem-9")
    keys.press("Enter")
    page.wait_for_url("**/ho-so/tiep-nhan/")
    login_keys, keys.count = keys.count, 0

    # The search box has the focus; the first result has it after the search.
    expect(page.get_by_label("Tìm thủ tục")).to_be_focused()
    keys.type("khai sinh")
    keys.press("Enter")
    page.wait_for_url(lambda url: "q=khai" in url)
    expect(page.get_by_role("link", name="Đăng ký khai sinh")).to_be_focused()
    keys.press("Enter")
    page.wait_for_url("**/thu-tuc/**")
    expect(page.get_by_role("checkbox", name="Tờ khai")).to_be_focused()

    # The first document of the checklist has the focus; each row is tick, originals, copies.
    keys.press("Space")
    keys.press("Tab", 3)
    keys.press("Space")
    keys.press("Tab", 3)
    expect(page.get_by_label("Họ và tên người nộp")).to_be_focused()
    keys.type("Nguyễn Văn An")
    keys.press("Tab")
    keys.type("001203004567")
    keys.press("Tab")
    keys.type("0912345678")
    keys.press("Enter")
    page.wait_for_url("**/mau-01/")

    dossier = Dossier.objects.get()
    assert dossier.applicant_name == "Nguyễn Văn An"
    assert page.get_by_role("heading", level=1).inner_text() == (
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
    )
    body = page.locator("body").inner_text()
    assert dossier.code in body
    assert printing.moment_text(dossier.due_at) in body
    assert "Giấy chứng sinh — 1 bản chính" in body
    assert page.locator(".qr-box svg").is_visible()
    assert page.get_by_role("link", name="Tải PDF").is_visible()
    assert page.get_by_role("button", name="In (Ctrl+P)").is_visible()
    # Printed on paper, the toolbar disappears and the legal form stays.
    page.emulate_media(media="print")
    assert not page.locator("nav.print-toolbar").is_visible()
    assert page.locator(".qr-box svg").is_visible()
    # 9 + 1 search, 1 pick, 5 checklist, 3 to the name, then what the ID card says.
    assert keys.count == 10 + 1 + 5 + 3 + 13 + 1 + 12 + 1 + 10 + 1, login_keys

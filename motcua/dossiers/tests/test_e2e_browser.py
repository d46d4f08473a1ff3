"""In a real browser: one dossier from the counter to the returned result, with a supplement
in between, driven through the pages by each officer in turn."""

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from motcua.catalog.models import ProcedureDocument, ProcedureOffering
from motcua.catalog.tests.factories import make_procedure
from motcua.dossiers.models import Dossier, DossierStatus
from motcua.dossiers.tests.conftest import make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-thu-nghiem-9"
CONFIRM = re.compile(r"^Xác nhận")


def log_in(page: Any, username: str) -> None:
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/can-bo/")


def log_out(page: Any) -> None:
    page.get_by_role("button", name=re.compile("^Đăng xuất")).click()
    page.wait_for_load_state()


def open_from_inbox(page: Any, box_label: str, code: str) -> None:
    """From the home page's inbox counts to the box, then to the dossier."""
    page.goto("/can-bo/")
    page.get_by_role("link", name=box_label).click()
    page.wait_for_url("**/hop-viec/?ngan=*")
    page.get_by_role("link", name=code).click()
    page.wait_for_url(re.compile(r"/ho-so/\d+/$"))


def act(page: Any, link: str, fill: dict[str, str] | None = None) -> None:
    page.get_by_role("link", name=link, exact=True).click()
    page.wait_for_url(re.compile(r"/ho-so/\d+/[a-z-]+/$"))
    for label, value in (fill or {}).items():
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name=CONFIRM).click()
    page.wait_for_url(re.compile(r"/ho-so/\d+/$"))


def status(page: Any) -> str:
    return str(page.locator(".status-line").inner_text())


def actions(page: Any) -> str:
    return str(page.locator("section[aria-labelledby=h-thao-tac]").inner_text())


def receive_at_the_counter(page: Any) -> Dossier:
    """The counter's own keyboard path (see test_counter_browser.py)."""
    page.goto("/ho-so/tiep-nhan/")
    # Autofocus lands at the browser's next rendering opportunity: wait for it before typing.
    expect(page.get_by_label("Tìm thủ tục")).to_be_focused()
    page.keyboard.type("khai sinh")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "q=khai" in url)
    expect(page.get_by_role("link", name="Đăng ký khai sinh")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/thu-tuc/**")
    expect(page.get_by_role("checkbox", name="Tờ khai")).to_be_focused()
    for _ in range(2):
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
    page.keyboard.type("Nguyễn Văn An")
    page.keyboard.press("Tab")
    page.keyboard.type("001203004567")
    page.keyboard.press("Tab")
    page.keyboard.type("0912345678")
    page.keyboard.press("Enter")
    page.wait_for_url("**/mau-01/")
    return Dossier.objects.get()


def test_one_dossier_from_receipt_to_return_with_a_supplement_in_between(page) -> None:  # type: ignore[no-untyped-def]
    world = make_world()
    version = make_procedure(code="1.001193", name="Đăng ký khai sinh", hours=("8", "16"))
    ProcedureDocument.objects.create(
        version=version, order=2, name="Giấy chứng sinh", originals=1, copies=0
    )
    ProcedureOffering.objects.create(procedure=version.procedure, unit=world.commune)

    # The receiving officer records it at the counter, then finds it waiting in their box.
    log_in(page, "tiepnhan")
    dossier = receive_at_the_counter(page)
    open_from_inbox(page, "Chờ tiếp nhận", dossier.code)
    assert "2. Được tiếp nhận" in status(page)
    assert "Nguyễn Văn An" in page.locator("section[aria-labelledby=h-nguoi-nop]").inner_text()
    assert "Ký duyệt" not in actions(page) and "Phân công" not in actions(page)

    # One notice listing every missing item; the clock pauses.
    act(page, "Yêu cầu bổ sung (Mẫu 02)", {
        "Giấy tờ cần bổ sung, hoàn thiện (mỗi giấy tờ một dòng)":
            "Bản sao giấy chứng nhận kết hôn\nGiấy chứng sinh (bản chính)",
        "Lý do": "Thiếu giấy tờ theo quy định",
    })  # fmt: skip
    assert "5. Yêu cầu bổ sung giấy tờ" in status(page)
    assert "Tạm dừng từ" in status(page)
    timeline = page.locator("section[aria-labelledby=h-dien-bien]").inner_text()
    assert "Cần bổ sung: Bản sao giấy chứng nhận kết hôn" in timeline
    assert "Cần bổ sung: Giấy chứng sinh (bản chính)" in timeline
    assert page.get_by_role("link", name=re.compile("^Mẫu 02")).is_visible()

    act(page, "Đã nhận bổ sung", {"Ghi chú": "Công dân nộp đủ"})
    assert "2. Được tiếp nhận" in status(page)

    # Forwarding asks for confirmation first.
    page.get_by_role("link", name="Chuyển xử lý", exact=True).click()
    assert "sẽ được chuyển đến" in page.locator("main").inner_text()
    page.get_by_role("button", name=CONFIRM).click()
    page.wait_for_url(re.compile(r"/ho-so/\d+/$"))
    assert "4. Đang xử lý" in status(page)
    assert "Đã chuyển hồ sơ đến đơn vị xử lý" in page.get_by_role("main").inner_text()
    log_out(page)

    # The head assigns a handler.
    log_in(page, "truongphong")
    open_from_inbox(page, "Chờ phân công", dossier.code)
    page.get_by_role("link", name="Phân công xử lý", exact=True).click()
    page.get_by_label("Cán bộ").select_option(label="Cán bộ xuly")
    page.get_by_role("button", name=CONFIRM).click()
    page.wait_for_url(re.compile(r"/ho-so/\d+/$"))
    assert "Cán bộ xuly" in page.locator("section[aria-labelledby=h-xu-ly]").inner_text()
    log_out(page)

    # The handler appraises and hands over to the last step; signing is not theirs.
    log_in(page, "xuly")
    open_from_inbox(page, "Chờ tôi xử lý", dossier.code)
    assert "Ký duyệt" not in actions(page)
    act(page, "Chuyển bước tiếp theo", {"Ghi chú": "Đủ điều kiện"})
    assert "2. Bước 2" in page.locator("section[aria-labelledby=h-xu-ly]").inner_text()
    log_out(page)

    # The signer signs.
    log_in(page, "lanhdao")
    open_from_inbox(page, "Chờ ký duyệt", dossier.code)
    act(page, "Ký duyệt")
    assert "Đã ký duyệt, chờ phát hành" in status(page)
    log_out(page)

    # The văn thư numbers and issues the result.
    log_in(page, "vanthu")
    open_from_inbox(page, "Chờ phát hành", dossier.code)
    act(page, "Vào số, phát hành kết quả", {"Số, ký hiệu văn bản kết quả": "15/TP-KS"})
    assert "9. Đã xử lý xong" in status(page)
    log_out(page)

    # Back at the desk: the result goes to the applicant.
    log_in(page, "tiepnhan")
    open_from_inbox(page, "Chờ trả kết quả", dossier.code)
    act(page, "Trả kết quả")
    assert "10. Đã trả kết quả" in status(page)
    assert (
        actions(page)
        .strip()
        .endswith("Bạn không có thao tác nào trên hồ sơ này ở trạng thái hiện tại.")
    )

    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED
    assert dossier.supplement_count == 1 and dossier.returned_to == "Nguyễn Văn An"
    assert [e.action for e in dossier.events.order_by("seq")] == [
        "receive", "request_supplement", "supplement_received", "forward", "assign",
        "hand_over", "approve", "issue_result", "return_result",
    ]  # fmt: skip

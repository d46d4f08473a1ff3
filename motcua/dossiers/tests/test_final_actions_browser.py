"""In a real browser: a refusal at the counter gives Mẫu 03 and no dossier, and the actions
that end a dossier look different from the main action and ask for a confirmation."""

import pytest
from playwright.sync_api import expect

from motcua.dossiers import workflow
from motcua.dossiers.models import CounterRefusal, Dossier
from motcua.dossiers.tests.conftest import make_world
from motcua.dossiers.tests.factories import received

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, username: str, next_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"/dang-nhap/?next={next_url}")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("mat-khau-thu-nghiem-9")
    page.get_by_label("Mật khẩu").press("Enter")
    page.wait_for_url(f"**{next_url}")


def test_an_officer_refuses_at_the_counter_and_prints_mau_03(page) -> None:  # type: ignore[no-untyped-def]
    world = make_world()
    sign_in(page, "tiepnhan", "/ho-so/tiep-nhan/")
    page.get_by_role("link", name="Thủ tục mẫu").click()
    page.wait_for_url("**/thu-tuc/**")
    page.get_by_label("Họ và tên người nộp").fill("Lê Thị Cúc")
    page.locator("#id_personal_id").fill("001203009999")
    page.get_by_text("Từ chối tiếp nhận (Mẫu 03)").first.click()
    refuse = page.get_by_role("button", name="Từ chối tiếp nhận và in Mẫu 03")
    main = page.get_by_role("button", name="Tiếp nhận và in giấy hẹn (Mẫu 01)")
    style = "e => getComputedStyle(e).backgroundColor + getComputedStyle(e).color"
    assert refuse.evaluate(style) != main.evaluate(style)

    page.get_by_label("Lý do từ chối (mỗi lý do một dòng)").fill("Thuộc thẩm quyền của tỉnh")
    refuse.click()  # not confirmed yet: refused, nothing recorded
    expect(page.get_by_role("alert").filter(has_text="Đánh dấu xác nhận")).to_be_visible()
    assert CounterRefusal.objects.count() == 0

    page.get_by_label("Tôi xác nhận từ chối tiếp nhận hồ sơ này.").check()
    page.get_by_role("button", name="Từ chối tiếp nhận và in Mẫu 03").click()
    page.wait_for_url("**/tu-choi/*/mau-03/")

    assert page.get_by_role("heading", level=1).inner_text() == (
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
    )
    body = page.locator("body").inner_text()
    assert "Lê Thị Cúc" in body and "1. Thuộc thẩm quyền của tỉnh" in body
    assert Dossier.objects.count() == 0 and CounterRefusal.objects.count() == 1
    page.get_by_role("link", name="Sổ theo dõi (Mẫu 07)").click()
    expect(page.get_by_role("link", name="Không cấp mã (Mẫu 03)")).to_be_visible()
    assert world.commune.name in page.locator("body").inner_text()


def test_stopping_looks_different_and_needs_a_confirmation(page) -> None:  # type: ignore[no-untyped-def]
    world = make_world()
    dossier = workflow.forward(dossier=received(world), actor=world.receiver)
    dossier = workflow.assign(dossier=dossier, actor=world.head, assignee=world.handler)
    sign_in(page, "truongphong", f"/ho-so/{dossier.pk}/")

    stop = page.get_by_role("link", name="Dừng xử lý")
    main = page.get_by_role("link", name="Chuyển bước tiếp theo")
    style = "e => getComputedStyle(e).backgroundColor + getComputedStyle(e).color"
    assert stop.evaluate(style) != main.evaluate(style)

    stop.click()
    page.get_by_label("Lý do (mỗi lý do một dòng)").fill("Không đủ điều kiện")
    page.get_by_role("button", name="Xác nhận: dừng xử lý").click()
    expect(page.get_by_role("alert").filter(has_text="Đánh dấu xác nhận")).to_be_visible()
    dossier.refresh_from_db()
    assert dossier.status == "in_process"

    page.get_by_label("Tôi xác nhận: thao tác này kết thúc").check()
    page.get_by_role("button", name="Xác nhận: dừng xử lý").click()
    page.wait_for_url(f"**/ho-so/{dossier.pk}/")
    dossier.refresh_from_db()
    assert dossier.status == "stopped"
    page.get_by_role("link", name="Mẫu 05 — Thông báo dừng giải quyết hồ sơ").click()
    expect(page.get_by_text("1. Không đủ điều kiện")).to_be_visible()

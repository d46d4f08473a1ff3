"""A citizen files online on a phone, supplements, and follows the dossier to its result."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from motcua.accounts.models import User
from motcua.conftest import axe_violations
from motcua.dossiers import workflow
from motcua.dossiers.models import Dossier, DossierStatus, ReturnMethod
from motcua.dossiers.tests.conftest import make_world
from motcua.filing.tests.conftest import CITIZEN_ID, CITIZEN_PHONE, PDF, Online, last_code
from motcua.filing.tests.conftest import make_online as setup_online
from motcua.surveys.models import Level, Rating, RatingChannel

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def online() -> Online:
    return setup_online(make_world())


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    path = tmp_path / "to-khai.pdf"
    path.write_bytes(PDF)
    return path


def prove_phone(page, procedure_pk: int) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"/nop-truc-tuyen/{procedure_pk}/")
    page.get_by_role("textbox", name="Số điện thoại hoặc thư điện tử").fill(CITIZEN_PHONE)
    page.get_by_role("button", name="Gửi mã xác thực").click()
    page.get_by_label("Mã xác thực (6 chữ số)").fill(last_code(CITIZEN_PHONE))
    page.get_by_role("button", name="Xác thực").click()
    page.wait_for_url("**/ho-so-nhap/")


def fill_draft(page, online: Online) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("Họ và tên người nộp").fill("Nguyễn Văn An")
    page.get_by_label("Số định danh cá nhân").fill(CITIZEN_ID)
    page.get_by_label("Địa chỉ").fill("Ấp 3, xã Lộc Thuận")
    page.get_by_label("Nơi tiếp nhận hồ sơ").select_option(label=online.world.commune.name)
    page.get_by_label("Ngày sinh của trẻ").fill("2026-02-20")
    page.get_by_label("Giới tính của trẻ").select_option("Nữ")


@pytest.fixture
def log_in(browser, live_server):  # type: ignore[no-untyped-def]
    """Opens an officer's browser (a context of its own) logged in as a user; closed after the
    test, so its kept-alive connections to the live server end with the test."""
    opened = []

    def open_as(user: User):  # type: ignore[no-untyped-def]
        # A Vietnamese browser, as the officers' are: the pages follow Accept-Language.
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, locale="vi-VN", base_url=live_server.url
        )
        opened.append(context)
        officer = context.new_page()
        officer.set_default_timeout(10_000)
        officer.goto("/dang-nhap/")
        officer.get_by_label("Tên đăng nhập").fill(user.username)
        officer.get_by_label("Mật khẩu").fill("mat-khau-thu-nghiem-9")
        officer.get_by_role("button", name="Đăng nhập").click()
        officer.wait_for_load_state()
        return officer

    yield open_as
    for context in opened:
        context.close()


def test_a_citizen_files_supplements_and_sees_the_result_ready(  # type: ignore[no-untyped-def]
    page, log_in, online: Online, scan: Path
) -> None:
    w = online.world
    prove_phone(page, online.procedure_pk)
    fill_draft(page, online)
    page.locator(f"#tep-{online.form_doc.pk}").set_input_files(str(scan))
    page.get_by_role("button", name="Lưu và xem lại").click()
    page.wait_for_url("**/xem-lai/")
    assert "Nguyễn Văn An" in page.content()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    code = page.get_by_test_id("ma-ho-so").inner_text()
    main = page.locator("#noi-dung")
    assert main.get_by_role("link", name="Tra cứu hồ sơ").get_attribute("href") == "/tra-cuu/"
    dossier = Dossier.objects.get(code=code)
    assert dossier.status == DossierStatus.SUBMITTED and dossier.assisted_by is None

    # The receiving officer asks for a supplement on the back-office page (Mẫu 02).
    officer = log_in(w.receiver)
    officer.goto(f"/ho-so/{dossier.pk}/yeu-cau-bo-sung/")
    officer.get_by_label("Giấy tờ cần bổ sung").fill("Giấy chứng sinh\nBản sao CCCD của mẹ")
    officer.get_by_label("Lý do").fill("Thiếu giấy tờ bắt buộc")
    officer.get_by_role("button", name="Xác nhận").click()
    officer.wait_for_load_state()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUPPLEMENT_REQUESTED

    # The citizen sees exactly what is missing and why, and sends it.
    page.get_by_role("link", name="Theo dõi hồ sơ").click()
    assert page.get_by_test_id("trang-thai").inner_text() == "Yêu cầu bổ sung giấy tờ"
    missing = page.locator("ol.missing li").all_inner_texts()
    assert missing == ["Giấy chứng sinh", "Bản sao CCCD của mẹ"]
    assert "Thiếu giấy tờ bắt buộc" in page.content()
    page.get_by_label("Tệp giấy tờ bổ sung").set_input_files([str(scan), str(scan)])
    page.get_by_role("button", name="Gửi bổ sung").click()
    assert page.get_by_text("Đã gửi giấy tờ bổ sung").is_visible()
    assert page.get_by_test_id("trang-thai").inner_text() == "Mới đăng ký"

    # The officers accept and process it (workflow functions for the internal steps).
    workflow.accept_online(dossier=dossier, actor=w.receiver)
    workflow.forward(dossier=dossier, actor=w.receiver)
    workflow.assign(dossier=dossier, actor=w.head, assignee=w.everyone)
    workflow.approve(dossier=dossier, actor=w.everyone)
    workflow.issue_result(dossier=dossier, actor=w.clerk, result_number="15/GKS")

    # The citizen opens the public status page and sees the result ready.
    page.goto(f"/tra-cuu/{code}/")
    page.get_by_label("4 số cuối").fill(CITIZEN_PHONE[-4:])
    page.get_by_role("button", name="Tra cứu").click()
    # The answer is a POST: wait for its page (is_visible does not wait, and raced the parser).
    expect(page.get_by_text("Kết quả đã sẵn sàng.")).to_be_visible()

    workflow.return_result(
        dossier=dossier, actor=w.receiver, method=ReturnMethod.COUNTER, returned_to="Nguyễn Văn An"
    )
    page.reload()
    assert "Đã trả kết quả" in page.content()

    # The result is returned: the citizen rates the service once, on the 5-level scale.
    rating = page.get_by_role("region", name="Đánh giá mức độ hài lòng")
    assert axe_violations(page) == []
    scale = rating.get_by_role("group", name="Ông/bà có hài lòng với việc giải quyết hồ sơ không?")
    assert scale.get_by_role("radio").count() == 5
    scale.get_by_role("radio", name="Hài lòng", exact=True).check()
    rating.get_by_label("Ý kiến góp ý (không bắt buộc)").fill("Cán bộ hướng dẫn tận tình")
    rating.get_by_role("button", name="Gửi đánh giá").click()
    page.wait_for_url(f"**/tra-cuu/{code}/")
    assert page.get_by_text("Cảm ơn ông/bà đã đánh giá.").is_visible()

    given = Rating.objects.get(dossier=dossier)
    assert given.level == Level.SATISFIED
    assert given.comment == "Cán bộ hướng dẫn tận tình"
    assert given.channel == RatingChannel.PORTAL
    # No second rating is offered: the page shows the rating given instead of the form.
    assert page.get_by_role("button", name="Gửi đánh giá").count() == 0
    assert page.get_by_role("radio").count() == 0
    mine = page.get_by_role("region", name="Đánh giá của ông/bà")
    assert mine.inner_text().endswith("Hài lòng")
    page.reload()
    assert page.get_by_role("button", name="Gửi đánh giá").count() == 0
    assert Rating.objects.filter(dossier=dossier).count() == 1


def test_a_bad_upload_keeps_the_draft_and_everything_typed(  # type: ignore[no-untyped-def]
    page, online: Online, tmp_path: Path
) -> None:
    fake = tmp_path / "to-khai.pdf"
    fake.write_bytes(b"<html>this is not a pdf</html>")
    prove_phone(page, online.procedure_pk)
    fill_draft(page, online)
    page.locator(f"#tep-{online.form_doc.pk}").set_input_files(str(fake))
    page.get_by_role("button", name="Lưu và xem lại").click()
    alert = page.locator(f"#tep-{online.form_doc.pk}-loi")
    assert "Chỉ nhận tệp PDF, JPEG hoặc PNG" in alert.inner_text()
    assert page.get_by_label("Họ và tên người nộp").input_value() == "Nguyễn Văn An"
    assert page.get_by_label("Ngày sinh của trẻ").input_value() == "2026-02-20"
    # Leaving and coming back: the draft is on the server.
    page.goto(f"/nop-truc-tuyen/{online.procedure_pk}/")
    page.wait_for_url("**/ho-so-nhap/")
    assert page.get_by_label("Địa chỉ").input_value() == "Ấp 3, xã Lộc Thuận"


def test_a_digital_team_member_files_for_a_citizen(  # type: ignore[no-untyped-def]
    page, log_in, online: Online, scan: Path
) -> None:
    helper = log_in(online.digital)
    helper.goto(f"/nop-truc-tuyen/ho-tro/{online.procedure_pk}/")
    helper.get_by_label("Số điện thoại hoặc thư điện tử của công dân").fill("0987654321")
    fill_draft(helper, online)
    helper.locator(f"#tep-{online.form_doc.pk}").set_input_files(str(scan))
    helper.get_by_role("button", name="Lưu và xem lại").click()
    helper.wait_for_url("**/xem-lai/")
    assert "Cán bộ sohoa" in helper.content()
    helper.get_by_role("button", name="Nộp hồ sơ").click()
    code = helper.get_by_test_id("ma-ho-so").inner_text()
    dossier = Dossier.objects.get(code=code)
    assert dossier.assisted_by == online.digital and dossier.applicant_phone == "0987654321"

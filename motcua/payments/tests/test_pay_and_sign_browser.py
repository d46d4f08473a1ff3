"""A citizen files online for a fee-bearing procedure, sees the VietQR, pays through the
(development) gateway, the dossier proceeds, and the signed result is downloaded and verified."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from motcua.conftest import axe_violations
from motcua.dossiers import workflow
from motcua.dossiers.models import Dossier, DossierStatus
from motcua.dossiers.tests.conftest import make_world
from motcua.filing.tests.conftest import CITIZEN_PHONE, PDF, Online
from motcua.filing.tests.conftest import make_online as setup_online
from motcua.filing.tests.test_e2e_citizen_browser import fill_draft, prove_phone
from motcua.lib import demo_ca, signing
from motcua.lib.pdf import html_to_pdf
from motcua.payments.models import BankAccount, Payment, PaymentMethod
from motcua.payments.services import fees_request
from motcua.payments.tests.conftest import add_fees

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def online(settings: object, tmp_path: Path) -> Online:
    found = setup_online(make_world())
    w = found.world
    add_fees(w)
    BankAccount.objects.create(
        unit=w.commune, bank_bin="970415", bank_name="VietinBank",
        account_number="113366668888", account_name="UBND XA THU NGHIEM",
    )  # fmt: skip
    settings.MOTCUA_PAYMENT_GATEWAY = "development"  # type: ignore[attr-defined]
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    settings.MOTCUA_SIGNING_DEMO = True  # type: ignore[attr-defined]
    demo_ca.write_demo(
        signing.demo_dir(), [(w.commune.code, w.commune.name)], signing.DEMO_PASSWORD
    )
    return found


def test_file_pay_online_and_verify_the_signed_result(  # type: ignore[no-untyped-def]
    page, online: Online, tmp_path: Path
) -> None:
    w = online.world
    scan = tmp_path / "to-khai.pdf"
    scan.write_bytes(PDF)
    prove_phone(page, online.procedure_pk)
    fill_draft(page, online)
    page.locator(f"#tep-{online.form_doc.pk}").set_input_files(str(scan))
    page.get_by_role("button", name="Lưu và xem lại").click()
    page.wait_for_url("**/xem-lai/")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    code = page.get_by_test_id("ma-ho-so").inner_text()

    # Right after filing: what is owed and the VietQR to pay it by transfer.
    fees = page.get_by_role("region", name="Phí, lệ phí")
    assert "Số tiền còn phải nộp: 50.000 đồng" in fees.inner_text()
    assert fees.locator("svg").count() == 1 and code in fees.inner_text()

    # The officers accept and process it; the handler asks for the fees (the clock pauses).
    dossier = Dossier.objects.get(code=code)
    workflow.accept_online(dossier=dossier, actor=w.receiver)
    workflow.forward(dossier=dossier, actor=w.receiver)
    workflow.assign(dossier=dossier, actor=w.head, assignee=w.everyone)
    fees_request(dossier=dossier, actor=w.everyone)

    # The citizen looks the dossier up and pays online through the gateway.
    page.goto(f"/tra-cuu/{code}/")
    page.get_by_label("4 số cuối").fill(CITIZEN_PHONE[-4:])
    page.get_by_role("button", name="Tra cứu").click()
    # The answer is a POST: wait for its page (is_visible does not wait, and raced the parser).
    expect(page.get_by_text("Yêu cầu thực hiện nghĩa vụ tài chính").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Thanh toán trực tuyến 50.000 đồng").click()
    page.wait_for_url("**/thu-nghiem/**")
    page.get_by_role("button", name="Thanh toán thành công").click()
    page.wait_for_url(f"**/tra-cuu/{code}/**")
    assert page.get_by_text("Đã nộp đủ phí, lệ phí").is_visible()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.IN_PROCESS
    assert Payment.objects.get(dossier=dossier).method == PaymentMethod.GATEWAY

    # The dossier proceeds; the result is issued and signed with the commune's key.
    workflow.approve(dossier=dossier, actor=w.everyone)
    result = ContentFile(html_to_pdf("<h1>GIẤY KHAI SINH</h1>"), name="kq.pdf")
    workflow.issue_result(dossier=dossier, actor=w.clerk, result_number="15/GKS",
                          result_file=result)  # fmt: skip

    page.reload()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải kết quả điện tử (có chữ ký số)").click()
    saved = tmp_path / "ket-qua.pdf"
    download.value.save_as(saved)

    page.get_by_role("link", name="Kiểm tra chữ ký số").click()
    page.get_by_label("Tệp PDF").set_input_files(str(saved))
    page.get_by_role("button", name="Kiểm tra").click()
    verdict = page.get_by_role("status")
    assert "Chữ ký số hợp lệ" in verdict.inner_text()
    assert w.commune.name in verdict.inner_text() and "Không bị thay đổi" in verdict.inner_text()
    assert axe_violations(page) == []

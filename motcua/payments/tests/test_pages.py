"""The fee pages for officers and the applicant's payment and signed result on the portal."""

import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from openpyxl import load_workbook

from motcua.accounts.models import PersonalDataAccess
from motcua.catalog.models import ProcedureFee
from motcua.dossiers import workflow
from motcua.dossiers.models import Dossier, DossierStatus
from motcua.dossiers.tests.conftest import World
from motcua.dossiers.tests.factories import in_status, received
from motcua.lib.pdf import html_to_pdf
from motcua.payments.models import DossierFee, Payment, StatementLine
from motcua.payments.services import amount_due
from motcua.payments.tests.conftest import FEE


def officer(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def citizen(dossier: Dossier) -> Client:
    client = Client()
    found = client.post("/tra-cuu/", {"code": dossier.code, "factor": "4567"})
    assert found.status_code == 200 and dossier.code in found.content.decode()
    return client


def test_the_fee_page_shows_the_vietqr_and_is_404_outside_the_unit(world: World) -> None:
    dossier = received(world)
    page = officer(world.receiver).get(f"/thanh-toan/ho-so/{dossier.pk}/")
    text = page.content.decode()
    assert page.status_code == 200 and "50.000 đồng" in text and "<svg" in text
    assert officer(world.outsider).get(f"/thanh-toan/ho-so/{dossier.pk}/").status_code == 404


def test_the_officer_reaches_the_fee_page_from_the_dossier_and_the_menu(world: World) -> None:
    dossier = received(world)
    client = officer(world.receiver)
    assert (
        f"/thanh-toan/ho-so/{dossier.pk}/" in client.get(f"/ho-so/{dossier.pk}/").content.decode()
    )
    assert 'href="/thanh-toan/"' in client.get("/can-bo/").content.decode()
    assert 'href="/thanh-toan/"' not in officer(world.handler).get("/can-bo/").content.decode()


def test_a_counter_payment_through_the_page_and_its_receipt(world: World) -> None:
    dossier = received(world)
    client = officer(world.receiver)
    form = {"amount_vnd": FEE, "method": "cash", "reference": "BL-000123"}
    response = client.post(f"/thanh-toan/ho-so/{dossier.pk}/nop-tai-quay/", form)
    assert response.status_code == 302 and amount_due(dossier) == 0
    payment = Payment.objects.get()
    receipt = client.get(f"/thanh-toan/bien-nhan/{payment.pk}/")
    assert receipt["Content-Type"] == "application/pdf" and receipt.content.startswith(b"%PDF")
    assert officer(world.outsider).get(f"/thanh-toan/bien-nhan/{payment.pk}/").status_code == 404


def test_a_bad_counter_payment_shows_a_message_and_changes_nothing(world: World) -> None:
    dossier = received(world)
    form = {"amount_vnd": FEE + 5, "method": "cash", "reference": "BL-1"}
    page = officer(world.receiver).post(f"/thanh-toan/ho-so/{dossier.pk}/nop-tai-quay/", form)
    assert page.status_code == 400 and "lớn hơn số còn phải nộp" in page.content.decode()
    assert not Payment.objects.exists()


def test_a_handler_may_not_record_a_counter_payment(world: World) -> None:
    dossier = received(world)
    form = {"amount_vnd": FEE, "method": "cash", "reference": "BL-1"}
    page = officer(world.handler).post(f"/thanh-toan/ho-so/{dossier.pk}/nop-tai-quay/", form)
    assert page.status_code in (400, 404) and not Payment.objects.exists()


def test_importing_a_statement_from_the_page(world: World) -> None:
    dossier = received(world)
    data = (
        "Ngày giao dịch,Số tiền,Nội dung,Số tham chiếu\n"
        f"02/03/2026,50000,{dossier.code},FT9\n02/03/2026,1000,la,FT8\n"
    ).encode()
    client = officer(world.receiver)
    form = {"unit": world.commune.pk, "file": ContentFile(data, name="sk.csv")}
    response = client.post("/thanh-toan/doi-soat/nhap/", form)
    assert response.status_code == 302 and amount_due(dossier) == 0
    home = client.get("/thanh-toan/").content.decode()
    assert "FT8" in home and "FT9" not in home  # only what needs an officer is listed
    assert StatementLine.objects.count() == 2


def test_the_fee_report_is_an_excel_by_unit_and_method(world: World) -> None:
    dossier = received(world)
    client = officer(world.receiver)
    client.post(f"/thanh-toan/ho-so/{dossier.pk}/nop-tai-quay/",
                {"amount_vnd": FEE, "method": "card", "reference": "POS-1"})  # fmt: skip
    report = client.get("/thanh-toan/bao-cao/", {"start": "2026-03-01", "end": "2026-03-31"})
    sheet = load_workbook(io.BytesIO(report.content)).active
    assert sheet is not None
    assert list(sheet.iter_rows(min_row=2, values_only=True)) == [
        (world.commune.name, "Thẻ tại quầy", FEE)
    ]
    assert officer(world.outsider).get("/thanh-toan/bao-cao/", {
        "start": "2026-03-01", "end": "2026-03-31"}).content != report.content  # fmt: skip


@pytest.fixture
def gateway_on(settings: object) -> None:
    settings.MOTCUA_PAYMENT_GATEWAY = "development"  # type: ignore[attr-defined]


def test_the_applicant_pays_online_from_the_status_page(world: World, gateway_on: None) -> None:
    dossier = in_status(world, DossierStatus.IN_PROCESS)
    workflow.pause_for_fees(dossier=dossier, actor=world.everyone)
    client = citizen(dossier)
    status = client.get(f"/tra-cuu/{dossier.code}/").content.decode()
    assert "Số tiền còn phải nộp: 50.000 đồng" in status and "Quét mã VietQR" in status
    checkout = client.post(f"/tra-cuu/{dossier.code}/thanh-toan/")
    assert checkout.status_code == 302
    back = client.post(checkout["Location"] + "thanh-cong/")
    assert back.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.IN_PROCESS and amount_due(dossier) == 0
    assert "Đã nộp đủ phí, lệ phí" in client.get(f"/tra-cuu/{dossier.code}/").content.decode()


def test_the_status_page_copies_the_fees_at_its_first_reading_and_shows_them(
    world: World,
) -> None:
    dossier = received(world)
    DossierFee.objects.filter(dossier=dossier).delete()  # as before anyone read them
    client = citizen(dossier)
    for _ in range(2):
        status = client.get(f"/tra-cuu/{dossier.code}/").content.decode()
        assert "Lệ phí cấp giấy: 50.000 đồng" in status and "Quét mã VietQR" in status
    assert DossierFee.objects.filter(dossier=dossier).count() == 1  # copied once, every case


def test_the_status_page_of_a_dossier_owing_nothing_has_no_fee_panel(world: World) -> None:
    dossier = received(world)
    ProcedureFee.objects.all().delete()
    DossierFee.objects.filter(dossier=dossier).delete()
    status = citizen(dossier).get(f"/tra-cuu/{dossier.code}/").content.decode()
    assert dossier.code in status and "Phí, lệ phí" not in status and "VietQR" not in status


def test_paying_needs_the_second_factor(world: World, gateway_on: None) -> None:
    dossier = received(world)
    response = Client().post(f"/tra-cuu/{dossier.code}/thanh-toan/")
    assert response.status_code == 302 and response["Location"] == "/tra-cuu/"


def test_the_applicant_downloads_the_signed_result_and_it_is_audited(
    world: World, demo_keys: Path
) -> None:
    dossier = in_status(world, DossierStatus.APPROVED)
    pdf = html_to_pdf("<p>Kết quả</p>")
    workflow.issue_result(dossier=dossier, actor=world.everyone, result_number="1/GP",
                          result_file=ContentFile(pdf, name="kq.pdf"))  # fmt: skip
    assert Client().get(f"/tra-cuu/{dossier.code}/ket-qua/").status_code == 302
    client = citizen(dossier)
    assert "Tải kết quả điện tử" in client.get(f"/tra-cuu/{dossier.code}/").content.decode()
    download = client.get(f"/tra-cuu/{dossier.code}/ket-qua/")
    data = b"".join(download.streaming_content)  # type: ignore[attr-defined]
    assert download["Content-Type"] == "application/pdf" and b"/ByteRange" in data
    access = PersonalDataAccess.objects.get()
    assert access.user is None and access.subject == f"Kết quả hồ sơ {dossier.code}"


def test_mau_01_carries_the_vietqr_when_fees_are_due(world: World) -> None:
    dossier = received(world)
    page = officer(world.receiver).get(f"/ho-so/{dossier.pk}/mau-01/")
    text = page.content.decode()
    assert page.status_code == 200 and "Số tiền còn phải nộp: 50.000 đồng" in text


def test_a_late_callback_leaves_the_payment_pending_until_it_arrives(
    world: World, gateway_on: None
) -> None:
    dossier = received(world)
    client = citizen(dossier)
    checkout = client.post(f"/tra-cuu/{dossier.code}/thanh-toan/")["Location"]
    client.post(checkout + "bao-muon/")
    status = client.get(f"/tra-cuu/{dossier.code}/").content.decode()
    assert "Đang chờ cổng thanh toán xác nhận" in status and amount_due(dossier) == FEE
    client.post(checkout + "gui-thong-bao/")  # the gateway's callback, late
    status = client.get(f"/tra-cuu/{dossier.code}/").content.decode()
    assert "Đã nộp đủ phí, lệ phí" in status and amount_due(dossier) == 0


def test_a_failed_online_payment_leaves_everything_owed(world: World, gateway_on: None) -> None:
    dossier = received(world)
    client = citizen(dossier)
    checkout = client.post(f"/tra-cuu/{dossier.code}/thanh-toan/")["Location"]
    client.post(checkout + "that-bai/")
    status = client.get(f"/tra-cuu/{dossier.code}/").content.decode()
    assert "Số tiền còn phải nộp: 50.000 đồng" in status and "Đang chờ" not in status

"""The seven forms: what an officer prints must show what the dossier and its log say."""

import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from motcua.accounts.models import Role, UnitKind
from motcua.accounts.tests.factories import make_staff, make_unit
from motcua.catalog.models import ProcedureOffering
from motcua.catalog.tests.factories import make_procedure
from motcua.dossiers import printing, workflow
from motcua.dossiers.models import ReturnMethod
from motcua.lib.pdf import html_to_pdf
from motcua.lib.qr import qr_svg

BASE = "https://motcua.example.vn"
pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def pdf_fonts(pdf: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return {
        str(font["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()  # type: ignore[index]
    }


@pytest.fixture
def desk(db):
    province = make_unit("T01", kind=UnitKind.PROVINCE, name="Ủy ban nhân dân tỉnh Thử Nghiệm")
    commune = make_unit("X01", parent=province, name="Ủy ban nhân dân xã Tân An")
    people = {
        "receiver": make_staff("tiepnhan", commune, Role.RECEIVER),
        "head": make_staff("truongphong", commune, Role.HEAD),
        "handler": make_staff("chuyenvien", commune, Role.HANDLER, Role.HEAD, Role.SIGNER),
    }
    version = make_procedure(name="Đăng ký khai sinh")
    ProcedureOffering.objects.create(procedure=version.procedure, unit=commune)
    return commune, people, version


def receive(desk, name="Nguyễn Văn Ấn"):
    commune, people, version = desk
    applicant = workflow.Applicant(
        name=name, personal_id="001203004567", phone="0912345678", address="Thôn Đông, xã Tân An"
    )
    return workflow.receive(
        actor=people["receiver"], version=version, receiving_unit=commune, applicant=applicant
    )


def test_pdf_keeps_vietnamese_text_in_the_shipped_font():
    pdf = html_to_pdf(
        "<p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p><p>Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
        "</p><p><i>Độc lập - Tự do - Hạnh phúc</i></p>"
    )
    text = pdf_text(pdf)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in text
    fonts = pdf_fonts(pdf)
    assert len(fonts) == 3 and all(name.startswith("Tinos") for name in fonts), fonts


def test_qr_svg_is_inline_and_sized_by_css():
    svg = qr_svg(f"{BASE}/tra-cuu/X01-250701-0001/")
    assert svg.startswith("<svg") and 'class="qr"' in svg and "width=" not in svg


def test_status_url_is_the_public_lookup_page_with_a_token_bound_to_the_code(desk):
    dossier = receive(desk)
    url = printing.status_url_for(dossier, BASE + "/")
    token = printing.status_token(dossier.code)
    assert url == f"{BASE}/tra-cuu/{dossier.code}/?k={token}"
    assert printing.status_token_matches(dossier.code, token)
    assert not printing.status_token_matches(dossier.code + "9", token)


def test_receipt_shows_the_appointment_to_the_minute_and_the_qr_code(desk):
    dossier = receive(desk)
    url = printing.status_url_for(dossier, BASE)
    html = printing.render_form_html(dossier, 1, status_url=url)
    due = printing._local(dossier.due_at)
    assert f"{due:%H} giờ {due:%M} phút, ngày {due:%d} tháng {due:%m} năm {due:%Y}" in html
    assert "<svg" in html and url in html
    assert "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM" in html and "Xã Tân An, ngày" in html

    text = pdf_text(printing.render_form_pdf(dossier, 1, status_url=url))
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert dossier.code in text and "Nguyễn Văn Ấn" in text
    assert re.search(rf"{due:%H} giờ {due:%M} phút", text)


def test_supplement_request_lists_every_missing_item(desk):
    _, people, _ = desk
    missing = ["Bản sao Giấy chứng sinh", "Giấy tờ chứng minh nơi cư trú", "Văn bản ủy quyền"]
    dossier = workflow.request_supplement(
        dossier=receive(desk), actor=people["receiver"], missing=missing, reason="Thiếu giấy tờ"
    )
    html = printing.render_form_html(dossier, 2, status_url="")
    assert html.count('<td class="c">') >= len(missing)
    for n, item in enumerate(missing, start=1):
        assert f'<td class="c">{n}</td><td>{item}' in html
    text = pdf_text(printing.render_form_pdf(dossier, 2, status_url=""))
    assert all(item in text for item in missing) and "Thiếu giấy tờ" in text


def test_refusal_gives_its_reasons_and_withdrawal_its_request_date(desk):
    import datetime as dt

    _, people, _ = desk
    refused = workflow.refuse(
        dossier=receive(desk), actor=people["receiver"], reasons=["Không thuộc thẩm quyền"]
    )
    html = printing.render_form_html(refused, 3, status_url="")
    assert "<li>1. Không thuộc thẩm quyền</li>" in html
    withdrawn = workflow.withdraw(
        dossier=receive(desk, "Trần Thị Bình"), actor=people["receiver"],
        request_date=dt.date(2026, 11, 2),
    )  # fmt: skip
    html = printing.render_form_html(withdrawn, 5, status_url="")
    assert "Ngày 02/11/2026, ông/bà đã có yêu cầu rút hồ sơ" in html


def test_control_sheet_has_one_row_per_hand_over_with_its_timing(desk):
    _, people, _ = desk
    dossier = workflow.forward(dossier=receive(desk), actor=people["receiver"])
    dossier = workflow.assign(dossier=dossier, actor=people["head"], assignee=people["handler"])
    dossier = workflow.hand_over(
        dossier=dossier, actor=people["handler"], to_user=people["handler"]
    )
    context = printing.context_06(dossier)
    rows = context["rows"]
    assert [r.giver for r in rows] == ["Cán bộ tiepnhan", "Cán bộ truongphong", "Cán bộ chuyenvien"]
    assert rows[-1].timing in {"Trước hạn", "Đúng hạn"}
    # Recorded when each step was taken: the unit's heads (two here), then the assignee.
    assert rows[0].receiver == "Lãnh đạo Ủy ban nhân dân xã Tân An (phân công xử lý)"
    assert [r.receiver for r in rows[1:]] == ["Cán bộ chuyenvien", "Cán bộ chuyenvien"]
    html = printing.render_form_html(dossier, 6, status_url="")
    assert html.count('<tr class="handover">') == 3
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in pdf_text(
        printing.render_form_pdf(dossier, 6, status_url="")
    )


def test_register_exports_one_row_per_dossier(desk):
    from motcua.dossiers.models import Dossier

    first, second = receive(desk), receive(desk, "Lê Văn Cường")
    data = printing.register_xlsx(Dossier.objects.order_by("received_at", "pk"))
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Tên cá nhân, tổ chức")
    assert [r[1] for r in rows[1:]] == [first.code, second.code]
    assert rows[2][3] == "Lê Văn Cường"
    html = printing.register_html(Dossier.objects.all(), unit=desk[0])
    assert html.count('<tr class="entry">') == 2
    assert ReturnMethod.COUNTER  # the register reads return methods from the model's choices

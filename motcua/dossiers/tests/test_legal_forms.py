"""The seven forms of TT 03/2025/TT-VPCP, each rendered to PDF and read back with pypdf: every
field of the legal form is on paper for a dossier that exercises it (DOMAIN.md §3.3, issue 9).
"""

import io

from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from motcua.accounts.models import Role
from motcua.accounts.tests.factories import make_staff
from motcua.catalog.models import ProcedureOffering
from motcua.catalog.tests.factories import make_procedure
from motcua.dossiers import printing, workflow
from motcua.dossiers.models import CounterRefusal, Dossier, OutboxMessage, ReturnMethod
from motcua.dossiers.tests.conftest import Clock, World, at

BASE = "https://motcua.example.vn"

APPLICANT = workflow.Applicant(
    name="Nguyễn Văn An",
    personal_id="001203004567",
    phone="0912345678",
    email="an@example.vn",
    address="Thôn Một, xã Thử Nghiệm",
    representative_name="Trần Thị Bình",
    representative_id="001301002345",
    representative_authorisation="Giấy ủy quyền số 12/UQ ngày 01/03/2026",
    representative_address="Số 5 đường Lê Lợi",
    representative_phone="0987654321",
    representative_email="binh@example.vn",
)


def text_of(pdf: bytes) -> str:
    """The PDF's text with every run of white space made one space (lines wrap anywhere)."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def pages_of(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def pdf_of(dossier: Dossier, number: int, **options: object) -> str:
    return text_of(printing.render_form_pdf(dossier, number, status_url=BASE, **options))


def receive(
    world: World,
    *,
    documents: int = 2,
    applicant=APPLICANT,
    name: str = "Giấy tờ thứ {n} của hồ sơ",
) -> Dossier:
    items = [
        {"name": name.format(n=n), "originals": 1, "copies": 2} for n in range(1, documents + 1)
    ]
    return workflow.receive(
        actor=world.receiver, version=world.version, receiving_unit=world.commune,
        applicant=applicant, documents=items, sets=2, collect_method=ReturnMethod.POST,
    )  # fmt: skip


def assert_header(text: str) -> None:
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "ĐƠN VỊ 00001" in text  # the receiving body, upper case in the header


# -- Mẫu 01 ------------------------------------------------------------------------------------


def test_mau_01_prints_every_field_and_the_appointment_given_at_receipt(
    world: World, clock: Clock
) -> None:
    dossier = receive(world)  # Monday 02/03/2026 09:00; 3 working days → Thursday 09:00
    dossier = workflow.forward(dossier=dossier, actor=world.receiver)
    clock.set(at(2026, 3, 3, 10, 0))
    workflow.reschedule(
        dossier=dossier, actor=world.signer, new_due_at=at(2026, 3, 10, 10, 0), reason="Xác minh"
    )
    clock.set(at(2026, 3, 9, 14, 0))  # printed again a week later
    dossier.refresh_from_db()

    text = pdf_of(dossier, 1)

    assert_header(text)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert f"Mã hồ sơ: {dossier.code}" in text
    assert "ngày 02 tháng 03 năm 2026" in text and "ngày 09 tháng 03 năm 2026" not in text
    for field in (
        "Nguyễn Văn An", "001203004567", "Thôn Một, xã Thử Nghiệm", "0912345678",
        "an@example.vn", "Trần Thị Bình", "001301002345", "Giấy ủy quyền số 12/UQ",
        "Số 5 đường Lê Lợi", "0987654321", "binh@example.vn", "Thủ tục mẫu",
        "1. Giấy tờ thứ 1 của hồ sơ — 1 bản chính, 2 bản sao", "Giấy tờ thứ 2 của hồ sơ",
        "Số lượng hồ sơ: 2 (bộ)", "Thời hạn giải quyết hồ sơ theo quy định: 3 ngày làm việc",
        "Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 02 tháng 03 năm 2026",
        "Đăng ký nhận kết quả tại: Qua dịch vụ bưu chính công ích, về địa chỉ: Số 5 đường Lê Lợi",
        "Vào Sổ theo dõi hồ sơ", "Số thứ tự: 0001", "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Cán bộ tiepnhan", "Tra cứu hồ sơ",
    ):  # fmt: skip
        assert field in text, field
    # The appointment given at receipt; the new one belongs on Mẫu 04.
    assert "trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, ngày 05 tháng 03 năm 2026" in text
    assert "10 tháng 03" not in text


def test_mau_01_fits_on_one_a4_page_with_eight_documents(world: World) -> None:
    """Eight documents whose names take two lines each, a representative, a long address and
    the QR code's long address: still one page, signatures included."""
    long_address = workflow.Applicant(
        **{**APPLICANT.__dict__, "address": "Tổ dân phố số 12, khu phố Đông Hòa, " * 3}
    )
    dossier = receive(
        world, documents=8, applicant=long_address,
        name="Bản sao có chứng thực Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở số {n}",
    )  # fmt: skip
    pdf = printing.render_form_pdf(dossier, 1, status_url=f"{BASE}/tra-cuu/{dossier.code}/?k=x" * 2)
    assert pages_of(pdf) == 1
    text = text_of(pdf)
    assert "8. Bản sao có chứng thực" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    assert "Cán bộ tiepnhan" in text  # the signature block, names included
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert round(float(page.mediabox.width)) == 595 and round(float(page.mediabox.height)) == 842


def test_online_receipt_keeps_its_appointment_too(world: World, clock: Clock) -> None:
    filed = workflow.submit_online(
        version=world.version, receiving_unit=world.commune, applicant=APPLICANT
    )
    accepted = workflow.accept_online(dossier=filed, actor=world.receiver)
    assert printing.appointment_at_receipt(accepted) == accepted.due_at
    assert "Bộ phận Một cửa — Đơn vị 00001" in pdf_of(accepted, 1)  # collected at the desk


# -- Mẫu 02 ------------------------------------------------------------------------------------


def two_requests(world: World, clock: Clock) -> Dossier:
    dossier = receive(world)
    workflow.request_supplement(
        dossier=dossier, actor=world.receiver, missing=["Bản sao giấy khai sinh"], reason="Thiếu"
    )
    clock.set(at(2026, 3, 2, 14, 0))
    workflow.supplement_received(dossier=dossier, actor=world.receiver)
    clock.set(at(2026, 3, 3, 9, 0))
    return workflow.request_supplement(
        dossier=dossier, actor=world.receiver, missing=["Ảnh 4x6"], reason="Ảnh mờ"
    )


def test_mau_02_prints_each_request_with_the_applicants_contacts(
    world: World, clock: Clock, client: Client
) -> None:
    dossier = two_requests(world, clock)
    client.force_login(world.receiver)
    url = reverse("dossiers:form_pdf", args=[dossier.pk, 2])
    first = text_of(client.get(url, {"lan": 1}).content)
    last = text_of(client.get(url).content)
    second = text_of(client.get(url, {"lan": 2}).content)

    assert second == last
    assert "Bản sao giấy khai sinh" in first and "Ảnh 4x6" not in first
    assert "Ảnh 4x6" in second and "Bản sao giấy khai sinh" not in second
    assert "ngày 02 tháng 03 năm 2026" in first and "ngày 03 tháng 03 năm 2026" in second
    assert "Yêu cầu bổ sung lần thứ 2" in second
    assert_header(second)
    for field in (
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", dossier.code, "Nguyễn Văn An",
        "Thôn Một, xã Thử Nghiệm", "0912345678", "an@example.vn", "Thủ tục mẫu",
        "Bản chính", "Bản sao chứng thực", "Bản chụp", "Lý do: Ảnh mờ",
        "Người liên hệ, hướng dẫn: Cán bộ tiepnhan", "NGƯỜI HƯỚNG DẪN",
    ):  # fmt: skip
        assert field in second, field
    page = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert "?lan=1" in page and "?lan=2" in page


# -- Mẫu 03 ------------------------------------------------------------------------------------


def test_mau_03_of_a_refused_dossier_has_contacts_and_both_signatures(world: World) -> None:
    dossier = workflow.refuse(
        dossier=receive(world), actor=world.receiver, reasons=["Không thuộc thẩm quyền của xã"]
    )
    text = pdf_of(dossier, 3)
    assert_header(text)
    for field in (
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", dossier.code, "Nguyễn Văn An",
        "001203004567", "Thôn Một, xã Thử Nghiệm", "0912345678", "an@example.vn",
        "Thủ tục mẫu", "1. Không thuộc thẩm quyền của xã", "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ", "Cán bộ tiepnhan",
    ):  # fmt: skip
        assert field in text, field


def test_refusal_at_the_counter_gives_mau_03_and_no_dossier(world: World, client: Client) -> None:
    client.force_login(world.receiver)
    url = reverse("dossiers:counter_form", args=[world.commune.pk, world.version.procedure_id])
    data = {
        "applicant_name": "Lê Thị Cúc", "personal_id": "001203009999", "phone": "0912000111",
        "email": "cuc@example.vn", "address": "Ấp Hai", "action": "refuse",
        "refuse_reasons": "Thủ tục thuộc thẩm quyền của tỉnh\nThiếu văn bản ủy quyền",
        "refuse_confirm": "on",
    }  # fmt: skip

    response = client.post(url, data)

    refusal = CounterRefusal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("dossiers:refusal_form", args=[refusal.pk])
    assert Dossier.objects.count() == 0  # no code, no Mẫu 01, in no report's denominator
    assert OutboxMessage.objects.count() == 0  # no "đã được tiếp nhận" message
    page = client.get(response["Location"]).content.decode()
    assert "không cấp" in page and "Thủ tục thuộc thẩm quyền của tỉnh" in page
    text = text_of(client.get(reverse("dossiers:refusal_form_pdf", args=[refusal.pk])).content)
    assert_header(text)
    for field in (
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "Lê Thị Cúc", "001203009999", "Ấp Hai",
        "0912000111", "cuc@example.vn", "Thủ tục mẫu", "1. Thủ tục thuộc thẩm quyền của tỉnh",
        "2. Thiếu văn bản ủy quyền", "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Cán bộ tiepnhan",
    ):  # fmt: skip
        assert field in text, field


def test_refusal_at_the_counter_needs_reasons_and_confirmation(
    world: World, client: Client
) -> None:
    client.force_login(world.receiver)
    url = reverse("dossiers:counter_form", args=[world.commune.pk, world.version.procedure_id])
    base = {"applicant_name": "Lê Thị Cúc", "personal_id": "001203009999", "action": "refuse"}
    no_reason = client.post(url, {**base, "refuse_confirm": "on"}).content.decode()
    unconfirmed = client.post(url, {**base, "refuse_reasons": "Sai thẩm quyền"}).content.decode()
    assert "Ghi rõ lý do từ chối tiếp nhận" in no_reason
    assert "Đánh dấu xác nhận từ chối tiếp nhận" in unconfirmed
    assert CounterRefusal.objects.count() == 0 and Dossier.objects.count() == 0


def test_another_communes_officer_cannot_open_a_counter_refusal(
    world: World, client: Client
) -> None:
    refusal = workflow.refuse_at_counter(
        actor=world.receiver, version=world.version, receiving_unit=world.commune,
        applicant=APPLICANT, reasons=["Sai thẩm quyền"],
    )  # fmt: skip
    client.force_login(world.outsider)
    assert client.get(reverse("dossiers:refusal_form", args=[refusal.pk])).status_code == 404
    assert client.get(reverse("dossiers:refusal_form_pdf", args=[refusal.pk])).status_code == 404


# -- Mẫu 04 ------------------------------------------------------------------------------------


def test_mau_04_is_dated_by_the_apology_and_prints_every_field(world: World, clock: Clock) -> None:
    dossier = workflow.forward(dossier=receive(world), actor=world.receiver)
    clock.set(at(2026, 3, 3, 10, 0))
    workflow.reschedule(
        dossier=dossier, actor=world.signer, new_due_at=at(2026, 3, 10, 10, 30),
        reason="Cần xác minh tại nơi cư trú",
    )  # fmt: skip
    clock.set(at(2026, 3, 6, 8, 0))  # printed three days later
    dossier.refresh_from_db()
    text = pdf_of(dossier, 4)
    assert_header(text)
    assert "ngày 03 tháng 03 năm 2026" in text and "ngày 06 tháng 03 năm 2026" not in text
    for field in (
        "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT HỒ SƠ",
        "Kính gửi: Nguyễn Văn An", "Ngày 02/03/2026", "Thủ tục mẫu", "001203004567",
        dossier.code, "09 giờ 00 phút, ngày 05 tháng 03 năm 2026",
        "Lý do: Cần xác minh tại nơi cư trú", "xin lỗi",
        "10 giờ 30 phút, ngày 10 tháng 03 năm 2026", "THỦ TRƯỞNG CƠ QUAN", "Cán bộ lanhdao",
    ):  # fmt: skip
        assert field in text, field


# -- Mẫu 05 ------------------------------------------------------------------------------------


def test_a_stop_gives_a_written_notice_with_its_reasons(
    world: World, clock: Clock, client: Client
) -> None:
    dossier = workflow.forward(dossier=receive(world), actor=world.receiver)
    dossier = workflow.assign(dossier=dossier, actor=world.head, assignee=world.handler)
    clock.set(at(2026, 3, 3, 15, 0))
    workflow.stop(
        dossier=dossier, actor=world.head,
        reasons=["Người đề nghị không đủ điều kiện", "Giấy tờ giả mạo"],
    )  # fmt: skip
    client.force_login(world.receiver)
    page = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert reverse("dossiers:form", args=[dossier.pk, 5]) in page
    text = text_of(client.get(reverse("dossiers:form_pdf", args=[dossier.pk, 5])).content)
    assert_header(text)
    for field in (
        "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "Kính gửi: Nguyễn Văn An", dossier.code,
        "Thủ tục mẫu", "ngày tiếp nhận 02/03/2026", "dừng giải quyết hồ sơ",
        "15 giờ 00 phút, ngày 03 tháng 03 năm 2026", "1. Người đề nghị không đủ điều kiện",
        "2. Giấy tờ giả mạo", "THỦ TRƯỞNG CƠ QUAN", "Cán bộ truongphong",
        "ngày 03 tháng 03 năm 2026",
    ):  # fmt: skip
        assert field in text, field


def test_mau_05_of_a_withdrawal_names_the_request_date(world: World, clock: Clock) -> None:
    dossier = receive(world)
    clock.set(at(2026, 3, 4, 9, 0))
    import datetime as dt

    workflow.withdraw(
        dossier=dossier, actor=world.receiver, request_date=dt.date(2026, 3, 3),
        note="Không còn nhu cầu",
    )  # fmt: skip
    text = pdf_of(dossier, 5)
    assert_header(text)
    for field in (
        "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", dossier.code, "Thủ tục mẫu",
        "Ngày 03/03/2026, ông/bà đã có yêu cầu rút hồ sơ", "Lý do: Không còn nhu cầu",
        "09 giờ 00 phút, ngày 04 tháng 03 năm 2026", "ngày 04 tháng 03 năm 2026",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
    ):  # fmt: skip
        assert field in text, field


# -- Mẫu 06 ------------------------------------------------------------------------------------


def test_mau_06_rows_name_real_receivers_and_every_row_is_timed(world: World, clock: Clock) -> None:
    """Received, forwarded, assigned, two supplement requests, liên thông to the department and
    back, signed, issued before the appointment — late all the same (two requests) — and
    returned."""
    partner_head = make_staff("sytlanhdao", world.partner, Role.HEAD, Role.HANDLER)
    d = workflow.forward(dossier=receive(world), actor=world.receiver)
    d = workflow.assign(dossier=d, actor=world.head, assignee=world.handler)
    for n, moment in enumerate((at(2026, 3, 2, 10, 0), at(2026, 3, 2, 14, 0)), start=1):
        clock.set(moment)
        workflow.request_supplement(dossier=d, actor=world.head, missing=[f"Giấy {n}"])
        clock.set(moment.replace(hour=moment.hour + 1))
        d = workflow.supplement_received(dossier=d, actor=world.head)
    d = workflow.transfer(dossier=d, actor=world.head, to_unit=world.partner)
    d = workflow.assign(dossier=d, actor=partner_head, assignee=partner_head)
    d = workflow.transfer(dossier=d, actor=partner_head, to_unit=world.commune)
    d = workflow.assign(dossier=d, actor=world.head, assignee=world.handler)
    d = workflow.approve(dossier=d, actor=world.signer)
    d = workflow.issue_result(dossier=d, actor=world.clerk, result_number="5/QĐ-UBND")
    d = workflow.return_result(
        dossier=d, actor=world.receiver, method=ReturnMethod.COUNTER, returned_to="Trần Thị Bình"
    )

    context = printing.context_06(d)
    rows = context["rows"]
    assert context["coordinating_bodies"] == "Đơn vị SYT"  # the lead unit is not coordinating
    assert all(row.receiver and row.timing and row.giver and row.at_text for row in rows)
    assert [row.receiver for row in rows] == [
        "Lãnh đạo Đơn vị 00001 (phân công xử lý)",  # forward: the commune has two heads
        "Cán bộ xuly",
        "Cán bộ sytlanhdao (lãnh đạo Đơn vị SYT)",  # transfer: the department's one head
        "Cán bộ sytlanhdao",
        "Lãnh đạo Đơn vị 00001 (phân công xử lý)",  # transfer back
        "Cán bộ xuly",
        "Văn thư Đơn vị 00001 (vào số, phát hành)",  # approve
        "Bộ phận Một cửa — Đơn vị 00001",  # issue
        "Trần Thị Bình",  # the last row is complete: who received the result
    ]
    issued = rows[-2]
    assert d.result_issued_at is not None and d.due_at is not None
    assert d.result_issued_at < d.due_at and issued.timing == "Quá hạn"  # two requests ⇒ late

    text = text_of(printing.render_form_pdf(d, 6, status_url=BASE))
    assert_header(text)
    for field in (
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", d.code, "Thủ tục mẫu", "Nguyễn Văn An",
        "Cơ quan giải quyết hồ sơ: Đơn vị 00001", "Cơ quan phối hợp giải quyết hồ sơ: Đơn vị SYT",
        "Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 02 tháng 03 năm 2026",
        "Thời gian hẹn trả kết quả", "Người giao: Cán bộ tiepnhan", "Người nhận: Trần Thị Bình",
        "Quá hạn", "Hạn của đơn vị phối hợp",
    ):  # fmt: skip
        assert field in text, field


# -- Mẫu 07 ------------------------------------------------------------------------------------


def test_mau_07_per_sector_with_refusals_listed_without_an_appointment(
    world: World, clock: Clock, client: Client
) -> None:
    land = make_procedure(code="2.000001", name="Đăng ký đất đai", sector="Đất đai")
    ProcedureOffering.objects.create(procedure=land.procedure, unit=world.commune)
    kept = receive(world)
    refused = workflow.refuse(dossier=receive(world), actor=world.receiver, reasons=["Sai"])
    at_counter = workflow.refuse_at_counter(
        actor=world.receiver, version=world.version, receiving_unit=world.commune,
        applicant=workflow.Applicant(name="Lê Thị Cúc", personal_id="001203009999"),
        reasons=["Không thuộc thẩm quyền"],
    )  # fmt: skip
    other_sector = workflow.receive(
        actor=world.receiver, version=land, receiving_unit=world.commune, applicant=APPLICANT
    )

    rows = printing.register_rows(
        Dossier.objects.filter(pk__in=[kept.pk, refused.pk]).order_by("pk"), [at_counter]
    )
    by_code = {row.code: row for row in rows}
    assert by_code[kept.code].appointment and not by_code[refused.code].appointment
    assert by_code[""].appointment == "" and "Mẫu 03" in by_code[""].note

    client.force_login(world.receiver)
    sector = world.version.procedure.sector_id
    query = {"unit": world.commune.pk, "sector": sector}
    page = client.get(reverse("dossiers:register"), query).content.decode()
    assert kept.code in page and refused.code in page and "Lê Thị Cúc" in page
    assert other_sector.code not in page
    land_page = client.get(
        reverse("dossiers:register"), {"unit": world.commune.pk, "sector": land.procedure.sector_id}
    ).content.decode()
    assert other_sector.code in land_page and kept.code not in land_page
    assert "Lê Thị Cúc" not in land_page

    text = text_of(client.get(reverse("dossiers:register_pdf"), query).content)
    for column in printing.REGISTER_COLUMNS:
        assert column in text, column
    for field in (
        "SỔ THEO DÕI HỒ SƠ", "Lĩnh vực: Hộ tịch", kept.code, refused.code, "Lê Thị Cúc",
        "Thủ tục mẫu", "Thôn Một, xã Thử Nghiệm, 0912345678", "Không được tiếp nhận",
        "Từ chối tiếp nhận (Mẫu 03)",
    ):  # fmt: skip
        assert field in text, field
    assert other_sector.code not in text

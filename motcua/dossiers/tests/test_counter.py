"""The counter intake page: what a receiving officer sees and what receiving leaves behind."""

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from motcua.accounts.models import Role
from motcua.accounts.tests.factories import make_staff
from motcua.catalog.models import ProcedureDocument, ProcedureOffering, ProcedureVersion
from motcua.catalog.tests.factories import make_procedure
from motcua.dossiers import printing
from motcua.dossiers.models import Attachment, Dossier, DossierCodeCounter, DossierEvent
from motcua.dossiers.tests.conftest import World
from motcua.lib.uploads import sample_pdf

PDF = sample_pdf()
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def birth(world: World) -> ProcedureVersion:
    """Đăng ký khai sinh, offered at the commune: a declaration and a birth certificate
    (mandatory) and a residence paper (optional)."""
    version = make_procedure(code="1.001193", name="Đăng ký khai sinh")
    ProcedureDocument.objects.filter(version=version).update(
        order=1, name="Tờ khai đăng ký khai sinh"
    )
    ProcedureDocument.objects.create(
        version=version, order=2, name="Giấy chứng sinh", originals=1, copies=1
    )
    ProcedureDocument.objects.create(
        version=version, order=3, name="Giấy tờ về cư trú", mandatory=False, copies=1
    )
    ProcedureOffering.objects.create(procedure=version.procedure, unit=world.commune)
    return version


@pytest.fixture
def desk(client: Client, world: World) -> Client:
    client.force_login(world.receiver)
    return client


def form_url(world: World, version: ProcedureVersion) -> str:
    return reverse("dossiers:counter_form", args=[world.commune.pk, version.procedure_id])


def intake_data(version: ProcedureVersion, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "applicant_name": "Nguyễn Văn An",
        "personal_id": "0012 0300 4567",
        "phone": "0912 345 678",
        "email": "an@example.vn",
        "address": "Thôn 1, xã Thử Nghiệm",
    }
    for document in version.documents.all():
        data[f"doc_{document.pk}"] = "on"
        data[f"doc_{document.pk}_originals"] = document.originals or 0
        data[f"doc_{document.pk}_copies"] = document.copies or 0
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def stored_files() -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def test_search_lists_only_procedures_offered_at_the_unit(desk: Client, birth, world) -> None:
    make_procedure(code="1.009999", name="Đăng ký kết hôn có yếu tố khai sinh")  # not offered
    page = desk.get(reverse("dossiers:counter"), {"q": "khai sinh"}).content.decode()
    assert "Đăng ký khai sinh" in page
    assert "kết hôn" not in page
    assert form_url(world, birth) in page


def test_intake_form_lists_the_documents_with_catalog_counts(desk: Client, birth, world) -> None:
    page = desk.get(form_url(world, birth)).content.decode()
    assert "Giấy chứng sinh" in page and "Giấy tờ về cư trú" in page
    second = birth.documents.get(name="Giấy chứng sinh")
    assert f'name="doc_{second.pk}_copies" value="1"' in page
    assert "autofocus" in page


def test_receiving_creates_a_dossier_with_code_due_moment_and_events_then_shows_mau_01(
    desk: Client, birth, world
) -> None:
    scan = SimpleUploadedFile("to-khai.pdf", PDF, content_type="application/pdf")
    data = intake_data(birth, scans=[scan], digitised="on")
    data[f"doc_{birth.documents.get(name='Giấy chứng sinh').pk}_copies"] = 2
    response = desk.post(form_url(world, birth), data)

    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("dossiers:form", args=[dossier.pk, 1])
    assert dossier.code.startswith("000.00.12.H56-260302-")
    assert dossier.applicant_personal_id == "001203004567"
    assert dossier.applicant_phone == "0912345678"
    assert dossier.received_at is not None and dossier.due_at is not None
    assert dossier.due_at > dossier.received_at
    receipt = DossierEvent.objects.get(dossier=dossier, action="receive")
    assert receipt.actor == world.receiver
    assert receipt.payload["documents"][1] == {
        "name": "Giấy chứng sinh",
        "originals": 1,
        "copies": 2,
    }
    attachment = Attachment.objects.get(dossier=dossier)
    assert attachment.digitised and attachment.content_type == "application/pdf"

    receipt_page = desk.get(response["Location"]).content.decode()
    assert dossier.code in receipt_page
    assert printing.moment_text(dossier.due_at) in receipt_page  # "… giờ … phút, ngày …"
    assert " phút" in printing.moment_text(dossier.due_at)
    assert "<svg" in receipt_page
    assert f"http://testserver/tra-cuu/{dossier.code}/" in receipt_page
    assert "Giấy chứng sinh — 1 bản chính, 2 bản sao" in receipt_page
    assert reverse("dossiers:form_pdf", args=[dossier.pk, 1]) in receipt_page
    assert "Tải PDF" in receipt_page


def test_documents_of_the_chosen_case_only_are_mandatory(desk: Client, birth, world) -> None:
    late = birth.cases.create(name="Khai sinh quá hạn", order=1)
    witness = ProcedureDocument.objects.create(
        version=birth, case=late, order=4, name="Văn bản cam đoan", originals=1
    )
    data = intake_data(birth)
    del data[f"doc_{witness.pk}"]
    assert desk.post(form_url(world, birth), data).status_code == 302

    refused = desk.post(form_url(world, birth), {**data, "case": late.pk})
    assert "Văn bản cam đoan" in refused.content.decode()
    assert Dossier.objects.count() == 1


def _bad_scan() -> dict[str, Any]:
    text = SimpleUploadedFile("giay-chung-sinh.pdf", b"Day la van ban, khong phai PDF")
    good = SimpleUploadedFile("to-khai.png", PNG, content_type="image/png")
    return {"scans": [good, text]}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"personal_id": "12345"}, "Số định danh cá nhân phải gồm đúng 12 chữ số"),
        ({"personal_id": "00120300456X"}, "Số định danh cá nhân phải gồm đúng 12 chữ số"),
        ({"personal_id": ""}, "Nhập số định danh cá nhân (12 chữ số)"),
        ({"phone": "0212345678"}, "Số điện thoại di động không hợp lệ"),
        ({"applicant_name": ""}, "Trường này là bắt buộc"),
        ({"representative_name": "Trần Thị Bình"}, "Người nộp thay cần có văn bản ủy quyền"),
        ({"DOC:Giấy chứng sinh": None}, "Chưa đánh dấu đã nhận giấy tờ bắt buộc: Giấy chứng sinh."),
        ({"FILES": True}, "Tệp “giay-chung-sinh.pdf”: Chỉ nhận tệp PDF, JPEG hoặc PNG."),
    ],
    ids=[
        "short-id",
        "letter-in-id",
        "no-id",
        "landline",
        "no-name",
        "proxy-without-paper",
        "missing-mandatory-document",
        "text-named-pdf",
    ],
)
def test_a_refused_intake_shows_the_reason_and_leaves_no_dossier_and_no_file(
    desk: Client, birth, world, overrides: dict[str, Any], message: str
) -> None:
    data = intake_data(birth)
    for key, value in overrides.items():
        if key.startswith("DOC:"):
            del data[f"doc_{birth.documents.get(name=key[4:]).pk}"]
        elif key == "FILES":
            data.update(_bad_scan())
        else:
            data[key] = value
    response = desk.post(form_url(world, birth), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="alert"' in page and "Chưa tiếp nhận hồ sơ" in page
    assert message in page
    assert Dossier.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert DossierEvent.objects.count() == 0
    assert stored_files() == []


def test_missing_mandatory_document_message_points_to_a_supplement_request(
    desk: Client, birth, world
) -> None:
    data = intake_data(birth)
    del data[f"doc_{birth.documents.get(name='Giấy chứng sinh').pk}"]
    page = desk.post(form_url(world, birth), data).content.decode()
    assert "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)" in page


def test_an_optional_document_may_be_left_unticked_and_is_not_printed(
    desk: Client, birth, world
) -> None:
    data = intake_data(birth)
    del data[f"doc_{birth.documents.get(name='Giấy tờ về cư trú').pk}"]
    response = desk.post(form_url(world, birth), data)
    page = desk.get(response["Location"]).content.decode()
    assert "Giấy chứng sinh" in page and "Giấy tờ về cư trú" not in page


def test_a_handler_cannot_open_the_intake_page(client: Client, birth, world) -> None:
    client.force_login(world.handler)
    page = client.get(reverse("dossiers:counter"))
    assert page.status_code == 403
    assert "chỉ dành cho cán bộ tiếp nhận" in page.content.decode()
    assert client.get(form_url(world, birth)).status_code == 403
    assert client.post(form_url(world, birth), intake_data(birth)).status_code == 403
    assert Dossier.objects.count() == 0


def test_the_intake_page_requires_login(client: Client, world) -> None:
    response = client.get(reverse("dossiers:counter"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_officer_of_another_commune_cannot_receive_for_this_commune(
    client: Client, birth, world
) -> None:
    client.force_login(world.outsider)  # a receiver, but in the other commune
    assert client.get(form_url(world, birth)).status_code == 404
    assert client.post(form_url(world, birth), intake_data(birth)).status_code == 404
    assert client.get(reverse("dossiers:counter"), {"don_vi": world.commune.pk}).status_code == 404
    assert Dossier.objects.count() == 0


def test_a_procedure_not_offered_at_the_unit_is_not_found(desk: Client, world) -> None:
    elsewhere = make_procedure(code="2.000001", name="Cấp giấy phép xây dựng")
    url = reverse("dossiers:counter_form", args=[world.commune.pk, elsewhere.procedure_id])
    assert desk.get(url).status_code == 404


def test_a_receiver_of_two_units_chooses_the_unit_first(client: Client, birth, world) -> None:
    officer = make_staff("haidonvi", world.commune, Role.RECEIVER)
    officer.memberships.create(unit=world.other_commune, role=Role.RECEIVER)
    client.force_login(officer)
    chooser = client.get(reverse("dossiers:counter")).content.decode()
    assert "Chọn đơn vị tiếp nhận" in chooser
    assert world.commune.name in chooser and world.other_commune.name in chooser
    page = client.get(reverse("dossiers:counter"), {"don_vi": world.commune.pk, "q": "khai sinh"})
    assert form_url(world, birth) in page.content.decode()


def test_incomplete_papers_get_mau_02_at_the_counter_without_any_dossier(
    desk: Client, birth, world
) -> None:
    data = intake_data(birth, action="guide", guide_items="Bản sao giấy đăng ký kết hôn\n\n")
    del data[f"doc_{birth.documents.get(name='Giấy chứng sinh').pk}"]
    data["guide_reason"] = "Giấy chứng sinh chưa có"
    page = desk.post(form_url(world, birth), data)
    text = page.content.decode()
    assert page.status_code == 200 and "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "Nguyễn Văn An" in text and "Đăng ký khai sinh" in text
    assert "Giấy chứng sinh" in text and "Bản sao giấy đăng ký kết hôn" in text
    assert "Tờ khai đăng ký khai sinh" not in text.split("PHIẾU YÊU CẦU")[1]  # it was ticked
    assert "Mã hồ sơ" not in text
    assert not Dossier.objects.exists() and not DossierCodeCounter.objects.exists()


def test_a_guidance_with_nothing_to_ask_for_or_no_name_is_refused_and_the_form_kept(
    desk: Client, birth, world
) -> None:
    complete = desk.post(form_url(world, birth), intake_data(birth, action="guide"))
    assert complete.status_code == 200 and "Không có nội dung cần bổ sung" in (
        complete.content.decode()
    )
    nameless = intake_data(birth, action="guide", applicant_name="", guide_items="Ảnh 4x6")
    page = desk.post(form_url(world, birth), nameless).content.decode()
    assert "Nhập họ tên người nộp để in phiếu hướng dẫn" in page and "Ảnh 4x6" in page
    assert not Dossier.objects.exists()

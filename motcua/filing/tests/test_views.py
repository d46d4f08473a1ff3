"""The filing pages through Django's test client: what the filer sees and what is stored."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from motcua.catalog.models import OnlineLevel, ProcedureVersion
from motcua.dossiers import workflow
from motcua.dossiers.links import supplement_token
from motcua.dossiers.models import Dossier, DossierStatus
from motcua.filing.models import Filing, FilingStatus
from motcua.filing.tests.conftest import CITIZEN_ID, CITIZEN_PHONE, Clock, Online, last_code, pdf

pytestmark = pytest.mark.django_db

NS = "portal:filing"


def url(name: str, *args: object) -> str:
    return reverse(f"{NS}:{name}", args=args)


def verify(client: Client, online: Online, contact: str = CITIZEN_PHONE) -> None:
    draft = url("draft", online.procedure_pk)
    client.post(url("send_code"), {"contact": contact, "next": draft})
    response = client.post(url("verify"), {"code": last_code(contact)})
    assert response.status_code == 302 and response["Location"] == draft


def draft_data(online: Online, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Nguyễn Văn An", "personal_id": CITIZEN_ID, "phone": "", "email": "",
        "address": "Ấp 3, xã Lộc Thuận", "receiving_unit": online.world.commune.pk,
        "them-ngay_sinh": "20/02/2026", "them-so_con": "1", "them-gioi_tinh": "Nam",
        f"tep-{online.form_doc.pk}": pdf(),
    }  # fmt: skip
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def filed(client: Client, online: Online) -> Dossier:
    verify(client, online)
    client.post(url("draft", online.procedure_pk), draft_data(online))
    filing = Filing.objects.get()
    client.post(url("submit", online.procedure_pk), {"filing": filing.pk})
    return Dossier.objects.get()


def test_an_unknown_procedure_says_so(client: Client, online: Online) -> None:
    response = client.get(url("start", 999_999))
    assert response.status_code == 404
    assert "Không tìm thấy thủ tục này" in response.content.decode()


def test_a_procedure_not_offered_online_says_where_to_file(client: Client, online: Online) -> None:
    ProcedureVersion.objects.filter(pk=online.world.version.pk).update(
        online_level=OnlineLevel.NONE
    )
    response = client.get(url("start", online.procedure_pk))
    assert response.status_code == 404
    assert "chưa được cung cấp trực tuyến" in response.content.decode()


def test_the_draft_needs_a_verified_contact(client: Client, online: Online) -> None:
    response = client.get(url("draft", online.procedure_pk), follow=True)
    assert "Phiên làm việc đã hết hạn hoặc bạn chưa xác thực" in response.content.decode()
    assert response.redirect_chain[-1][0] == url("start", online.procedure_pk)


def test_a_wrong_code_is_explained_and_the_right_one_opens_the_draft(
    client: Client, online: Online, clock: Clock
) -> None:
    client.post(url("send_code"), {"contact": "0912 345 678", "next": "/"})
    page = client.get(url("verify")).content.decode()
    assert "091****678" in page
    code = last_code(CITIZEN_PHONE)
    wrong = "000000" if code != "000000" else "111111"
    response = client.post(url("verify"), {"code": wrong})
    assert "Mã không đúng. Bạn còn 4 lần thử." in response.content.decode()
    assert client.post(url("verify"), {"code": code}).status_code == 302


def test_resending_too_soon_is_refused_with_a_message(
    client: Client, online: Online, clock: Clock
) -> None:
    client.post(url("send_code"), {"contact": CITIZEN_PHONE, "next": "/"})
    response = client.post(url("resend_code"), follow=True)
    assert "Vui lòng chờ" in response.content.decode()


def test_an_invalid_contact_is_refused_on_the_start_page(client: Client, online: Online) -> None:
    start = url("start", online.procedure_pk)
    response = client.post(url("send_code"), {"contact": "123", "back": start}, follow=True)
    assert "Nhập số điện thoại di động 10 chữ số" in response.content.decode()


def test_the_draft_page_renders_the_extra_fields_and_the_checklist(
    client: Client, online: Online, clock: Clock
) -> None:
    verify(client, online)
    page = client.get(url("draft", online.procedure_pk)).content.decode()
    for text in ("Ngày sinh của trẻ", "Giới tính của trẻ", "Tờ khai", "Giấy chứng nhận kết hôn"):
        assert text in page
    assert 'name="them-ngay_sinh"' in page and 'placeholder="ngày/tháng/năm"' in page


def test_invalid_extra_fields_are_shown_and_kept(
    client: Client, online: Online, clock: Clock
) -> None:
    verify(client, online)
    response = client.post(
        url("draft", online.procedure_pk),
        draft_data(online, **{"them-ngay_sinh": "31/02/2026", "them-gioi_tinh": "Khác"}),
    )
    assert response.status_code == 200
    filing = Filing.objects.get()
    assert filing.extra["ngay_sinh"] == "31/02/2026"
    assert filing.applicant["name"] == "Nguyễn Văn An" and filing.files.count() == 1


def test_a_bad_upload_keeps_the_draft_and_everything_typed(
    client: Client, online: Online, clock: Clock
) -> None:
    verify(client, online)
    fake = SimpleUploadedFile("to-khai.pdf", b"<html>not a pdf</html>")
    response = client.post(
        url("draft", online.procedure_pk), draft_data(online, **{f"tep-{online.form_doc.pk}": fake})
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chỉ nhận tệp PDF, JPEG hoặc PNG" in page
    assert "vẫn được lưu trong hồ sơ nháp" in page
    assert 'value="Nguyễn Văn An"' in page
    filing = Filing.objects.get()
    assert filing.applicant["address"] == "Ấp 3, xã Lộc Thuận" and filing.files.count() == 0


def test_an_oversize_upload_is_refused(
    client: Client, online: Online, clock: Clock, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_UPLOAD_MAX_BYTES = 1024
    verify(client, online)
    big = SimpleUploadedFile("to-khai.pdf", b"%PDF-" + b"0" * 4096)
    response = client.post(
        url("draft", online.procedure_pk), draft_data(online, **{f"tep-{online.form_doc.pk}": big})
    )
    assert "vượt quá dung lượng cho phép" in response.content.decode()


def test_filing_online_ends_on_a_confirmation_with_the_code_and_the_lookup_link(
    client: Client, online: Online, clock: Clock
) -> None:
    verify(client, online)
    response = client.post(url("draft", online.procedure_pk), draft_data(online))
    assert response["Location"] == url("review", online.procedure_pk)
    review = client.get(url("review", online.procedure_pk)).content.decode()
    assert "Nguyễn Văn An" in review and "20/02/2026" not in review and "2026-02-20" in review
    filing = Filing.objects.get()
    response = client.post(url("submit", online.procedure_pk), {"filing": filing.pk}, follow=True)
    dossier = Dossier.objects.get()
    page = response.content.decode()
    assert dossier.code in page and 'href="/tra-cuu/"' in page
    assert dossier.status == DossierStatus.SUBMITTED and dossier.applicant_phone == CITIZEN_PHONE


def test_a_double_clicked_submit_creates_one_dossier(
    client: Client, online: Online, clock: Clock
) -> None:
    verify(client, online)
    client.post(url("draft", online.procedure_pk), draft_data(online))
    filing = Filing.objects.get()
    first = client.post(url("submit", online.procedure_pk), {"filing": filing.pk})
    second = client.post(url("submit", online.procedure_pk), {"filing": filing.pk})
    assert first["Location"] == second["Location"]
    assert Dossier.objects.count() == 1


def test_an_incomplete_draft_cannot_be_submitted(
    client: Client, online: Online, clock: Clock
) -> None:
    verify(client, online)
    client.post(url("draft", online.procedure_pk), draft_data(online, name=""))
    review = client.get(url("review", online.procedure_pk)).content.decode()
    assert "Hồ sơ chưa nộp được" in review and "Nộp hồ sơ</button>" not in review
    filing = Filing.objects.get()
    response = client.post(url("submit", online.procedure_pk), {"filing": filing.pk}, follow=True)
    assert "Chưa nhập họ tên" in response.content.decode()
    assert not Dossier.objects.exists()


def test_someone_else_cannot_submit_a_draft(client: Client, online: Online, clock: Clock) -> None:
    verify(client, online)
    client.post(url("draft", online.procedure_pk), draft_data(online))
    filing = Filing.objects.get()
    other = Client()
    verify(other, online, "0987654321")
    other.post(url("submit", online.procedure_pk), {"filing": filing.pk})
    assert not Dossier.objects.exists()


def test_a_session_that_expires_mid_filing_loses_nothing(
    client: Client, online: Online, clock: Clock
) -> None:
    verify(client, online)
    client.post(url("draft", online.procedure_pk), draft_data(online, address=""))
    client.session.flush()
    client.cookies.pop("sessionid", None)
    response = client.post(
        url("draft", online.procedure_pk),
        draft_data(online, address="Số 5, ấp Phú Long", **{f"tep-{online.form_doc.pk}": None}),
        follow=True,
    )
    assert "Phiên làm việc đã hết hạn" in response.content.decode()
    clock.set(clock.moment + dt.timedelta(minutes=30))
    verify(client, online)
    page = client.get(url("draft", online.procedure_pk)).content.decode()
    assert "Số 5, ấp Phú Long" in page and "to-khai.pdf" in page
    filing = Filing.objects.get()
    assert filing.applicant["address"] == "Số 5, ấp Phú Long"


def test_removing_a_file_from_the_draft(client: Client, online: Online, clock: Clock) -> None:
    verify(client, online)
    client.post(url("draft", online.procedure_pk), draft_data(online))
    row = Filing.objects.get().files.get()
    client.post(url("detach", online.procedure_pk, row.pk))
    assert not Filing.objects.get().files.exists()


# -- after submission --------------------------------------------------------------------------


def test_the_filer_sees_that_the_officer_accepted(
    client: Client, online: Online, clock: Clock
) -> None:
    dossier = filed(client, online)
    workflow.accept_online(dossier=dossier, actor=online.world.receiver)
    page = client.get(url("follow", dossier.code)).content.decode()
    assert "Được tiếp nhận" in page and "Hẹn trả kết quả" in page


def test_the_filer_sees_a_refusal_with_its_reasons(
    client: Client, online: Online, clock: Clock
) -> None:
    dossier = filed(client, online)
    workflow.refuse(
        dossier=dossier, actor=online.world.receiver, reasons=["Không thuộc thẩm quyền"]
    )
    page = client.get(url("follow", dossier.code)).content.decode()
    assert "Không được tiếp nhận" in page and "Không thuộc thẩm quyền" in page


def test_the_filer_supplements_online_what_is_missing(
    client: Client, online: Online, clock: Clock
) -> None:
    dossier = filed(client, online)
    workflow.request_supplement(
        dossier=dossier, actor=online.world.receiver,
        missing=["Giấy chứng sinh", "Bản sao CCCD của mẹ"], reason="Thiếu giấy tờ bắt buộc",
    )  # fmt: skip
    page = client.get(url("follow", dossier.code)).content.decode()
    for text in ("Yêu cầu bổ sung giấy tờ", "Giấy chứng sinh", "Bản sao CCCD của mẹ",
                 "Thiếu giấy tờ bắt buộc"):  # fmt: skip
        assert text in page
    bad = client.post(url("supplement", dossier.code), {"tep": SimpleUploadedFile("a.pdf", b"x")})
    assert bad.status_code == 400 and "Chỉ nhận tệp PDF" in bad.content.decode()
    response = client.post(
        url("supplement", dossier.code), {"tep": [pdf("chung-sinh.pdf"), pdf("cccd.pdf")]},
        follow=True,
    )  # fmt: skip
    assert "Đã gửi giấy tờ bổ sung" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED
    assert dossier.attachments.filter(kind="supplement").count() == 2


def test_a_stranger_must_prove_the_dossiers_contact(
    client: Client, online: Online, clock: Clock
) -> None:
    dossier = filed(client, online)
    stranger = Client()
    page = stranger.get(url("follow", dossier.code)).content.decode()
    assert "Xác thực để xem hồ sơ" in page and "Nguyễn Văn An" not in page
    verify(stranger, online, "0987654321")
    assert "Xác thực để xem hồ sơ" in stranger.get(url("follow", dossier.code)).content.decode()
    response = stranger.post(url("supplement", dossier.code), {"tep": pdf()})
    assert "Xác thực để xem hồ sơ" in response.content.decode()


def test_the_signed_link_in_a_supplement_notice_opens_the_dossier_until_answered(
    client: Client, online: Online, clock: Clock
) -> None:
    dossier = filed(client, online)
    workflow.request_supplement(dossier=dossier, actor=online.world.receiver, missing=["Tờ khai"])
    dossier.refresh_from_db()
    token = supplement_token(dossier)
    visitor = Client()
    page = visitor.get(url("signed_link", token), follow=True).content.decode()
    assert "Giấy tờ cần bổ sung" in page
    assert "không hợp lệ" in Client().get(url("signed_link", "abc"), follow=True).content.decode()
    workflow.supplement_received(dossier=dossier, actor=None)
    workflow.request_supplement(dossier=dossier, actor=online.world.receiver, missing=["Ảnh"])
    stale = Client().get(url("signed_link", token), follow=True).content.decode()
    assert "không hợp lệ hoặc đã hết hạn" in stale


def test_my_dossiers_lists_the_dossiers_of_the_verified_contact(
    client: Client, online: Online, clock: Clock
) -> None:
    dossier = filed(client, online)
    page = client.get(url("follow_home")).content.decode()
    assert dossier.code in page and "Mới đăng ký" in page


# -- assisted filing -------------------------------------------------------------------------


def test_assisted_filing_needs_a_login(client: Client, online: Online) -> None:
    response = client.get(url("assisted_draft", online.procedure_pk))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_an_officer_of_another_commune_cannot_assist_here(
    client: Client, online: Online, clock: Clock
) -> None:
    client.force_login(online.world.outsider)
    assert client.get(url("assisted_draft", online.procedure_pk)).status_code == 404


@pytest.mark.parametrize("helper", ["digital", "receiver"])
def test_a_helper_files_for_a_citizen_without_a_code_and_is_recorded(
    client: Client, online: Online, clock: Clock, helper: str
) -> None:
    user = online.digital if helper == "digital" else online.world.receiver
    client.force_login(user)
    data = draft_data(online, citizen_contact="0987 654 321")
    response = client.post(url("assisted_draft", online.procedure_pk), data)
    assert response["Location"] == url("assisted_review", online.procedure_pk)
    filing = Filing.objects.get()
    client.post(url("assisted_submit", online.procedure_pk), {"filing": filing.pk})
    dossier = Dossier.objects.get()
    assert dossier.assisted_by == user and dossier.applicant_phone == "0987654321"
    filing.refresh_from_db()
    assert filing.status == FilingStatus.SUBMITTED


def test_the_supplement_notice_carries_the_link_when_the_public_address_is_set(
    client: Client, online: Online, clock: Clock, settings
) -> None:  # type: ignore[no-untyped-def]
    from motcua.dossiers.models import OutboxMessage

    def notice() -> str:
        return str(OutboxMessage.objects.filter(dossier=dossier).latest("pk").body)

    dossier = filed(client, online)
    settings.MOTCUA_PUBLIC_URL = ""
    workflow.request_supplement(dossier=dossier, actor=online.world.receiver, missing=["Tờ khai"])
    assert "Tờ khai" in notice() and "http" not in notice()
    workflow.supplement_received(dossier=dossier, actor=None)
    settings.MOTCUA_PUBLIC_URL = "https://dichvucong.example.gov.vn"
    workflow.request_supplement(dossier=dossier, actor=online.world.receiver, missing=["Ảnh"])
    link = notice().split("Bổ sung trực tuyến: ")[1].strip()
    assert link.startswith("https://dichvucong.example.gov.vn/nop-truc-tuyen/bo-sung/")
    page = Client().get(link.removeprefix(settings.MOTCUA_PUBLIC_URL), follow=True)
    assert "Giấy tờ cần bổ sung" in page.content.decode() and dossier.code in page.content.decode()

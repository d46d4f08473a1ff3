"""Printed forms (Mẫu 01–06) and the register (Mẫu 07) as pages, PDF and Excel."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from motcua.catalog.models import ProcedureOffering
from motcua.catalog.tests.factories import make_procedure
from motcua.dossiers import workflow
from motcua.dossiers.models import Dossier, DossierStatus
from motcua.dossiers.tests.conftest import Clock, World, at
from motcua.dossiers.tests.factories import APPLICANT, in_status, received


def html(number: int, dossier: Dossier) -> str:
    return reverse("dossiers:form", args=[dossier.pk, number])


def pdf(number: int, dossier: Dossier) -> str:
    return reverse("dossiers:form_pdf", args=[dossier.pk, number])


@pytest.fixture
def desk(client: Client, world: World) -> Client:
    client.force_login(world.receiver)
    return client


def test_form_urls_keep_the_two_digit_legal_number(world: World) -> None:
    dossier = received(world)
    assert html(1, dossier) == f"/ho-so/{dossier.pk}/mau-01/"
    assert pdf(6, dossier) == f"/ho-so/{dossier.pk}/mau-06.pdf"


def test_mau_01_page_has_the_appointment_to_the_minute_the_qr_and_a_pdf_link(
    desk: Client, world: World
) -> None:
    dossier = received(world)
    page = desk.get(html(1, dossier)).content.decode()
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in page
    assert "09 giờ 00 phút, ngày 05 tháng 03 năm 2026" in page  # 3 working days from Mon 09:00
    assert "<svg" in page and f"http://testserver/tra-cuu/{dossier.code}/" in page
    assert f'href="{pdf(1, dossier)}"' in page
    assert "@media print" in page


@pytest.mark.parametrize("number", [1, 6])
def test_form_pdf_is_a_pdf(desk: Client, world: World, number: int) -> None:
    response = desk.get(pdf(number, received(world)))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("number", [2, 3, 4, 5])
def test_a_form_outside_the_dossiers_history_is_404_with_a_reason(
    desk: Client, world: World, number: int
) -> None:
    dossier = received(world)
    for url in (html(number, dossier), pdf(number, dossier)):
        response = desk.get(url)
        assert response.status_code == 404
        assert f"không có Mẫu {number:02d}" in response.content.decode()
        assert html(1, dossier) in response.content.decode()  # what exists instead


def test_mau_02_exists_once_a_supplement_was_requested(desk: Client, world: World) -> None:
    dossier = in_status(world, DossierStatus.SUPPLEMENT_REQUESTED)
    page = desk.get(html(2, dossier))
    assert page.status_code == 200
    assert "Tờ khai" in page.content.decode()
    assert desk.get(pdf(2, dossier)).content.startswith(b"%PDF")


def test_mau_03_and_05_follow_refusal_and_withdrawal(desk: Client, world: World) -> None:
    refused = in_status(world, DossierStatus.REFUSED)
    withdrawn = in_status(world, DossierStatus.WITHDRAWN)
    assert desk.get(html(3, refused)).status_code == 200
    assert desk.get(html(5, withdrawn)).status_code == 200
    assert desk.get(html(5, refused)).status_code == 404


def test_an_unknown_form_number_is_not_routed(desk: Client, world: World) -> None:
    dossier = received(world)
    assert desk.get(f"/ho-so/{dossier.pk}/mau-07/").status_code == 404
    assert desk.get(f"/ho-so/{dossier.pk}/mau-1/").status_code == 404


def test_an_officer_of_another_commune_gets_404_on_every_print_url(
    client: Client, world: World
) -> None:
    dossier = in_status(world, DossierStatus.SUPPLEMENT_REQUESTED)
    client.force_login(world.outsider)
    for number in range(1, 7):
        assert client.get(html(number, dossier)).status_code == 404, number
        assert client.get(pdf(number, dossier)).status_code == 404, number
    for name in ("register", "register_xlsx", "register_pdf"):
        assert (
            client.get(reverse(f"dossiers:{name}"), {"unit": world.commune.pk}).status_code == 404
        )


# -- Mẫu 07 ------------------------------------------------------------------------------------


@pytest.fixture
def book(world: World, clock: Clock) -> dict[str, Dossier]:
    """Three dossiers at the commune on two days and two procedures, one at another commune."""
    marriage = make_procedure(code="1.000894", name="Đăng ký kết hôn")
    ProcedureOffering.objects.create(procedure=marriage.procedure, unit=world.commune)
    first = received(world)
    clock.set(at(2026, 3, 3, 10, 15))
    second = workflow.forward(dossier=received(world), actor=world.receiver)
    third = workflow.receive(
        actor=world.receiver, version=marriage, receiving_unit=world.commune, applicant=APPLICANT
    )
    elsewhere = workflow.receive(
        actor=world.outsider, version=world.version, receiving_unit=world.other_commune,
        applicant=APPLICANT,
    )  # fmt: skip
    return {"first": first, "second": second, "third": third, "elsewhere": elsewhere}


@pytest.fixture
def clerk(client: Client, world: World, book) -> Client:
    """The receiver, logged in after the book was written (sessions last one working day)."""
    client.force_login(world.receiver)
    return client


def codes_on(page: str, book: dict[str, Dossier]) -> set[str]:
    return {key for key, dossier in book.items() if dossier.code in page}


def test_register_lists_the_units_received_dossiers(clerk: Client, book) -> None:
    page = clerk.get(reverse("dossiers:register")).content.decode()
    assert codes_on(page, book) == {"first", "second", "third"}
    assert '<th scope="col">Mã hồ sơ</th>' in page


def test_register_on_screen_goes_page_by_page_numbered_as_the_whole_register(
    clerk: Client, book, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("motcua.dossiers.printing.REGISTER_PAGE_SIZE", 2)
    first = clerk.get(reverse("dossiers:register")).content.decode()
    second = clerk.get(reverse("dossiers:register"), {"trang": "2"}).content.decode()
    assert codes_on(first, book) == {"first", "second"}  # in order of receipt
    assert codes_on(second, book) == {"third"}
    assert "3 hồ sơ — trang 2/2, số thứ tự 3–3" in second
    assert "<td>3</td>" in second  # the third row keeps its number in the register
    assert "Trang sau" in first and "Trang trước" in second


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"received_from": "2026-03-03"}, {"second", "third"}),
        ({"received_to": "2026-03-02"}, {"first"}),
        ({"status": "4"}, {"second"}),
        ({"status": "2"}, {"first", "third"}),
        ({"procedure": "MARRIAGE"}, {"third"}),
    ],
    ids=["from", "to", "national-status-4", "national-status-2", "procedure"],
)
def test_register_filters(clerk: Client, world: World, book, filters, expected) -> None:
    if filters.get("procedure") == "MARRIAGE":
        filters = {"procedure": book["third"].procedure_version.procedure_id}
    query = {"unit": world.commune.pk, **filters}
    page = clerk.get(reverse("dossiers:register"), query).content.decode()
    assert codes_on(page, book) == expected


def test_register_xlsx_opens_with_one_row_per_dossier(clerk: Client, world: World, book) -> None:
    response = clerk.get(reverse("dossiers:register_xlsx"), {"received_from": "2026-03-03"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1] == "Mã hồ sơ"
    assert sorted(str(row[1]) for row in rows[1:]) == sorted(
        [book["second"].code, book["third"].code]
    )


def test_register_pdf_is_a_pdf(clerk: Client, book) -> None:
    response = clerk.get(reverse("dossiers:register_pdf"), {"status": "2"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_register_rejects_a_period_that_ends_before_it_starts(clerk: Client, book) -> None:
    page = clerk.get(
        reverse("dossiers:register"), {"received_from": "2026-03-05", "received_to": "2026-03-01"}
    ).content.decode()
    assert "Ngày kết thúc phải sau ngày bắt đầu." in page

"""The applicant asks online to withdraw a dossier not yet decided; the one-stop desk confirms
it and Mẫu 05 follows (NĐ 118/2025, issue 9 §3)."""

from django.test import Client
from django.urls import reverse

from motcua.dossiers import workflow
from motcua.dossiers.models import DossierEvent, DossierStatus, OutboxMessage
from motcua.dossiers.printing import status_url_for
from motcua.portal.tests.conftest import World, received


def look_up(client: Client, code: str, factor: str = "4567") -> None:
    client.post("/tra-cuu/", {"code": code, "factor": factor})


def ask(client: Client, code: str, factor: str = "4567", reason: str = "Không còn nhu cầu"):  # type: ignore[no-untyped-def]
    url = reverse("portal:request_withdrawal", args=[code])
    return client.post(url, {"factor": factor, "reason": reason})


def test_the_applicant_asks_to_withdraw_and_the_desk_confirms(world: World, client: Client) -> None:
    dossier = workflow.forward(dossier=received(world), actor=world.receiver)
    look_up(client, dossier.code)
    page = client.get(f"/tra-cuu/{dossier.code}/").content.decode()
    assert "Gửi đề nghị rút hồ sơ" in page

    response = ask(client, dossier.code)

    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.FORWARDED  # nothing ends until the desk confirms
    assert dossier.withdrawal_requested_at is not None
    event = DossierEvent.objects.get(dossier=dossier, action="request_withdrawal")
    assert event.actor is None and event.actor_label == "Người nộp hồ sơ"
    assert event.note == "Không còn nhu cầu"
    page = client.get(f"/tra-cuu/{dossier.code}/").content.decode()
    assert "Ông/bà đã gửi đề nghị rút hồ sơ lúc" in page
    assert "Gửi đề nghị rút hồ sơ" not in page  # asked once

    desk = Client()
    desk.force_login(world.receiver)
    inbox = desk.get(reverse("dossiers:inbox"), {"ngan": "de-nghi-rut"}).content.decode()
    assert dossier.code in inbox and "Đề nghị rút hồ sơ" in inbox
    form = desk.get(reverse("dossiers:withdraw", args=[dossier.pk])).content.decode()
    assert "Công dân đã đề nghị rút hồ sơ trực tuyến" in form and "Không còn nhu cầu" in form
    done = desk.post(
        reverse("dossiers:withdraw", args=[dossier.pk]),
        {"request_date": "2026-03-02", "note": "Không còn nhu cầu", "confirm": "on"},
    )
    assert done.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.WITHDRAWN
    told = OutboxMessage.objects.filter(dossier=dossier, subject__contains="dừng giải quyết")
    assert told.exists() and "Theo đề nghị rút hồ sơ của ông/bà" in told.first().body  # type: ignore[union-attr]
    notice = desk.get(reverse("dossiers:form", args=[dossier.pk, 5])).content.decode()
    assert "Ngày 02/03/2026, ông/bà đã có yêu cầu rút hồ sơ" in notice
    assert (
        dossier.code
        not in desk.get(reverse("dossiers:inbox"), {"ngan": "de-nghi-rut"}).content.decode()
    )


def test_the_second_factor_is_asked_again_even_after_the_qr_code(
    world: World, client: Client
) -> None:
    dossier = received(world)
    client.get(status_url_for(dossier, "http://testserver/"))  # the QR code grants the page
    wrong = ask(client, dossier.code, factor="0000")
    assert wrong.status_code == 403 and "4 chữ số không đúng." in wrong.content.decode()
    empty = ask(client, dossier.code, reason="  ")
    assert empty.status_code == 400 and "Vui lòng ghi lý do rút hồ sơ." in empty.content.decode()
    dossier.refresh_from_db()
    assert dossier.withdrawal_requested_at is None
    assert not DossierEvent.objects.filter(dossier=dossier, action="request_withdrawal").exists()


def test_nobody_without_the_lookup_can_ask(world: World, client: Client) -> None:
    dossier = received(world)
    response = ask(client, dossier.code)
    assert response.status_code == 302 and response["Location"] == f"/tra-cuu/{dossier.code}/"
    dossier.refresh_from_db()
    assert dossier.withdrawal_requested_at is None


def test_a_signed_dossier_cannot_be_withdrawn(world: World, client: Client) -> None:
    dossier = workflow.forward(dossier=received(world), actor=world.receiver)
    dossier = workflow.assign(dossier=dossier, actor=world.head, assignee=world.handler)
    dossier = workflow.approve(dossier=dossier, actor=world.signer)
    look_up(client, dossier.code)
    assert "Gửi đề nghị rút hồ sơ" not in client.get(f"/tra-cuu/{dossier.code}/").content.decode()
    response = ask(client, dossier.code)
    assert response.status_code == 409
    assert "đã có quyết định hoặc kết quả: không thể rút" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.withdrawal_requested_at is None

"""Gateway callbacks: verified by HMAC, applied once; anything else is logged and changes
nothing."""

import pytest
from django.test import Client

from motcua.dossiers.models import DossierStatus
from motcua.dossiers.tests.conftest import World
from motcua.dossiers.tests.factories import in_status, received
from motcua.payments import online
from motcua.payments.gateways import DevelopmentGateway, gateway
from motcua.payments.models import CallbackOutcome, GatewayCallback, OrderStatus, Payment
from motcua.payments.services import amount_due, fees_request
from motcua.payments.tests.conftest import FEE


@pytest.fixture(autouse=True)
def development_gateway(settings: object) -> None:
    settings.MOTCUA_PAYMENT_GATEWAY = "development"  # type: ignore[attr-defined]
    settings.MOTCUA_PAYMENT_GATEWAY_SECRET = "bi-mat-thu-nghiem"  # type: ignore[attr-defined]


def post(body: bytes, signature: str) -> dict[str, object]:
    response = Client().post(
        "/thanh-toan-truc-tuyen/thong-bao/development/", body,
        content_type="application/json", headers={"X-Signature": signature},
    )  # fmt: skip
    assert response.status_code == 200
    return dict(response.json())


def signed(
    order_id: str, amount: int = FEE, success: bool = True, tx: str = "TX-1"
) -> tuple[bytes, str]:
    dev = gateway()
    assert isinstance(dev, DevelopmentGateway)
    body = dev.callback_body(
        order_id=order_id, transaction_id=tx, amount_vnd=amount, success=success
    )
    return body, dev.sign(body)


def test_a_signed_success_pays_and_resumes_and_a_repeat_changes_nothing(world: World) -> None:
    dossier = in_status(world, DossierStatus.IN_PROCESS)
    fees_request(dossier=dossier, actor=world.everyone)
    order = online.order_create(dossier=dossier)
    body, signature = signed(order.order_id)
    assert post(body, signature)["outcome"] == CallbackOutcome.PAID
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.IN_PROCESS and amount_due(dossier) == 0
    event = dossier.events.get(action="record_payment")
    assert event.actor is None and event.payload["method"] == "gateway"

    assert post(body, signature)["outcome"] == CallbackOutcome.DUPLICATE
    assert Payment.objects.count() == 1 and dossier.events.filter(action="resume").count() == 1


def test_a_bad_signature_is_logged_and_changes_nothing(world: World) -> None:
    dossier = received(world)
    order = online.order_create(dossier=dossier)
    body, _ = signed(order.order_id)
    assert post(body, "0" * 64)["outcome"] == CallbackOutcome.BAD_SIGNATURE
    tampered, signature = signed(order.order_id, amount=1)
    assert (
        post(tampered.replace(b'"amount_vnd": 1', b'"amount_vnd": 50000'), signature)["outcome"]
        == CallbackOutcome.BAD_SIGNATURE
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING and not Payment.objects.exists()
    assert GatewayCallback.objects.filter(outcome=CallbackOutcome.BAD_SIGNATURE).count() == 2


def test_an_unknown_order_is_logged_and_answered(world: World) -> None:
    body, signature = signed("khong-co")
    assert post(body, signature)["outcome"] == CallbackOutcome.UNKNOWN
    assert not Payment.objects.exists()


def test_a_callback_for_an_already_paid_dossier_changes_nothing(world: World) -> None:
    from motcua.payments.services import payment_record

    dossier = received(world)
    order = online.order_create(dossier=dossier)
    payment_record(dossier=dossier, actor=world.receiver, amount_vnd=FEE, method="cash",
                   reference="BL-1")  # fmt: skip
    body, signature = signed(order.order_id, tx="TX-late")
    assert post(body, signature)["outcome"] == CallbackOutcome.NOTHING_DUE
    assert Payment.objects.count() == 1 and amount_due(dossier) == 0


def test_a_failure_marks_the_order_failed_only(world: World) -> None:
    dossier = received(world)
    order = online.order_create(dossier=dossier)
    body, signature = signed(order.order_id, success=False)
    assert post(body, signature)["outcome"] == CallbackOutcome.FAILED
    order.refresh_from_db()
    assert order.status == OrderStatus.FAILED and amount_due(dossier) == FEE


def test_the_production_default_has_no_gateway(settings: object, world: World) -> None:
    settings.MOTCUA_PAYMENT_GATEWAY = "none"  # type: ignore[attr-defined]
    body = b'{"order_id": "x"}'
    assert post(body, "")["outcome"] == CallbackOutcome.UNKNOWN


def test_a_callback_for_an_unknown_gateway_of_any_length_is_logged(world: World) -> None:
    name = "1180591620717411303424" * 3  # found by the every-URL test on PostgreSQL
    response = Client().post(
        f"/thanh-toan-truc-tuyen/thong-bao/{name}/", b"{}", content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["outcome"] == CallbackOutcome.UNKNOWN
    logged = GatewayCallback.objects.get()
    assert name.startswith(logged.gateway) and len(logged.gateway) == 20

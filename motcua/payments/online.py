"""Paying online through a gateway: an order per attempt, then the gateway's signed callback.

A callback is handled once: a repeat, an unknown order, a dossier with nothing left to pay or
a bad signature is logged (GatewayCallback) and answered without changing anything else."""

import logging
import secrets

from django.db import transaction
from django.utils import timezone

from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import WorkflowError
from motcua.payments.gateways import Gateway, gateway
from motcua.payments.models import (
    CallbackOutcome,
    GatewayCallback,
    GatewayOrder,
    OrderStatus,
    Payment,
    PaymentMethod,
)
from motcua.payments.services import PaymentError, amount_due, payment_record

log = logging.getLogger(__name__)


def order_create(*, dossier: Dossier) -> GatewayOrder:
    """An order for everything the dossier still owes."""
    active = gateway()
    if active is None:
        raise PaymentError("Chưa có cổng thanh toán trực tuyến.", code="unavailable")
    due = amount_due(dossier)
    if due == 0:
        raise PaymentError(f"Hồ sơ {dossier.code} không còn khoản phí nào phải nộp.", "nothing")
    return GatewayOrder.objects.create(
        dossier=dossier, order_id=secrets.token_hex(10), gateway=active.name, amount_vnd=due,
        status=OrderStatus.PENDING, created_at=timezone.now(),
    )  # fmt: skip


def callback_handle(gateway_name: str, body: bytes, signature: str) -> str:
    """Verify and apply a gateway's callback; returns what was done (a CallbackOutcome)."""
    active = gateway()
    if active is None or active.name != gateway_name:
        return _logged(gateway_name, "", "", CallbackOutcome.UNKNOWN)
    callback = active.read_callback(body, signature)
    if callback is None:
        return _logged(gateway_name, "", "", CallbackOutcome.BAD_SIGNATURE)
    with transaction.atomic():
        order = (
            GatewayOrder.objects.select_for_update()
            .filter(order_id=callback.order_id, gateway=gateway_name)
            .first()
        )
        outcome = _apply(active, order, callback.transaction_id, callback.amount_vnd,
                         callback.success)  # fmt: skip
    return _logged(gateway_name, callback.order_id, callback.transaction_id, outcome)


def _apply(
    active: Gateway, order: GatewayOrder | None, transaction_id: str, amount: int, success: bool
) -> CallbackOutcome:
    if order is None or amount != order.amount_vnd:
        return CallbackOutcome.UNKNOWN
    if (
        order.status != OrderStatus.PENDING
        or Payment.objects.filter(method=PaymentMethod.GATEWAY, reference=transaction_id).exists()
    ):
        return CallbackOutcome.DUPLICATE
    if not success:
        order.status = OrderStatus.FAILED
        order.save(update_fields=["status"])
        return CallbackOutcome.FAILED
    try:
        payment_record(
            dossier=order.dossier, actor=None, amount_vnd=amount,
            method=PaymentMethod.GATEWAY, reference=transaction_id,
        )  # fmt: skip
    except WorkflowError:
        # Paid meanwhile at the counter or by transfer: the gateway must refund this one.
        return CallbackOutcome.NOTHING_DUE
    order.status = OrderStatus.PAID
    order.save(update_fields=["status"])
    return CallbackOutcome.PAID


def _logged(gateway_name: str, order_id: str, transaction_id: str, outcome: str) -> str:
    # The name comes from the URL: an unknown one, however long, is recorded cut to the column.
    width = GatewayCallback._meta.get_field("gateway").max_length or 20
    GatewayCallback.objects.create(
        gateway=gateway_name[:width], received_at=timezone.now(), order_id=order_id[:40],
        transaction_id=transaction_id[:128], outcome=outcome,
    )  # fmt: skip
    # Order and transaction ids only: nothing that names the applicant.
    log.info("payment callback %s order=%s outcome=%s", gateway_name, order_id, outcome)
    return str(outcome)

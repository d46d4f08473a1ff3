"""Online payment gateways behind one small interface, like the SMS backends.

A gateway sends the citizen to its checkout page and later calls us back with the outcome.
The callback is trusted only when its signature checks: here an HMAC-SHA256 of the raw body
with a secret shared with the gateway (a provider's own signature scheme is another subclass).
`development` simulates a gateway inside the app: success, failure, and a callback that
arrives after the citizen is back on the status page.
"""

import hashlib
import hmac
import json
from abc import ABC, abstractmethod
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

SIGNATURE_HEADER = "X-Signature"


@dataclass(frozen=True)
class Callback:
    order_id: str
    transaction_id: str
    amount_vnd: int
    success: bool


class Gateway(ABC):
    name: str

    @abstractmethod
    def checkout_url(self, order_id: str) -> str: ...

    @abstractmethod
    def read_callback(self, body: bytes, signature: str) -> Callback | None:
        """The callback's content, or None when its signature does not check."""


class HmacGateway(Gateway):
    """Callbacks as a JSON body signed with HMAC-SHA256 in the X-Signature header (hex)."""

    def __init__(self, secret: str) -> None:
        self.secret = secret.encode()

    def sign(self, body: bytes) -> str:
        return hmac.new(self.secret, body, hashlib.sha256).hexdigest()

    def read_callback(self, body: bytes, signature: str) -> Callback | None:
        if not hmac.compare_digest(self.sign(body), signature.strip().lower()):
            return None
        try:
            data = json.loads(body)
            return Callback(
                order_id=str(data["order_id"]),
                transaction_id=str(data["transaction_id"])[:128],
                amount_vnd=int(data["amount_vnd"]),
                success=data["status"] == "success",
            )
        except (ValueError, KeyError, TypeError):
            return None


class DevelopmentGateway(HmacGateway):
    """A pretend gateway served by this app (/thanh-toan-truc-tuyen/thu-nghiem/…)."""

    name = "development"

    def checkout_url(self, order_id: str) -> str:
        return reverse("payments_public:dev_checkout", args=[order_id])

    def callback_body(self, *, order_id: str, transaction_id: str, amount_vnd: int,
                      success: bool) -> bytes:  # fmt: skip
        status = "success" if success else "failed"
        data = {"order_id": order_id, "transaction_id": transaction_id,
                "amount_vnd": amount_vnd, "status": status}  # fmt: skip
        return json.dumps(data, sort_keys=True).encode()


def gateway() -> Gateway | None:
    """The configured gateway (MOTCUA_PAYMENT_GATEWAY), None when online payment is off."""
    if settings.MOTCUA_PAYMENT_GATEWAY == "development":
        return DevelopmentGateway(settings.MOTCUA_PAYMENT_GATEWAY_SECRET)
    return None

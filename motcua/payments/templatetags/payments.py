"""{% fee_panel dossier %}: what is owed and how to pay (VietQR), for the portal's status page,
the online filing flow and Mẫu 01; `dong` for amounts.

The system checks import every template tag library (the admin's check of the template
engine), so what the panel needs — the payment services, and through them the dossier workflow
— is imported when a panel is drawn, not with this module (bench/startup.py)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from django import template

if TYPE_CHECKING:
    from motcua.dossiers.models import Dossier

register = template.Library()


@register.inclusion_tag("payments/_fee_panel.html")
def fee_panel(dossier: Dossier, pay_url: str = "", printed: bool = False) -> dict[str, Any]:
    """Nothing when nothing is owed; the VietQR only when the unit has a bank account."""
    from motcua.payments import selectors
    from motcua.payments.gateways import gateway
    from motcua.payments.services import fees_of, vnd

    fees = fees_of(dossier) if selectors.may_owe(dossier) else []
    if not fees:  # the panel shows nothing: no payments, account or order to read
        return {"dossier": dossier, "state": None, "printed": printed}
    state = selectors.panel_state(dossier, fees)
    account = selectors.account_of(dossier.receiving_unit) if state.due_vnd else None
    payload = selectors.vietqr_to(account, dossier, state.due_vnd) if account else None
    return {
        "dossier": dossier,
        "state": state,
        "due": vnd(state.due_vnd),
        "paid": vnd(state.paid_vnd),
        "vietqr": _vietqr_svg(payload) if payload else "",
        "account": account,
        "purpose": payload and selectors.purpose_for(dossier),
        "pay_url": pay_url if gateway() is not None and state.due_vnd else "",
        "printed": printed,
        "pending": bool(state.due_vnd) and not printed and selectors.order_pending(dossier),
    }


@functools.lru_cache(maxsize=512)
def _vietqr_svg(payload: str) -> str:
    """The VietQR's SVG, drawn once per payload (account, amount and dossier code) and process:
    a dossier's status page shows the same code until something is paid."""
    from motcua.lib.qr import qr_svg

    return qr_svg(payload, title="VietQR")


@register.filter
def dong(amount: int | None) -> str:
    """12.000 đồng."""
    from motcua.payments.services import vnd

    return vnd(int(amount or 0))

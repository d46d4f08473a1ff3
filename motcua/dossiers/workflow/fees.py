"""Fees in the dossier's log: payments and exemptions are kept by motcua/payments, which calls
these so that every change of what is owed or paid is an event like any other action."""

from typing import Any

from django.db import transaction

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.workflow.core import check, lock, record


def _note(action: str, dossier: Dossier, actor: User | None, note: str, payload: Any) -> Any:
    with transaction.atomic():
        dossier = lock(dossier)
        check(dossier, action, actor)
        return record(dossier, action, actor, from_status=dossier.status, note=note,
                      payload=payload)  # fmt: skip


def record_payment(
    *, dossier: Dossier, actor: User | None, payload: dict[str, Any], note: str = ""
) -> DossierEvent:
    """A payment was received (actor None: confirmed by the gateway, paid by the applicant)."""
    event: DossierEvent = _note("record_payment", dossier, actor, note, payload)
    return event


def exempt_fee(
    *, dossier: Dossier, actor: User, payload: dict[str, Any], note: str
) -> DossierEvent:
    """An officer exempted or reduced a fee; `note` is the reason."""
    event: DossierEvent = _note("exempt_fee", dossier, actor, note, payload)
    return event

"""Sign the result file at issue when the competent body (the deciding unit) has a key.

A signed result is the legal electronic result (DOMAIN.md §6, 766 group 6). The issue event
records the signature: the token of its verification link, the file's digest and the signer."""

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.core.files import File
from django.core.files.base import ContentFile
from django.utils import timezone

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from motcua.lib import signing


def signed_result(
    dossier: Dossier,
    upload: File,
    now: dt.datetime,  # type: ignore[type-arg]
) -> tuple[File | None, dict[str, Any]]:  # type: ignore[type-arg]
    """(the signed file, what the event records), or (None, {}) when it stays unsigned: not a
    PDF, or the deciding unit has no key."""
    upload.seek(0)
    data = upload.read()
    unit = dossier.deciding_unit
    if not signing.is_pdf(data) or not signing.can_sign(unit.code):
        return None, {}
    token = secrets.token_urlsafe(12)
    stamp = signing.Stamp(
        signer=_name(dossier.result_signer) or unit.name, unit=unit.name, at=now,
        url=signing.verification_url(token),
    )  # fmt: skip
    signed = signing.sign_pdf(data, unit_code=unit.code, stamp=stamp)
    if signed is None:
        return None, {}
    record = {"token": token, "sha256": hashlib.sha256(signed).hexdigest(),
              "signer": stamp.signer, "unit": unit.name}  # fmt: skip
    return ContentFile(signed), record


def _name(user: User | None) -> str:
    return (user.full_name or user.username) if user else ""


def signed_form(pdf: bytes, dossier: Dossier, number: int, officer: User) -> bytes:
    """A printed form (Mẫu 01–07) signed by the body that issues it when it has a key: Mẫu 04
    by the competent body (its head apologises), the others by Bộ phận Một cửa."""
    unit = dossier.deciding_unit if number == 4 else dossier.receiving_unit
    if not signing.can_sign(unit.code):
        return pdf
    stamp = signing.Stamp(
        signer=_name(officer), unit=unit.name, at=timezone.now(), url=signing.verification_url("")
    )
    return signing.sign_pdf(pdf, unit_code=unit.code, stamp=stamp) or pdf

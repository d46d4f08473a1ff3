"""Writes and checks of the API layer: API keys, and resolving the codes a client sends."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from motcua.api.models import ApiKey, hash_key
from motcua.catalog.models import Procedure
from motcua.dossiers.models import Dossier


class LinkError(ValidationError):
    """A procedure or dossier code that does not exist."""


def api_key_check(key: str) -> ApiKey | None:
    """The active key matching `key` (its last use recorded), else None."""
    if not key:
        return None
    found = ApiKey.objects.filter(key_hash=hash_key(key), active=True).first()
    if found is not None:
        ApiKey.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    return found


def links(procedure_code: str | None, dossier_code: str | None) -> dict[str, Any]:
    """The Submission fields for the optional procedure and dossier a request names."""
    found: dict[str, Any] = {}
    if procedure_code:
        procedure = Procedure.objects.filter(code=procedure_code.strip()).first()
        if procedure is None:
            raise LinkError(f"Không có thủ tục mã “{procedure_code}”.")
        found["procedure_id"] = procedure.pk
    if dossier_code:
        dossier = Dossier.objects.filter(code=dossier_code.strip()).first()
        if dossier is None:
            raise LinkError(f"Không có hồ sơ mã “{dossier_code}”.")
        found["dossier_id"], found["about_unit"] = dossier.pk, dossier.receiving_unit
    return found

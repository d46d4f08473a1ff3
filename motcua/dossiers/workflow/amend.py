"""Corrections of an application's own data, recorded like every other action."""

from collections.abc import Sequence

from django.db import transaction

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow.core import check, lock, record, require


def amend(*, dossier: Dossier, actor: User, changed: Sequence[str], note: str = "") -> Dossier:
    """Record that the desk corrected the application's data (`changed`: the fields' names).

    The data themselves live with the channel that brought them (e.g. the GovStack application
    file); the event says who changed which fields and when. The status does not move.
    """
    with transaction.atomic():
        dossier = lock(dossier)
        check(dossier, "amend", actor)
        names = sorted({name.strip() for name in changed if name.strip()})
        require(bool(names), "Không có thông tin nào thay đổi.")
        record(
            dossier, "amend", actor, from_status=dossier.status, note=note,
            payload={"changed": names},
        )  # fmt: skip
    return dossier

"""Signed links sent to applicants: a supplement notice opens the dossier's supplement page on
the portal without the dossier code (30 days, and only for the request it answers).

The token is made here, where the notice is written; the portal's filing pages
(`/nop-truc-tuyen/bo-sung/<token>/`, motcua/filing) read it back.
"""

from django.conf import settings
from django.core import signing

from motcua.dossiers.models import Dossier

LINK_SALT = "motcua.filing.supplement-link"
LINK_MAX_AGE = 30 * 24 * 3600
SUPPLEMENT_PATH = "/nop-truc-tuyen/bo-sung/{token}/"


def supplement_token(dossier: Dossier) -> str:
    """A signed token for the supplement notice; it dies with the request it answers."""
    return signing.dumps([dossier.code, dossier.supplement_count], salt=LINK_SALT)


def dossier_code_from_token(token: str) -> str:
    """The dossier code of a valid, current token, else BadSignature."""
    code, number = signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE)
    dossier = Dossier.objects.filter(code=code).first()
    if dossier is None or dossier.supplement_count != number:
        raise signing.BadSignature("stale supplement link")
    return str(code)


def supplement_link(dossier: Dossier) -> str | None:
    """The full link for a notice, when the deployment's public address is configured."""
    base = settings.MOTCUA_PUBLIC_URL
    if not base:
        return None
    return base + SUPPLEMENT_PATH.format(token=supplement_token(dossier))

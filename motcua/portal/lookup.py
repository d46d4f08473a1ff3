"""The public dossier lookup: code + second factor, masking, and who may see which status page.

A visitor sees a dossier's status page once this session has been granted that code, either by
a lookup with the right last four digits or by the signed token of the QR code on Mẫu 01.
Grants live in the (database-backed) session and expire after a few minutes.
"""

import enum
import hmac
import re
import time
from dataclasses import dataclass

from django.contrib.sessions.backends.base import SessionBase

from motcua.dossiers.models import Dossier
from motcua.dossiers.printing import status_token_matches
from motcua.portal import throttle

_SESSION_KEY = "portal.lookups"
PORTAL_GRANT_SECONDS = 30 * 60
# The kiosk is shared by every citizen at the counter: a grant there is short and ends with
# the rating.
KIOSK_GRANT_SECONDS = 3 * 60
_NOT_DIGIT = re.compile(r"\D")


class Outcome(enum.Enum):
    FOUND = "found"
    NOT_FOUND = "not_found"  # unknown code and wrong factor alike: nothing tells them apart
    ADDRESS_LIMITED = "address_limited"
    CODE_LIMITED = "code_limited"  # this address gave too many wrong factors for this code
    CODE_SLOWED = "code_slowed"  # many wrong factors from everywhere: one try a minute


@dataclass(frozen=True)
class Lookup:
    outcome: Outcome
    dossier: Dossier | None = None


def normalise_code(code: str) -> str:
    return code.strip().upper()


def _last_four(value: str) -> str:
    digits = _NOT_DIGIT.sub("", value)
    return digits[-4:] if len(digits) >= 4 else ""


def factor_matches(dossier: Dossier, factor: str) -> bool:
    """The last four digits of the applicant's identity number (or organisation code) or phone."""
    candidates = (
        dossier.applicant_personal_id,
        dossier.applicant_organisation_id,
        dossier.applicant_phone,
    )
    matched = False
    for value in candidates:
        ending = _last_four(value)
        # Compare every candidate, in constant time, whatever matched before.
        matched |= bool(ending) and hmac.compare_digest(ending, factor)
    return matched


def _wrong(code: str, address: str) -> None:
    throttle.record(throttle.PER_ADDRESS, address)
    throttle.record(throttle.PER_CODE_ADDRESS, f"{code}|{address}")
    throttle.record(throttle.PER_CODE, code)


def lookup(*, code: str, factor: str, address: str) -> Lookup:
    """Find the dossier `code` if `factor` is right, within the throttles.

    Only wrong answers are counted: per address (any code), per code and address (the lock a
    guesser meets), and per code overall (past which the code is slowed down for everyone,
    never locked, so nobody can lock the owner out by typing wrong digits on purpose).
    """
    code = normalise_code(code)
    address_over, code_address_over, code_over = throttle.exceeded_each(
        [
            (throttle.PER_ADDRESS, address),
            (throttle.PER_CODE_ADDRESS, f"{code}|{address}"),
            (throttle.PER_CODE, code),
        ]
    )
    if address_over:
        return Lookup(Outcome.ADDRESS_LIMITED)
    if code_address_over:
        return Lookup(Outcome.CODE_LIMITED)
    if code_over and not throttle.attempt(throttle.SLOWED_CODE, code):
        return Lookup(Outcome.CODE_SLOWED)
    dossier = Dossier.objects.filter(code=code).first()
    if dossier is None or not factor_matches(dossier, factor):
        _wrong(code, address)
        return Lookup(Outcome.NOT_FOUND)
    return Lookup(Outcome.FOUND, dossier)


def token_lookup(*, code: str, token: str, address: str) -> Lookup:
    """The QR path: a valid token is as good as the second factor; a bad one counts an attempt."""
    if status_token_matches(code, token):
        return Lookup(Outcome.FOUND)
    if not throttle.attempt(throttle.PER_ADDRESS, address):
        return Lookup(Outcome.ADDRESS_LIMITED)
    return Lookup(Outcome.NOT_FOUND)


# -- session grants ------------------------------------------------------------------------


def grant(session: SessionBase, code: str, seconds: int = PORTAL_GRANT_SECONDS) -> None:
    grants = {c: t for c, t in session.get(_SESSION_KEY, {}).items() if t > time.time()}
    grants[code] = int(time.time()) + seconds
    session[_SESSION_KEY] = grants


def granted(session: SessionBase, code: str) -> bool:
    return bool(session.get(_SESSION_KEY, {}).get(code, 0) > time.time())


def revoke(session: SessionBase, code: str) -> None:
    grants = dict(session.get(_SESSION_KEY, {}))
    grants.pop(code, None)
    session[_SESSION_KEY] = grants


# -- masking -------------------------------------------------------------------------------


def mask_name(name: str) -> str:
    """ "Nguyễn Văn An" → "N*** V*** A": initials only, the given name's without stars."""
    words = name.split()
    if not words:
        return ""
    return " ".join([f"{word[0]}***" for word in words[:-1]] + [words[-1][0]])


def mask_number(number: str) -> str:
    """ "001203004589" → "**********89": the length stays, the last two digits show."""
    digits = _NOT_DIGIT.sub("", number)
    if len(digits) <= 2:
        return "*" * len(digits)
    return "*" * (len(digits) - 2) + digits[-2:]

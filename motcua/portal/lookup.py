"""The public dossier lookup: code + second factor, masking, and who may see which status page.

A visitor sees a dossier's status page (and pays, downloads the result, rates or asks to
withdraw from it) once this browser has been granted that code, either by a lookup with the
right last four digits or by the signed token of the QR code on Mẫu 01. Grants expire after
half an hour.

Portal grants travel in a cookie signed with the secret key (`GRANT_COOKIE`): code → expiry,
HttpOnly, SameSite=Lax, Secure in production, sent only to /tra-cuu/. Nobody can make or extend
one without the key, and checking one needs no database, so a lookup writes no session row. The
counter kiosk is one browser shared by every citizen in the queue: its grants are short, stay in
the server-side session and are revoked once the citizen has rated, so nothing a citizen could
copy off the kiosk outlives their turn.
"""

import enum
import hmac
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core import signing
from django.http import HttpRequest, HttpResponse

from motcua.dossiers.models import Dossier
from motcua.dossiers.printing import status_token_matches
from motcua.portal import selectors, throttle

GRANT_COOKIE = "tracuu"
_GRANT_SALT = "motcua.portal.lookup.grant"
_GRANT_PATH = "/tra-cuu/"
PORTAL_GRANT_SECONDS = 30 * 60
# A citizen following several dossiers keeps the newest grants; the cookie stays small.
MAX_GRANTS = 20
_KIOSK_SESSION_KEY = "portal.kiosk"
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
    # Set when FOUND by `lookup` (not by a token): the dossier as the status page reads it.
    dossier: Dossier | None = None


def normalise_code(code: str) -> str:
    return code.strip().upper()


def _last_four(value: str) -> str:
    digits = _NOT_DIGIT.sub("", value)
    return digits[-4:] if len(digits) >= 4 else ""


# What the second factor is checked against: the applicant's identity number (or organisation
# code) and phone number.
_FACTOR_FIELDS = ("applicant_personal_id", "applicant_organisation_id", "applicant_phone")


def factor_matches(candidates: tuple[str, ...], factor: str) -> bool:
    """`factor` is the last four digits of one of `candidates` (`_FACTOR_FIELDS`' values)."""
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
    checks = [
        (throttle.PER_ADDRESS, address),
        (throttle.PER_CODE_ADDRESS, f"{code}|{address}"),
        (throttle.PER_CODE, code),
    ]
    # With the counters in the database, the dossier's row brings them along (one round trip
    # instead of two; a dossier read and then refused shows nothing). An unknown code has no
    # row: its counts are read on their own, as with the counters in the cache.
    counted = throttle.counted_in_database(checks)
    dossier, counts = selectors.dossier_for_status_page_counted(code, counted)
    over = throttle.over(checks, counts) if counts is not None else throttle.exceeded_each(checks)
    address_over, code_address_over, code_over = over
    if address_over:
        return Lookup(Outcome.ADDRESS_LIMITED)
    if code_address_over:
        return Lookup(Outcome.CODE_LIMITED)
    if code_over and not throttle.attempt(throttle.SLOWED_CODE, code):
        return Lookup(Outcome.CODE_SLOWED)
    candidates = tuple(getattr(dossier, name) for name in _FACTOR_FIELDS) if dossier else ()
    if dossier is None or not factor_matches(candidates, factor):
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


# -- grants --------------------------------------------------------------------------------


def _grants(request: HttpRequest) -> dict[str, int]:
    """The unexpired portal grants this browser holds (none if the cookie is forged or old)."""
    value = request.COOKIES.get(GRANT_COOKIE)
    if not value:
        return {}
    try:
        found = signing.loads(value, salt=_GRANT_SALT, max_age=PORTAL_GRANT_SECONDS)
    except signing.BadSignature:
        return {}
    now = time.time()
    if not isinstance(found, dict):
        return {}
    return {c: t for c, t in found.items() if isinstance(t, int) and t > now}


def grant(request: HttpRequest, response: HttpResponse, code: str) -> None:
    """Let this browser see `code`'s status page for the next half hour."""
    grants = _grants(request)
    grants[code] = int(time.time()) + PORTAL_GRANT_SECONDS
    newest = dict(sorted(grants.items(), key=lambda item: item[1])[-MAX_GRANTS:])
    response.set_cookie(
        GRANT_COOKIE,
        signing.dumps(newest, salt=_GRANT_SALT),
        max_age=PORTAL_GRANT_SECONDS,
        path=_GRANT_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def granted(request: HttpRequest, code: str) -> bool:
    return code in _grants(request)


def kiosk_grant(session: SessionBase, code: str) -> None:
    grants = {c: t for c, t in session.get(_KIOSK_SESSION_KEY, {}).items() if t > time.time()}
    grants[code] = int(time.time()) + KIOSK_GRANT_SECONDS
    session[_KIOSK_SESSION_KEY] = grants


def kiosk_granted(session: SessionBase, code: str) -> bool:
    return bool(session.get(_KIOSK_SESSION_KEY, {}).get(code, 0) > time.time())


def kiosk_revoke(session: SessionBase, code: str) -> None:
    grants = dict(session.get(_KIOSK_SESSION_KEY, {}))
    grants.pop(code, None)
    session[_KIOSK_SESSION_KEY] = grants


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

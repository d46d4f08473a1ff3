"""Throttles for the public dossier lookup: per client address and per dossier code.

Counts live in `LookupAttempt` rows so that they hold across processes and servers. Keys are
keyed hashes (HMAC with the secret key) of the address or the code: no address or code is
stored in clear. A check counts first and inserts only when under the limit, so a client
hammering the page adds no rows; two requests racing at the limit may both pass, which costs
at most one extra attempt per concurrent request and is acceptable for this purpose.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.crypto import salted_hmac

from motcua.portal.models import LookupAttempt


@dataclass(frozen=True)
class Limit:
    name: str
    attempts: int
    window: dt.timedelta


# Every lookup attempt from one address (form posts and tokens that do not verify).
PER_ADDRESS = Limit("address", 10, dt.timedelta(minutes=15))
# Wrong second factors for one dossier code, from any address: stops a distributed guess of
# the 10 000 possible four-digit endings. Unknown codes count the same, so the throttle does
# not reveal which codes exist.
PER_CODE = Limit("code", 5, dt.timedelta(hours=1))
_LONGEST = max(PER_ADDRESS.window, PER_CODE.window)


def key_for(limit: Limit, value: str) -> str:
    return salted_hmac(f"motcua.portal.throttle.{limit.name}", value).hexdigest()[:64]


def _recent(key: str, limit: Limit, now: dt.datetime) -> int:
    return LookupAttempt.objects.filter(key=key, at__gt=now - limit.window).count()


def exceeded(limit: Limit, value: str) -> bool:
    """Whether `value` has used up its attempts in the window (nothing is recorded)."""
    return _recent(key_for(limit, value), limit, timezone.now()) >= limit.attempts


def attempt(limit: Limit, value: str) -> bool:
    """Count one attempt under `limit` if any is left; False when the limit is reached."""
    now = timezone.now()
    key = key_for(limit, value)
    LookupAttempt.objects.filter(at__lt=now - _LONGEST).delete()
    if _recent(key, limit, now) >= limit.attempts:
        return False
    LookupAttempt.objects.create(key=key, at=now)
    return True

"""Throttles for the citizen pages (dossier lookup, petitions), over `motcua.lib.throttle`.

Counters live in the throttle cache when `MOTCUA_CACHE_URL` names one, otherwise in
`LookupAttempt` rows, shared by every app server. Only failures are counted for the lookup: a
correct lookup costs nothing, so a commune centre's kiosk or a family behind one connection is
never refused for using the service. Old rows are deleted by `purge_throttles` (daily
timer, docs/deploy.md), not on each request. Two requests racing at a limit may both pass,
which costs at most one extra attempt per concurrent request and is acceptable here.
"""

import datetime as dt
from typing import Any

from django.db import connection
from django.utils import timezone

from motcua.lib import rows
from motcua.lib.throttle import Limit, Store, cache_configured, key_for, store_for
from motcua.portal.models import LookupAttempt

__all__ = [
    "Limit",
    "attempt",
    "counted_in_database",
    "exceeded",
    "exceeded_each",
    "over",
    "purge",
    "record",
]

# Failed lookups (wrong factor, unknown code, QR token that does not verify) from one address.
PER_ADDRESS = Limit("address", 10, dt.timedelta(minutes=15))
# Wrong second factors for one dossier code from one address: at most 5 an hour, after which
# that address may not try this code for the hour. The owner, elsewhere, is not affected.
PER_CODE_ADDRESS = Limit("code-address", 5, dt.timedelta(hours=1))
# Wrong second factors for one code from every address together: past this many in the hour
# the code is slowed down (one try a minute, from anyone) rather than locked, which bounds a
# distributed guess of the 10 000 endings without letting a stranger lock the owner out.
# Unknown codes count the same, so the throttle does not reveal which codes exist.
PER_CODE = Limit("code", 20, dt.timedelta(hours=1))
SLOWED_CODE = Limit("code-slow", 1, dt.timedelta(minutes=1))
LONGEST = dt.timedelta(hours=1)
_TABLE = LookupAttempt._meta.db_table


class DbStore(Store):
    def count(self, key: str, limit: Limit, now: dt.datetime) -> int:
        return LookupAttempt.objects.filter(key=key, at__gt=now - limit.window).count()

    def add(self, key: str, limit: Limit, now: dt.datetime) -> None:
        LookupAttempt.objects.create(key=key, at=now)

    def clear(self, key: str, limit: Limit) -> None:
        LookupAttempt.objects.filter(key=key).delete()

    def counts(self, checks: list[tuple[str, Limit]], now: dt.datetime) -> list[int]:
        """One query for every check, each a count over the (key, at) index. Plain SQL: a
        lookup makes it on every request, and building it through the ORM cost five times
        what running it does."""
        columns, params = counting(checks, now)
        (row,) = rows.fetch("SELECT " + ", ".join(columns), params)
        return [int(n) for n in row]


def counting(checks: list[tuple[str, Limit]], now: dt.datetime) -> tuple[list[str], list[Any]]:
    """`DbStore.counts` as SQL columns (each a scalar subquery) and their parameters, for a
    read that brings the counts along with its own row (the lookup's)."""
    adapt = connection.ops.adapt_datetimefield_value
    count = f'(SELECT COUNT(*) FROM {_TABLE} WHERE "key" = %s AND "at" > %s)'
    params = [p for key, limit in checks for p in (key, adapt(now - limit.window))]
    return [count] * len(checks), params


def _store() -> Store:
    return store_for(DbStore())


def exceeded_each(checks: list[tuple[Limit, str]]) -> list[bool]:
    """`exceeded` for several (limit, value) pairs, in one round trip."""
    keyed = [(key_for(limit, value), limit) for limit, value in checks]
    found = _store().counts(keyed, timezone.now())
    return over(checks, found)


def over(checks: list[tuple[Limit, str]], counts: list[int]) -> list[bool]:
    """Which of `checks` (as given to `exceeded_each`) their `counts` put at their limit."""
    return [int(n) >= limit.attempts for n, (limit, _) in zip(counts, checks, strict=True)]


def counted_in_database(checks: list[tuple[Limit, str]]) -> tuple[list[str], list[Any]] | None:
    """`exceeded_each`'s counts as SQL columns and parameters (`counting`) for a read to bring
    along, or None when the counters live in the cache (`MOTCUA_CACHE_URL`)."""
    if cache_configured():
        return None
    keyed = [(key_for(limit, value), limit) for limit, value in checks]
    return counting(keyed, timezone.now())


def exceeded(limit: Limit, value: str) -> bool:
    """Whether `value` has used up its attempts in the window (nothing is recorded)."""
    return _store().count(key_for(limit, value), limit, timezone.now()) >= limit.attempts


def record(limit: Limit, value: str) -> None:
    """Count one attempt under `limit`."""
    _store().add(key_for(limit, value), limit, timezone.now())


def attempt(limit: Limit, value: str) -> bool:
    """Count one attempt under `limit` if any is left; False when the limit is reached."""
    store, now, key = _store(), timezone.now(), key_for(limit, value)
    if store.count(key, limit, now) >= limit.attempts:
        return False
    store.add(key, limit, now)
    return True


def purge(now: dt.datetime | None = None) -> int:
    """Delete attempts older than the longest window; the number deleted."""
    now = now or timezone.now()
    deleted, _ = LookupAttempt.objects.filter(at__lt=now - LONGEST).delete()
    return deleted

"""Staff login protection: failures counted per account and per address, then a lock that
grows with each repeat, recorded (`LoginLock`) and liftable by an administrator.

- 5 wrong passwords for one account within 15 minutes lock that account; 20 failures from one
  address (any accounts) lock that address. While locked, no password is even checked.
- The first lock lasts 1 minute, and each further lock of the same account or address within a
  day doubles it (2, 4, 8 … minutes), up to an hour.
- A successful login clears the account's failures.

Counters use `motcua.lib.throttle`: the throttle cache when `MOTCUA_CACHE_URL` is set, else
`LoginFailure` rows.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import LoginFailure, LoginLock, LoginLockKind, User
from motcua.lib.throttle import Limit, Store, key_for, store_for

log = logging.getLogger(__name__)

PER_ACCOUNT = Limit("login-account", 5, dt.timedelta(minutes=15))
PER_ADDRESS = Limit("login-address", 20, dt.timedelta(minutes=15))
FIRST_LOCK = dt.timedelta(minutes=1)
LONGEST_LOCK = dt.timedelta(hours=1)
REPEAT_WINDOW = dt.timedelta(days=1)


class DbStore(Store):
    def count(self, key: str, limit: Limit, now: dt.datetime) -> int:
        return LoginFailure.objects.filter(key=key, at__gt=now - limit.window).count()

    def add(self, key: str, limit: Limit, now: dt.datetime) -> None:
        LoginFailure.objects.create(key=key, at=now)

    def clear(self, key: str, limit: Limit) -> None:
        LoginFailure.objects.filter(key=key).delete()


def _store() -> Store:
    return store_for(DbStore())


@dataclass(frozen=True)
class Locked:
    until: dt.datetime


def _subjects(username: str, address: str) -> list[tuple[str, Limit, str, str]]:
    """(kind, limit, key, label) for the account and the address of a login attempt."""
    account = username.strip().lower()
    account_key = key_for(PER_ACCOUNT, account)
    address_key = key_for(PER_ADDRESS, address)
    return [
        (LoginLockKind.ACCOUNT, PER_ACCOUNT, account_key, account[:150]),
        (LoginLockKind.ADDRESS, PER_ADDRESS, address_key, address_key[:12]),
    ]


def current_lock(username: str, address: str) -> Locked | None:
    """The lock in force on this account or address, if any."""
    now = timezone.now()
    keys = [key for _, _, key, _ in _subjects(username, address)]
    lock = (
        LoginLock.objects.filter(key__in=keys, until__gt=now, unlocked_at__isnull=True)
        .order_by("-until")
        .first()
    )
    return Locked(lock.until) if lock else None


def _lock_length(key: str, now: dt.datetime) -> dt.timedelta:
    earlier = LoginLock.objects.filter(key=key, locked_at__gt=now - REPEAT_WINDOW).count()
    return min(FIRST_LOCK * (2**earlier), LONGEST_LOCK)


def failed(username: str, address: str) -> Locked | None:
    """Count a failed login; lock the account or the address when it reaches its limit."""
    store, now = _store(), timezone.now()
    locked = None
    for kind, limit, key, label in _subjects(username, address):
        store.add(key, limit, now)
        failures = store.count(key, limit, now)
        if failures < limit.attempts:
            continue
        with transaction.atomic():
            until = now + _lock_length(key, now)
            LoginLock.objects.create(
                kind=kind, key=key, label=label, failures=failures, locked_at=now, until=until
            )
        store.clear(key, limit)
        log.warning("login lock: %s locked until %s", kind, until.isoformat(timespec="seconds"))
        locked = Locked(until)
    return locked


def succeeded(username: str) -> None:
    _, limit, key, _ = _subjects(username, "")[0]
    _store().clear(key, limit)


def unlock(lock: LoginLock, actor: User) -> None:
    """Lift a lock early (admin); the row keeps who and when."""
    if lock.unlocked_at is None:
        lock.unlocked_at, lock.unlocked_by = timezone.now(), actor
        lock.save(update_fields=["unlocked_at", "unlocked_by"])
        log.info("login lock %s lifted by user %s", lock.pk, actor.pk)


def purge(now: dt.datetime | None = None) -> int:
    """Delete failures older than a day (the locks stay: they are the record)."""
    now = now or timezone.now()
    deleted, _ = LoginFailure.objects.filter(at__lt=now - REPEAT_WINDOW).delete()
    return deleted

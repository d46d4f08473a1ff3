"""Throttle counters shared by every app server: how many times a key was hit in a window.

Two stores behind one interface. With `MOTCUA_CACHE_URL` set (Redis, docs/configuration.md)
the counters live in the "throttle" cache: one counter per key and window, created with the
window as its lifetime, so a check costs one cache read and a hit one increment — no database
work. Without it, the caller's database store (a table of hits, `DbStore`) is used, which needs
no other service; its old rows are removed by the daily purge, not on each request.

Keys are keyed hashes (HMAC with the secret key) of what is counted: no address, account name
or dossier code is stored in clear.
"""

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.utils.crypto import salted_hmac

CACHE_ALIAS = "throttle"


@dataclass(frozen=True)
class Limit:
    name: str
    attempts: int
    window: dt.timedelta


def key_for(limit: Limit, value: str) -> str:
    return salted_hmac(f"motcua.throttle.{limit.name}", value).hexdigest()[:64]


class Store(ABC):
    @abstractmethod
    def count(self, key: str, limit: Limit, now: dt.datetime) -> int: ...

    @abstractmethod
    def add(self, key: str, limit: Limit, now: dt.datetime) -> None: ...

    @abstractmethod
    def clear(self, key: str, limit: Limit) -> None: ...

    def counts(self, checks: list[tuple[str, Limit]], now: dt.datetime) -> list[int]:
        """`count` of each (key, limit), in one round trip where the store allows it."""
        return [self.count(key, limit, now) for key, limit in checks]


class CacheStore(Store):
    """Fixed-window counters in the throttle cache (the window starts at the first hit)."""

    def __init__(self, alias: str = CACHE_ALIAS) -> None:
        self.cache = caches[alias]

    def count(self, key: str, limit: Limit, now: dt.datetime) -> int:
        return int(self.cache.get(key, 0))

    def add(self, key: str, limit: Limit, now: dt.datetime) -> None:
        timeout = int(limit.window.total_seconds())
        if not self.cache.add(key, 1, timeout=timeout):
            try:
                self.cache.incr(key)
            except ValueError:  # expired between add and incr
                self.cache.add(key, 1, timeout=timeout)

    def clear(self, key: str, limit: Limit) -> None:
        self.cache.delete(key)

    def counts(self, checks: list[tuple[str, Limit]], now: dt.datetime) -> list[int]:
        found = self.cache.get_many([key for key, _ in checks])
        return [int(found.get(key, 0)) for key, _ in checks]


def cache_configured() -> bool:
    return CACHE_ALIAS in settings.CACHES


def store_for(database: Store) -> Store:
    """The cache store when `MOTCUA_CACHE_URL` configured one, else `database`."""
    return CacheStore() if cache_configured() else database

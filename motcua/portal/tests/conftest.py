"""The dossier tests' personas and clock, for the citizen pages."""

from collections.abc import Iterator

import pytest
from django.core.cache import caches
from django.utils import timezone

from motcua.dossiers.models import Dossier, DossierStatus
from motcua.dossiers.tests.conftest import Clock, World, at, make_world
from motcua.dossiers.tests.factories import in_status, received

__all__ = ["Clock", "World", "at", "received", "returned"]


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    fixed = Clock(at(2026, 3, 2, 9, 0))
    monkeypatch.setattr(timezone, "now", fixed)
    yield fixed


@pytest.fixture
def world(db: None, clock: Clock) -> World:
    return make_world()


def returned(w: World) -> Dossier:
    """A commune dossier whose result has been handed over (national status 10)."""
    return in_status(w, DossierStatus.RETURNED)


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(params=["database", "cache"])
def store(request: pytest.FixtureRequest, settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Each rule holds with the counters in the database and in the throttle cache. The cache
    ends a window on its own clock, which the test clock does not move: the ends of windows
    are checked on the database."""
    if request.param == "database":
        yield "database"
        return
    settings.CACHES = {
        **settings.CACHES,
        "throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    caches["throttle"].clear()
    yield "cache"
    caches["throttle"].clear()

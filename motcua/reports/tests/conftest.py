"""The dossier tests' personas and settable clock, and the hand-computed dataset."""

from collections.abc import Iterator

import pytest
from django.utils import timezone

from motcua.dossiers.tests.conftest import Clock, World, at, make_world
from motcua.reports.tests.dataset import Dataset, build


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    fixed = Clock(at(2026, 2, 2, 9, 0))
    monkeypatch.setattr(timezone, "now", fixed)
    yield fixed


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db: None, clock: Clock) -> World:
    return make_world()


@pytest.fixture
def dataset(world: World, clock: Clock) -> Dataset:
    return build(world, clock)

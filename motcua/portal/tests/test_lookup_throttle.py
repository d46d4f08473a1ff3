"""Lookup throttles: failures per address, per code and address, and per code overall (a
slowdown, never a lock); shared by every process (database, or the cache when configured)."""

import pytest
from django.core.management import call_command
from django.test import Client

from motcua.portal import lookup
from motcua.portal.models import LookupAttempt
from motcua.portal.tests.conftest import Clock, World, at, received

ADDRESS_LIMIT = "Ông/bà đã tra cứu quá nhiều lần trong thời gian ngắn."
CODE_LIMIT = "Mã hồ sơ này đã bị nhập sai nhiều lần nên tạm khóa tra cứu trong 1 giờ."
SLOWED = "tạm thời chỉ tra cứu được mỗi phút một lần"


def from_address(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def post(client: Client, code: str, factor: str):  # type: ignore[no-untyped-def]
    return client.post("/tra-cuu/", {"code": code, "factor": factor})


def let_in(response) -> bool:  # type: ignore[no-untyped-def]
    """A right lookup: the status page, and the grant to see it again."""
    return response.status_code == 200 and lookup.GRANT_COOKIE in response.cookies


def test_an_address_gets_ten_failures_in_fifteen_minutes_and_others_are_not_affected(
    world: World, clock: Clock, store: str
) -> None:
    dossiers = [received(world) for _ in range(3)]
    busy, other = from_address("203.0.113.7"), from_address("198.51.100.9")
    for n in range(10):  # different codes: only the address limit applies
        assert post(busy, dossiers[n % 3].code, "0000").status_code == 200
    refused = post(busy, dossiers[0].code, "4567")
    assert refused.status_code == 429 and ADDRESS_LIMIT in refused.content.decode()
    assert let_in(post(other, dossiers[0].code, "4567"))

    if store == "database":
        clock.set(at(2026, 3, 2, 9, 16))
        assert let_in(post(busy, dossiers[0].code, "4567"))


def test_correct_lookups_never_count_against_an_address(world: World, store: str) -> None:
    """A commune centre's kiosk, or a family behind one connection, looks up all day."""
    dossiers = [received(world) for _ in range(3)]
    kiosk = from_address("203.0.113.7")
    for n in range(30):
        assert let_in(post(kiosk, dossiers[n % 3].code, "4567"))
    assert not LookupAttempt.objects.exists()


def test_five_wrong_digits_lock_the_code_for_that_address_only(
    world: World, clock: Clock, store: str
) -> None:
    dossier, neighbour = received(world), received(world)
    guesser, owner = from_address("203.0.113.7"), from_address("198.51.100.9")
    for n in range(5):
        assert post(guesser, dossier.code, f"{n:04d}").status_code == 200
    # The guesser may not try again, not even with the right digits…
    locked = post(guesser, dossier.code, "4567")
    assert locked.status_code == 429 and CODE_LIMIT in locked.content.decode()
    # …but the owner, elsewhere, is not locked out; other codes stay open to the guesser;
    # the lock ends after an hour.
    assert let_in(post(owner, dossier.code, "4567"))
    assert let_in(post(guesser, neighbour.code, "4567"))
    if store == "database":
        clock.set(at(2026, 3, 2, 10, 1))
        assert let_in(post(guesser, dossier.code, "4567"))


def test_many_wrong_answers_from_everywhere_slow_a_code_down_without_locking_it(
    world: World, clock: Clock, store: str
) -> None:
    dossier = received(world)
    for n in range(20):  # a distributed guess: each address stays under its own limits
        post(from_address(f"192.0.2.{n}"), dossier.code, f"{n:04d}")
    owner = from_address("198.51.100.9")
    assert let_in(post(owner, dossier.code, "4567"))  # one try a minute goes through
    slowed = post(from_address("192.0.2.200"), dossier.code, "0000")
    assert slowed.status_code == 429 and SLOWED in slowed.content.decode()
    if store == "database":
        clock.set(at(2026, 3, 2, 9, 2))
        assert let_in(post(owner, dossier.code, "4567"))


def test_an_unknown_code_is_slowed_the_same_way_so_the_limit_reveals_nothing(
    world: World, store: str
) -> None:
    unknown = "000.00.12.H56-260302-9999"
    for n in range(21):
        post(from_address(f"192.0.2.{n}"), unknown, "1234")
    slowed = post(from_address("192.0.2.99"), unknown, "1234")
    assert slowed.status_code == 429 and SLOWED in slowed.content.decode()


def test_bad_qr_tokens_count_against_the_address(world: World, store: str) -> None:
    dossier = received(world)
    client = from_address("203.0.113.7")
    for _ in range(10):
        assert client.get(f"/tra-cuu/{dossier.code}/?k=forged").status_code == 403
    refused = client.get(f"/tra-cuu/{dossier.code}/?k=forged")
    assert refused.status_code == 429 and ADDRESS_LIMIT in refused.content.decode()


def test_attempts_are_stored_as_keyed_hashes_and_old_ones_are_purged_daily(
    world: World, clock: Clock
) -> None:
    dossier = received(world)
    post(from_address("203.0.113.7"), dossier.code, "0000")
    keys = list(LookupAttempt.objects.values_list("key", flat=True))
    assert len(keys) == 3 and not any("203.0.113" in k or dossier.code in k for k in keys)
    clock.set(at(2026, 3, 2, 11, 0))
    post(from_address("198.51.100.9"), dossier.code, "0000")
    assert LookupAttempt.objects.count() == 6  # no purge on a request…
    call_command("purge_throttles")
    assert LookupAttempt.objects.count() == 3  # …the daily command removes the old ones


@pytest.fixture
def throttle_cache(settings):  # type: ignore[no-untyped-def]
    settings.CACHES = {
        **settings.CACHES,
        "throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    from django.core.cache import caches

    yield
    caches["throttle"].clear()


def test_with_a_cache_configured_counters_leave_the_database_alone(
    world: World, throttle_cache: None
) -> None:
    dossier = received(world)
    guesser = from_address("203.0.113.7")
    for n in range(5):
        assert post(guesser, dossier.code, f"{n:04d}").status_code == 200
    assert post(guesser, dossier.code, "4567").status_code == 429
    assert let_in(post(from_address("198.51.100.9"), dossier.code, "4567"))
    assert not LookupAttempt.objects.exists()


def test_behind_a_trusted_proxy_each_citizen_keeps_their_own_limit(
    world: World, clock: Clock, settings, store: str
) -> None:  # type: ignore[no-untyped-def]
    dossiers = [received(world) for _ in range(3)]

    def via_proxy(citizen: str) -> Client:
        # The client may forge the left part; the proxy appends the address it saw.
        return Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"1.2.3.4, {citizen}")

    busy, other = via_proxy("203.0.113.7"), via_proxy("198.51.100.9")
    # Without the setting, everyone behind the proxy shares the proxy's limit.
    settings.MOTCUA_PROXY_COUNT = 0
    for n in range(10):
        assert post(busy, dossiers[n % 3].code, "0000").status_code == 200
    assert post(other, dossiers[0].code, "4567").status_code == 429
    # With one trusted proxy, each citizen is counted alone (fresh codes: a code's own limit
    # of five wrong answers is not what this test is about).
    settings.MOTCUA_PROXY_COUNT = 1
    dossiers = [received(world) for _ in range(3)]
    for n in range(10):
        assert post(busy, dossiers[n % 3].code, "0000").status_code == 200
    assert post(busy, dossiers[0].code, "4567").status_code == 429
    assert let_in(post(other, dossiers[0].code, "4567"))

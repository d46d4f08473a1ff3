"""Lookup throttles: per client address and per dossier code, shared by every process (DB)."""

from django.test import Client

from motcua.portal.models import LookupAttempt
from motcua.portal.tests.conftest import Clock, World, at, received

ADDRESS_LIMIT = "Ông/bà đã tra cứu quá nhiều lần trong thời gian ngắn."
CODE_LIMIT = "Mã hồ sơ này đã bị nhập sai nhiều lần nên tạm khóa tra cứu trong 1 giờ."


def from_address(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def post(client: Client, code: str, factor: str):  # type: ignore[no-untyped-def]
    return client.post("/tra-cuu/", {"code": code, "factor": factor})


def test_an_address_gets_ten_attempts_in_fifteen_minutes_and_others_are_not_affected(
    world: World, clock: Clock
) -> None:
    dossiers = [received(world) for _ in range(3)]
    busy, other = from_address("203.0.113.7"), from_address("198.51.100.9")
    for n in range(10):  # different codes: only the address limit applies
        assert post(busy, dossiers[n % 3].code, "0000").status_code == 200
    refused = post(busy, dossiers[0].code, "4567")
    assert refused.status_code == 429 and ADDRESS_LIMIT in refused.content.decode()
    assert post(other, dossiers[0].code, "4567").status_code == 302

    clock.set(at(2026, 3, 2, 9, 16))
    assert post(busy, dossiers[0].code, "4567").status_code == 302


def test_five_wrong_digits_on_one_code_from_any_address_lock_that_code_for_an_hour(
    world: World, clock: Clock
) -> None:
    dossier, neighbour = received(world), received(world)
    first, second = from_address("203.0.113.7"), from_address("198.51.100.9")
    for n in range(5):
        assert post(first if n % 2 else second, dossier.code, f"{n:04d}").status_code == 200
    # Even the right digits, from a fresh address, are now refused for this code…
    locked = post(from_address("192.0.2.1"), dossier.code, "4567")
    assert locked.status_code == 429 and CODE_LIMIT in locked.content.decode()
    # …but not for another dossier, and the code opens again after an hour.
    assert post(first, neighbour.code, "4567").status_code == 302
    clock.set(at(2026, 3, 2, 10, 1))
    assert post(second, dossier.code, "4567").status_code == 302


def test_an_unknown_code_is_locked_the_same_way_so_the_limit_reveals_nothing(
    world: World,
) -> None:
    unknown = "000.00.12.H56-260302-9999"
    for n in range(5):
        post(from_address(f"192.0.2.{n}"), unknown, "1234")
    locked = post(from_address("192.0.2.99"), unknown, "1234")
    assert locked.status_code == 429 and CODE_LIMIT in locked.content.decode()


def test_bad_qr_tokens_count_against_the_address(world: World) -> None:
    dossier = received(world)
    client = from_address("203.0.113.7")
    for _ in range(10):
        assert client.get(f"/tra-cuu/{dossier.code}/?k=forged").status_code == 403
    refused = client.get(f"/tra-cuu/{dossier.code}/?k=forged")
    assert refused.status_code == 429 and ADDRESS_LIMIT in refused.content.decode()


def test_attempts_are_stored_as_keyed_hashes_and_old_ones_are_purged(
    world: World, clock: Clock
) -> None:
    dossier = received(world)
    post(from_address("203.0.113.7"), dossier.code, "0000")
    keys = list(LookupAttempt.objects.values_list("key", flat=True))
    assert len(keys) == 2 and not any("203.0.113" in k or dossier.code in k for k in keys)
    clock.set(at(2026, 3, 2, 11, 0))
    post(from_address("198.51.100.9"), dossier.code, "4567")
    assert LookupAttempt.objects.count() == 1


def test_behind_a_trusted_proxy_each_citizen_keeps_their_own_limit(
    world: World, clock: Clock, settings
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
    assert post(other, dossiers[0].code, "4567").status_code == 302

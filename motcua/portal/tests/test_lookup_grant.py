"""Who may open a status page: only a browser holding a grant from a lookup with the second
factor (or a valid QR token), signed with the secret key, for that code, for half an hour. A
lookup writes no session; its cost in queries is bounded."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.core import signing
from django.db import connection
from django.test import Client

from motcua.dossiers.models import Dossier
from motcua.portal import lookup
from motcua.portal.tests.conftest import World, received, returned

SHOWN = "Được tiếp nhận"


def status_page(client: Client, dossier: Dossier) -> str:
    return client.get(f"/tra-cuu/{dossier.code}/").content.decode()


def test_a_right_lookup_sets_a_signed_http_only_grant_scoped_to_the_lookup_pages(
    world: World, client: Client
) -> None:
    dossier = received(world)
    response = client.post("/tra-cuu/", {"code": dossier.code, "factor": "4567"})
    assert response.status_code == 200 and SHOWN in response.content.decode()
    grant = response.cookies[lookup.GRANT_COOKIE]
    assert grant["httponly"] and grant["samesite"] == "Lax" and grant["path"] == "/tra-cuu/"
    assert int(grant["max-age"]) == lookup.PORTAL_GRANT_SECONDS
    assert SHOWN in status_page(client, dossier)
    assert not Session.objects.exists()  # nothing written for the grant


def test_a_wrong_lookup_grants_nothing(world: World, client: Client) -> None:
    dossier = received(world)
    response = client.post("/tra-cuu/", {"code": dossier.code, "factor": "0000"})
    assert lookup.GRANT_COOKIE not in response.cookies
    assert SHOWN not in status_page(client, dossier)


def test_a_grant_made_without_the_secret_key_or_edited_is_refused(
    world: World, client: Client
) -> None:
    dossier, mine = received(world), received(world)
    client.post("/tra-cuu/", {"code": mine.code, "factor": "4567"})
    genuine = client.cookies[lookup.GRANT_COOKIE].value
    wanted = {dossier.code: int(time.time()) + 600}
    signed_elsewhere = signing.dumps(wanted, key="not-the-key", salt=lookup._GRANT_SALT)
    content, signature = signed_elsewhere.rsplit(":", 1)[0], genuine.rsplit(":", 1)[1]
    for forged in (signed_elsewhere, f"{content}:{signature}", genuine.replace(":", ":x", 1), ""):
        client.cookies[lookup.GRANT_COOKIE] = forged
        assert SHOWN not in status_page(client, dossier), forged
    client.cookies[lookup.GRANT_COOKIE] = genuine
    assert SHOWN in status_page(client, mine) and SHOWN not in status_page(client, dossier)


def test_a_grant_expires_after_half_an_hour(
    world: World, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    dossier = received(world)
    client.post("/tra-cuu/", {"code": dossier.code, "factor": "4567"})
    assert SHOWN in status_page(client, dossier)
    later = time.time() + lookup.PORTAL_GRANT_SECONDS + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert SHOWN not in status_page(client, dossier)


def test_several_dossiers_can_be_followed_from_one_browser(world: World, client: Client) -> None:
    dossiers = [received(world) for _ in range(3)]
    for dossier in dossiers:
        client.post("/tra-cuu/", {"code": dossier.code, "factor": "5678"})
    assert all(SHOWN in status_page(client, dossier) for dossier in dossiers)


def test_a_kiosk_grant_does_not_open_the_portal_status_page(world: World, client: Client) -> None:
    """The kiosk's grants stay in its session, short and revoked after the rating."""
    dossier = received(world)
    client.post("/danh-gia/quay/", {"code": dossier.code, "factor": "4567"})
    assert SHOWN not in status_page(client, dossier)


def test_a_right_lookup_answers_with_the_status_page_in_one_query_on_postgresql(
    world: World, client: Client, store: str, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    dossier = received(world)
    # On PostgreSQL the dossier, its timeline and the throttle counts (when they are in the
    # database) are one row; on SQLite the timeline is a second read.
    reads = 1 if connection.vendor == "postgresql" else 2
    with django_assert_max_num_queries(reads):
        response = client.post("/tra-cuu/", {"code": dossier.code, "factor": "4567"})
    assert response.status_code == 200 and SHOWN in response.content.decode()
    assert SHOWN in status_page(client, dossier)


def _with_fees(world: World) -> Dossier:
    from motcua.payments.models import BankAccount
    from motcua.payments.tests.conftest import add_fees

    add_fees(world)
    BankAccount.objects.create(
        unit=world.commune, bank_bin="970415", bank_name="VietinBank",
        account_number="113366668888", account_name="UBND XA THU NGHIEM",
    )  # fmt: skip
    return received(world)


# The dossier (with its rating, its unit's bank account for the VietQR, whether it has or may
# copy fee lines, what was paid and whether an online payment is pending) and its timeline; a
# dossier owing fees adds its fee lines. On PostgreSQL, all of it is one row.
STATUS_PAGE_QUERIES = {"no fees": (received, 2), "returned": (returned, 2), "fees": (_with_fees, 3)}
POSTGRESQL_QUERIES = 1


@pytest.mark.parametrize("state", STATUS_PAGE_QUERIES)
def test_the_status_page_costs_few_queries(
    world: World, client: Client, state: str, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    make, budget = STATUS_PAGE_QUERIES[state]
    if connection.vendor == "postgresql":
        budget = POSTGRESQL_QUERIES
    dossier = make(world)
    factor = "4567"
    client.post("/tra-cuu/", {"code": dossier.code, "factor": factor})  # copies the fee lines
    with django_assert_max_num_queries(budget):
        page = status_page(client, dossier)
    assert dossier.code in page and "N*** V*** A" in page
    assert ("Quét mã VietQR" in page and "<svg" in page) is (state == "fees")

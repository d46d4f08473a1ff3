"""Access through HTTP: a dossier outside the user's units does not exist for them (404) on
every page, form and action URL — the counter's print views included — by GET and by POST."""

from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from motcua.dossiers import urls as dossier_urls
from motcua.dossiers.models import Dossier, DossierStatus
from motcua.dossiers.tests.conftest import World
from motcua.dossiers.tests.factories import in_status
from motcua.dossiers.views.office_actions import ACTIONS

S = DossierStatus


def _kwargs(pattern: URLPattern, pk: int) -> dict[str, Any] | None:
    """Arguments for a route on one dossier; other integer parts (a form number) get 1."""
    converters = pattern.pattern.converters  # type: ignore[attr-defined]
    if "pk" not in converters:
        return None
    return {name: pk if name == "pk" else 1 for name in converters}


def dossier_urls_of(dossier: Dossier) -> list[str]:
    found = []
    for pattern in dossier_urls.urlpatterns:
        kwargs = _kwargs(pattern, dossier.pk)
        if kwargs is not None:
            found.append(reverse(f"dossiers:{pattern.name}", kwargs=kwargs))
    return found


def test_every_office_url_is_covered(world: World) -> None:
    dossier = in_status(world, S.RECEIVED)
    urls = dossier_urls_of(dossier)
    assert f"/ho-so/{dossier.pk}/" in urls
    for action in ACTIONS:
        assert f"/ho-so/{dossier.pk}/{action.slug}/" in urls


# One dossier per status a page or action can see: together they make every action available
# to someone in the commune, so a 404 is not just "nothing to do here".
STATUSES = (S.SUBMITTED, S.RECEIVED, S.FORWARDED, S.IN_PROCESS, S.APPROVED, S.RESULT_READY,
            S.SUPPLEMENT_REQUESTED, S.AWAITING_FEES, S.RETURNED)  # fmt: skip


@pytest.mark.parametrize("status", STATUSES)
def test_an_officer_of_another_commune_gets_404_for_every_url_by_get_and_post(
    world: World, client: Client, status: str
) -> None:
    dossier = in_status(world, status)
    before = (dossier.status, dossier.events.count())
    client.force_login(world.outsider)  # every role, in the other commune
    for url in dossier_urls_of(dossier):
        assert client.get(url).status_code == 404, url
        posted = client.post(url, {"note": "x", "reasons": "x", "missing": "x"})
        assert posted.status_code in (404, 405), url
        if posted.status_code == 405:  # a read-only page: GET already answered 404
            assert client.get(url).status_code == 404
    dossier.refresh_from_db()
    assert (dossier.status, dossier.events.count()) == before


def test_the_same_urls_answer_an_officer_of_the_commune(world: World, client: Client) -> None:
    dossier = in_status(world, S.RECEIVED)
    client.force_login(world.everyone)
    for action in ACTIONS:
        url = f"/ho-so/{dossier.pk}/{action.slug}/"
        assert client.get(url).status_code == 200, url
    assert client.get(f"/ho-so/{dossier.pk}/").status_code == 200


def test_a_handler_cannot_take_a_signers_action(world: World, client: Client) -> None:
    dossier = in_status(world, S.IN_PROCESS)
    client.force_login(world.handler)
    for slug in ("phe-duyet", "gia-han"):
        response = client.post(
            f"/ho-so/{dossier.pk}/{slug}/",
            {"note": "", "new_due_at": "2026-04-01T10:00", "reason": "Chậm"},
        )
        assert response.status_code == 403, slug
        assert "Bạn không có quyền" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == S.IN_PROCESS and dossier.reschedule_count == 0


def test_the_inbox_never_lists_a_dossier_of_another_commune(world: World, client: Client) -> None:
    dossier = in_status(world, S.RECEIVED)
    client.force_login(world.outsider)
    for box in ("tiep-nhan", "tat-ca", "sap-den-han", "qua-han", "tam-dung"):
        page = client.get("/ho-so/hop-viec/", {"ngan": box, "q": dossier.code})
        assert f'href="/ho-so/{dossier.pk}/"' not in page.content.decode()
        assert "Không có hồ sơ nào" in page.content.decode()

"""The citizen home and procedure pages come whole from the cache (motcua/portal/pages.py), yet
each visitor gets their own CSRF token, their own return address on the language switch and
the messages waiting for them; nothing one visitor sees reaches another."""

import re

import pytest
from django.test import Client

from motcua.portal.tests.conftest import World, received

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NEXT = re.compile(r'name="next" value="([^"]*)"')


def procedure_url(world: World) -> str:
    return f"/cong-dan/thu-tuc/{world.version.procedure_id}/"


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("url", ["/", "procedure"])
def test_the_token_on_a_cached_page_switches_the_language_for_its_visitor_only(
    world: World, url: str
) -> None:
    url = procedure_url(world) if url == "procedure" else url
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page(first, url)  # the page is cached now; the second visitor's copy comes from the cache
    (token,) = set(TOKEN.findall(page(second, url)))
    assert "csrftoken" in second.cookies
    switch = {"language": "en", "next": url, "csrfmiddlewaretoken": token}
    assert first.post("/i18n/setlang/", switch).status_code == 403  # not the first's token
    assert second.post("/i18n/setlang/", switch).status_code == 302
    assert "Documents to submit" in page(second, procedure_url(world))
    assert "Thành phần hồ sơ" in page(first, procedure_url(world))


def test_a_returning_visitor_keeps_their_csrf_cookie_and_gets_a_fresh_mask(world: World) -> None:
    visitor = Client(enforce_csrf_checks=True)
    tokens = [TOKEN.findall(page(visitor, "/"))[0] for _ in range(2)]
    secret = visitor.cookies["csrftoken"].value
    assert tokens[0] != tokens[1] and len(secret) == 32
    page(visitor, "/")
    assert visitor.cookies["csrftoken"].value == secret
    for token in tokens:  # each masked token still carries the visitor's secret
        looked_up = visitor.post("/tra-cuu/", {"code": "KHONG-CO", "factor": "1234",
                                               "csrfmiddlewaretoken": token})  # fmt: skip
        assert looked_up.status_code == 200


def test_the_language_switch_returns_to_the_address_of_each_request(world: World) -> None:
    client = Client()
    url = procedure_url(world)
    assert NEXT.findall(page(client, url)) == [url]
    asked = f"{url}?tu=trang-chu&x=<b>"
    assert NEXT.findall(page(client, asked)) == [f"{url}?tu=trang-chu&amp;x=%3Cb%3E"]
    assert NEXT.findall(page(client, "/?a=1&b=2")) == ["/?a=1&amp;b=2"]
    assert NEXT.findall(page(client, "/")) == ["/"]


def test_a_message_waiting_for_a_visitor_shows_once_on_a_cached_page(
    world: World, client: Client
) -> None:
    dossier = received(world)
    page(Client(), "/")  # cached without any message
    client.post("/tra-cuu/", {"code": dossier.code, "factor": "4567"})
    client.post(f"/tra-cuu/{dossier.code}/danh-gia/", {})  # no level: a message, then away
    assert "Vui lòng chọn một mức đánh giá." in page(client, "/")
    assert "Vui lòng chọn một mức đánh giá." not in page(client, "/")
    assert "Vui lòng chọn một mức đánh giá." not in page(Client(), "/")
    assert "Tìm thủ tục hành chính" in page(client, "/")

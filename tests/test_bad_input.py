"""No input makes the server fail: every URL pattern of the project, given NUL bytes, integers
beyond 64 bits and over-long strings in its path parts and query, answers below 500 — for an
anonymous visitor and for an officer with every role (issue 14 §1).

The test client re-raises a view's exception, so a would-be 500 fails here with its traceback.
"""

import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.accounts.models import Role
from motcua.accounts.tests.factories import make_staff
from motcua.api.lazy_urls import LazyApi
from motcua.dossiers.tests.conftest import make_world
from motcua.dossiers.tests.factories import received

HUGE = str(2**70)
NUL = "%00"
LONG = "x" * 5000
HOSTILE = (NUL, HUGE, "-" + HUGE, LONG, "a%00b", "%ff%fe", "0")
QUERY_KEYS = ("q", "page", "kind", "sector", "unit", "status", "limit", "offset", "ma", "nam")
_PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>|\(\?P<(?P<re>\w+)>[^)]*\)")


def _patterns(resolver: URLResolver, prefix: str = "") -> Iterator[str]:
    # The APIs' patterns are imported on first use: load them to walk them.
    entries = resolver.load() if isinstance(resolver, LazyApi) else resolver.url_patterns
    for entry in entries:
        text = prefix + str(entry.pattern).lstrip("^").rstrip("$").replace("\\", "")
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, text)
        elif isinstance(entry, URLPattern):
            yield text


PATTERNS = sorted(
    {p for p in _patterns(get_resolver()) if not p.startswith(("quan-tri/", "static/"))}
)


def _fill(pattern: str, value: str) -> str:
    path = _PARAM.sub(lambda m: value, pattern)
    return "/" + path.replace("(?P<fmt>json|xml)", "json").replace(".(json|xml)", ".json")


@pytest.fixture
def clients(db: None) -> list[Client]:
    world = make_world()
    received(world)
    officer = make_staff("tatcavaitro", world.commune, *tuple(Role))
    officer.is_staff = officer.is_superuser = True
    officer.save()
    staff = Client()
    staff.force_login(officer)
    return [Client(), staff]


def _assert_no_5xx(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code < 500, url
    response = client.post(url, {"q": "\x00", "code": HUGE, "description": LONG})
    assert response.status_code < 500, url


@pytest.mark.django_db
def test_every_url_pattern_refuses_hostile_path_parts(clients: list[Client]) -> None:
    assert len(PATTERNS) > 50
    assert any(p.startswith("api/v1/") for p in PATTERNS)
    assert any(p.startswith("govstack/registration/") for p in PATTERNS)
    for client in clients:
        for pattern in PATTERNS:
            for value in (NUL, HUGE, LONG[:300]) if _PARAM.search(pattern) else ("",):
                _assert_no_5xx(client, _fill(pattern, value))


@pytest.mark.django_db
@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    pattern=st.sampled_from(PATTERNS),
    part=st.sampled_from(HOSTILE),
    key=st.sampled_from(QUERY_KEYS),
    value=st.sampled_from(HOSTILE),
    staff=st.booleans(),
)
def test_hostile_query_values_never_give_a_server_error(
    clients: list[Client], pattern: str, part: str, key: str, value: str, staff: bool
) -> None:
    _assert_no_5xx(clients[staff], f"{_fill(pattern, part)}?{key}={value}")


def test_a_nul_byte_gets_a_clear_vietnamese_page(client: Client, db: None) -> None:
    response = client.get("/cong-khai/%00/")
    assert response.status_code == 400
    assert "không hợp lệ" in response.content.decode()
    api = client.get("/api/v1/pakn?kind=%00")
    assert api.status_code == 400 and "không hợp lệ" in api.json()["detail"]

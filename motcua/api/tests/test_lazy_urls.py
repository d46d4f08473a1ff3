"""The django-ninja APIs mounted lazily (motcua/api/lazy_urls.py) answer and reverse as they did
when mounted with `path(route, api.urls)`, and their patterns pass the URL checks that
`manage.py check` no longer runs on them. That start-up does not import them:
tests/test_startup_imports.py."""

import json
from pathlib import Path

import pytest
from django.core.checks.urls import check_resolver, check_url_namespaces_unique
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import resolve, reverse

from motcua.api import urls
from motcua.api.lazy_urls import LazyApi

MOUNTED = [entry for entry in urls.urlpatterns if isinstance(entry, LazyApi)]


def test_both_apis_are_mounted_lazily() -> None:
    assert [(str(e.pattern), e.namespace) for e in MOUNTED] == [
        ("api/v1/", "api-v1"),
        ("govstack/registration/", "govstack"),
    ]


@pytest.mark.parametrize("mounted", MOUNTED, ids=lambda e: e.namespace)
def test_the_api_patterns_pass_the_url_checks(mounted: LazyApi) -> None:
    assert mounted.load()
    assert mounted.loaded and mounted.url_patterns == mounted.load()
    assert check_resolver(mounted) == []


def test_the_namespaces_stay_unique_once_loaded() -> None:
    for mounted in MOUNTED:
        mounted.load()
    assert check_url_namespaces_unique(None) == []


def test_api_urls_resolve_and_reverse() -> None:
    assert reverse("api-v1:openapi-json") == "/api/v1/openapi.json"
    assert reverse("govstack:openapi-json") == "/govstack/registration/openapi.json"
    match = resolve("/api/v1/openapi.json")
    assert (match.app_name, match.namespace) == ("ninja", "api-v1")


def test_a_namespace_other_than_the_apis_is_refused() -> None:
    with pytest.raises(ImproperlyConfigured, match="api-v1"):
        LazyApi("x/", "motcua.api.api.api", namespace="khac").load()


def test_django_ninjas_schema_export_command_is_still_offered(tmp_path: Path) -> None:
    out = tmp_path / "openapi.json"
    call_command("export_openapi_schema", "--api", "motcua.api.api.api", "--output", str(out))
    assert "/api/v1/pakn" in json.loads(out.read_text(encoding="utf-8"))["paths"]

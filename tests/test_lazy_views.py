"""The URL configuration names its views without importing them (motcua/lib/lazy_views.py):
every name leads to a view, requests reach the view as they did, and a web server imports them
all as it starts. That loading the URL configuration imports none: test_startup_imports.py."""

import pytest
from django.core.checks.urls import check_url_config
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import resolve, reverse

from motcua.dossiers.views import office_actions, office_urls
from motcua.lib.lazy_views import LazyView, LazyViews, lazy_views, load_views


def test_every_view_named_in_the_url_configuration_exists() -> None:
    views = lazy_views()
    assert len(views) > 150
    load_views()
    assert all(view.loaded and callable(view.load()) for view in views)


def test_the_url_checks_still_see_every_pattern() -> None:
    assert check_url_config(None) == []


def test_a_web_server_imports_every_view_as_it_starts() -> None:
    from config import wsgi

    assert wsgi.application is not None
    assert all(view.loaded for view in lazy_views())


def test_a_lazy_view_is_named_like_its_view_before_it_is_imported() -> None:
    view = LazyViews("motcua.portal.views").home
    assert (view.__module__, view.__name__, view.__qualname__) == (
        "motcua.portal.views",
        "home",
        "home",
    )
    assert not hasattr(view, "view_class") and not view.loaded


def test_the_view_attributes_the_middleware_reads_are_the_views_own() -> None:
    view = LazyView("motcua.payments.public_views.callback")
    assert view.csrf_exempt is True  # type: ignore[attr-defined]
    assert view.loaded


@pytest.mark.django_db
def test_a_csrf_exempt_view_is_still_exempt() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/thanh-toan-truc-tuyen/thong-bao/khong-co/", {})
    assert response.status_code != 403


def test_a_path_resolves_to_its_lazy_view_and_reverses() -> None:
    match = resolve("/thanh-toan/")
    assert isinstance(match.func, LazyView) and match.func.path == "motcua.payments.views.home"
    assert match.view_name == "payments:home"
    assert match._func_path == "motcua.payments.views.home"
    assert reverse("payments:home") == "/thanh-toan/"


def test_each_workflow_action_has_its_url() -> None:
    assert list(office_urls.ACTION_SLUGS) == [action.name for action in office_actions.ACTIONS]
    lazy = resolve("/ho-so/1/tu-choi/").func
    assert isinstance(lazy, LazyView)
    view = lazy.load()
    assert view.view_class is office_actions.ActionView  # type: ignore[attr-defined]
    assert view.view_initkwargs == {"action_name": "refuse"}  # type: ignore[attr-defined]


def test_a_name_that_is_not_a_view_is_refused() -> None:
    with pytest.raises(ImportError):
        LazyViews("motcua.portal.views").no_such_view.load()
    with pytest.raises(ImproperlyConfigured):
        LazyView("motcua.dossiers.views.office_actions.ActionView").load()  # a class
    with pytest.raises(ImproperlyConfigured, match="asynchronous"):
        LazyView(f"{__name__}.asynchronous_view").load()


async def asynchronous_view(request: object) -> None:
    """Not served lazily: Django would call it as a synchronous view."""

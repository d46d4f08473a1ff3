"""A django-ninja API mounted in the URL configuration without importing it at start-up.

Importing an API means importing django-ninja and pydantic and building every schema: about a
third of a second of CPU, paid by every process that loads the URL configuration —
`manage.py check`, and any command that resolves a URL — although only a request to the API
needs it (bench/startup.py). `LazyApi` stands where `path(route, api.urls)` stood and imports
the API the first time it is needed:

- a request whose path starts with the route;
- the first URL reversed, whichever it is (Django then builds the reverse index of every
  resolver, so the first page a web process renders loads the API);

and not for the system checks: `manage.py check` does not see the API's own patterns (django-ninja
generates them; motcua/api/tests/test_lazy_urls.py runs the URL checks on them).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.urls import URLResolver
from django.urls.resolvers import ResolverMatch, RoutePattern
from django.utils.module_loading import import_string

NINJA_APP_NAME = "ninja"  # the application namespace django-ninja gives every API's URLs


class LazyApi(URLResolver):
    """`path(route, <api>.urls)` where `api` is the dotted path of a NinjaAPI instance and
    `namespace` its `urls_namespace` (checked when the API is imported)."""

    def __init__(self, route: str, api: str, *, namespace: str) -> None:
        super().__init__(
            RoutePattern(route, is_endpoint=False),
            api,
            app_name=NINJA_APP_NAME,
            namespace=namespace,
        )
        self.api = api
        self._patterns: list[Any] | None = None

    @property
    def loaded(self) -> bool:
        return self._patterns is not None

    def load(self) -> list[Any]:
        """The API's URL patterns, importing the API the first time."""
        if self._patterns is None:
            patterns, app_name, namespace = import_string(self.api).urls
            if (app_name, namespace) != (self.app_name, self.namespace):
                raise ImproperlyConfigured(
                    f"{self.api}: its URLs are {app_name}:{namespace}, "
                    f"mounted as {self.app_name}:{self.namespace}"
                )
            self._patterns = list(patterns)
        return self._patterns

    # Empty until loaded: what the system checks walk (the URL checks, the uniqueness of
    # namespaces: django-ninja nests none under the API's).
    @property
    def url_patterns(self) -> list[Any]:
        return self._patterns if self._patterns is not None else []

    def resolve(self, path: str) -> ResolverMatch:
        if self.pattern.match(str(path)) is not None:
            self.load()
        return super().resolve(path)

    def _populate(self) -> None:  # building the reverse index (any reverse() or {% url %})
        self.load()
        super()._populate()

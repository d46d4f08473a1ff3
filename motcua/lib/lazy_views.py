"""Views named in a URL configuration without importing them at start-up.

Loading the URL configuration used to import every view module, and with them the forms,
services and selectors of every app: about 140 modules, a third of `manage.py check`, paid by
every process that runs the system checks although only a request needs a view
(bench/startup.py). A URL module names its views through a stand-in for their module instead:

    views = LazyViews("motcua.par.views")
    urlpatterns = [path("", views.home, name="home"), ...]

`views.home` is a `LazyView`: a callable that imports `motcua.par.views.home` the first time it
is called or asked for an attribute (`csrf_exempt`, `login_required`… as the middleware does),
and then forwards to it. Routes, names, the URL checks and `reverse()` need no view, so none is
imported for them; resolving a path imports the views of the one pattern matched.

A web server imports them all when it starts instead (`load_views`, called by config/wsgi.py,
with the lazily mounted APIs), so that no visitor waits for the first import of a page. A name
that does not exist is found there, and by tests/test_lazy_views.py, not by `manage.py check`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from asgiref.sync import iscoroutinefunction
from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.module_loading import import_string


class LazyView:
    """A view named by its dotted path; `as_view(**initkwargs)` for a class-based view."""

    def __init__(self, path: str, initkwargs: dict[str, Any] | None = None) -> None:
        self.path = path
        self.initkwargs = initkwargs
        # What Django reads to name the view (URLPattern.lookup_str, ResolverMatch) before it
        # is imported: the same module and name as the view's own.
        self.__module__, _, self.__qualname__ = path.rpartition(".")
        self.__name__ = self.__qualname__
        self._view: Callable[..., Any] | None = None

    def __repr__(self) -> str:
        return f"<LazyView {self.path}{'.as_view()' if self.initkwargs is not None else ''}>"

    def as_view(self, **initkwargs: Any) -> LazyView:
        return LazyView(self.path, initkwargs)

    @property
    def loaded(self) -> bool:
        return self._view is not None

    def load(self) -> Callable[..., Any]:
        """The view, importing its module the first time."""
        if self._view is None:
            view = import_string(self.path)
            if self.initkwargs is not None:
                view = view.as_view(**self.initkwargs)
            if not callable(view) or isinstance(view, type):
                raise ImproperlyConfigured(f"{self!r} is not a view")
            if iscoroutinefunction(view):  # Django would call it as a sync view: name it directly
                raise ImproperlyConfigured(f"{self!r} is asynchronous")
            self._view = view
        return self._view

    def __call__(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self.load()(request, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        # `view_class` is asked by URLPattern.lookup_str when reverse() builds its index: the
        # name above serves as well, so it does not import the view.
        if name.startswith("__") or (name == "view_class" and self._view is None):
            raise AttributeError(name)
        return getattr(self.load(), name)


class LazyViews:
    """Stands for a views module in a URL module: each attribute is a `LazyView` of that name."""

    def __init__(self, module: str) -> None:
        self.module = module

    def __getattr__(self, name: str) -> LazyView:
        if name.startswith("__"):
            raise AttributeError(name)
        return LazyView(f"{self.module}.{name}")


def lazy_views(patterns: Iterable[Any] | None = None, *, load: bool = False) -> list[LazyView]:
    """Every `LazyView` of a URL configuration (the project's by default), included ones too;
    with `load`, lazily mounted URL modules (motcua/api/lazy_urls.py) are loaded first."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    found: list[LazyView] = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            loader = getattr(entry, "load", None)
            if load and callable(loader):
                loader()
            found += lazy_views(entry.url_patterns, load=load)
        elif isinstance(entry, URLPattern) and isinstance(entry.callback, LazyView):
            found.append(entry.callback)
    return found


def load_views() -> None:
    """Import every view and API of the URL configuration now (a web server, as it starts)."""
    for view in lazy_views(load=True):
        view.load()

"""Whole citizen pages from the cache, with each visitor's parts filled in; pages drawn once
per shape, with each request's values filled in.

The citizen home and a procedure page are the same for every visitor of one language until the
catalog changes, but for three things: the CSRF token of their forms (each visitor's own), the
address the language switch returns to (this request's path and query) and the messages shown
once after a redirect. `cached_page` renders a page once per key with unguessable marks in place
of the first two and fills each copy in by string replacement; a visitor with a message waiting
gets the page rendered anew, as before. The keys carry the language and the catalog stamp
(motcua/catalog/stamp.py), so a page is never stale.

Nothing else in these templates may depend on the visitor; what does belongs in the marks.

`filled_page` does the same for a page made of one dossier's values (the status page, the
portal's busiest): drawn once per language and *shape* — which of its values are there, and
how long its lists are — with a mark in place of each value, then filled in by one pass that
escapes each value as the template would have. Drawing it cost some 0.9 ms a lookup; filling
it in costs a few hundredths of that. Such a template is given only values, never a model
instance, so it can branch on nothing but whether a value is there.
"""

import html
import re
from collections.abc import Callable
from functools import cache as once
from typing import Any

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from motcua.lib.csrf import get_token

# Cached pages are keyed by the catalog stamp, so never stale; this only bounds how long pages
# of an older stamp linger.
PAGE_SECONDS = 24 * 3600


@once
def marks() -> tuple[str, str]:
    """(CSRF token, return address) marks: the same in every process sharing a cache, and
    derived from the secret key, so no catalog text can contain one."""
    digest = salted_hmac("motcua.portal.pages", "marks").hexdigest()
    return f"csrf{digest[:20]}", f"here{digest[20:40]}"


def cached_page(
    request: HttpRequest, key: str, template: str, context: Callable[[], dict[str, Any]]
) -> HttpResponse:
    """`template` rendered with `context()` for this visitor; from the cache under `key` (which
    must name everything the page shows but the marks) unless a message waits for them."""
    if len(get_messages(request)):
        return render(request, template, context())
    token_mark, here_mark = marks()
    page = cache.get(key)
    if page is None:
        shared = context() | {"csrf_token": token_mark, "here": here_mark}
        page = render_to_string(template, shared, request)
        cache.set(key, page, PAGE_SECONDS)
    page = page.replace(token_mark, get_token(request))
    return HttpResponse(page.replace(here_mark, escape(request.get_full_path())))


# Drawn pages by (template, language, names and shape of the values); a few hundred shapes at
# most (the status page: its flags and the length of its timeline), about 6 KB each.
_drawn: dict[tuple[object, ...], str] = {}
DRAWN_MAX = 500


@once
def _value_marks() -> tuple[str, re.Pattern[str]]:
    """The prefix of value marks (value n: `<prefix>n.`) and the pattern finding them."""
    prefix = "v" + salted_hmac("motcua.portal.pages", "values").hexdigest()[:20]
    return prefix, re.compile(re.escape(prefix) + r"(\d+)\.")


def filled_page(request: HttpRequest, template: str, values: dict[str, Any]) -> HttpResponse:
    """`template` rendered with `values`, from a drawing of the same shape when there is one.

    Values: a string is put in escaped (a `SafeString`, such as a rendered fragment, as it
    is; an empty one is given as it is, so the template's tests of it hold); a list of dicts
    of strings item by item; anything else (flags, an empty form) is given to the template as
    it is and must be the same for every page of its shape. A visitor with a message waiting
    gets the page rendered anew, as by `cached_page`."""
    if len(get_messages(request)):
        return render(request, template, values)
    fills: list[str] = [get_token(request)]
    prefix, found = _value_marks()
    marked = {name: _marked(value, fills, prefix) for name, value in values.items()}
    shape = tuple((name, _shape(value)) for name, value in values.items())
    key = (template, get_language(), shape)
    page = _drawn.get(key)
    if page is None:
        page = render_to_string(template, marked | {"csrf_token": f"{prefix}0."}, request)
        if len(_drawn) >= DRAWN_MAX:
            _drawn.clear()
        _drawn[key] = page
    return HttpResponse(found.sub(lambda mark: fills[int(mark.group(1))], page))


def _shape(value: Any) -> object:
    return len(value) if isinstance(value, list) else bool(value)


def _marked(value: Any, fills: list[str], prefix: str) -> Any:
    """The mark standing for `value` in the drawing (its fill appended to `fills`)."""
    if type(value) is str and value:  # what `escape` does to a plain string, without its wrappers
        fills.append(html.escape(value))
        return f"{prefix}{len(fills) - 1}."
    if isinstance(value, str) and value:
        fills.append(value if isinstance(value, SafeString) else conditional_escape(value))
        return f"{prefix}{len(fills) - 1}."
    if isinstance(value, list):
        return [{key: _marked(v, fills, prefix) for key, v in item.items()} for item in value]
    return value

"""Whole citizen pages from the cache, with each visitor's parts filled in.

The citizen home and a procedure page are the same for every visitor of one language until the
catalog changes, but for three things: the CSRF token of their forms (each visitor's own), the
address the language switch returns to (this request's path and query) and the messages shown
once after a redirect. `cached_page` renders a page once per key with unguessable marks in place
of the first two and fills each copy in by string replacement; a visitor with a message waiting
gets the page rendered anew, as before. The keys carry the language and the catalog stamp
(motcua/catalog/stamp.py), so a page is never stale.

Nothing else in these templates may depend on the visitor; what does belongs in the marks.
"""

from collections.abc import Callable
from functools import cache as once
from typing import Any

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac
from django.utils.html import escape

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

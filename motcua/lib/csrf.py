"""A visitor's CSRF token, as Django's `get_token` makes it, for less; `context` gives it to
every template (`{% csrf_token %}`) in place of Django's own context processor.

Django draws each of a token's 64 characters with its own call to the system's random source
(about 70 µs for a first visit, a sixth of a cached citizen page); here one read of 32 bytes
gives the 32 characters of the secret or of the mask. The secret and the masked token are the
same strings Django makes: the cookie, its renewal and the check of a POST stay Django's own
(`CsrfViewMiddleware`), which reads them from the same request.META keys `get_token` writes.
motcua/portal/tests/test_cached_pages.py posts with such tokens through the real middleware, so
a Django upgrade that changes those keys fails there rather than in production.
"""

import os

from django.http import HttpRequest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.utils.functional import SimpleLazyObject

_CHARS = CSRF_ALLOWED_CHARS
_INDEX = {char: i for i, char in enumerate(_CHARS)}
# 256 random bits written in base 62: 32 digits use 190.5 of them, so each digit is uniform to
# within 2**-65.
_RANDOM_BYTES = 32


def _random_string() -> str:
    number = int.from_bytes(os.urandom(_RANDOM_BYTES), "big")
    digits = []
    for _ in range(CSRF_SECRET_LENGTH):
        number, digit = divmod(number, len(_CHARS))
        digits.append(_CHARS[digit])
    return "".join(digits)


def get_token(request: HttpRequest) -> str:
    """The masked CSRF token for a form on this response; the visitor's secret is made (and
    set as the CSRF cookie by the middleware) when they have none, renewed otherwise."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        secret = request.META["CSRF_COOKIE"] = _random_string()
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = _random_string()
    pairs = zip(secret, mask, strict=True)
    return mask + "".join(_CHARS[(_INDEX[s] + _INDEX[m]) % len(_CHARS)] for s, m in pairs)


def context(request: HttpRequest) -> dict[str, object]:
    """Listed after Django's built-in CSRF context processor, whose `csrf_token` it replaces:
    minted, as there, only when a template draws a form."""
    return {"csrf_token": SimpleLazyObject(lambda: get_token(request))}

"""The address a request came from, for throttling (never logged: it is personal data).

Behind reverse proxies every request arrives from the proxy, so one citizen's mistakes would
throttle the whole province. With `MOTCUA_PROXY_COUNT` = N trusted proxies in front, the
client is the N-th address from the right of X-Forwarded-For (each proxy appends the address
it saw; anything further left was written by the client and may be forged).
"""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.MOTCUA_PROXY_COUNT
    if not proxies:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    return forwarded[-proxies] if len(forwarded) >= proxies else remote


def public_url(request: HttpRequest, path: str = "/") -> str:
    """An absolute link for citizens to `path`: on `MOTCUA_PUBLIC_URL` when it is set (staff may
    print a receipt from an internal address that citizens cannot reach), else this request's."""
    base = settings.MOTCUA_PUBLIC_URL
    if base:
        return base.rstrip("/") + "/" + path.lstrip("/")
    return request.build_absolute_uri(path)

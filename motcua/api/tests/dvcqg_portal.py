"""A local stand-in for the national portal's synchronisation endpoint, over real HTTP.

Not a mock object: a Django view served by the test's live server that checks every payload
against the published field list (motcua/api/dvcqg_schema.json), keeps what it received by
Idempotency-Key, answers 409 to a key it already has, and can be told to be down.
"""

import json
from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as site
from motcua.api.dvcqg import schema_errors

TOKEN = "token-of-the-stand-in"


@dataclass
class Portal:
    received: dict[str, dict[str, object]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    down: bool = False
    lose_answers: int = 0  # store the payload but answer 503, as a timeout would look
    requests: int = 0

    def reset(self) -> None:
        self.__init__()  # type: ignore[misc]


PORTAL = Portal()


@csrf_exempt
def receive(request: HttpRequest, kind: str) -> HttpResponse:
    PORTAL.requests += 1
    if PORTAL.down:
        return HttpResponse(status=503)
    if request.headers.get("Authorization") != f"Bearer {TOKEN}":
        return HttpResponse(status=401)
    payload = json.loads(request.body)
    errors = schema_errors(payload)
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    key = request.headers["Idempotency-Key"]
    if not key.startswith(f"{kind}:"):
        return HttpResponse(status=400)
    if key in PORTAL.received:
        return HttpResponse(status=409)
    PORTAL.received[key] = payload
    PORTAL.order.append(key)
    if PORTAL.lose_answers:
        PORTAL.lose_answers -= 1
        return HttpResponse(status=503)
    return JsonResponse({"ok": True})


urlpatterns = [*site, path("gia-lap-dvcqg/<str:kind>", receive)]

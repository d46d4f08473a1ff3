"""One validation layer for what arrives in the URL: path parts and query values.

Every view and API sits behind `InputGuardMiddleware`, so bad input is answered with a clear
4xx before any view (or the database) sees it:

- a NUL byte in the path or in any query key or value (PostgreSQL refuses NUL in text) → 400;
- a query value longer than `MAX_QUERY_VALUE` characters → 400;
- an integer path part outside a 64-bit signed integer (every primary key is one) → 404.

Form fields are checked by their forms (Django's CharField refuses NUL bytes; lengths come
from the model fields); hand-written parsers (Open311) use `text_problem` and `bounded_int`.
Parts of the site that answer in their own format (the JSON API, Open311) register a renderer
for their prefix with `register_error_renderer`, so their clients get the error document they
expect.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

NUL = "\x00"
MAX_QUERY_VALUE = 2000
INT_MIN, INT_MAX = -(2**63), 2**63 - 1

ErrorRenderer = Callable[[HttpRequest, int, str], HttpResponse]
_renderers: dict[str, ErrorRenderer] = {}


def register_error_renderer(prefix: str, renderer: ErrorRenderer) -> None:
    """Answer refused input under `prefix` (e.g. "/open311/") with `renderer`."""
    _renderers[prefix] = renderer


def text_problem(value: str, *, max_length: int | None = None, label: str = "") -> str:
    """A Vietnamese message when `value` cannot be stored as text, else ""."""
    name = f"{label}: " if label else ""
    if NUL in value:
        return f"{name}có ký tự không hợp lệ (NUL)."
    if max_length is not None and len(value) > max_length:
        return f"{name}dài quá {max_length} ký tự."
    return ""


def bounded_int(text: str, *, minimum: int = 0, maximum: int = INT_MAX) -> int | None:
    """`text` as an integer within [minimum, maximum], or None."""
    text = text.strip()
    if not text or len(text) > 20 or not text.lstrip("-").isdigit():
        return None
    number = int(text)
    return number if minimum <= number <= maximum else None


def json_refusal(request: HttpRequest, status: int, message: str) -> HttpResponse:
    return JsonResponse(
        {"detail": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def refusal(request: HttpRequest, status: int, message: str) -> HttpResponse:
    for prefix, renderer in _renderers.items():
        if request.path.startswith(prefix):
            return renderer(request, status, message)
    return render(request, "refused.html", {"status": status, "message": message}, status=status)


def query_problem(request: HttpRequest) -> str:
    if NUL in request.path:
        return "Địa chỉ trang có ký tự không hợp lệ."
    for key, values in request.GET.lists():
        if NUL in key or any(NUL in value for value in values):
            return "Tham số trên địa chỉ trang có ký tự không hợp lệ."
        if any(len(value) > MAX_QUERY_VALUE for value in values):
            return f"Tham số “{key[:40]}” dài quá {MAX_QUERY_VALUE} ký tự."
    return ""


class InputGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if problem := query_problem(request):
            return refusal(request, 400, problem)
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        values = [*args, *kwargs.values()]
        if any(isinstance(v, int) and not INT_MIN <= v <= INT_MAX for v in values):
            return refusal(request, 404, "Không tìm thấy trang này.")
        return None

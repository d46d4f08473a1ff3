"""Public pages: signature verification for anyone, the gateway's callback, and the
development gateway's checkout page."""

from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.dossiers.models import DossierEvent
from motcua.lib import signing
from motcua.payments import online
from motcua.payments.gateways import SIGNATURE_HEADER, DevelopmentGateway, gateway
from motcua.payments.models import GatewayOrder, OrderStatus
from motcua.payments.services import vnd

MAX_PDF = 20 * 1024 * 1024


# -- verification --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Upload a PDF and see whether its signature is valid, who signed, when, and whether the
    document changed after signing."""
    if request.method == "GET":
        return render(request, "payments/verify.html", {})
    upload = request.FILES.get("file")
    if upload is None or upload.size is None or upload.size > MAX_PDF:
        return _verify_page(request, error="Hãy chọn một tệp PDF (tối đa 20 MB).", status=400)
    data = upload.read()
    if not signing.is_pdf(data):
        return _verify_page(request, error="Tệp tải lên không phải tệp PDF.", status=400)
    try:
        verdict = signing.verify_pdf(data)
    except signing.SigningError as error:
        return _verify_page(request, error=str(error), status=400)
    return _verify_page(request, verdict=verdict)


def _verify_page(
    request: HttpRequest,
    *,
    verdict: signing.Verdict | None = None,
    error: str = "",
    issued: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {"verdict": verdict, "error": error, "issued": issued}
    return render(request, "payments/verify.html", context, status=status)


@require_GET
def verify_issued(request: HttpRequest, token: str) -> HttpResponse:
    """The link in a signed result's QR code: checks the file as it was issued."""
    event = (
        DossierEvent.objects.filter(action="issue_result", payload__signature__token=token)
        .select_related("dossier")
        .first()
    )
    if event is None or not event.dossier.result_file:
        raise Http404
    with event.dossier.result_file.open("rb") as stored:
        data = stored.read()
    signature = event.payload["signature"]
    issued = {"unit": signature.get("unit", ""), "sha256": signature.get("sha256", "")}
    try:
        verdict = signing.verify_pdf(data)
    except signing.SigningError as error:
        return _verify_page(request, error=str(error), status=400)
    return _verify_page(request, verdict=verdict, issued=issued)


# -- gateway -------------------------------------------------------------------------------


@csrf_exempt  # the gateway's server posts here; its HMAC signature is the check
@require_POST
def callback(request: HttpRequest, gateway_name: str) -> HttpResponse:
    outcome = online.callback_handle(
        gateway_name, request.body, request.headers.get(SIGNATURE_HEADER, "")
    )
    # Answered 200 whatever happened, so the gateway stops retrying; the log keeps the rest.
    return JsonResponse({"received": True, "outcome": outcome})


def _dev_order(order_id: str) -> tuple[DevelopmentGateway, GatewayOrder]:
    active = gateway()
    if not isinstance(active, DevelopmentGateway):
        raise Http404
    order = GatewayOrder.objects.filter(order_id=order_id, gateway=active.name).first()
    if order is None:
        raise Http404
    return active, order


@require_GET
def dev_checkout(request: HttpRequest, order_id: str) -> HttpResponse:
    _, order = _dev_order(order_id)
    context = {"order": order, "amount": vnd(order.amount_vnd), "code": order.dossier.code}
    return render(request, "payments/dev_checkout.html", context)


def _dev_callback(active: DevelopmentGateway, order: GatewayOrder, success: bool) -> None:
    body = active.callback_body(
        order_id=order.order_id, transaction_id=f"DEV-{order.order_id}",
        amount_vnd=order.amount_vnd, success=success,
    )  # fmt: skip
    online.callback_handle(active.name, body, active.sign(body))


def _back(order: GatewayOrder, outcome: str) -> HttpResponse:
    # The portal's status page (a fixed path, as printed on receipts).
    return redirect(f"/tra-cuu/{quote(order.dossier.code, safe='')}/?thanh-toan={outcome}")


@require_POST
def dev_pay(request: HttpRequest, order_id: str) -> HttpResponse:
    active, order = _dev_order(order_id)
    _dev_callback(active, order, success=True)
    return _back(order, "thanh-cong")


@require_POST
def dev_fail(request: HttpRequest, order_id: str) -> HttpResponse:
    active, order = _dev_order(order_id)
    _dev_callback(active, order, success=False)
    return _back(order, "that-bai")


@require_POST
def dev_pay_late(request: HttpRequest, order_id: str) -> HttpResponse:
    """The citizen is back before the gateway's callback arrives (sent later, below)."""
    _, order = _dev_order(order_id)
    return _back(order, "dang-cho")


@require_POST
def dev_send_late_callback(request: HttpRequest, order_id: str) -> HttpResponse:
    active, order = _dev_order(order_id)
    if order.status == OrderStatus.PENDING:
        _dev_callback(active, order, success=True)
    return redirect("payments_public:dev_checkout", order_id=order.order_id)

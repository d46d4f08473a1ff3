"""The applicant's fee payment and signed result, from the status page: both only after the
second factor (the browser's lookup grant), like the status page itself."""

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from motcua.accounts.audit import record_applicant_access
from motcua.accounts.models import AccessAction
from motcua.dossiers.models import Dossier, DossierStatus
from motcua.dossiers.workflow import WorkflowError
from motcua.payments import online
from motcua.payments.gateways import gateway
from motcua.portal import lookup as access
from motcua.portal import selectors

RESULT_STATUSES = (DossierStatus.RESULT_READY, DossierStatus.RETURNED)


def _granted(request: HttpRequest, code: str) -> Dossier | None:
    code = access.normalise_code(code)
    return selectors.dossier_for_status(code) if access.granted(request, code) else None


@require_POST
def pay(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _granted(request, code)
    active = gateway()
    if dossier is None or active is None:
        return redirect("portal:lookup")
    try:
        order = online.order_create(dossier=dossier)
    except WorkflowError as error:
        messages.error(request, error.messages[0])
        return redirect("portal:status", code=dossier.code)
    return redirect(active.checkout_url(order.order_id))


@require_GET
def result(request: HttpRequest, code: str) -> HttpResponse | FileResponse:
    """The result file as issued (signed when the competent body has a key)."""
    dossier = _granted(request, code)
    if dossier is None or dossier.status not in RESULT_STATUSES or not dossier.result_file:
        return redirect("portal:lookup")
    record_applicant_access(request, AccessAction.DOWNLOAD, f"Kết quả hồ sơ {dossier.code}")
    pdf = (dossier.result_file.name or "").endswith(".pdf")
    return FileResponse(
        dossier.result_file.open("rb"),
        as_attachment=True,
        filename=f"ket-qua-{dossier.code}.{'pdf' if pdf else 'bin'}",
        content_type="application/pdf" if pdf else "application/octet-stream",
    )

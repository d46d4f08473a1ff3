"""Citizen pages: home, catalog, dossier lookup and status, rating, transparency."""

from functools import cache as once

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.accounts.models import OrgUnit
from motcua.catalog import selectors as catalog
from motcua.catalog.forms import ProcedureSearchForm
from motcua.catalog.models import OnlineLevel
from motcua.dossiers import notifications, workflow
from motcua.dossiers.models import Dossier, DossierStatus
from motcua.lib.client import client_address
from motcua.lib.csrf import get_token
from motcua.payments import selectors as payment_selectors
from motcua.payments.templatetags.payments import fee_panel
from motcua.portal import lookup as access
from motcua.portal import selectors
from motcua.portal.forms import LookupForm, RatingForm, WithdrawalRequestForm
from motcua.portal.pages import cached_page, filled_page
from motcua.reports.live import live_figures
from motcua.surveys.models import RatingChannel
from motcua.surveys.services import RatingError, rating_of, rating_open, rating_record

# Unknown code and wrong second factor: one message, so nobody learns which codes exist.
NOT_FOUND = gettext_lazy(
    "Không tìm thấy hồ sơ với mã và 4 chữ số đã nhập. Vui lòng kiểm tra mã hồ sơ trên Giấy "
    "tiếp nhận và 4 số cuối số định danh cá nhân hoặc số điện thoại."
)
LIMITS = {
    access.Outcome.ADDRESS_LIMITED: gettext_lazy(
        "Ông/bà đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau 15 phút."
    ),
    access.Outcome.CODE_LIMITED: gettext_lazy(
        "Mã hồ sơ này đã bị nhập sai nhiều lần nên tạm khóa tra cứu trong 1 giờ. Vui lòng thử "
        "lại sau hoặc liên hệ Bộ phận Một cửa."
    ),
    access.Outcome.CODE_SLOWED: gettext_lazy(
        "Mã hồ sơ này vừa bị nhập sai nhiều lần nên tạm thời chỉ tra cứu được mỗi phút một "
        "lần. Vui lòng thử lại sau 1 phút."
    ),
}
BAD_LINK = gettext_lazy(
    "Liên kết tra cứu không hợp lệ. Vui lòng nhập mã hồ sơ và 4 số cuối để tra cứu."
)
ONLINE_LEVELS = (OnlineLevel.FULL, OnlineLevel.PARTIAL)


def filing_url(procedure_pk: int) -> str:
    """Online filing (motcua/portal/filing*.py); a fixed path, as printed in guidance leaflets."""
    return f"/nop-truc-tuyen/{procedure_pk}/"


# -- catalog -------------------------------------------------------------------------------


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The same page for every visitor of a language until the catalog changes: served whole
    from the cache (motcua/portal/pages.py). When it is rendered anew, its forms and sectors
    come from cached fragments of home.html (per language, the sectors per catalog stamp too),
    given as callables that the template calls only for a fragment it renders anew."""
    stamp = catalog.catalog_stamp()
    context = {
        "search_form": ProcedureSearchForm,
        "lookup_form": LookupForm,
        "sectors": lambda: catalog.sectors_in_use().order_by("name"),
        "catalog_stamp": stamp,
    }
    key = f"portal.page.home.{get_language()}.{stamp}"
    return cached_page(request, key, "portal/home.html", lambda: context)


@require_GET
def procedures(request: HttpRequest) -> HttpResponse:
    form = ProcedureSearchForm(request.GET or None)
    found = None
    if form.is_valid():
        found = catalog.procedure_search(
            form.cleaned_data["q"] or "",
            sector=form.cleaned_data["sector"],
            level=form.cleaned_data["level"] or None,
        )
    elif not form.is_bound:
        found = catalog.procedure_search("")
    return render(request, "portal/procedures.html", {"form": form, "procedures": found})


@require_GET
def start_filing(request: HttpRequest) -> HttpResponse:
    """ "Nộp hồ sơ trực tuyến": the procedures that can be filed online, by sector."""
    form = ProcedureSearchForm(request.GET or None)
    query = (form.cleaned_data["q"] or "") if form.is_valid() else ""
    found = catalog.procedures_online(query)
    by_sector: dict[str, list[object]] = {}
    for row in found.order_by("sector__name", "name", "pk"):
        by_sector.setdefault(row.sector.name if row.sector else "", []).append(row)
    context = {"form": form, "by_sector": sorted(by_sector.items()), "count": len(found)}
    return render(request, "portal/start_filing.html", context)


@require_GET
def procedure(request: HttpRequest, pk: int) -> HttpResponse:
    """A published procedure's page, served whole from the cache per language and catalog
    stamp (read before the catalog, so a page is never filed under a newer stamp than its
    data); 404 if none is published."""
    key = f"portal.page.procedure.{pk}.{get_language()}.{catalog.catalog_stamp()}"
    return cached_page(request, key, "portal/procedure.html", lambda: _procedure_context(pk))


def _procedure_context(pk: int) -> dict[str, object]:
    version = catalog.published_version_detail(pk)
    online = version.online_level in ONLINE_LEVELS
    context = {
        "version": version,
        "procedure": version.procedure,
        "units": catalog.offering_units(version.procedure),
        "filing_url": filing_url(pk) if online else "",
    }
    body = render_to_string("portal/_procedure.html", context)
    return {"title": version.name, "body": mark_safe(body)}


# -- lookup and status ---------------------------------------------------------------------


def _lookup_page(
    request: HttpRequest, form: LookupForm, error: str = "", status: int = 200
) -> HttpResponse:
    context = {"form": form, "error": error}
    return render(request, "portal/lookup.html", context, status=status)


@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _lookup_page(request, LookupForm(initial={"code": request.GET.get("ma", "")}))
    form = LookupForm(request.POST)
    if not form.is_valid():
        return _lookup_page(request, form)
    code = access.normalise_code(form.cleaned_data["code"])
    found = access.lookup(
        code=code, factor=form.cleaned_data["factor"], address=client_address(request)
    )
    if found.dossier is not None:  # found, as the status page reads it
        return _granted_status_page(request, found.dossier)
    if found.outcome is access.Outcome.NOT_FOUND:
        return _lookup_page(request, form, str(NOT_FOUND))
    return _lookup_page(request, form, str(LIMITS[found.outcome]), status=429)


def _granted_status_page(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    """A right lookup answers with the status page itself, not a redirect to it: one request
    and one read of the dossier instead of two. The page then takes the status page's address
    (`history.replaceState`, portal/status-address.js), so a reload or a bookmark opens that
    page, which the grant set here lets this browser see, rather than posting the form again."""
    address = reverse("portal:status", kwargs={"code": dossier.code})
    values = _status_values(request, dossier, here=address, address=address)
    response = filled_page(request, "portal/status.html", values)
    access.grant(request, response, dossier.code)
    return response


def _granted_redirect(request: HttpRequest, code: str) -> HttpResponse:
    response = redirect("portal:status", code=code)
    access.grant(request, response, code)
    return response


def _status_values(
    request: HttpRequest, dossier: Dossier, *, here: str, address: str = ""
) -> dict[str, object]:
    """What status.html shows of `dossier`, as strings and flags (`pages.filled_page`): `here`
    is where the language switch returns, `address` the page's own when it answers the form."""
    code = dossier.code
    rating, may_rate = rating_of(dossier)
    ready = dossier.status == DossierStatus.RESULT_READY
    returned = dossier.status == DossierStatus.RETURNED
    requested = dossier.withdrawal_requested_at if dossier.national_code != 7 else None
    withdrawal = withdrawal_open(dossier)
    return {
        "here": here,
        "address": address,
        "code": code,
        "national_label": _(dossier.national_label),
        "result_ready": ready,
        "returned": returned,
        "returned_at": selectors.shown_at(dossier.returned_at),
        "unit": dossier.receiving_unit.name,
        "fee_panel": _fee_panel(request, dossier),
        "result_url": (
            reverse("portal:result", kwargs={"code": code})
            if dossier.result_file and (ready or returned)
            else ""
        ),
        "procedure": dossier.procedure_version.name,
        "name": access.mask_name(dossier.applicant_name),
        "personal_id": access.mask_number(
            dossier.applicant_personal_id or dossier.applicant_organisation_id
        ),
        "phone": access.mask_number(dossier.applicant_phone),
        "received_at": selectors.shown_at(dossier.received_at),
        "due_at": selectors.shown_at(dossier.due_at),
        "timeline": [
            {"iso": entry.iso, "shown": entry.shown, "label": entry.label}
            for entry in selectors.public_timeline(dossier)
        ],
        "rating": rating.get_level_display() if rating else "",
        "may_rate": may_rate,
        "rate_url": reverse("portal:rate", kwargs={"code": code}) if may_rate else "",
        # The empty forms' fields are cached fragments of status.html: the class, which the
        # template instantiates only when it renders that fragment anew.
        "rating_form": RatingForm,
        "withdrawal_requested": selectors.shown_at(requested),
        "withdrawal_form": WithdrawalRequestForm() if withdrawal else None,
        "withdrawal_url": (
            reverse("portal:request_withdrawal", kwargs={"code": code}) if withdrawal else ""
        ),
    }


def _fee_panel(request: HttpRequest, dossier: Dossier) -> str:
    """The status page's fee panel (`{% fee_panel %}`), drawn here so the page around it can be
    filled in; nothing read when nothing may be owed."""
    if not payment_selectors.may_owe(dossier):
        return _no_fee_panel()
    pay_url = reverse("portal:pay", kwargs={"code": dossier.code})
    token = SimpleLazyObject(lambda: get_token(request))
    context = fee_panel(dossier, pay_url=pay_url) | {"csrf_token": token}
    return render_to_string("payments/_fee_panel.html", context)


@once
def _no_fee_panel() -> str:
    """What the panel draws for a dossier owing nothing (white space)."""
    return render_to_string("payments/_fee_panel.html", {"state": None, "printed": False})


def withdrawal_open(dossier: Dossier) -> bool:
    """The applicant may still ask to withdraw: not decided, not asked already."""
    return (
        dossier.status in workflow.TRANSITIONS["request_withdrawal"].sources
        and dossier.result_signer_id is None
        and dossier.withdrawal_requested_at is None
    )


@require_GET
def status(request: HttpRequest, code: str) -> HttpResponse:
    code = access.normalise_code(code)
    token = request.GET.get("k")
    if token is not None:
        found = access.token_lookup(code=code, token=token, address=client_address(request))
        if found.outcome is access.Outcome.FOUND:
            # The plain URL: the token leaves the address bar, the history and the Referer.
            return _granted_redirect(request, code)
        form = LookupForm(initial={"code": code})
        if found.outcome is access.Outcome.NOT_FOUND:
            return _lookup_page(request, form, str(BAD_LINK), status=403)
        return _lookup_page(request, form, str(LIMITS[found.outcome]), status=429)
    if not access.granted(request, code):
        return _lookup_page(request, LookupForm(initial={"code": code}))
    dossier = selectors.dossier_for_status_page(code)
    if dossier is None:
        return _lookup_page(request, LookupForm(initial={"code": code}))
    values = _status_values(request, dossier, here=request.get_full_path())
    return filled_page(request, "portal/status.html", values)


@require_POST
def rate(request: HttpRequest, code: str) -> HttpResponse:
    code = access.normalise_code(code)
    dossier = selectors.dossier_for_status(code) if access.granted(request, code) else None
    if dossier is None:
        return redirect("portal:status", code=code)
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vui lòng chọn một mức đánh giá."))
        return redirect("portal:status", code=code)
    try:
        rating_record(dossier=dossier, channel=RatingChannel.PORTAL, **form.cleaned_data)
    except RatingError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Cảm ơn ông/bà đã đánh giá."))
    return redirect("portal:status", code=code)


@require_POST
def request_withdrawal(request: HttpRequest, code: str) -> HttpResponse:
    """The applicant asks to withdraw (second factor again); the one-stop desk confirms it."""
    code = access.normalise_code(code)
    dossier = selectors.dossier_for_status(code) if access.granted(request, code) else None
    if dossier is None:
        return redirect("portal:status", code=code)
    form = WithdrawalRequestForm(request.POST)
    if not form.is_valid():
        return _withdrawal_refused(request, dossier, form, status=400)
    found = access.lookup(
        code=code, factor=form.cleaned_data["factor"], address=client_address(request)
    )
    if found.outcome is not access.Outcome.FOUND:
        error = _("4 chữ số không đúng.") if found.outcome is access.Outcome.NOT_FOUND else ""
        form.add_error("factor", error or str(LIMITS[found.outcome]))
        return _withdrawal_refused(request, dossier, form, status=403)
    try:
        workflow.request_withdrawal(dossier=dossier, reason=form.cleaned_data["reason"])
    except workflow.WorkflowError as error:
        form.add_error(None, error.messages[0])
        return _withdrawal_refused(request, dossier, form, status=409)
    messages.success(
        request,
        _(
            "Đã gửi đề nghị rút hồ sơ. Bộ phận Một cửa sẽ xác nhận và gửi Thông báo dừng giải "
            "quyết hồ sơ."
        ),
    )
    return redirect("portal:status", code=code)


def _withdrawal_refused(
    request: HttpRequest, dossier: Dossier, form: WithdrawalRequestForm, status: int
) -> HttpResponse:
    values = _status_values(request, dossier, here=request.get_full_path())
    values["withdrawal_form"] = form
    return render(request, "portal/status.html", values, status=status)


# -- counter kiosk -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def kiosk(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.POST or None)
    error, status_code = "", 200
    if form.is_valid():
        code = access.normalise_code(form.cleaned_data["code"])
        factor = form.cleaned_data["factor"]
        found = access.lookup(code=code, factor=factor, address=client_address(request))
        if found.outcome is access.Outcome.FOUND:
            access.kiosk_grant(request.session, code)
            return redirect("portal:kiosk_rate", code=code)
        if found.outcome is access.Outcome.NOT_FOUND:
            error = str(NOT_FOUND)
        else:
            error, status_code = str(LIMITS[found.outcome]), 429
    context = {"form": form, "error": error}
    return render(request, "portal/kiosk.html", context, status=status_code)


@require_http_methods(["GET", "POST"])
def kiosk_rate(request: HttpRequest, code: str) -> HttpResponse:
    code = access.normalise_code(code)
    granted = access.kiosk_granted(request.session, code)
    dossier = selectors.dossier_for_status(code) if granted else None
    if dossier is None:
        return redirect("portal:kiosk")
    form = RatingForm(request.POST or None)
    error = ""
    if form.is_valid():
        try:
            rating_record(dossier=dossier, channel=RatingChannel.KIOSK, **form.cleaned_data)
        except RatingError as refused:
            error = refused.messages[0]
        else:
            access.kiosk_revoke(request.session, code)
            return redirect("portal:kiosk_thanks")
    context = {"dossier": dossier, "form": form, "error": error, "open": rating_open(dossier)}
    return render(request, "portal/kiosk_rate.html", context)


@require_GET
def kiosk_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/kiosk_thanks.html")


# -- transparency --------------------------------------------------------------------------


@require_GET
def transparency(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/transparency.html", {"units": selectors.transparency_units()})


@require_GET
@live_figures
def transparency_unit(request: HttpRequest, unit_code: str) -> HttpResponse:
    unit = get_object_or_404(OrgUnit, code=unit_code)
    periods = selectors.periods_to_date()
    figures = selectors.service_figures(unit, periods)
    context = {"unit": unit, "month": figures["month"], "year": figures["year"]}
    context["periods"] = periods
    context["index_url"] = reverse("portal:transparency")
    return render(request, "portal/transparency_unit.html", context)


# -- development only ---------------------------------------------------------------------------


@require_GET
def dev_mailbox(request: HttpRequest) -> HttpResponse:
    """The e-mails and SMS sent in development (one-time codes, notices): 404 in production."""
    if not settings.DEBUG:
        raise Http404
    return render(request, "portal/dev_mailbox.html", {"rows": notifications.dev_mailbox()})

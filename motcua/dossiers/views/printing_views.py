"""Printed forms of one dossier (Mẫu 01–06) and the register (Mẫu 07), as HTML, PDF and Excel.

Every dossier is read through `get_dossier_for_user` and every register through
`dossiers_for_user`: a dossier outside the user's units is a 404, never a 403.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.accounts.access import units_for_user
from motcua.accounts.audit import record_access
from motcua.accounts.models import AccessAction, User
from motcua.dossiers import printing, signing
from motcua.dossiers.forms import RegisterFilterForm
from motcua.dossiers.models import CounterRefusal, Dossier
from motcua.dossiers.selectors import dossiers_for_user, get_dossier_for_user, get_refusal_for_user
from motcua.lib.client import public_url

# The event that makes each form part of a dossier's history (Mẫu 06 needs a receipt).
FORM_EVENTS: dict[int, tuple[str, ...]] = {
    1: ("receive", "accept_online"),
    2: ("request_supplement",),
    3: ("refuse",),
    4: ("reschedule",),
    5: ("withdraw", "stop"),
    6: ("receive", "accept_online"),
}
WHY_NOT = {
    1: "Hồ sơ chưa được tiếp nhận nên chưa có Giấy tiếp nhận hồ sơ và hẹn trả kết quả.",
    2: "Hồ sơ chưa có yêu cầu bổ sung, hoàn thiện nào.",
    3: "Hồ sơ không bị từ chối tiếp nhận.",
    4: "Hồ sơ chưa có văn bản xin lỗi và hẹn lại ngày trả kết quả.",
    5: "Hồ sơ không bị dừng giải quyết (người nộp chưa rút hồ sơ, cơ quan chưa dừng xử lý).",
    6: "Hồ sơ chưa được tiếp nhận nên chưa có quá trình giải quyết.",
}
REGISTER = "Sổ theo dõi hồ sơ (Mẫu 07)"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def forms_of(dossier: Dossier) -> list[int]:
    """The forms (1–6) that the dossier's history has produced, in order."""
    actions = set(dossier.events.values_list("action", flat=True))
    return [number for number, events in FORM_EVENTS.items() if actions & set(events)]


def _status_url(request: HttpRequest, dossier: Dossier) -> str:
    return printing.status_url_for(dossier, public_url(request))


def _options(request: HttpRequest, number: int) -> dict[str, int]:
    """?lan=N chooses which supplement request Mẫu 02 prints (the last one without it)."""
    lan = request.GET.get("lan", "")
    return {"request_number": int(lan)} if number == 2 and lan.isdigit() and lan else {}


def _not_applicable(request: HttpRequest, dossier: Dossier, number: int) -> HttpResponse:
    context = {
        "dossier": dossier,
        "number": number,
        "title": printing.FORM_TITLES[number],
        "reason": WHY_NOT[number],
        "available": [(n, printing.FORM_TITLES[n]) for n in forms_of(dossier)],
    }
    return render(request, "dossiers/counter/form_not_applicable.html", context, status=404)


@login_required
def form_html(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """Mẫu ``number`` ready to print: the legal form, with a toolbar hidden on paper."""
    dossier = get_dossier_for_user(_user(request), pk)
    available = forms_of(dossier)
    if number not in available:
        return _not_applicable(request, dossier, number)
    record_access(request, AccessAction.PRINT, f"Mẫu {number:02d}, hồ sơ {dossier.code}")
    context = printing.CONTEXT_BUILDERS[number](
        dossier, status_url=_status_url(request, dossier), **_options(request, number)
    )
    context |= {
        "form_template": f"dossiers/forms/mau_{number:02d}.html",
        "available": [(n, printing.FORM_TITLES[n]) for n in available],
        "pdf_query": request.GET.urlencode(),
    }
    return render(request, "dossiers/counter/print_form.html", context)


@login_required
def form_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    dossier = get_dossier_for_user(_user(request), pk)
    if number not in forms_of(dossier):
        return _not_applicable(request, dossier, number)
    pdf = printing.render_form_pdf(
        dossier, number, status_url=_status_url(request, dossier), **_options(request, number)
    )
    pdf = signing.signed_form(pdf, dossier, number, _user(request))  # when the unit has a key
    record_access(request, AccessAction.PRINT, f"Mẫu {number:02d} (PDF), hồ sơ {dossier.code}")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="mau-{number:02d}-{dossier.code}.pdf"'
    return response


# -- Mẫu 07 ------------------------------------------------------------------------------------


def _register(
    request: HttpRequest,
) -> tuple[RegisterFilterForm, list[Dossier], list[CounterRefusal]]:
    user = _user(request)
    form = RegisterFilterForm(request.GET or None, units=units_for_user(user))
    if form.is_bound and form.has_error("unit"):
        raise Http404("Đơn vị không thuộc phạm vi của bạn.")
    return form, list(form.apply(dossiers_for_user(user))), list(form.refusals())


@login_required
def register(request: HttpRequest) -> HttpResponse:
    """The register on screen, a page of rows at a time (Excel and PDF hold every row)."""
    user = _user(request)
    form = RegisterFilterForm(request.GET or None, units=units_for_user(user))
    if form.is_bound and form.has_error("unit"):
        raise Http404("Đơn vị không thuộc phạm vi của bạn.")
    found = form.apply(dossiers_for_user(user))
    page, rows = printing.register_page(found, form.refusals(), request.GET.get("trang"))
    if rows:
        record_access(request, AccessAction.VIEW, REGISTER, len(rows))
    query = request.GET.copy()
    query.pop("trang", None)
    context = {
        "form": form,
        "unit": form.selected_unit(),
        "columns": printing.REGISTER_COLUMNS,
        "rows": rows,
        "page": page,
        "query": query.urlencode(),
    }
    return render(request, "dossiers/counter/register.html", context)


@login_required
def register_xlsx(request: HttpRequest) -> HttpResponse:
    _form, found, refusals = _register(request)
    record_access(request, AccessAction.EXPORT, f"{REGISTER} (Excel)", len(found) + len(refusals))
    response = HttpResponse(printing.register_xlsx(found, refusals), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="so-theo-doi-ho-so.xlsx"'
    return response


@login_required
def register_pdf(request: HttpRequest) -> HttpResponse:
    form, found, refusals = _register(request)
    unit = form.selected_unit()
    if unit is None:
        return render(request, "dossiers/counter/register.html", {"form": form}, status=404)
    pdf = printing.register_pdf(found, unit=unit, period=form.period(), refusals=refusals)
    record_access(
        request, AccessAction.EXPORT, f"{REGISTER} (PDF), {unit.code}", len(found) + len(refusals)
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="so-theo-doi-ho-so.pdf"'
    return response


# -- Mẫu 03 of a refusal at the counter (no dossier) -----------------------------------------


@login_required
def refusal_html(request: HttpRequest, pk: int) -> HttpResponse:
    refusal = get_refusal_for_user(_user(request), pk)
    record_access(request, AccessAction.PRINT, f"Mẫu 03, từ chối tiếp nhận số {refusal.pk}")
    context = printing.refusal_context(refusal)
    context |= {"form_template": "dossiers/forms/mau_03.html", "refusal": refusal}
    return render(request, "dossiers/counter/refusal_03.html", context)


@login_required
def refusal_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    refusal = get_refusal_for_user(_user(request), pk)
    pdf = printing.refusal_pdf(refusal)
    record_access(request, AccessAction.PRINT, f"Mẫu 03 (PDF), từ chối tiếp nhận số {refusal.pk}")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="mau-03-tu-choi-{refusal.pk}.pdf"'
    return response

"""The one-stop counter: find the procedure, check the papers, receive → Mẫu 01.

Only receiving officers (Role.RECEIVER) of a unit use these pages, and only for procedures
offered at that unit. Everything is written by `workflow.receive`.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from motcua.accounts.access import Role, units_for_user
from motcua.accounts.models import OrgUnit, User
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.selectors import (
    procedure_search,
    procedures_offered_at,
    published_version_detail,
)
from motcua.dossiers import printing, workflow
from motcua.dossiers.forms import IntakeForm, ProcedureSearchForm

RESULTS_SHOWN = 30


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _receiver_units(request: HttpRequest) -> list[OrgUnit]:
    units = units_for_user(_user(request), [Role.RECEIVER])
    return list(OrgUnit.objects.filter(pk__in=units).order_by("name"))


def _not_a_receiver(request: HttpRequest) -> HttpResponse:
    return render(request, "dossiers/counter/not_receiver.html", status=403)


def _unit_for(request: HttpRequest, units: list[OrgUnit], pk: object) -> OrgUnit:
    for unit in units:
        if str(unit.pk) == str(pk):
            return unit
    raise Http404("Đơn vị không thuộc phạm vi tiếp nhận của bạn.")


def _offered_version(unit: OrgUnit, procedure_pk: int) -> ProcedureVersion:
    if not procedures_offered_at(unit).filter(pk=procedure_pk).exists():
        raise Http404("Thủ tục này không được tiếp nhận tại đơn vị.")
    return published_version_detail(procedure_pk)


def _search(unit: OrgUnit, query: str) -> list[Procedure]:
    offered = procedures_offered_at(unit)
    if not query.strip():
        return list(offered[:RESULTS_SHOWN])
    found = procedure_search(query).filter(pk__in=offered.values("pk"))
    return list(found[:RESULTS_SHOWN])


@login_required
def intake(request: HttpRequest) -> HttpResponse:
    """Step 1: choose the unit (when several) and find the procedure; GET only, works without JS."""
    units = _receiver_units(request)
    if not units:
        return _not_a_receiver(request)
    chosen = request.GET.get("don_vi") or (units[0].pk if len(units) == 1 else None)
    if chosen is None:
        return render(request, "dossiers/counter/choose_unit.html", {"units": units})
    unit = _unit_for(request, units, chosen)
    search = ProcedureSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    context = {
        "unit": unit,
        "units": units,
        "search": search,
        "query": query,
        "procedures": _search(unit, query),
    }
    return render(request, "dossiers/counter/intake.html", context)


@login_required
def intake_form(request: HttpRequest, unit_pk: int, procedure_pk: int) -> HttpResponse:
    """Step 2: the checklist and the applicant; POST receives the dossier (Mẫu 01 follows)."""
    units = _receiver_units(request)
    if not units:
        return _not_a_receiver(request)
    unit = _unit_for(request, units, unit_pk)
    version = _offered_version(unit, procedure_pk)
    guide: dict[str, str] = {}
    if request.method == "POST" and request.POST.get("action") == "guide":
        form = IntakeForm(request.POST, version=version)  # scans are not kept for a guidance
        page, guide = _guidance(request, form, unit, version)
        if page is not None:
            return page
    elif request.method == "POST" and request.POST.get("action") == "refuse":
        form = IntakeForm(request.POST, version=version)  # nothing is received, nor stored
        refused, guide = _refusal(request, form, unit, version)
        if refused is not None:
            return refused
    elif request.method == "POST":
        form = IntakeForm(request.POST, request.FILES, version=version)
        if form.is_valid():
            try:
                dossier = workflow.receive(
                    actor=_user(request),
                    version=version,
                    receiving_unit=unit,
                    applicant=form.applicant(),
                    case=form.cleaned_data["case"],
                    files=form.new_files(),
                    documents=form.submitted_documents(),
                    **form.receipt_details(),
                )
            except workflow.WorkflowError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Đã tiếp nhận hồ sơ {dossier.code}.")
                return redirect(reverse("dossiers:form", args=[dossier.pk, 1]))
    else:
        form = IntakeForm(version=version)
    context = {
        "unit": unit,
        "units": units,
        "version": version,
        "procedure": version.procedure,
        "form": form,
        "search": ProcedureSearchForm(),
        "checklist": form.checklist(),
        **guide,
    }
    return render(request, "dossiers/counter/intake_form.html", context)


def _refusal(
    request: HttpRequest, form: IntakeForm, unit: OrgUnit, version: ProcedureVersion
) -> tuple[HttpResponse | None, dict[str, str]]:
    """Refuse at the counter before receipt (Mẫu 03 instead of Mẫu 01): no dossier, no code,
    no appointment, no notice. Needs who the applicant is, the reasons and a confirmation."""
    form.is_valid()  # the checklist may well be incomplete: only the applicant's fields count
    typed = request.POST.get("refuse_reasons", "")
    kept = {"refuse_reasons": typed}
    data = form.cleaned_data
    reasons = [line.strip(" -•\t") for line in typed.splitlines() if line.strip(" -•\t")]
    problem = ""
    if not data.get("applicant_name", "").strip():
        problem = "Nhập họ tên người nộp để in phiếu từ chối."
    elif not (data.get("personal_id") or data.get("organisation_id")):
        problem = "Nhập số định danh cá nhân (12 chữ số) hoặc mã số tổ chức của người nộp."
    elif not reasons:
        problem = "Ghi rõ lý do từ chối tiếp nhận (mỗi lý do một dòng)."
    elif request.POST.get("refuse_confirm") != "on":
        problem = "Đánh dấu xác nhận từ chối tiếp nhận: hồ sơ sẽ không được tiếp nhận."
    if problem:
        return None, {**kept, "refuse_error": problem}
    try:
        refusal = workflow.refuse_at_counter(
            actor=_user(request), version=version, receiving_unit=unit,
            applicant=_applicant_of(data), reasons=reasons,
        )  # fmt: skip
    except workflow.WorkflowError as error:
        return None, {**kept, "refuse_error": str(error.messages[0])}
    messages.success(request, "Đã từ chối tiếp nhận: không cấp mã hồ sơ, in phiếu từ chối.")
    return redirect(reverse("dossiers:refusal_form", args=[refusal.pk])), kept


def _applicant_of(data: dict[str, Any]) -> workflow.Applicant:
    return workflow.Applicant(
        name=data.get("applicant_name", "").strip(),
        personal_id=data.get("personal_id", ""),
        organisation_id=data.get("organisation_id", "").strip(),
        phone=data.get("phone", ""),
        email=data.get("email", ""),
        address=data.get("address", "").strip(),
    )


def _guidance(
    request: HttpRequest, form: IntakeForm, unit: OrgUnit, version: ProcedureVersion
) -> tuple[HttpResponse | None, dict[str, str]]:
    """Mẫu 02 at the counter for papers that are not complete: nothing is received, no code
    is given, nothing is stored. Lists the mandatory documents not ticked and what the officer
    typed; refused (with the reason, the form kept) without a name or anything to ask for."""
    form.is_valid()  # fills cleaned_data with what is valid; missing papers are expected here
    typed = request.POST.get("guide_items", "")
    reason = request.POST.get("guide_reason", "").strip()[:500]
    kept = {"guide_items": typed, "guide_reason": reason}
    name = form.cleaned_data.get("applicant_name", "").strip()
    items = form.missing_documents() + [line.strip() for line in typed.splitlines() if line.strip()]
    if not name:
        return None, {**kept, "guide_error": "Nhập họ tên người nộp để in phiếu hướng dẫn."}
    if not items:
        return None, {
            **kept,
            "guide_error": "Không có nội dung cần bổ sung: các giấy tờ bắt buộc đã được đánh "
            "dấu. Ghi nội dung cần hoàn thiện, hoặc tiếp nhận hồ sơ.",
        }
    context = printing.guidance_context(
        version=version, unit=unit, applicant_name=name, items=items, reason=reason,
        officer=str(_user(request)),
    )  # fmt: skip
    context["form_template"] = "dossiers/forms/mau_02.html"
    return render(request, "dossiers/counter/guidance_02.html", context), kept

"""The staff register: personal data, every view and export in the audit trail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from motcua.accounts.audit import record_access
from motcua.accounts.models import AccessAction, OrgUnit
from motcua.reform import access, selectors
from motcua.reform import excel as reform_excel
from motcua.reform.forms import ImportForm, today_local
from motcua.reform.levels import CRITERIA, level_label
from motcua.reform.models import StaffKind
from motcua.reform.views.common import day_param, user_of, year_range


def _unit(request: HttpRequest, pk: int) -> OrgUnit:
    if pk not in access.register_units(user_of(request)):
        raise Http404
    return OrgUnit.objects.get(pk=pk)


@login_required
def register_home(request: HttpRequest) -> HttpResponse:
    units = OrgUnit.objects.filter(pk__in=access.register_units(user_of(request)))
    if not units:
        raise Http404
    return render(request, "reform/register_home.html", {"units": units.order_by("path")})


@login_required
def qualifications(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit(request, pk)
    _start, end = year_range(request)
    day = day_param(request, "ngay", end)
    criterion, kind = request.GET.get("tieu_chi", ""), request.GET.get("loai", "")
    missing = request.GET.get("chua_dat") == "1"
    table = selectors.qualification_table(unit, day)
    people = selectors.people_meeting(unit, day, criterion=criterion, kind=kind, missing=missing)
    if criterion == "trained":
        trained = selectors.trained_between(people, *year_range(request))
        people = [s for s in people if s.person.pk in trained]
    record_access(request, AccessAction.VIEW, f"Sổ cán bộ {unit.name}", len(people))
    context = {
        "unit": unit,
        "day": day,
        "table": table,
        "people": people,
        "criteria": [(k, heading) for k, (heading, _c, _m) in CRITERIA.items()],
        "criterion": CRITERIA.get(criterion, ("",))[0] or criterion,
        "kind": kind,
        "kind_label": StaffKind(kind).label if kind in StaffKind.values else "",
        "missing": missing,
        "import_form": ImportForm(),
    }
    return render(request, "reform/qualifications.html", context)


@login_required
def qualifications_excel(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit(request, pk)
    day = day_param(request, "ngay", today_local())
    table = selectors.qualification_table(unit, day)
    record_access(
        request, AccessAction.EXPORT, f"Sổ cán bộ {unit.name}", table[-1].total if table else 0
    )
    workbook = reform_excel.register_workbook(unit, day, table)
    return reform_excel.download(workbook, f"trinh-do-can-bo-{day:%Y%m%d}")


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.get_person_for_user(user_of(request), pk)
    record_access(request, AccessAction.VIEW, f"Hồ sơ cán bộ #{person.pk}")
    quals = [(q, level_label(q.category, q.level)) for q in person.qualifications.all()]
    context = {
        "person": person,
        "postings": person.postings.select_related("unit"),
        "quals": quals,
        "trainings": person.trainings.all(),
    }
    return render(request, "reform/person.html", context)


@login_required
@require_http_methods(["POST"])
def register_import(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit(request, pk)
    form = ImportForm(request.POST, request.FILES)
    errors = ["Vui lòng chọn tệp Excel (.xlsx)."]
    if form.is_valid():
        errors, count = reform_excel.import_register(unit, request.FILES["file"])
        if not errors:
            messages.success(request, f"Đã nhập {count} người vào sổ cán bộ.")
            return redirect("reform:qualifications", pk=unit.pk)
    back = reverse("reform:qualifications", args=[unit.pk])
    return render(
        request, "reform/import_errors.html", {"errors": errors, "back": back}, status=400
    )

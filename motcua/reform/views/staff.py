"""The staff register: personal data, every view and export in the audit trail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from motcua.accounts.audit import record_access
from motcua.accounts.models import AccessAction, OrgUnit
from motcua.reform import access, register, selectors
from motcua.reform import excel as reform_excel
from motcua.reform.forms import (
    ImportForm,
    LeaveForm,
    MoveForm,
    PersonForm,
    QualificationForm,
    TrainingForm,
    today_local,
)
from motcua.reform.levels import CRITERIA, level_label
from motcua.reform.models import StaffKind
from motcua.reform.views.common import day_param, user_of, year_range
from motcua.reform.workflow import ReformError

TRAINED = {"trained": "Được đào tạo, bồi dưỡng trong kỳ"}


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


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    units = OrgUnit.objects.filter(pk__in=access.register_units(user)).order_by("path")
    if not units:
        raise Http404
    form = PersonForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            person = register.person_add(data=register.PersonData(**form.cleaned_data), actor=user)
        except ReformError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Đã thêm vào sổ cán bộ. Ghi trình độ và khóa bồi dưỡng.")
            return redirect("reform:person", pk=person.pk)
    context = {"form": form, "title": "Thêm cán bộ, công chức"}
    return render(request, "reform/form.html", context)


def _person_post(request: HttpRequest, pk: int, form_class: type, do: object) -> HttpResponse:
    user = user_of(request)
    person = access.get_person_for_user(user, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            do(person, user, form.cleaned_data)  # type: ignore[operator]
        except ReformError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, "Đã cập nhật sổ cán bộ.")
    else:
        wrong = [str(form.fields[k].label) for k in form.errors if k in form.fields]
        messages.error(request, "Vui lòng kiểm tra: " + "; ".join(wrong))
    return redirect("reform:person", pk=person.pk)


@login_required
@require_http_methods(["POST"])
def person_move(request: HttpRequest, pk: int) -> HttpResponse:
    def do(person, user, data):  # type: ignore[no-untyped-def]
        register.person_move(person=person, actor=user, **data)

    return _person_post(request, pk, MoveForm, do)


@login_required
@require_http_methods(["POST"])
def person_leave(request: HttpRequest, pk: int) -> HttpResponse:
    def do(person, user, data):  # type: ignore[no-untyped-def]
        register.person_leave(person=person, actor=user, **data)

    return _person_post(request, pk, LeaveForm, do)


@login_required
@require_http_methods(["POST"])
def qualification_add(request: HttpRequest, pk: int) -> HttpResponse:
    def do(person, user, data):  # type: ignore[no-untyped-def]
        register.qualification_add(person=person, actor=user, **data)

    return _person_post(request, pk, QualificationForm, do)


@login_required
@require_http_methods(["POST"])
def training_add(request: HttpRequest, pk: int) -> HttpResponse:
    def do(person, user, data):  # type: ignore[no-untyped-def]
        register.training_add(person=person, actor=user, **data)

    return _person_post(request, pk, TrainingForm, do)

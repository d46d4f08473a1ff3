"""Inspections: list and summary, a new inspection, its record, findings and conclusion."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from motcua.accounts.access import get_unit_for_user
from motcua.reform import access, selectors, services
from motcua.reform.forms import (
    ConclusionForm,
    FindingForm,
    InspectionForm,
    InspectionPlanForm,
    RecordForm,
    today_local,
)
from motcua.reform.models import Inspection, InspectionPlan
from motcua.reform.views.common import action_links, item_action, some, user_of, year_range
from motcua.reform.workflow import ReformError


@login_required
def inspection_list(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    unit = get_unit_for_user(user, pk, *access.INSPECTORS)
    start, end = year_range(request)
    context = {
        "unit": unit,
        "start": start,
        "end": end,
        "summary": selectors.inspection_summary(unit, start, end),
        "held": selectors.inspections_between(unit, start, end),
        "plans": InspectionPlan.objects.filter(
            unit=unit, year__gte=start.year, year__lte=end.year
        ).prefetch_related("inspections__inspected_unit"),
        "planned": access.inspections_for_user(user).filter(
            inspecting_unit=unit, held_on__isnull=True
        ),
    }
    return render(request, "reform/inspection_list.html", context)


@login_required
def finding_list(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(user_of(request), pk, *access.INSPECTORS)
    start, end = year_range(request)
    rows = selectors.findings_due_between(unit, start, end)
    context = {"unit": unit, "start": start, "end": end, "rows": rows}
    return render(request, "reform/finding_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def inspection_plan_create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    units = some(access.units_with(user, access.INSPECTORS))
    form = InspectionPlanForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.inspection_plan_create(actor=user, **form.cleaned_data)
        except ReformError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Đã lập kế hoạch kiểm tra. Thêm các cuộc kiểm tra dự kiến.")
            return redirect("reform:inspection_list", pk=plan.unit_id)
    title = "Kế hoạch kiểm tra công vụ, kiểm tra CCHC năm"
    return render(request, "reform/form.html", {"form": form, "title": title})


@login_required
@require_http_methods(["GET", "POST"])
def inspection_create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    form = InspectionForm(
        request.POST or None, units=some(access.units_with(user, access.INSPECTORS))
    )
    if request.method == "POST" and form.is_valid():
        try:
            data = services.InspectionData(**form.cleaned_data)
            inspection = services.inspection_create(data=data, actor=user)
        except ReformError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Đã ghi cuộc kiểm tra.")
            return redirect("reform:inspection", pk=inspection.pk)
    return render(request, "reform/form.html", {"form": form, "title": "Cuộc kiểm tra mới"})


@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    inspection = access.get_inspection_for_user(user, pk)
    findings = [(f, action_links(user, f)) for f in inspection.findings.select_related("person")]
    initial = {"held_on": inspection.held_on}
    context = {
        "i": inspection,
        "findings": findings,
        "may_inspect": access.may_inspect(user, inspection.inspecting_unit),
        "record_form": RecordForm(initial=initial),
        "finding_form": finding_form(inspection),
        "conclusion_form": ConclusionForm(),
        "sampled": inspection.sampled.all(),
    }
    return render(request, "reform/inspection.html", context)


def _people(inspection: Inspection) -> list[tuple[int, str]]:
    """Who worked at the inspected unit on the day: the officers a finding may concern."""
    day = inspection.held_on or today_local()
    return [
        (s.person.pk, f"{s.person.full_name} — {s.posting.position}")
        for s in selectors.people_in(inspection.inspected_unit, day)
    ]


def finding_form(inspection: Inspection, *args: object) -> FindingForm:
    return FindingForm(*args, people=_people(inspection))


def _post(request: HttpRequest, pk: int, form_class: object, do: object) -> HttpResponse:
    user = user_of(request)
    inspection = access.get_inspection_for_user(user, pk)
    if form_class is FindingForm:
        form = finding_form(inspection, request.POST)
    else:
        form = form_class(request.POST, request.FILES)  # type: ignore[operator]
    if form.is_valid():
        try:
            do(inspection, user, form.cleaned_data)  # type: ignore[operator]
        except ReformError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, "Đã lưu.")
    else:
        messages.error(
            request,
            "Vui lòng nhập đủ các trường bắt buộc: "
            + "; ".join(f"{form.fields[k].label}" for k in form.errors if k in form.fields),
        )
    return redirect("reform:inspection", pk=inspection.pk)


@login_required
@require_http_methods(["POST"])
def inspection_record(request: HttpRequest, pk: int) -> HttpResponse:
    def do(i, user, data):  # type: ignore[no-untyped-def]
        services.inspection_record(inspection=i, data=services.InspectionRecord(**data), actor=user)

    return _post(request, pk, RecordForm, do)


@login_required
@require_http_methods(["POST"])
def finding_add(request: HttpRequest, pk: int) -> HttpResponse:
    def do(i, user, data):  # type: ignore[no-untyped-def]
        services.finding_add(inspection=i, data=services.FindingData(**data), actor=user)

    return _post(request, pk, FindingForm, do)


@login_required
@require_http_methods(["POST"])
def inspection_conclude(request: HttpRequest, pk: int) -> HttpResponse:
    def do(i, user, data):  # type: ignore[no-untyped-def]
        services.inspection_conclude(inspection=i, actor=user, **data)

    return _post(request, pk, ConclusionForm, do)


@login_required
@require_http_methods(["POST"])
def inspection_sample(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    inspection = access.get_inspection_for_user(user, pk)
    try:
        chosen = services.inspection_sample_late(inspection=inspection, actor=user)
    except ReformError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"Đã chọn ngẫu nhiên {len(chosen)} hồ sơ trễ hạn để kiểm tra.")
    return redirect("reform:inspection", pk=inspection.pk)


@login_required
@require_http_methods(["GET", "POST"])
def finding_action(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    finding = access.get_finding_for_user(user_of(request), pk)
    back = reverse("reform:inspection", args=[finding.inspection_id])
    return item_action(request, finding, slug, back, {"title": finding.description})


@login_required
def conclusion_file(request: HttpRequest, pk: int) -> FileResponse:
    inspection = access.get_inspection_for_user(user_of(request), pk)
    if not inspection.conclusion_file:
        raise Http404
    return FileResponse(inspection.conclusion_file.open("rb"), content_type="application/pdf")

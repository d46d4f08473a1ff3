"""Plans: the list, a plan's dashboard and tasks, a task's page and actions, Excel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from motcua.accounts.access import get_unit_for_user
from motcua.reform import access, selectors, services
from motcua.reform import excel as reform_excel
from motcua.reform.forms import DeriveForm, ImportForm, PlanForm, TaskForm, today_local
from motcua.reform.models import ReformArea
from motcua.reform.views.common import action_links, item_action, some, user_of, year_range
from motcua.reform.workflow import ReformError


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    context = {
        "plans": access.plans_for_user(user).order_by("-year", "unit__name")[:100],
        "may_plan": access.units_with(user, access.PLAN_EDITORS).exists(),
        "register": access.may_read_register(user),
        "report_units": access.units_with(user, access.REPORT_ROLES),
        "inspect_units": access.units_with(user, access.INSPECTORS),
        "my_tasks": selectors.my_open_items(user),
        "meeting_units": access.units_with(user, access.MEETING_EDITORS),
        "inspected": access.inspections_of_my_units(user)[:20],
    }
    return render(request, "reform/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    form = PlanForm(request.POST or None, units=some(access.units_with(user, access.PLAN_EDITORS)))
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(data=services.PlanData(**form.cleaned_data), actor=user)
        except ReformError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Đã lập kế hoạch. Thêm nhiệm vụ hoặc nhập từ Excel.")
            return redirect("reform:plan", pk=plan.pk)
    return render(request, "reform/form.html", {"form": form, "title": "Lập kế hoạch CCHC năm"})


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    plan = access.get_plan_for_user(user, pk)
    tasks = plan.tasks.select_related("lead_officer", "lead_unit")
    areas = [(str(a.label), [t for t in tasks if t.area == a]) for a in ReformArea]
    context = {
        "plan": plan,
        "dash": selectors.plan_dashboard(plan, today_local()),
        "areas": [(label, rows) for label, rows in areas if rows],
        "may_edit": access.may_edit_plans(user, plan.unit),
        "may_derive": access.units_deriving(user, plan).exists(),
        "import_form": ImportForm(),
    }
    return render(request, "reform/plan.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    plan = access.get_plan_for_user(user, pk)
    form = TaskForm(request.POST or None, unit=plan.unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_add(plan=plan, data=services.TaskData(**form.cleaned_data), actor=user)
        except ReformError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Đã thêm nhiệm vụ.")
            return redirect("reform:plan", pk=plan.pk)
    title = f"Thêm nhiệm vụ — {plan}"
    return render(request, "reform/form.html", {"form": form, "title": title})


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    task = access.get_task_for_user(user, pk)
    context = {
        "task": task,
        "events": task.events.prefetch_related("files"),
        "actions": action_links(user, task),
        "base": reverse("reform:task", args=[task.pk]),
    }
    return render(request, "reform/task.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def task_action(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    task = access.get_task_for_user(user_of(request), pk)
    back = reverse("reform:task", args=[task.pk])
    return item_action(request, task, slug, back, {"title": task.content})


@login_required
def task_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The tasks behind the measure: due in the range, with how they ended."""
    unit = get_unit_for_user(user_of(request), pk)
    start, end = year_range(request)
    rows = selectors.tasks_due_between(unit, start, end)
    context = {"unit": unit, "start": start, "end": end, "rows": rows}
    return render(request, "reform/task_list.html", context)


@login_required
def plan_excel(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for_user(user_of(request), pk)
    return reform_excel.download(reform_excel.plan_workbook(plan), f"ke-hoach-cchc-{plan.year}")


@login_required
@require_http_methods(["POST"])
def plan_import(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    plan = access.get_plan_for_user(user, pk)
    form = ImportForm(request.POST, request.FILES)
    errors: list[str] = []
    if not access.may_edit_plans(user, plan.unit):
        errors = ["Bạn không có quyền sửa kế hoạch của đơn vị này."]
    elif not form.is_valid():
        errors = ["Vui lòng chọn tệp Excel (.xlsx)."]
    else:
        errors, count = reform_excel.import_tasks(plan, request.FILES["file"], user)
        if not errors:
            messages.success(request, f"Đã nhập {count} nhiệm vụ từ Excel.")
            return redirect("reform:plan", pk=plan.pk)
    context = {"errors": errors, "back": reverse("reform:plan", args=[plan.pk])}
    return render(request, "reform/import_errors.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def plan_derive(request: HttpRequest, pk: int) -> HttpResponse:
    """A unit's plan copied from the plan above it: the tasks that apply to the unit."""
    user = user_of(request)
    source = access.get_plan_for_user(user, pk)
    tasks = [(t.pk, f"{t.number} {t.content}".strip()) for t in source.tasks.all()]
    units = access.units_deriving(user, source)
    form = DeriveForm(request.POST or None, units=units, tasks=tasks)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ids = [int(i) for i in data["tasks"]]
        try:
            plan = services.plan_derive(source=source, unit=data["unit"], task_ids=ids, actor=user)
        except ReformError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"Đã lập kế hoạch với {len(ids)} nhiệm vụ từ kế hoạch cấp trên."
            )
            return redirect("reform:plan", pk=plan.pk)
    title = f"Áp dụng “{source.title}” cho đơn vị"
    return render(request, "reform/form.html", {"form": form, "title": title})

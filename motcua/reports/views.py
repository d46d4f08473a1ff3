"""Internal report pages: dashboards, the period report and its export, the 766 ranking and
the dossiers behind every figure. Every unit is read through `get_unit_for_user` (404
outside the user's units)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from motcua.accounts.access import get_unit_for_user, units_for_user
from motcua.accounts.models import OrgUnit
from motcua.lib.widgets import parse_day
from motcua.reports import charts, drilldown, excel, index766, selectors
from motcua.reports.live import live_figures
from motcua.reports.periods import Period, to_date


def _period(request: HttpRequest) -> Period:
    now = timezone.now()
    today = timezone.localdate(now)
    first = parse_day(request.GET.get("tu", "")) or today.replace(month=1, day=1)
    last = parse_day(request.GET.get("den", "")) or today
    return to_date(first, max(first, last), now)


def _scope(request: HttpRequest, pk: int) -> tuple[OrgUnit, list[int]]:
    unit = get_unit_for_user(request.user, pk)  # type: ignore[arg-type]
    allowed = set(units_for_user(request.user))  # type: ignore[arg-type]
    below = OrgUnit.objects.within(unit).values_list("pk", flat=True)
    return unit, [pk for pk in below if pk in allowed]


@login_required
def home(request: HttpRequest) -> HttpResponse:
    allowed = units_for_user(request.user)  # type: ignore[arg-type]
    top = OrgUnit.objects.filter(pk__in=allowed).order_by("path").first()
    if top is None:
        raise Http404
    return redirect("reports:dashboard", pk=top.pk)


@login_required
@live_figures
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    unit, ids = _scope(request, pk)
    period = _period(request)
    # The dossiers open at the period's end, judged once for the total, the last month and
    # the 766 ranking.
    opened = selectors.open_counts(ids, period.end)
    months = selectors.monthly_totals(ids, period, opened=opened)
    chart = charts.bar_chart(
        "Hồ sơ tiếp nhận và giải quyết theo tháng",
        [label for label, _ in months],
        [
            charts.Series("Tiếp nhận", [f.received for _, f in months]),
            charts.Series("Giải quyết", [f.resolved for _, f in months]),
            charts.Series("Quá hạn", [f["resolved_late"] + f["overdue"] for _, f in months]),
        ],
    )
    ranking = _ranking(ids, period, opened)
    return render(
        request,
        "reports/dashboard.html",
        {
            "unit": unit,
            "period": period,
            "total": selectors.total_figures(ids, period, opened=opened, months=months),
            "months": months,
            "chart": chart,
            "ranking": ranking,
        },
    )


@login_required
@live_figures
def period_report(request: HttpRequest, pk: int) -> HttpResponse:
    unit, ids = _scope(request, pk)
    period, by = _period(request), _by(request)
    rows = selectors.period_report(ids, period, by)
    return render(
        request, "reports/period.html", {"unit": unit, "period": period, "rows": rows, "by": by}
    )


def _by(request: HttpRequest) -> str:
    by = request.GET.get("theo", "procedure")
    return by if by in ("procedure", "sector", "unit") else "procedure"


@login_required
@live_figures
def period_report_excel(request: HttpRequest, pk: int) -> HttpResponse:
    unit, ids = _scope(request, pk)
    period, by = _period(request), _by(request)
    rows = selectors.period_report(ids, period, by)
    title = f"BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH — {unit.name.upper()}"
    body = excel.period_workbook(title, period, rows)
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"bao-cao-{unit.code}-{period.first:%Y%m%d}-{period.last:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


DRILLDOWN_PAGE_SIZE = 100


@login_required
@live_figures
def dossier_list(request: HttpRequest, pk: int, figure: str) -> HttpResponse:
    unit, ids = _scope(request, pk)
    if figure not in drilldown.FIGURES:
        raise Http404
    period = _period(request)
    found = drilldown.dossiers_for(ids, period, figure).order_by("entered_at", "pk")
    page = Paginator(found, DRILLDOWN_PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "reports/dossiers.html",
        {
            "unit": unit,
            "period": period,
            "figure": figure,
            "facts": page.object_list,
            "page": page,
            "label": FIGURE_LABELS.get(figure, figure),
        },
    )


@login_required
@live_figures
def late_list(request: HttpRequest, pk: int) -> HttpResponse:
    unit, ids = _scope(request, pk)
    period = _period(request)
    rows = selectors.late_dossiers(ids, period)
    return render(request, "reports/late.html", {"unit": unit, "period": period, "rows": rows})


@login_required
def index766_home(request: HttpRequest) -> HttpResponse:
    allowed = units_for_user(request.user)  # type: ignore[arg-type]
    top = OrgUnit.objects.filter(pk__in=allowed).order_by("path").first()
    if top is None:
        raise Http404
    return redirect("reports:index766", pk=top.pk)


def _ranking(
    ids: list[int], period: Period, opened: selectors.OpenCounts | None = None
) -> list[index766.UnitIndex]:
    """The units of the scope that received or decided a dossier, in one query."""
    units = index766.units_with_data().filter(pk__in=ids)
    return index766.index766(period, units, opened=opened)


@login_required
@live_figures
def index766_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The 766 index of a scope: the ranking of its units, then one unit's components in the
    six groups with numerator / denominator and the dossiers behind them (`?xem=<unit>`)."""
    unit, ids = _scope(request, pk)
    period = _period(request)
    ranking = _ranking(ids, period)
    chosen = _chosen(request, ids, ranking, unit, period)
    averages = index766.average_by_procedure(period, [chosen.unit.pk])
    return render(
        request,
        "reports/index766.html",
        {
            "unit": unit,
            "period": period,
            "ranking": ranking,
            "chosen": chosen,
            "averages": averages,
            "group_names": list(index766.GROUPS.items()),
        },
    )


def _chosen(
    request: HttpRequest,
    ids: list[int],
    ranking: list[index766.UnitIndex],
    unit: OrgUnit,
    period: Period,
) -> index766.UnitIndex:
    """The unit whose components are shown: `?xem=`, else the scope's own unit if ranked, else
    the first ranked; a unit outside the scope is a 404, one without data shows its reasons."""
    wanted = request.GET.get("xem", "")
    if wanted.isdigit():
        pk = int(wanted)
        if pk not in ids:
            raise Http404
    elif ranking and not any(r.unit.pk == unit.pk for r in ranking):
        pk = ranking[0].unit.pk
    else:
        pk = unit.pk
    found = next((r for r in ranking if r.unit.pk == pk), None)
    if found is not None:
        return found
    [alone] = index766.index766(period, [OrgUnit.objects.get(pk=pk)])
    return alone


@login_required
@live_figures
def index766_excel(request: HttpRequest, pk: int) -> HttpResponse:
    unit, ids = _scope(request, pk)
    period = _period(request)
    title = f"BỘ CHỈ SỐ 766 — {unit.name.upper()}"
    averages = index766.average_by_procedure(period, ids)
    body = excel.index766_workbook(title, period, _ranking(ids, period), averages)
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"chi-so-766-{unit.code}-{period.first:%Y%m%d}-{period.last:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


FIGURE_LABELS = {
    "carried": "Kỳ trước chuyển sang",
    "received": "Tiếp nhận",
    "received_counter": "Tiếp nhận trực tiếp",
    "received_post": "Tiếp nhận qua bưu chính",
    "received_online_self": "Trực tuyến (tự nộp)",
    "received_online_assisted": "Trực tuyến (được hỗ trợ)",
    "resolved": "Đã giải quyết",
    "resolved_early": "Giải quyết trước hạn",
    "resolved_on_time": "Giải quyết đúng hạn",
    "resolved_late": "Giải quyết quá hạn",
    "in_time": "Đang giải quyết trong hạn",
    "overdue": "Đang giải quyết quá hạn",
    "paused": "Tạm dừng",
    "refused": "Từ chối",
    "stopped": "Dừng xử lý",
    "withdrawn": "Rút hồ sơ",
    "judged": "Hồ sơ được đánh giá tiến độ (mẫu số 2.1, 5.4)",
    "judged_on_time": "Hồ sơ trước hạn, đúng hạn (tử số 2.1)",
    "judged_late": "Hồ sơ trễ hạn",
    "on_time_at_end": "Đang giải quyết, trong hạn tại cuối kỳ",
    "late_at_end": "Đang giải quyết, trễ hạn tại cuối kỳ",
    "open": "Chưa giải quyết xong tại cuối kỳ",
    "online_qualified": "Hồ sơ trực tuyến (tử số 3.3)",
    "paper_results": "Hồ sơ đã giải quyết thuộc TTHC yêu cầu kết quả bản giấy (mẫu số 4.1)",
    "electronic_results": "Hồ sơ có kết quả điện tử (tử số 4.1)",
    "digitised": "Hồ sơ số hóa thành phần và kết quả (tử số 4.2)",
    "satisfied": "Hồ sơ đúng hạn, không bị phản ánh hay không hài lòng (tử số 5.4)",
    "dissatisfied": "Hồ sơ trễ hạn, bị phản ánh hoặc đánh giá không hài lòng (5.4)",
}

"""The periodic reform report: the page with its figures, and the .docx and PDF drafts."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.accounts.access import get_unit_for_user
from motcua.accounts.models import OrgUnit
from motcua.reform import access
from motcua.reform import report as periodic
from motcua.reform.forms import today_local
from motcua.reform.views.common import user_of

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _report(request: HttpRequest, pk: int) -> periodic.Report:
    unit: OrgUnit = get_unit_for_user(user_of(request), pk, *access.REPORT_ROLES)
    try:
        year = int(request.GET.get("nam", today_local().year))
    except ValueError:
        year = today_local().year
    period = request.GET.get("ky", "quy-1")
    if period not in periodic.PERIODS or not 2000 <= year <= 2100:
        raise Http404
    return periodic.build(unit, year, period)


@login_required
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    context = {
        "r": report,
        "periods": [(k, v[0]) for k, v in periodic.PERIODS.items()],
        "query": request.GET.urlencode(),
    }
    return render(request, "reform/report.html", context)


def _file(content: bytes, kind: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    content = periodic.to_docx(report, request.build_absolute_uri("/")[:-1])
    return _file(content, DOCX, f"bao-cao-cchc-{report.period}-{report.year}.docx")


@login_required
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    content = periodic.to_pdf(report, request.build_absolute_uri("/")[:-1])
    return _file(content, "application/pdf", f"bao-cao-cchc-{report.period}-{report.year}.pdf")

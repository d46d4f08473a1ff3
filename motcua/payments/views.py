"""Staff pages: a dossier's fees and payments, reconciliation of bank statements, receipts and
the fee report. Dossiers are read through `get_dossier_for_user` (404 outside one's units);
writes go through services, one URL per action, POST only."""

import datetime as dt
import io

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_POST

from motcua.accounts.access import has_role, units_for_user
from motcua.accounts.audit import record_access
from motcua.accounts.models import AccessAction, Role, User
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import get_dossier_for_user
from motcua.dossiers.workflow import WorkflowError
from motcua.lib.excel import sheet_write
from motcua.lib.pdf import html_to_pdf
from motcua.lib.qr import qr_svg
from motcua.payments import reconcile, selectors, services, statements
from motcua.payments.forms import (
    AssignForm,
    CounterPaymentForm,
    DismissForm,
    ExemptionForm,
    PeriodForm,
    StatementForm,
)
from motcua.payments.models import DossierFee, Payment, PaymentMethod
from motcua.payments.services import PaymentError, vnd
from motcua.workdays.timecalc import ZONE

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


# -- one dossier ---------------------------------------------------------------------------


@login_required
@require_GET
def dossier_fees(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_dossier_for_user(_user(request), pk)
    return _fees_page(request, dossier)


def _fees_page(
    request: HttpRequest,
    dossier: Dossier,
    counter_form: CounterPaymentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = _user(request)
    state = selectors.fee_state(dossier)
    payload = selectors.vietqr_payload(dossier, state.due_vnd)
    collector = has_role(user, dossier.receiving_unit, Role.RECEIVER)
    record_access(request, AccessAction.VIEW, f"Phí, lệ phí hồ sơ {dossier.code}")
    context = {
        "dossier": dossier,
        "state": state,
        "vietqr": qr_svg(payload, title="VietQR") if payload else "",
        "account": selectors.account_of(dossier.receiving_unit),
        "may_collect": collector,
        "may_exempt": collector or has_role(user, dossier.current_unit, Role.HEAD),
        "may_request": has_role(user, dossier.current_unit, Role.HANDLER, Role.HEAD),
        "counter_form": counter_form or CounterPaymentForm(initial={"amount_vnd": state.due_vnd}),
        "exemption_form": ExemptionForm(),
    }
    return render(request, "payments/dossier.html", context, status=status)


@login_required
@require_POST
def counter_payment(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_dossier_for_user(_user(request), pk)
    form = CounterPaymentForm(request.POST)
    if not form.is_valid():
        return _fees_page(request, dossier, form, status=400)
    try:
        payment = services.payment_record(
            dossier=dossier, actor=_user(request), **form.cleaned_data
        )
    except WorkflowError as error:
        form.add_error(None, error.messages[0])
        return _fees_page(request, dossier, form, status=400)
    messages.success(
        request, f"Đã ghi nhận {vnd(payment.amount_vnd)}, biên lai {payment.reference}."
    )
    return redirect("payments:dossier", pk=dossier.pk)


@login_required
@require_POST
def exempt(request: HttpRequest, pk: int, fee_pk: int) -> HttpResponse:
    dossier = get_dossier_for_user(_user(request), pk)
    fee = get_object_or_404(DossierFee, pk=fee_pk, dossier=dossier)
    form = ExemptionForm(request.POST)
    try:
        if not form.is_valid():
            raise PaymentError(_first_error(form), code="invalid")
        services.fee_exempt(fee=fee, actor=_user(request), **form.cleaned_data)
    except WorkflowError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"Đã ghi nhận miễn, giảm cho “{fee.name}”.")
    return redirect("payments:dossier", pk=dossier.pk)


@login_required
@require_POST
def request_fees(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_dossier_for_user(_user(request), pk)
    try:
        services.fees_request(dossier=dossier, actor=_user(request))
    except WorkflowError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "Đã tạm dừng hồ sơ chờ thực hiện nghĩa vụ tài chính.")
    return redirect("payments:dossier", pk=dossier.pk)


def _first_error(form: forms.Form) -> str:
    return str(next(iter(form.errors.values()))[0])


@login_required
@require_GET
def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """Biên nhận thanh toán (not a tax invoice): one PDF per payment."""
    payment = get_object_or_404(Payment.objects.select_related("dossier"), pk=pk)
    dossier = get_dossier_for_user(_user(request), payment.dossier_id)
    record_access(request, AccessAction.PRINT, f"Biên nhận {payment.receipt_number}")
    html = render_to_string("payments/receipt.html", {
        "payment": payment, "dossier": dossier, "unit": dossier.receiving_unit,
        "amount": vnd(payment.amount_vnd), "paid_at": payment.paid_at.astimezone(ZONE),
    })  # fmt: skip
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{payment.receipt_number}.pdf"'
    return response


# -- reconciliation ------------------------------------------------------------------------


def _statement_form(user: User, *args: object) -> StatementForm:
    units = selectors.collecting_units(user).filter(bank_account__isnull=False)
    return StatementForm(*args, units=units)


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not units_for_user(user, selectors.REPORT_READERS):
        raise Http404
    context = {
        "form": _statement_form(user),
        "lines": selectors.lines_for_officer(user)[:200],
        "units": selectors.collecting_units(user).select_related("bank_account"),
        "period_form": PeriodForm(initial=_this_month()),
    }
    return render(request, "payments/home.html", context)


@login_required
@require_POST
def statement_import(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = _statement_form(user, request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return redirect("payments:home")
    upload = form.cleaned_data["file"]
    try:
        lines, problems = statements.read(upload.name, upload.read(statements.MAX_BYTES + 1))
    except statements.StatementError as error:
        messages.error(request, str(error))
        return redirect("payments:home")
    summary = reconcile.statement_import(
        unit=form.cleaned_data["unit"], actor=user, lines=lines, problems=problems
    )
    messages.success(
        request,
        f"Đã đối soát: {summary.matched} khớp đủ, {summary.partial} nộp thiếu, "
        f"{summary.unmatched} chưa khớp, {summary.duplicates} dòng đã nhập trước đó (bỏ qua).",
    )
    for problem in summary.problems[:20]:
        messages.warning(request, problem)
    return redirect("payments:home")


@login_required
@require_POST
def line_assign(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    line = selectors.get_line_for_user(user, pk)
    form = AssignForm(request.POST)
    dossier = None
    if form.is_valid():
        dossier = Dossier.objects.filter(
            code=form.cleaned_data["code"].strip(), receiving_unit=line.unit
        ).first()
    try:
        if dossier is None:
            raise PaymentError("Không tìm thấy hồ sơ có mã này tại đơn vị.", code="invalid")
        reconcile.line_assign(line=line, dossier=dossier, actor=user)
    except WorkflowError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"Đã ghi nhận khoản chuyển khoản cho hồ sơ {dossier.code}.")
    return redirect("payments:home")


@login_required
@require_POST
def line_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    line = selectors.get_line_for_user(_user(request), pk)
    form = DismissForm(request.POST)
    try:
        note = form.cleaned_data["note"] if form.is_valid() else ""
        reconcile.line_dismiss(line=line, actor=_user(request), note=note)
    except WorkflowError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "Đã ghi nhận cách xử lý khoản tiền.")
    return redirect("payments:home")


# -- report --------------------------------------------------------------------------------


def _this_month() -> dict[str, dt.date]:
    today = dt.datetime.now(ZONE).date()
    return {"start": today.replace(day=1), "end": today}


@login_required
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    """Fees collected per unit and method in a period, as Excel."""
    user = _user(request)
    units = units_for_user(user, selectors.REPORT_READERS)
    if not units:
        raise Http404
    form = PeriodForm(request.GET)
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return redirect("payments:home")
    start = dt.datetime.combine(form.cleaned_data["start"], dt.time(), tzinfo=ZONE)
    end = dt.datetime.combine(form.cleaned_data["end"], dt.time(), tzinfo=ZONE) + dt.timedelta(1)
    rows = selectors.collected_by_unit_and_method(units, start, end)
    labels = dict(PaymentMethod.choices)
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    sheet_write(book, "Phí, lệ phí đã thu", ["Đơn vị", "Hình thức", "Số tiền (đồng)"], [
        (r["dossier__receiving_unit__name"], str(labels[str(r["method"])]), r["total"])
        for r in rows
    ])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    name = f"phi-le-phi-{form.cleaned_data['start']:%Y%m%d}-{form.cleaned_data['end']:%Y%m%d}"
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response

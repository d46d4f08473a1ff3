"""Writes: fee lines, exemptions and payments. A payment that settles a dossier paused for fees
resumes it through the workflow (DOMAIN.md §3.2: the clock pauses until proof of payment)."""

import datetime as dt
import functools

from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone

from motcua.accounts.models import User
from motcua.dossiers import workflow
from motcua.dossiers.models import Dossier, DossierStatus
from motcua.dossiers.workflow import WorkflowError
from motcua.lib import rows
from motcua.payments.models import DossierFee, Payment, PaymentMethod


class PaymentError(WorkflowError):
    """A refused payment or exemption: nothing was changed. The message is in Vietnamese."""


def fees_of(dossier: Dossier) -> list[DossierFee]:
    """The dossier's fee lines, copied from its procedure version (and case) the first time.

    Fees whose amount the provincial council sets (no amount in the catalog) are not copied:
    the officer collects them with the HĐND's rate, outside this list.
    """
    existing = _lines(dossier)
    if existing or dossier.pk is None:
        return existing
    in_case = Q(case__isnull=True) | Q(case_id=dossier.case_id)
    source = dossier.procedure_version.fees.filter(in_case, amount_vnd__gt=0)
    if not source.exists():  # nothing to copy: no lock (the status page reads this often)
        return []
    with transaction.atomic():
        workflow_lock = Dossier.objects.select_for_update().filter(pk=dossier.pk)
        list(workflow_lock)  # two first readers must not copy the lines twice
        if DossierFee.objects.filter(dossier=dossier).exists():
            return _lines(dossier)
        DossierFee.objects.bulk_create(
            DossierFee(dossier=dossier, order=f.order, name=f.name, amount_vnd=f.amount_vnd or 0)
            for f in source.order_by("order", "pk")
        )
    return _lines(dossier)


def _lines(dossier: Dossier) -> list[DossierFee]:
    """The dossier's lines in the model's order (its first key, the dossier, left out: it would
    join the dossier table to sort one dossier's lines). Plain SQL (motcua/lib/rows.py): the
    status page reads them on every lookup of a dossier owing fees, in the dossier's row on
    PostgreSQL (`fee_lines_read`, used once: after `fees_of` copies lines they are read anew).
    """
    read = dossier.__dict__.pop("fee_lines_read", None)
    if read is not None:
        return read  # type: ignore[no-any-return]
    fields = rows.fields_of(DossierFee)
    return rows.instances(DossierFee, fields, rows.fetch(_lines_sql(), [dossier.pk]))


@functools.cache
def _lines_sql() -> str:
    order = DossierFee._meta.get_field("order").column
    return (
        f"SELECT {rows.columns(rows.fields_of(DossierFee))} FROM {DossierFee._meta.db_table} "
        f'WHERE dossier_id = %s ORDER BY "{order}", id'
    )


def total_fees(dossier: Dossier) -> int:
    return sum(f.due_vnd for f in fees_of(dossier))


def paid_amount(dossier: Dossier) -> int:
    paid = Payment.objects.filter(dossier=dossier).aggregate(total=Sum("amount_vnd"))["total"]
    return int(paid or 0)


def amount_due(dossier: Dossier) -> int:
    """What is still to pay, in đồng (never negative)."""
    return max(total_fees(dossier) - paid_amount(dossier), 0)


def fee_exempt(*, fee: DossierFee, actor: User, exemption_vnd: int, reason: str) -> DossierFee:
    """Exempt (all) or reduce (part of) one fee line, with the legal reason."""
    reason = reason.strip()
    if not reason:
        raise PaymentError("Cần ghi rõ lý do (căn cứ) miễn, giảm phí.", code="invalid")
    if not 0 <= exemption_vnd <= fee.amount_vnd:
        raise PaymentError(
            f"Số tiền miễn, giảm phải từ 0 đến {fee.amount_vnd:,} đồng.".replace(",", "."),
            code="invalid",
        )
    with transaction.atomic():
        workflow.exempt_fee(
            dossier=fee.dossier, actor=actor, note=reason,
            payload={"fee": fee.name, "amount_vnd": fee.amount_vnd,
                     "exemption_vnd": exemption_vnd, "before_vnd": fee.exemption_vnd},
        )  # fmt: skip
        fee.exemption_vnd, fee.exemption_reason = exemption_vnd, reason
        fee.exempted_by, fee.exempted_at = actor, timezone.now()
        fee.save(update_fields=["exemption_vnd", "exemption_reason", "exempted_by", "exempted_at"])
        _resume_if_settled(fee.dossier, actor)
    return fee


def payment_record(
    *,
    dossier: Dossier,
    actor: User | None,
    amount_vnd: int,
    method: str,
    reference: str,
    paid_at: dt.datetime | None = None,
    allow_more: bool = False,
) -> Payment:
    """Record money received for the dossier; refuses a second payment with the same method
    and reference. With nothing left to pay the dossier resumes if it was paused for fees.

    `allow_more`: accept more than is due (money already in the account, e.g. a transfer
    an officer assigns); otherwise an amount above what is due is refused.
    """
    reference = reference.strip()
    now = timezone.now()
    try:
        with transaction.atomic():
            # Checked under the dossier's lock: two payments at once cannot both fit.
            Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
            _check_payment(dossier, amount_vnd, method, reference, allow_more)
            workflow.record_payment(
                dossier=dossier, actor=actor,
                payload={"amount_vnd": amount_vnd, "method": method, "reference": reference},
            )  # fmt: skip
            payment = Payment.objects.create(
                dossier=dossier, amount_vnd=amount_vnd, method=method, reference=reference,
                paid_at=paid_at or now, recorded_by=actor, recorded_at=now,
            )  # fmt: skip
            _resume_if_settled(dossier, actor)
    except IntegrityError:
        raise PaymentError(
            f"Số biên lai / mã giao dịch “{reference}” đã được ghi nhận trước đó.",
            code="duplicate",
        ) from None
    return payment


def _check_payment(
    dossier: Dossier, amount_vnd: int, method: str, reference: str, allow_more: bool
) -> None:
    if method not in PaymentMethod.values:
        raise PaymentError("Hình thức thanh toán không hợp lệ.", code="invalid")
    if not reference:
        raise PaymentError("Cần nhập số biên lai hoặc mã giao dịch.", code="invalid")
    if amount_vnd <= 0:
        raise PaymentError("Số tiền phải lớn hơn 0 đồng.", code="invalid")
    due = amount_due(dossier)
    if due == 0:
        raise PaymentError(f"Hồ sơ {dossier.code} không còn khoản phí nào phải nộp.", "nothing")
    if amount_vnd > due and not allow_more:
        raise PaymentError(f"Số tiền lớn hơn số còn phải nộp ({vnd(due)}).", code="invalid")
    if Payment.objects.filter(method=method, reference=reference).exists():
        raise PaymentError(
            f"Số biên lai / mã giao dịch “{reference}” đã được ghi nhận trước đó.",
            code="duplicate",
        )


def _resume_if_settled(dossier: Dossier, actor: User | None) -> None:
    dossier.refresh_from_db(fields=["status"])
    if dossier.status == DossierStatus.AWAITING_FEES and amount_due(dossier) == 0:
        workflow.resume(dossier=dossier, actor=actor, note="Đã nộp đủ phí, lệ phí.")


def fees_request(*, dossier: Dossier, actor: User) -> Dossier:
    """Pause the dossier for its fees (national status 6), telling the applicant how much."""
    due = amount_due(dossier)
    if due == 0:
        raise PaymentError(f"Hồ sơ {dossier.code} không có khoản phí nào phải nộp.", "nothing")
    return workflow.pause_for_fees(
        dossier=dossier, actor=actor, amount_vnd=due,
        note=f"Số tiền phải nộp: {vnd(due)}. Ông/bà có thể chuyển khoản bằng mã VietQR trên "
        "trang tra cứu hồ sơ hoặc nộp tại Bộ phận Một cửa.",
    )  # fmt: skip


def vnd(amount: int) -> str:
    """12.000 đồng: the Vietnamese way, dots between thousands."""
    return f"{amount:,} đồng".replace(",", ".")

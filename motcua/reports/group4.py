"""Quyết định 766, group 4 (Thanh toán trực tuyến, 10 points), from motcua/payments.

Per unit (the receiving unit, where fees are collected):
- 4.1 procedures integrated with online payment: of the fee-bearing procedures the unit
  offers, those offered online while the unit takes online payment (a VietQR account or the
  gateway); target 80%.
- 4.2 procedures with online payments: of those integrated, the ones with at least one dossier
  paid online (VietQR transfer or gateway) in the period.
- 4.3 dossiers paid online: of the dossiers of fee-bearing procedures received in the period,
  those with an online payment.
A procedure is fee-bearing when its published version lists a phí or lệ phí that is not 0
(an amount the provincial council sets counts too).
"""

from collections import Counter, defaultdict

from django.db.models import Count, Q

from motcua.catalog.models import OnlineLevel, ProcedureFee, ProcedureOffering
from motcua.payments.models import ONLINE_METHODS, BankAccount, Payment
from motcua.reports.periods import Period

COMPONENTS = ("4.1", "4.2", "4.3")
ONLINE = (OnlineLevel.FULL, OnlineLevel.PARTIAL)
NO_FEES = "đơn vị không có TTHC thu phí, lệ phí"
NOT_INTEGRATED = "chưa có TTHC tích hợp thanh toán trực tuyến"
NO_FEE_DOSSIERS = "không có hồ sơ của TTHC thu phí, lệ phí trong kỳ"

Figures = dict[str, int]


def figures(
    period: Period, unit_ids: set[int], *, received: Counter[tuple[int, int]]
) -> dict[int, Figures]:
    """unit id → the six counts of group 4, read once for all units. `received`: the period's
    received dossiers by (receiving unit, procedure), from the 766 ranking's sums."""
    result: dict[int, Figures] = defaultdict(dict)
    fee_versions = set(
        ProcedureFee.objects.filter(Q(amount_vnd__isnull=True) | Q(amount_vnd__gt=0))
        .filter(version__status="published")
        .values_list("version__procedure_id", flat=True)
    )
    taking = set(BankAccount.objects.values_list("unit_id", flat=True))
    paid = _procedures_paid_online(period)
    rows = ProcedureOffering.objects.filter(
        unit_id__in=unit_ids, procedure__versions__status="published"
    ).values_list("unit_id", "procedure_id", "procedure__versions__online_level")
    for unit, procedure, level in set(rows):
        if procedure not in fee_versions:
            continue
        counts = result[unit]
        counts["fee_procedures"] = counts.get("fee_procedures", 0) + 1
        if level in ONLINE and unit in taking:
            counts["integrated"] = counts.get("integrated", 0) + 1
            counts["with_payments"] = counts.get("with_payments", 0) + int(
                (unit, procedure) in paid
            )
    _dossiers(period, unit_ids, fee_versions, result, received)
    return result


def _procedures_paid_online(period: Period) -> set[tuple[int, int]]:
    rows = Payment.objects.filter(
        method__in=ONLINE_METHODS, paid_at__gte=period.start, paid_at__lt=period.end
    ).values_list("dossier__receiving_unit_id", "dossier__procedure_version__procedure_id")
    return set(rows)


def _dossiers(
    period: Period,
    unit_ids: set[int],
    fee_procedures: set[int],
    result: dict[int, Figures],
    received: Counter[tuple[int, int]],
) -> None:
    """4.3 from the rollups (received = accepted, counted on its day, as every other component:
    `received`, summed by the ranking) and the online payments of the period's fee dossiers —
    never a read of every dossier."""
    fee_dossiers: Counter[int] = Counter()
    for (unit, procedure), n in received.items():
        if unit in unit_ids and procedure in fee_procedures:
            fee_dossiers[unit] += n
    for unit, n in fee_dossiers.items():
        result[unit]["fee_dossiers"] = n
    paid = (
        Payment.objects.filter(
            method__in=ONLINE_METHODS,
            dossier__receiving_unit_id__in=unit_ids,
            dossier__received_at__gte=period.start,
            dossier__received_at__lt=period.end,
            dossier__procedure_version__procedure_id__in=fee_procedures,
        )
        .values_list("dossier__receiving_unit_id")
        .annotate(n=Count("dossier_id", distinct=True))
        .order_by()
    )
    for unit, n in paid:
        result[unit]["paid_online"] = n


def component(code: str, counts: Figures | None) -> tuple[int, int, str]:
    """(numerator, denominator, reason when the denominator is 0) of one component."""
    c = counts or {}
    if code == "4.1":
        return c.get("integrated", 0), c.get("fee_procedures", 0), NO_FEES
    if code == "4.2":
        return c.get("with_payments", 0), c.get("integrated", 0), NOT_INTEGRATED
    return c.get("paid_online", 0), c.get("fee_dossiers", 0), NO_FEE_DOSSIERS

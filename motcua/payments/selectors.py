"""Reads for the fee pages, the portal and the reports."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet, Sum
from django.db.models.expressions import RawSQL

from motcua.accounts.access import units_for_user
from motcua.accounts.models import OrgUnit, Role, User
from motcua.catalog.models import ProcedureFee
from motcua.dossiers.models import Dossier
from motcua.lib import vietqr
from motcua.payments.models import (
    NEEDS_OFFICER,
    BankAccount,
    DossierFee,
    GatewayOrder,
    OrderStatus,
    Payment,
    StatementLine,
)
from motcua.payments.services import fees_of

# Who collects fees and reconciles the unit's account: Bộ phận Một cửa.
COLLECTORS = (Role.RECEIVER,)
# Who reads the fee report: the collectors and those who supervise units below them.
REPORT_READERS = (Role.RECEIVER, Role.SUPERVISOR, Role.ADMIN)


@dataclass(frozen=True)
class FeeState:
    fees: list[DossierFee]
    total_vnd: int
    paid_vnd: int
    payments: list[Payment]

    @property
    def due_vnd(self) -> int:
        return max(self.total_vnd - self.paid_vnd, 0)


def fee_state(dossier: Dossier, fees: list[DossierFee] | None = None) -> FeeState:
    """What `dossier` owes and paid; `fees`: its lines (`fees_of`) when the caller has them."""
    fees = fees_of(dossier) if fees is None else fees
    payments = list(Payment.objects.filter(dossier=dossier).order_by("paid_at", "pk"))
    total = sum(f.due_vnd for f in fees)
    return FeeState(fees, total, sum(p.amount_vnd for p in payments), payments)


def fee_facts_sql(dossiers: str = Dossier._meta.db_table) -> dict[str, str]:
    """SQL for `with_fee_facts`, over the outer query's dossier table or its alias `dossiers`
    (plain, portable SQL)."""
    dossier = f"{dossiers}.id"
    lines, listed = DossierFee._meta.db_table, ProcedureFee._meta.db_table
    payments, orders = Payment._meta.db_table, GatewayOrder._meta.db_table
    return {
        "has_fee_lines": f"EXISTS (SELECT 1 FROM {lines} l WHERE l.dossier_id = {dossier})",
        "has_listed_fees": (
            f"EXISTS (SELECT 1 FROM {listed} f WHERE f.amount_vnd > 0 AND f.version_id = "
            f"{dossiers}.procedure_version_id AND (f.case_id IS NULL OR "
            f"f.case_id = {dossiers}.case_id))"
        ),
        "paid_vnd": (
            f"COALESCE((SELECT SUM(p.amount_vnd) FROM {payments} p "
            f"WHERE p.dossier_id = {dossier}), 0)"
        ),
        "order_pending": (
            f"EXISTS (SELECT 1 FROM {orders} o WHERE o.dossier_id = {dossier} "
            f"AND o.status = '{OrderStatus.PENDING.value}')"
        ),
    }


def with_fee_facts(dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """`dossiers` with what `{% fee_panel %}` reads besides the fee lines: whether the dossier has
    fee lines, whether its procedure lists fees that `fees_of` would copy, what was paid and
    whether an online payment awaits the gateway's answer. A dossier read this way that owes
    nothing costs the panel no query (`may_owe`), one that owes costs its lines (and the bank
    account for the VietQR).

    As SQL subqueries on the dossier table, not `Exists`/`Subquery` expressions: the status page
    is the portal's busiest, and building those four costs more CPU than running them. For a
    queryset of dossiers as such (not inside another query)."""
    facts = {name: RawSQL(sql, ()) for name, sql in fee_facts_sql().items()}
    return dossiers.annotate(**facts)


def may_owe(dossier: Dossier) -> bool:
    """False only for a dossier read through `with_fee_facts` with no fee line and no fee to
    copy; any other dossier may owe something (its fee rows tell)."""
    facts = (getattr(dossier, "has_fee_lines", None), getattr(dossier, "has_listed_fees", None))
    return facts != (False, False)


def panel_state(dossier: Dossier, fees: list[DossierFee]) -> FeeState:
    """`fee_state` for the fee panel, which lists no payment: from the paid total read with the
    dossier (`with_fee_facts`) when it was, without the payments themselves."""
    paid = getattr(dossier, "paid_vnd", None)
    if paid is None:
        return fee_state(dossier, fees)
    return FeeState(fees, sum(f.due_vnd for f in fees), int(paid), payments=[])


def order_pending(dossier: Dossier) -> bool:
    """An online payment whose outcome the gateway has not reported yet."""
    known = getattr(dossier, "order_pending", None)
    if known is not None:
        return bool(known)
    return GatewayOrder.objects.filter(dossier=dossier, status=OrderStatus.PENDING).exists()


def account_of(unit: OrgUnit) -> BankAccount | None:
    """The unit's account; no query when it was read with the unit (the status page's row)."""
    try:
        return unit.bank_account  # type: ignore[no-any-return]
    except BankAccount.DoesNotExist:
        return None


def vietqr_payload(dossier: Dossier, due_vnd: int) -> str | None:
    """The dynamic VietQR for what the dossier still owes, to the receiving unit's account."""
    if due_vnd <= 0:
        return None
    account = account_of(dossier.receiving_unit)
    return vietqr_to(account, dossier, due_vnd) if account is not None else None


def vietqr_to(account: BankAccount, dossier: Dossier, due_vnd: int) -> str:
    """`vietqr_payload` for a caller that has read the account already."""
    return vietqr.build(
        vietqr.Transfer(
            bank_bin=account.bank_bin,
            account=account.account_number,
            amount_vnd=due_vnd,
            purpose=vietqr.purpose_of(dossier.code),
        )
    )


def collecting_units(user: User) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(pk__in=units_for_user(user, COLLECTORS)).order_by("name")


def lines_for_officer(user: User) -> QuerySet[StatementLine]:
    units = units_for_user(user, COLLECTORS)
    return (
        StatementLine.objects.filter(unit_id__in=units, outcome__in=NEEDS_OFFICER)
        .select_related("unit", "dossier")
        .order_by("-booked_on", "-pk")
    )


def get_line_for_user(user: User, pk: int) -> StatementLine:
    from django.http import Http404

    line = StatementLine.objects.filter(pk=pk, unit_id__in=units_for_user(user, COLLECTORS))
    found = line.select_related("unit").first()
    if found is None:
        raise Http404
    return found


def payments_in(units: list[int], start: dt.datetime, end: dt.datetime) -> QuerySet[Payment]:
    return Payment.objects.filter(
        dossier__receiving_unit_id__in=units, paid_at__gte=start, paid_at__lt=end
    )


def collected_by_unit_and_method(
    units: list[int], start: dt.datetime, end: dt.datetime
) -> list[dict[str, object]]:
    """Fees collected per receiving unit and method in [start, end)."""
    rows = (
        payments_in(units, start, end)
        .values("dossier__receiving_unit__name", "method")
        .annotate(total=Sum("amount_vnd"))
        .order_by("dossier__receiving_unit__name", "method")
    )
    return [dict(row) for row in rows]


def purpose_for(dossier: Dossier) -> str:
    return vietqr.purpose_of(dossier.code)

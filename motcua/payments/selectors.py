"""Reads for the fee pages, the portal and the reports."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet, Sum

from motcua.accounts.access import units_for_user
from motcua.accounts.models import OrgUnit, Role, User
from motcua.catalog.models import ProcedureFee
from motcua.dossiers.models import Dossier
from motcua.lib import vietqr
from motcua.payments.models import (
    NEEDS_OFFICER,
    BankAccount,
    DossierFee,
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


def with_fee_facts(dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """`dossiers` with what `{% fee_panel %}` checks before reading any fee row: whether the
    dossier has fee lines, and whether its procedure lists fees that `fees_of` would copy. A
    dossier read this way that owes nothing costs the panel no query (`may_owe`)."""
    lines = DossierFee.objects.filter(dossier=OuterRef("pk"))
    in_case = Q(case__isnull=True) | Q(case_id=OuterRef("case_id"))
    listed = ProcedureFee.objects.filter(in_case, version=OuterRef("procedure_version_id"))
    return dossiers.annotate(
        has_fee_lines=Exists(lines), has_listed_fees=Exists(listed.filter(amount_vnd__gt=0))
    )


def may_owe(dossier: Dossier) -> bool:
    """False only for a dossier read through `with_fee_facts` with no fee line and no fee to
    copy; any other dossier may owe something (its fee rows tell)."""
    facts = (getattr(dossier, "has_fee_lines", None), getattr(dossier, "has_listed_fees", None))
    return facts != (False, False)


def account_of(unit: OrgUnit) -> BankAccount | None:
    return BankAccount.objects.filter(unit=unit).first()


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

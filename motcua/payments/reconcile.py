"""Reconciliation: match a bank statement's credit lines to dossiers by the code in the
description and the amount. A line is stored once per unit and reference, so importing the same
statement again changes nothing; what does not match is listed for an officer."""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.accounts.models import OrgUnit, User
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import WorkflowError
from motcua.lib.vietqr import compact
from motcua.payments.models import DossierFee, LineOutcome, PaymentMethod, StatementLine
from motcua.payments.services import PaymentError, amount_due, payment_record
from motcua.payments.statements import Line
from motcua.workdays.timecalc import ZONE

# A dossier code as printed: <electronic id>-<yyMMdd>-<sequence> (DOMAIN.md §3.4).
CODE = re.compile(r"[0-9A-Z][0-9A-Z.]*-\d{6}-\d{4,}")


@dataclass
class Summary:
    matched: int = 0
    partial: int = 0
    unmatched: int = 0
    duplicates: int = 0
    problems: list[str] = field(default_factory=list)


def statement_import(
    *, unit: OrgUnit, actor: User, lines: list[Line], problems: Iterable[str] = ()
) -> Summary:
    """Import the lines into the unit's reconciliation; each line is its own transaction."""
    summary = Summary(problems=list(problems))
    candidates = _open_fee_dossiers(unit)
    for line in lines:
        outcome = _import_line(unit, actor, line, candidates)
        if outcome is None:
            summary.duplicates += 1
        else:
            setattr(summary, outcome, getattr(summary, outcome) + 1)
    return summary


def _open_fee_dossiers(unit: OrgUnit) -> dict[str, int]:
    """compact(code) → dossier id, for the unit's dossiers that have fee lines."""
    ids = DossierFee.objects.filter(dossier__receiving_unit=unit).values("dossier_id")
    rows = Dossier.objects.filter(pk__in=ids).values_list("code", "pk")
    return {compact(code): pk for code, pk in rows}


def find_dossier(unit: OrgUnit, description: str, candidates: dict[str, int]) -> Dossier | None:
    """The unit's dossier named in the description: as printed, or with its punctuation
    stripped by the bank (000.00.12.H56-250701-0001 → 0000012H562507010001)."""
    codes = CODE.findall(description.upper())
    found = Dossier.objects.filter(code__in=codes, receiving_unit=unit).first() if codes else None
    if found is not None:
        return found
    squeezed = compact(description)
    for key, pk in candidates.items():
        if key and key in squeezed:
            return Dossier.objects.get(pk=pk)
    return None


def _import_line(unit: OrgUnit, actor: User, line: Line, candidates: dict[str, int]) -> str | None:
    if StatementLine.objects.filter(unit=unit, reference=line.reference).exists():
        return None
    dossier = find_dossier(unit, line.description, candidates)
    try:
        with transaction.atomic():
            row = StatementLine.objects.create(
                unit=unit, booked_on=line.booked_on, amount_vnd=line.amount_vnd,
                description=line.description, reference=line.reference, dossier=dossier,
                outcome=LineOutcome.UNMATCHED, imported_by=actor, imported_at=timezone.now(),
            )  # fmt: skip
            if dossier is None:
                row.note = "Không tìm thấy mã hồ sơ trong nội dung chuyển khoản."
            else:
                _settle(row, dossier, actor)
            row.save(update_fields=["outcome", "note", "payment"])
    except IntegrityError:  # imported at the same moment by someone else
        return None
    return str(row.outcome)


def _settle(row: StatementLine, dossier: Dossier, actor: User) -> None:
    due = amount_due(dossier)
    if row.amount_vnd > due:
        row.note = (
            "Hồ sơ không còn phí phải nộp." if due == 0
            else f"Số tiền lớn hơn số còn phải nộp ({due:,} đồng).".replace(",", ".")
        )  # fmt: skip
        return
    try:
        row.payment = payment_record(
            dossier=dossier, actor=actor, amount_vnd=row.amount_vnd,
            method=PaymentMethod.TRANSFER, reference=row.reference,
            paid_at=dt.datetime.combine(row.booked_on, dt.time(12), tzinfo=ZONE),
        )  # fmt: skip
    except WorkflowError as error:
        row.note = error.messages[0][:255]
        return
    partial = row.amount_vnd < due
    row.outcome = LineOutcome.PARTIAL if partial else LineOutcome.MATCHED
    if partial:
        row.note = f"Còn thiếu {due - row.amount_vnd:,} đồng.".replace(",", ".")


def line_assign(*, line: StatementLine, dossier: Dossier, actor: User) -> StatementLine:
    """An officer settles an unmatched line against a dossier they found themselves."""
    if line.outcome != LineOutcome.UNMATCHED:
        raise PaymentError("Dòng sao kê này đã được xử lý.", code="invalid")
    if dossier.receiving_unit_id != line.unit_id:
        raise PaymentError("Hồ sơ không thuộc đơn vị của tài khoản này.", code="invalid")
    with transaction.atomic():
        line.payment = payment_record(
            dossier=dossier, actor=actor, amount_vnd=line.amount_vnd,
            method=PaymentMethod.TRANSFER, reference=line.reference, allow_more=True,
            paid_at=dt.datetime.combine(line.booked_on, dt.time(12), tzinfo=ZONE),
        )  # fmt: skip
        line.dossier, line.outcome = dossier, LineOutcome.RESOLVED
        line.note = f"Cán bộ {actor.full_name or actor.username} gán cho hồ sơ {dossier.code}."
        line.save(update_fields=["payment", "dossier", "outcome", "note"])
    return line


def line_dismiss(*, line: StatementLine, actor: User, note: str) -> StatementLine:
    """Not a fee (e.g. money returned to the sender): kept, with the officer's reason."""
    if line.outcome != LineOutcome.UNMATCHED:
        raise PaymentError("Dòng sao kê này đã được xử lý.", code="invalid")
    if not note.strip():
        raise PaymentError("Cần ghi rõ cách đã xử lý khoản tiền này.", code="invalid")
    line.outcome = LineOutcome.RESOLVED
    line.note = f"{note.strip()} ({actor.full_name or actor.username})"[:255]
    line.save(update_fields=["outcome", "note"])
    return line

"""The result: signing, numbering and issuing, returning it to the applicant."""

import datetime as dt
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import OrgUnit, Role, User
from motcua.dossiers import attachments, clock, signing
from motcua.dossiers.models import Dossier, ReturnMethod
from motcua.dossiers.notifications import notify_applicant
from motcua.dossiers.workflow.core import check, lock, receiver_in, record, require
from motcua.dossiers.workflow.table import WorkflowError
from motcua.lib.signing import SigningError


def approve(*, dossier: Dossier, actor: User, note: str = "") -> Dossier:
    """The competent leader signs; this closes the current step with its timing."""
    with transaction.atomic():
        dossier = lock(dossier)
        before = dossier.status
        check(dossier, "approve", actor)
        now = timezone.now()
        dossier.result_signer = actor
        record(
            dossier, "approve", actor, from_status=before, at=now, note=note,
            fields=["result_signer"], step_deadline=dossier.step_due_at,
            timing=clock.timing(now, dossier.step_due_at),
            payload={"receiver": clerk_receiver(dossier.deciding_unit)},
        )  # fmt: skip
    return dossier


def clerk_receiver(unit: OrgUnit) -> str:
    """Who receives a signed decision: the unit's văn thư, to number and issue it (Mẫu 06)."""
    return receiver_in(unit, Role.CLERK, "văn thư", "vào số, phát hành")


def desk_receiver(unit: OrgUnit) -> str:
    """Who receives an issued result: the one-stop desk where the dossier was filed (Mẫu 06)."""
    return f"Bộ phận Một cửa — {unit.name}"


def _result_file(upload: File | None) -> None:  # type: ignore[type-arg]
    if upload is None:
        return
    attachments.inspect_named(upload, WorkflowError)


def _signed(dossier: Dossier, upload: File, now: dt.datetime) -> Any:  # type: ignore[type-arg]
    """The result signed with the deciding unit's key when it has one (dossiers/signing.py)."""
    try:
        return signing.signed_result(dossier, upload, now)
    except SigningError as error:
        raise WorkflowError(str(error), code="invalid") from None


def issue_result(
    *,
    dossier: Dossier,
    actor: User,
    result_number: str,
    result_file: File | None = None,  # type: ignore[type-arg]
) -> Dossier:
    """The văn thư numbers and issues the result; it waits at the desk (national status 9).

    The event's timing compares with the appointment: this is the dossier's on-time figure.
    A PDF result is signed with the deciding unit's key, at the issue time, when it has one —
    before the transaction: the signing service may be remote (no network I/O inside it).
    """
    current = Dossier.objects.get(pk=dossier.pk)  # the caller's copy may be stale
    check(current, "issue_result", actor)
    require(bool(result_number.strip()), "Cần nhập số, ký hiệu của kết quả.")
    _result_file(result_file)
    now = timezone.now()
    signed, signature = (None, {}) if result_file is None else _signed(current, result_file, now)
    with attachments.files_removed_on_failure(), transaction.atomic():
        dossier = lock(dossier)
        before = dossier.status
        check(dossier, "issue_result", actor)
        dossier.result_number, dossier.result_issued_at = result_number.strip(), now
        finished = dossier.current_step
        dossier.current_step, dossier.step_started_at, dossier.step_due_at = None, None, None
        if result_file is not None:
            suffix = "pdf" if signed is not None else "bin"
            dossier.result_file.save(f"{dossier.code}.{suffix}", signed or result_file, save=False)
            attachments.remember_written(dossier.result_file.name)
        record(
            dossier, "issue_result", actor, from_status=before, at=now, step=finished,
            fields=["result_number", "result_issued_at", "result_file", "current_step",
                    "step_started_at", "step_due_at"],
            step_deadline=dossier.due_at, timing=clock.timing(now, dossier.due_at),
            payload={"receiver": desk_receiver(dossier.receiving_unit),
                     **({"signature": signature} if signature else {})},
        )  # fmt: skip
        notify_applicant(
            dossier,
            f"Hồ sơ {dossier.code} đã có kết quả",
            f"Hồ sơ {dossier.code} đã có kết quả, mời nhận tại nơi nộp hồ sơ.",
        )
    return dossier


def return_result(
    *, dossier: Dossier, actor: User, method: str, returned_to: str, note: str = ""
) -> Dossier:
    """Hand the result over (Mẫu 07): at the counter, by post or electronically, to whom."""
    with transaction.atomic():
        dossier = lock(dossier)
        before = dossier.status
        check(dossier, "return_result", actor)
        require(method in ReturnMethod.values, "Hình thức trả kết quả không hợp lệ.")
        require(bool(returned_to.strip()), "Cần ghi người (hoặc địa chỉ) nhận kết quả.")
        now = timezone.now()
        dossier.returned_at, dossier.return_method = now, method
        dossier.returned_to = returned_to.strip()
        record(
            dossier, "return_result", actor, from_status=before, at=now, note=note,
            fields=["returned_at", "return_method", "returned_to"],
            step_deadline=dossier.due_at, timing=clock.timing(now, dossier.due_at),
            payload={"method": method, "receiver": dossier.returned_to},
        )  # fmt: skip
    return dossier

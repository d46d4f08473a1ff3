"""Receipt at Bộ phận Một cửa: filing, receiving, refusing, supplements, withdrawal."""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import OrgUnit, User
from motcua.catalog.models import ProcedureCase, ProcedureOffering, ProcedureVersion, VersionStatus
from motcua.dossiers import attachments, clock, codes, routing
from motcua.dossiers.links import supplement_link
from motcua.dossiers.models import (
    Attachment,
    AttachmentKind,
    Channel,
    CounterRefusal,
    Dossier,
    ReturnMethod,
    personal_id_validator,
)
from motcua.dossiers.notifications import local, notify_applicant
from motcua.dossiers.workflow.core import (
    RESUME_FIELDS,
    check,
    check_actor,
    end_pause,
    label_of,
    lock,
    pause,
    record,
    require,
)
from motcua.dossiers.workflow.table import TRANSITIONS, WorkflowError
from motcua.workdays.timecalc import ZONE


@dataclass(frozen=True)
class Applicant:
    """Who files: a person (12-digit personal id) or an organisation, maybe through a proxy."""

    name: str
    personal_id: str = ""
    organisation_id: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    representative_name: str = ""
    representative_id: str = ""
    representative_authorisation: str = ""
    representative_address: str = ""
    representative_phone: str = ""
    representative_email: str = ""

    def validate(self) -> None:
        require(bool(self.name.strip()), "Chưa nhập họ tên người nộp hoặc tên tổ chức.")
        require(
            bool(self.personal_id or self.organisation_id),
            "Cần số định danh cá nhân (12 chữ số) hoặc mã số của tổ chức.",
        )
        try:
            for number in (self.personal_id, self.representative_id):
                if number:
                    personal_id_validator(number)
            for email in (self.email, self.representative_email):
                if email:
                    validate_email(email)
        except ValidationError as error:
            raise WorkflowError(error.messages[0], code="invalid") from None

    def fields(self) -> dict[str, str]:
        return {
            "applicant_name": self.name.strip(),
            "applicant_personal_id": self.personal_id,
            "applicant_organisation_id": self.organisation_id,
            "applicant_phone": self.phone,
            "applicant_email": self.email,
            "applicant_address": self.address,
            "representative_name": self.representative_name,
            "representative_id": self.representative_id,
            "representative_authorisation": self.representative_authorisation,
            "representative_address": self.representative_address,
            "representative_phone": self.representative_phone,
            "representative_email": self.representative_email,
        }


def _check_request(version: ProcedureVersion, case: ProcedureCase | None) -> None:
    require(
        version.status == VersionStatus.PUBLISHED,
        "Thủ tục này chưa được công bố hoặc đã hết hiệu lực.",
    )
    require(case is None or case.version_id == version.pk, "Trường hợp không thuộc thủ tục này.")


def _check_offered(version: ProcedureVersion, unit: OrgUnit) -> None:
    require(
        ProcedureOffering.objects.filter(procedure=version.procedure_id, unit=unit).exists(),
        f"{unit.name} không tiếp nhận thủ tục này. Hãy hướng dẫn người nộp đến nơi tiếp nhận "
        "đúng theo danh mục thủ tục của tỉnh.",
    )


def _check_filing(
    *,
    action: str,
    actor: User | None,
    version: ProcedureVersion,
    receiving_unit: OrgUnit,
    case: ProcedureCase | None,
    applicant: Applicant,
    files: Sequence[attachments.NewFile],
) -> list[attachments.Inspected]:
    """Every check of a new filing, made before its transaction begins: a refused filing has
    written nothing, and a valid one has nothing left to read once its code is taken."""
    rule = TRANSITIONS[action]
    if actor is not None or action != "submit_online":
        # A citizen filing alone has no account: the portal verified their e-mail or phone.
        check_actor(actor, rule, [receiving_unit])
    applicant.validate()
    _check_request(version, case)
    _check_offered(version, receiving_unit)
    return [attachments.inspect_named(new.file, WorkflowError) for new in files]


def _new_dossier(
    *,
    action: str,
    version: ProcedureVersion,
    receiving_unit: OrgUnit,
    deciding_unit: OrgUnit | None,
    case: ProcedureCase | None,
    channel: int,
    applicant: Applicant,
    extra: Mapping[str, object],
) -> Dossier:
    """The dossier as it will be inserted, all but its code."""
    return Dossier(
        procedure_version=version,
        case=case,
        receiving_unit=receiving_unit,
        deciding_unit=deciding_unit or routing.default_deciding_unit(receiving_unit),
        current_unit=receiving_unit,
        channel=channel,
        status=TRANSITIONS[action].target,
        **applicant.fields(),
        **extra,
    )


def _write_files(
    files: Sequence[attachments.NewFile],
    inspected: list[attachments.Inspected],
    actor: User | None,
) -> list[Attachment]:
    return [
        attachments.written(new=new, inspected=found, actor=actor)
        for new, found in zip(files, inspected, strict=True)
    ]


def _insert(dossier: Dossier, now: dt.datetime, files: list[Attachment]) -> None:
    """Give the dossier a fresh code and insert it with its written files (caller's
    transaction).

    Taking the code is the transaction's first write: from then on the unit's counter row stays
    locked until commit, and every receipt at the unit waits. So everything that reads or is
    slow happens before it; after it come only the inserts of the receipt's own rows.
    """
    dossier.code = codes.new_code(dossier.receiving_unit, now)
    dossier.save(force_insert=True)
    for attachment in files:
        attachment.dossier = dossier
    Attachment.objects.bulk_create(files)


def _clock_fields(
    version: ProcedureVersion,
    case: ProcedureCase | None,
    channel: int,
    unit: OrgUnit,
    received: dt.datetime,
) -> tuple[dt.datetime, dt.datetime]:
    """(clock start, due moment) on the calendar of the receiving unit's province."""
    try:
        limit = clock.time_limit(version, case, channel)
    except clock.NoTimeLimitError:
        raise WorkflowError("Thủ tục chưa có thời hạn giải quyết.", code="invalid") from None
    return clock.start_and_due(received, limit, clock.calendar_of(unit))


def _check_receipt_details(sets: int, collect_method: str) -> None:
    require(1 <= sets <= 99, "Số bộ hồ sơ phải từ 1 đến 99.")
    require(collect_method in ReturnMethod.values, "Nơi nhận kết quả không hợp lệ.")


def appointment(dossier: Dossier) -> dict[str, object]:
    """What Mẫu 01 printed, kept on the receipt event: the appointment given at receipt."""
    assert dossier.due_at is not None
    return {
        "due_at": dossier.due_at.astimezone(ZONE).isoformat(),
        "sets": dossier.sets,
        "collect_method": dossier.collect_method,
    }


def _receipt_notice(dossier: Dossier) -> None:
    notify_applicant(
        dossier,
        f"Hồ sơ {dossier.code} đã được tiếp nhận",
        f"Hồ sơ {dossier.code} đã được tiếp nhận. Hẹn trả kết quả lúc {local(dossier.due_at)}.",
    )


def receive(
    *,
    actor: User,
    version: ProcedureVersion,
    receiving_unit: OrgUnit,
    applicant: Applicant,
    deciding_unit: OrgUnit | None = None,
    case: ProcedureCase | None = None,
    channel: int = Channel.COUNTER,
    files: Sequence[attachments.NewFile] = (),
    documents: Sequence[Mapping[str, object]] = (),
    sets: int = 1,
    collect_method: str = ReturnMethod.COUNTER,
    note: str = "",
) -> Dossier:
    """Receive a complete dossier at the counter (or by post): code, clock, Mẫu 01 notice.

    `documents` lists what was handed in, as Mẫu 01 prints it: dicts with `name`, `originals`,
    `copies` (and optionally `note`), recorded on the receipt event with the appointment given
    (a later reschedule moves `due_at`, never what Mẫu 01 printed). `sets` and
    `collect_method` (where the applicant will collect the result) are printed on Mẫu 01.

    The due moment uses the receiving unit's provincial calendar and the limit of the case,
    else of the version. Online filings come in through `submit_online` + `accept_online`.
    """
    require(channel != Channel.ONLINE, "Hồ sơ trực tuyến được tiếp nhận qua chức năng riêng.")
    _check_receipt_details(sets, collect_method)
    now = timezone.now()
    start, due = _clock_fields(version, case, channel, receiving_unit, now)
    inspected = _check_filing(
        action="receive", actor=actor, version=version, receiving_unit=receiving_unit,
        case=case, applicant=applicant, files=files,
    )  # fmt: skip
    dossier = _new_dossier(
        action="receive", version=version, receiving_unit=receiving_unit,
        deciding_unit=deciding_unit, case=case, channel=channel, applicant=applicant,
        extra={"received_at": now, "clock_started_at": start, "due_at": due, "sets": sets,
               "collect_method": collect_method},
    )  # fmt: skip
    with attachments.files_removed_on_failure(), transaction.atomic():
        stored = _write_files(files, inspected, actor)  # slow, so before the code is taken
        _insert(dossier, now, stored)
        record(
            dossier, "receive", actor, from_status="", at=now, note=note, created=True,
            payload={
                "channel": channel, "files": len(files),
                "documents": [dict(item) for item in documents],
                **appointment(dossier),
            },
        )  # fmt: skip
        _receipt_notice(dossier)
    return dossier


def submit_online(
    *,
    version: ProcedureVersion,
    receiving_unit: OrgUnit,
    applicant: Applicant,
    case: ProcedureCase | None = None,
    deciding_unit: OrgUnit | None = None,
    assisted_by: User | None = None,
    files: Sequence[attachments.NewFile] = (),
) -> Dossier:
    """An online filing (national status 1), with its code so the citizen can follow it.

    The citizen files alone, or helped by a community digital team member or an officer of
    the receiving unit, who is recorded as `assisted_by` and as the event's actor.
    """
    now = timezone.now()
    inspected = _check_filing(
        action="submit_online", actor=assisted_by, version=version,
        receiving_unit=receiving_unit, case=case, applicant=applicant, files=files,
    )  # fmt: skip
    dossier = _new_dossier(
        action="submit_online", version=version, receiving_unit=receiving_unit,
        deciding_unit=deciding_unit, case=case, channel=Channel.ONLINE, applicant=applicant,
        extra={"submitted_at": now, "assisted_by": assisted_by},
    )  # fmt: skip
    with attachments.files_removed_on_failure(), transaction.atomic():
        stored = _write_files(files, inspected, assisted_by)  # slow, so before the code is taken
        _insert(dossier, now, stored)
        record(
            dossier, "submit_online", assisted_by, from_status="", at=now, created=True,
            payload={"files": len(files)},
        )  # fmt: skip
    return dossier


def accept_online(*, dossier: Dossier, actor: User, note: str = "") -> Dossier:
    """Accept a complete online filing (Mẫu 01).

    The clock counts from the filing (its next working moment, DOMAIN.md §4.1), not from the
    officer's click: the 8 working hours the desk has to check a filing are part of the limit.
    After a supplement at receipt, "the filing" is the moment the dossier became complete.
    """
    with transaction.atomic():
        dossier = lock(dossier)
        before = dossier.status
        check(dossier, "accept_online", actor)
        assert dossier.submitted_at is not None
        dossier.received_at = timezone.now()
        dossier.clock_started_at, dossier.due_at = _clock_fields(
            dossier.procedure_version, dossier.case, dossier.channel, dossier.receiving_unit,
            dossier.submitted_at,
        )  # fmt: skip
        record(
            dossier, "accept_online", actor, from_status=before, note=note,
            fields=["received_at", "clock_started_at", "due_at"], payload=appointment(dossier),
        )  # fmt: skip
        _receipt_notice(dossier)
    return dossier


def _reasons(items: Sequence[str], what: str) -> list[str]:
    cleaned = [item.strip() for item in items if item.strip()]
    require(bool(cleaned), f"Cần ghi rõ {what}.")
    return cleaned


def _numbered(items: Sequence[str]) -> str:
    return "\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1))


def refuse(*, dossier: Dossier, actor: User, reasons: Sequence[str]) -> Dossier:
    """Refuse at receipt (Mẫu 03), with the specific reasons."""
    with transaction.atomic():
        dossier = lock(dossier)
        before = dossier.status
        check(dossier, "refuse", actor)
        cleaned = _reasons(reasons, "lý do từ chối")
        record(dossier, "refuse", actor, from_status=before, payload={"reasons": cleaned})
        notify_applicant(
            dossier,
            f"Hồ sơ {dossier.code} không được tiếp nhận",
            f"Hồ sơ {dossier.code} không được tiếp nhận. Lý do:\n{_numbered(cleaned)}",
        )
    return dossier


def refuse_at_counter(
    *,
    actor: User,
    version: ProcedureVersion,
    receiving_unit: OrgUnit,
    applicant: Applicant,
    reasons: Sequence[str],
) -> CounterRefusal:
    """Refuse a filing at the counter before receipt (Mẫu 03 instead of Mẫu 01).

    Nothing is received: no dossier, no code, no appointment, no receipt notice. The refusal
    is recorded (`CounterRefusal`) so that Mẫu 03 can be printed and the register lists it.
    The procedure need not be offered at the unit: "outside our competence" is a reason.
    """
    check_actor(actor, TRANSITIONS["refuse_at_counter"], [receiving_unit])
    applicant.validate()
    cleaned = _reasons(reasons, "lý do từ chối")
    return CounterRefusal.objects.create(
        receiving_unit=receiving_unit,
        procedure_version=version,
        applicant_name=applicant.name.strip(),
        applicant_personal_id=applicant.personal_id,
        applicant_organisation_id=applicant.organisation_id,
        applicant_phone=applicant.phone,
        applicant_email=applicant.email,
        applicant_address=applicant.address.strip(),
        reasons=cleaned,
        at=timezone.now(),
        actor=actor,
        actor_label=label_of(actor),
    )


def late_supplement_cause(dossier: Dossier, now: dt.datetime) -> str:
    """Why a supplement request now would make the dossier late ("" when it would not).

    The national index counts a dossier with more than one request as late, and a request
    made after the appointment has passed cannot make up for the lost time (docs/workflow.md).
    """
    if dossier.supplement_count >= 1:
        return f"đây là lần yêu cầu bổ sung thứ {dossier.supplement_count + 1}"
    if dossier.due_at is not None and now > dossier.due_at:
        return "thời điểm hẹn trả kết quả đã qua"
    return ""


def request_supplement(
    *, dossier: Dossier, actor: User, missing: Sequence[str], reason: str = ""
) -> Dossier:
    """Ask for every missing item in ONE notice (Mẫu 02); the clock pauses until it comes.

    A second request later in processing is allowed (the officer may find a new gap) but is
    counted: the national index counts a dossier with more than one request as late. Such a
    request, or one after the appointment, marks the dossier (`late_by_supplement`) and the
    event records why; the officer's page asks for the reason before they confirm.
    """
    with transaction.atomic():
        dossier = lock(dossier)
        before = dossier.status
        check(dossier, "request_supplement", actor)
        items = _reasons(missing, "các giấy tờ cần bổ sung")
        now = timezone.now()
        late_cause = late_supplement_cause(dossier, now)
        pause(dossier, now)
        dossier.supplement_count += 1
        dossier.late_by_supplement = dossier.late_by_supplement or bool(late_cause)
        record(
            dossier, "request_supplement", actor, from_status=before, at=now, note=reason,
            fields=["status_before_pause", "paused_since", "supplement_count",
                    "late_by_supplement"],
            payload={"missing": items, "request_number": dossier.supplement_count,
                     **({"makes_late": late_cause} if late_cause else {})},
        )  # fmt: skip
        link = supplement_link(dossier)
        notify_applicant(
            dossier,
            f"Hồ sơ {dossier.code} cần bổ sung",
            f"Hồ sơ {dossier.code} cần bổ sung:\n{_numbered(items)}"
            + (f"\nBổ sung trực tuyến: {link}" if link else ""),
        )
    return dossier


def supplement_received(
    *,
    dossier: Dossier,
    actor: User | None,
    files: Sequence[attachments.NewFile] = (),
    note: str = "",
) -> Dossier:
    """The applicant completed the dossier: the due moment moves by the paused working time.

    `actor` None: the applicant sent the items online themselves (the portal checked their
    verified contact); the event names them "Người nộp hồ sơ".
    """
    with attachments.files_removed_on_failure(), transaction.atomic():
        dossier = lock(dossier)
        before = dossier.status
        check(dossier, "supplement_received", actor)
        inspected = [attachments.inspect_named(new.file, WorkflowError) for new in files]
        minutes = end_pause(dossier, timezone.now())
        for new, found in zip(files, inspected, strict=True):
            attachments.store(
                dossier=dossier, new=new, inspected=found, actor=actor,
                kind=AttachmentKind.SUPPLEMENT,
            )  # fmt: skip
        record(
            dossier, "supplement_received", actor, from_status=before, note=note,
            fields=RESUME_FIELDS, payload={"paused_minutes": minutes, "files": len(files)},
        )  # fmt: skip
    return dossier


def _check_not_decided(dossier: Dossier) -> None:
    require(
        dossier.result_issued_at is None and dossier.result_signer_id is None,
        f"Hồ sơ {dossier.code} đã có quyết định hoặc kết quả: không thể rút.",
    )


def request_withdrawal(*, dossier: Dossier, reason: str) -> Dossier:
    """The applicant asks online to withdraw a dossier not yet decided; the one-stop desk
    confirms it with `withdraw` (Mẫu 05). The portal checks the second factor first."""
    with transaction.atomic():
        dossier = lock(dossier)
        _check_not_decided(dossier)
        check(dossier, "request_withdrawal", None)
        require(
            dossier.withdrawal_requested_at is None,
            "Ông/bà đã gửi đề nghị rút hồ sơ này; Bộ phận Một cửa đang xem xét.",
        )
        require(bool(reason.strip()), "Vui lòng ghi lý do rút hồ sơ.")
        now = timezone.now()
        dossier.withdrawal_requested_at = now
        record(
            dossier, "request_withdrawal", None, from_status=dossier.status, at=now,
            note=reason.strip()[:1000], fields=["withdrawal_requested_at"],
        )  # fmt: skip
    return dossier


def withdraw(*, dossier: Dossier, actor: User, request_date: dt.date, note: str = "") -> Dossier:
    """The applicant withdraws (Mẫu 05): only while no decision or result has been issued.

    Recorded by the one-stop desk, on paper at the counter or confirming the applicant's
    online request (`request_withdrawal`).
    """
    with transaction.atomic():
        dossier = lock(dossier)
        before = dossier.status
        _check_not_decided(dossier)
        check(dossier, "withdraw", actor)
        fields = ["status_before_pause", "paused_since"]
        if dossier.paused_since is not None:
            end_pause(dossier, timezone.now(), restore=False)
            fields += ["paused_minutes", "due_at", "step_due_at", "submitted_at"]
        online = dossier.withdrawal_requested_at is not None
        record(
            dossier, "withdraw", actor, from_status=before, note=note, fields=fields,
            payload={"request_date": request_date.isoformat(), "online_request": online},
        )  # fmt: skip
        if online:  # the applicant is not at the desk: tell them the request was confirmed
            notify_applicant(
                dossier,
                f"Hồ sơ {dossier.code} dừng giải quyết",
                f"Theo đề nghị rút hồ sơ của ông/bà, hồ sơ {dossier.code} đã dừng giải quyết "
                "(Thông báo dừng giải quyết hồ sơ, Mẫu 05).",
            )
    return dossier

"""The seven forms of Thông tư 03/2025/TT-VPCP (DOMAIN.md §3.3) as HTML, PDF and, for the
register (Mẫu 07), Excel.

Context builders read a dossier and its event log and return plain values; the templates in
``dossiers/forms/`` only lay them out. Nothing here writes to the database.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any
from urllib.parse import quote

from django.core.paginator import Page, Paginator
from django.core.signing import BadSignature, Signer
from django.db.models import F, QuerySet, Value
from django.template.loader import render_to_string
from django.utils import timezone

from motcua.accounts.models import OrgUnit
from motcua.catalog.models import ProcedureVersion, ProcessStep, TimeLimitUnit
from motcua.dossiers import clock
from motcua.dossiers.models import (
    CounterRefusal,
    Dossier,
    DossierEvent,
    DossierStatus,
    ReturnMethod,
    Timing,
)
from motcua.dossiers.routing import default_deciding_unit
from motcua.lib.excel import sheet_write
from motcua.lib.pdf import html_to_pdf
from motcua.lib.qr import qr_svg

FORM_TITLES = {
    1: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    2: "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    3: "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    4: "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết hồ sơ",
    5: "Thông báo dừng giải quyết hồ sơ",
    6: "Phiếu kiểm soát quá trình giải quyết hồ sơ",
    7: "Sổ theo dõi hồ sơ",
}
DOTS = "……………"
# Events that move the dossier from one desk to another: one row each on Mẫu 06.
HANDOVER_ACTIONS = frozenset(
    {"forward", "assign", "hand_over", "transfer", "approve", "issue_result", "return_result"}
)
_UNIT_PREFIXES = ("Ủy ban nhân dân ", "Uỷ ban nhân dân ", "UBND ", "Bộ phận Một cửa ")


# Salt of the QR token: changing it invalidates every printed QR code, so it never changes.
STATUS_TOKEN_SALT = "motcua.tra-cuu"


def status_token(code: str) -> str:
    """The signature that lets the QR code on Mẫu 01 open the status page without a second factor.

    An HMAC of the dossier code under the secret key (``django.core.signing``), without an
    expiry: the receipt must work for as long as the dossier can be looked up. Rotating
    MOTCUA_SECRET_KEY (with the old key in SECRET_KEY_FALLBACKS while receipts are in use)
    revokes the tokens.
    """
    return Signer(salt=STATUS_TOKEN_SALT).signature(code)


def status_token_matches(code: str, token: str) -> bool:
    try:
        Signer(salt=STATUS_TOKEN_SALT).unsign(f"{code}{Signer().sep}{token}")
    except BadSignature:
        return False
    return True


def status_url_for(dossier: Dossier, base_url: str) -> str:
    """The public status page of a dossier, ``<base>/tra-cuu/<code>/?k=<token>``.

    Built without ``reverse``: the URL printed on a receipt must stay valid for years, so it is
    fixed here rather than derived from routing. The token (`status_token`) stands in for the
    second factor; the portal checks it and redirects to the plain URL.
    """
    code = quote(dossier.code, safe="")
    return f"{base_url.rstrip('/')}/tra-cuu/{code}/?k={status_token(dossier.code)}"


# -- words for moments ---------------------------------------------------------------------


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment)


def moment_text(moment: dt.datetime | None) -> str:
    """ "14 giờ 30 phút, ngày 05 tháng 07 năm 2025" — appointments are given to the minute."""
    if moment is None:
        return DOTS
    m = _local(moment)
    return f"{m:%H} giờ {m:%M} phút, ngày {m:%d} tháng {m:%m} năm {m:%Y}"


def short_moment(moment: dt.datetime | None) -> str:
    return f"{_local(moment):%H:%M %d/%m/%Y}" if moment else ""


def date_text(moment: dt.datetime | dt.date | None) -> str:
    if moment is None:
        return DOTS
    day = _local(moment).date() if isinstance(moment, dt.datetime) else moment
    return f"{day:%d/%m/%Y}"


def place_of(unit: OrgUnit) -> str:
    """The place name of the date line: "Ủy ban nhân dân xã Tân An" → "Xã Tân An"."""
    name = unit.name
    for prefix in _UNIT_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    return name[:1].upper() + name[1:]


# -- shared parts ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FormHeader:
    governing_body: str
    receiving_body: str
    number: str
    place_date: str


@dataclass(frozen=True)
class DocumentLine:
    name: str
    originals: int | None = None
    certified_copies: int | None = None
    photocopies: int | None = None
    note: str = ""

    @property
    def counts(self) -> str:
        parts = [
            f"{count} {label}"
            for count, label in (
                (self.originals, "bản chính"),
                (self.certified_copies, "bản sao"),
                (self.photocopies, "bản chụp"),
            )
            if count
        ]
        return ", ".join(parts)


def form_header(unit: OrgUnit, *, number: str = "", on: dt.datetime | None = None) -> FormHeader:
    day = _local(on or timezone.now())
    return FormHeader(
        governing_body=unit.parent.name if unit.parent else "",
        receiving_body=unit.name,
        number=number,
        place_date=f"{place_of(unit)}, ngày {day:%d} tháng {day:%m} năm {day:%Y}",
    )


def time_limit_text(dossier: Dossier) -> str:
    source: Any = dossier.case if dossier.case and dossier.case.time_limit_value else None
    source = source or dossier.procedure_version
    if source.time_limit_value and source.time_limit_unit:
        return (
            f"{source.time_limit_value} {str(TimeLimitUnit(source.time_limit_unit).label).lower()}"
        )
    return getattr(source, "time_limit_text", None) or DOTS


def _last_event(dossier: Dossier, *actions: str) -> DossierEvent | None:
    return dossier.events.filter(action__in=actions).order_by("seq").last()


def _payload(event: DossierEvent | None) -> dict[str, Any]:
    return dict(event.payload or {}) if event else {}


def _moment(value: Any) -> dt.datetime | None:
    """A moment from an event payload, where JSON keeps it as an ISO string."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(value) if isinstance(value, str) and value else None


def _document_lines(items: Iterable[Any]) -> list[DocumentLine]:
    """Document lines from an event payload: plain names or dicts with counts."""
    lines = []
    for item in items:
        if isinstance(item, str):
            lines.append(DocumentLine(name=item))
            continue
        lines.append(
            DocumentLine(
                name=str(item.get("name", "")),
                originals=item.get("originals"),
                certified_copies=item.get("certified_copies", item.get("copies")),
                photocopies=item.get("photocopies"),
                note=str(item.get("note", "") or ""),
            )
        )
    return lines


def _base(
    dossier: Dossier, number: int, *, header_number: str = "", on: dt.datetime | None = None
) -> dict[str, Any]:
    """What every form of one dossier shows; `on` is the date of the act the form records
    (receipt, request, refusal, apology, notice), printed on its date line."""
    return {
        "form_number": number,
        "form_title": FORM_TITLES[number],
        "dossier": dossier,
        "procedure_name": dossier.procedure_version.name,
        "case_name": dossier.case.name if dossier.case else "",
        "header": form_header(dossier.receiving_unit, number=header_number, on=on),
        "deciding_body": dossier.deciding_unit.name,
    }


def _officer(event: DossierEvent | None) -> str:
    return event.actor_label if event else ""


# -- Mẫu 01–06: one dossier ------------------------------------------------------------------


def submitted_documents(dossier: Dossier) -> list[DocumentLine]:
    """What was handed in: the receipt event's ``documents`` when the counter recorded counts,
    else one line per stored attachment."""
    receipt = _last_event(dossier, "receive", "accept_online")
    documents = _payload(receipt).get("documents")
    if documents:
        return _document_lines(documents)
    return [
        DocumentLine(name=a.document.name if a.document else a.original_name)
        for a in dossier.attachments.filter(kind="submitted").select_related("document")
    ]


def appointment_at_receipt(dossier: Dossier) -> dt.datetime | None:
    """The appointment Mẫu 01 gave: kept on the receipt event since it was recorded there;
    for older receipts, the one a reschedule replaced, else the current one."""
    receipt = _last_event(dossier, "receive", "accept_online")
    given = _moment(_payload(receipt).get("due_at"))
    if given is not None:
        return given
    apology = dossier.events.filter(action="reschedule").order_by("seq").first()
    return _moment(_payload(apology).get("old_due_at")) or dossier.due_at


def collect_text(dossier: Dossier) -> str:
    """Where the applicant registered to collect the result (Mẫu 01, item 6)."""
    method = dossier.collect_method or ReturnMethod.COUNTER
    if method == ReturnMethod.POST:
        address = dossier.representative_address or dossier.applicant_address
        return "Qua dịch vụ bưu chính công ích" + (f", về địa chỉ: {address}" if address else "")
    if method == ReturnMethod.ELECTRONIC:
        return "Trực tuyến: bản điện tử trên Cổng Dịch vụ công" + (
            f" và thư điện tử {dossier.applicant_email}" if dossier.applicant_email else ""
        )
    return f"Bộ phận Một cửa — {dossier.receiving_unit.name}"


def context_01(dossier: Dossier, *, status_url: str, **_: Any) -> dict[str, Any]:
    receipt = _last_event(dossier, "receive", "accept_online")
    payload = _payload(receipt)
    return {
        **_base(dossier, 1, header_number=dossier.code, on=dossier.received_at),
        "documents": submitted_documents(dossier),
        "sets": dossier.sets,
        "time_limit_text": time_limit_text(dossier),
        "received_text": moment_text(dossier.received_at),
        "due_text": moment_text(appointment_at_receipt(dossier)),
        "collect_at": collect_text(dossier),
        "register_book": payload.get("register_book", ""),
        "register_entry": payload.get("register_entry") or dossier.code.rsplit("-", 1)[-1],
        "officer_name": _officer(receipt),
        "status_url": status_url,
        "qr_svg": qr_svg(status_url, title=f"Tra cứu hồ sơ {dossier.code}"),
        # Fees and charges due (filled by the payments app when it lands): (name, amount) rows.
        "fees": [],
    }


def supplement_requests(dossier: Dossier) -> list[DossierEvent]:
    """Every supplement request of the dossier, first to last: each has its own Mẫu 02."""
    return list(dossier.events.filter(action="request_supplement").order_by("seq"))


def context_02(dossier: Dossier, *, request_number: int | None = None, **_: Any) -> dict[str, Any]:
    """Mẫu 02 of the `request_number`-th request (1-based), the last one by default."""
    requests = supplement_requests(dossier)
    event = requests[-1] if requests else None
    if request_number is not None and 1 <= request_number <= len(requests):
        event = requests[request_number - 1]
    payload = _payload(event)
    officer = _officer(event)
    return {
        **_base(dossier, 2, on=event.at if event else None),
        # `missing` is what workflow.request_supplement records: names, one per item.
        "items": _document_lines(payload.get("items") or payload.get("missing") or []),
        "reason": payload.get("reason") or (event.note if event else ""),
        "contact": payload.get("contact") or _contact(officer, dossier.receiving_unit),
        "officer_name": officer,
        "request_number": payload.get("request_number") or len(requests),
        "request_count": len(requests),
        "request_range": range(1, len(requests) + 1),
    }


def _contact(officer: str, unit: OrgUnit) -> str:
    return f"{officer}, {unit.name}" if officer else unit.name


def guidance_context(
    *, version: ProcedureVersion, unit: OrgUnit, applicant_name: str, items: list[str],
    reason: str, officer: str,
) -> dict[str, Any]:  # fmt: skip
    """Mẫu 02 given at the counter before any receipt: an unsaved dossier carries the
    procedure, the unit and the applicant's name; it has no code."""
    draft = Dossier(
        procedure_version=version, receiving_unit=unit, current_unit=unit,
        deciding_unit=default_deciding_unit(unit), applicant_name=applicant_name,
    )  # fmt: skip
    return {
        **_base(draft, 2),
        "items": _document_lines(items),
        "reason": reason,
        "contact": "",
        "officer_name": officer,
    }


def context_03(dossier: Dossier, **_: Any) -> dict[str, Any]:
    event = _last_event(dossier, "refuse")
    payload = _payload(event)
    reasons = payload.get("reasons") or [
        line for line in (event.note if event else "").splitlines() if line.strip()
    ]
    return {
        **_base(dossier, 3, on=event.at if event else None),
        "reasons": reasons,
        "officer_name": _officer(event),
    }


def refusal_context(refusal: CounterRefusal) -> dict[str, Any]:
    """Mẫu 03 of a refusal at the counter: an unsaved dossier carries what the form prints;
    it has no code, since nothing was received."""
    unit = refusal.receiving_unit
    draft = Dossier(
        procedure_version=refusal.procedure_version, receiving_unit=unit, current_unit=unit,
        deciding_unit=default_deciding_unit(unit), applicant_name=refusal.applicant_name,
        applicant_personal_id=refusal.applicant_personal_id,
        applicant_organisation_id=refusal.applicant_organisation_id,
        applicant_phone=refusal.applicant_phone, applicant_email=refusal.applicant_email,
        applicant_address=refusal.applicant_address,
    )  # fmt: skip
    return {
        **_base(draft, 3, on=refusal.at),
        "reasons": list(refusal.reasons),
        "officer_name": refusal.actor_label,
    }


def refusal_pdf(refusal: CounterRefusal) -> bytes:
    html = render_to_string("dossiers/forms/mau_03.html", refusal_context(refusal))
    return html_to_pdf(html)


def context_04(dossier: Dossier, **_: Any) -> dict[str, Any]:
    event = _last_event(dossier, "reschedule")
    payload = _payload(event)
    original = _moment(payload.get("old_due_at") or payload.get("original_due_at"))
    new = _moment(payload.get("new_due_at")) or dossier.due_at
    return {
        **_base(dossier, 4, on=event.at if event else None),
        "received_date": date_text(dossier.received_at),
        "original_due_text": moment_text(original),
        "new_due_text": moment_text(new),
        "reason": payload.get("reason") or (event.note if event else ""),
        "signer_name": _officer(event),
    }


def context_05(dossier: Dossier, **_: Any) -> dict[str, Any]:
    """Thông báo dừng giải quyết hồ sơ: on the applicant's withdrawal, or a stop of
    processing with its written reasons (NĐ 118/2025 requires a written notice; TT 03/2025's
    Mẫu 05 is the notice of stopping, so both use its layout)."""
    event = _last_event(dossier, "withdraw", "stop")
    payload = _payload(event)
    requested = payload.get("request_date")  # ISO date, as workflow.withdraw records it
    stopped = event is not None and event.action == "stop"
    return {
        **_base(dossier, 5, on=event.at if event else None),
        "stopped_by_body": stopped,
        "reasons": payload.get("reasons") or [],
        "received_date": date_text(dossier.received_at or dossier.submitted_at),
        "request_date": date_text(dt.date.fromisoformat(requested)) if requested else DOTS,
        "stopped_text": moment_text(event.at if event else None),
        "reason": payload.get("reason") or (event.note if event else ""),
        "officer_name": _officer(event),
        "notifying_body": dossier.current_unit.name if stopped else dossier.receiving_unit.name,
    }


@dataclass(frozen=True)
class HandoverRow:
    from_unit: str
    to_unit: str
    at_text: str
    giver: str
    receiver: str
    timing: str
    note: str


def _desk(unit: OrgUnit | None, step: ProcessStep | None) -> str:
    name = unit.name if unit else ""
    return f"{name} — {step.name}" if step else name


def result_timing(dossier: Dossier, event: DossierEvent) -> str:
    """The result row of Mẫu 06 judged as the national index 2.1 judges a dossier: late after
    the appointment, and late whatever the date with more than one supplement request."""
    if dossier.supplement_count > 1 or (dossier.due_at and event.at > dossier.due_at):
        return Timing.LATE
    return clock.timing(event.at, dossier.due_at) or Timing.ON_TIME


def _row_timing(dossier: Dossier, event: DossierEvent) -> str:
    if event.action == "issue_result":
        return result_timing(dossier, event)
    if event.timing:
        return event.timing
    # Events recorded before every hand-over carried its timing: judge by what is known.
    return clock.timing(event.at, event.step_deadline or dossier.due_at)


def _receiver(event: DossierEvent, events: Sequence[DossierEvent], index: int) -> str:
    """Who received: recorded on the event when the step was taken. Events recorded before
    that was kept fall back to whoever acted next."""
    recorded = (event.payload or {}).get("receiver")
    if recorded:
        return str(recorded)
    following = next((e for e in events[index + 1 :] if e.actor_id), None)
    return following.actor_label if following else ""


def handover_rows(
    events: Sequence[DossierEvent], steps: dict[int, ProcessStep], dossier: Dossier
) -> list[HandoverRow]:
    """One row per hand-over in the event log (Mẫu 06).

    The giver is who recorded the hand-over, the receiver who the workflow recorded as
    receiving it. A ``hand_over`` event carries the step it finished (``step``) and the step
    it opened (``payload["to_step"]``). Every row says before / on / after its deadline.
    """
    rows = []
    desk = ""
    for index, event in enumerate(events):
        if event.action not in HANDOVER_ACTIONS:
            desk = desk or _desk(event.unit, None)
            continue
        opened = steps.get((event.payload or {}).get("to_step") or 0)
        if event.action != "hand_over":
            opened = event.step if event.action in ("forward", "assign") else None
        else:
            desk = _desk(event.unit, event.step)
        to_desk = _to_desk(event, opened, dossier)
        timing = _row_timing(dossier, event)
        rows.append(
            HandoverRow(
                from_unit=desk,
                to_unit=to_desk,
                at_text=short_moment(event.at),
                giver=event.actor_label,
                receiver=_receiver(event, events, index),
                timing=str(Timing(timing).label) if timing else "",
                note=_row_note(event),
            )
        )
        desk = to_desk
    return rows


def _to_desk(event: DossierEvent, opened: ProcessStep | None, dossier: Dossier) -> str:
    if event.action == "issue_result":
        return f"Bộ phận Một cửa — {dossier.receiving_unit.name}"
    if event.action == "return_result":
        return "Người nộp hồ sơ"
    return _desk(event.unit, opened)


def _row_note(event: DossierEvent) -> str:
    new_due = _moment((event.payload or {}).get("new_step_due_at"))
    parts = [event.note] if event.note else []
    if event.action == "transfer" and new_due is not None:
        parts.append(f"Hạn của đơn vị phối hợp: {short_moment(new_due)}")
    return "; ".join(parts)


def context_06(dossier: Dossier, **_: Any) -> dict[str, Any]:
    events = list(dossier.events.select_related("unit", "step").order_by("seq"))
    coordinating = {
        e.unit.name
        for e in events
        if e.action == "transfer" and e.unit and e.unit_id != dossier.deciding_unit_id
    }
    return {
        **_base(dossier, 6),
        "coordinating_bodies": ", ".join(sorted(coordinating)),
        "received_text": moment_text(dossier.received_at),
        "due_text": moment_text(dossier.due_at),
        "rows": handover_rows(
            events, {s.pk: s for s in dossier.procedure_version.steps.all()}, dossier
        ),
    }


CONTEXT_BUILDERS: dict[int, Callable[..., dict[str, Any]]] = {
    1: context_01,
    2: context_02,
    3: context_03,
    4: context_04,
    5: context_05,
    6: context_06,
}


def render_form_html(dossier: Dossier, number: int, *, status_url: str, **options: Any) -> str:
    """Mẫu ``number`` (1–6) of one dossier as a complete HTML page, ready to print.

    `options`: ``request_number`` chooses which supplement request Mẫu 02 prints.
    """
    if number not in CONTEXT_BUILDERS:
        raise ValueError(f"Mẫu {number:02d} không phải mẫu của một hồ sơ.")
    context = CONTEXT_BUILDERS[number](dossier, status_url=status_url, **options)
    return render_to_string(f"dossiers/forms/mau_{number:02d}.html", context)


def render_form_pdf(dossier: Dossier, number: int, *, status_url: str, **options: Any) -> bytes:
    return html_to_pdf(render_form_html(dossier, number, status_url=status_url, **options))


# -- Mẫu 07: the register ------------------------------------------------------------------

REGISTER_COLUMNS = (
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Ngày, giờ nhận hồ sơ",
    "Ngày, giờ hẹn trả kết quả",
    "Ngày, giờ trả kết quả",
    "Hình thức trả kết quả",
    "Người nhận kết quả",
    "Ghi chú",
)


@dataclass(frozen=True)
class RegisterRow:
    number: int
    code: str
    procedure: str
    applicant: str
    address_phone: str
    deciding_body: str
    received: str
    appointment: str
    returned: str
    how_returned: str
    signature: str
    note: str
    dossier_pk: int | None = None  # the dossier's page, or
    refusal_pk: int | None = None  # a refusal at the counter (Mẫu 03, no dossier)

    def values(self) -> tuple[Any, ...]:
        return (
            self.number, self.code, self.procedure, self.applicant, self.address_phone,
            self.deciding_body, self.received, self.appointment, self.returned,
            self.how_returned, self.signature, self.note,
        )  # fmt: skip


def _contact_of(item: Dossier | CounterRefusal) -> str:
    return ", ".join(part for part in (item.applicant_address, item.applicant_phone) if part)


def _dossier_row(d: Dossier) -> dict[str, Any]:
    refused = d.status == DossierStatus.REFUSED
    return {
        "code": d.code,
        "procedure": d.procedure_version.name,
        "applicant": d.applicant_name,
        "address_phone": _contact_of(d),
        "deciding_body": d.deciding_unit.name,
        "received": short_moment(d.received_at or d.submitted_at),
        # A refused filing was never given an appointment, or no longer has one.
        "appointment": "" if refused else short_moment(d.due_at),
        "returned": short_moment(d.returned_at),
        "how_returned": str(ReturnMethod(d.return_method).label) if d.return_method else "",
        "signature": d.returned_to,
        "note": d.national_label,
        "dossier_pk": d.pk,
    }


def _refusal_row(r: CounterRefusal) -> dict[str, Any]:
    return {
        "code": "",
        "procedure": r.procedure_version.name,
        "applicant": r.applicant_name,
        "address_phone": _contact_of(r),
        "deciding_body": default_deciding_unit(r.receiving_unit).name,
        "received": short_moment(r.at),
        "appointment": "",
        "returned": "",
        "how_returned": "",
        "signature": "",
        "note": "Từ chối tiếp nhận (Mẫu 03): " + "; ".join(r.reasons),
        "refusal_pk": r.pk,
    }


def register_rows(
    dossiers: Iterable[Dossier], refusals: Iterable[CounterRefusal] = ()
) -> list[RegisterRow]:
    """One row per dossier and per refusal at the counter, numbered in order of receipt."""
    moments: list[tuple[dt.datetime, int, dict[str, Any]]] = []
    for order, d in enumerate(dossiers):
        moment = d.received_at or d.submitted_at or dt.datetime.min.replace(tzinfo=dt.UTC)
        moments.append((moment, order, _dossier_row(d)))
    for order, r in enumerate(refusals, start=len(moments)):
        moments.append((r.at, order, _refusal_row(r)))
    moments.sort(key=lambda item: (item[0], item[1]))
    return [
        RegisterRow(number=number, **fields)
        for number, (_moment_, _order, fields) in enumerate(moments, start=1)
    ]


REGISTER_PAGE_SIZE = 200


def register_page(
    dossiers: QuerySet[Dossier], refusals: QuerySet[CounterRefusal], number: str | None
) -> tuple[Page[Any], list[RegisterRow]]:
    """One page of the register on screen, numbered as in the whole register: the database
    merges the dossiers (`dossiers`: ordered by `entered_at`, RegisterFilterForm.apply) and the
    refusals at the counter in order of receipt — a dossier before a refusal of the same
    minute — and only the page's rows are read."""
    entries = (
        dossiers.annotate(kind=Value(0))
        .values_list("entered_at", "kind", "pk")  # type: ignore[misc]  # annotated by the form
        .order_by()
        .union(
            refusals.annotate(entered_at=F("at"), kind=Value(1))
            .values_list("entered_at", "kind", "pk")
            .order_by(),
            all=True,
        )
        .order_by("entered_at", "kind", "pk")
    )
    page = Paginator(entries, REGISTER_PAGE_SIZE).get_page(number)
    listed = list(page.object_list)
    wanted = [pk for _m, kind, pk in listed if kind == 0]
    by_pk = Dossier.objects.select_related("procedure_version", "deciding_unit").in_bulk(wanted)
    refused = refusals.in_bulk([pk for _m, kind, pk in listed if kind == 1])
    rows = [
        RegisterRow(
            number=n, **(_dossier_row(by_pk[pk]) if kind == 0 else _refusal_row(refused[pk]))
        )
        for n, (_m, kind, pk) in enumerate(listed, start=page.start_index())
    ]
    return page, rows


def _register_queryset(dossiers: Iterable[Dossier]) -> Iterable[Dossier]:
    if hasattr(dossiers, "select_related"):
        return dossiers.select_related("procedure_version", "deciding_unit")
    return dossiers


def register_html(
    dossiers: Iterable[Dossier],
    *,
    unit: OrgUnit,
    period: str = "",
    refusals: Iterable[CounterRefusal] = (),
) -> str:
    context = {
        "form_number": 7,
        "form_title": FORM_TITLES[7],
        "header": form_header(unit),
        "period": period,
        "columns": REGISTER_COLUMNS,
        "rows": register_rows(_register_queryset(dossiers), refusals),
    }
    return render_to_string("dossiers/forms/mau_07.html", context)


def register_pdf(
    dossiers: Iterable[Dossier],
    *,
    unit: OrgUnit,
    period: str = "",
    refusals: Iterable[CounterRefusal] = (),
) -> bytes:
    return html_to_pdf(register_html(dossiers, unit=unit, period=period, refusals=refusals))


def register_xlsx(dossiers: Iterable[Dossier], refusals: Iterable[CounterRefusal] = ()) -> bytes:
    """Mẫu 07 as a workbook: a Vietnamese header row, then one row per dossier."""
    from openpyxl import Workbook  # imported where used (bench/startup.py)

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    rows = register_rows(_register_queryset(dossiers), refusals)
    sheet = sheet_write(workbook, "Sổ theo dõi hồ sơ", REGISTER_COLUMNS, (r.values() for r in rows))
    sheet.print_options.gridLines = True
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_title_rows = "1:1"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

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

from django.core.signing import BadSignature, Signer
from django.template.loader import render_to_string
from django.utils import timezone

from motcua.accounts.models import OrgUnit
from motcua.catalog.models import ProcedureVersion, ProcessStep, TimeLimitUnit
from motcua.dossiers.models import Dossier, DossierEvent, ReturnMethod, Timing
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


def _base(dossier: Dossier, number: int, *, header_number: str = "") -> dict[str, Any]:
    return {
        "form_number": number,
        "form_title": FORM_TITLES[number],
        "dossier": dossier,
        "procedure_name": dossier.procedure_version.name,
        "case_name": dossier.case.name if dossier.case else "",
        "header": form_header(dossier.receiving_unit, number=header_number),
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


def context_01(dossier: Dossier, *, status_url: str) -> dict[str, Any]:
    receipt = _last_event(dossier, "receive", "accept_online")
    payload = _payload(receipt)
    return {
        **_base(dossier, 1, header_number=dossier.code),
        "documents": submitted_documents(dossier),
        "sets": payload.get("sets", 1),
        "time_limit_text": time_limit_text(dossier),
        "received_text": moment_text(dossier.received_at),
        "due_text": moment_text(dossier.due_at),
        "collect_at": payload.get("collect_at") or dossier.receiving_unit.name,
        "register_book": payload.get("register_book", ""),
        "register_entry": payload.get("register_entry") or dossier.code.rsplit("-", 1)[-1],
        "officer_name": _officer(receipt),
        "status_url": status_url,
        "qr_svg": qr_svg(status_url, title=f"Tra cứu hồ sơ {dossier.code}"),
    }


def context_02(dossier: Dossier, **_: Any) -> dict[str, Any]:
    event = _last_event(dossier, "request_supplement")
    payload = _payload(event)
    return {
        **_base(dossier, 2),
        # `missing` is what workflow.request_supplement records: names, one per item.
        "items": _document_lines(payload.get("items") or payload.get("missing") or []),
        "reason": payload.get("reason") or (event.note if event else ""),
        "contact": payload.get("contact", ""),
        "officer_name": _officer(event),
    }


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
    return {**_base(dossier, 3), "reasons": reasons, "officer_name": _officer(event)}


def context_04(dossier: Dossier, **_: Any) -> dict[str, Any]:
    event = _last_event(dossier, "reschedule")
    payload = _payload(event)
    original = _moment(payload.get("old_due_at") or payload.get("original_due_at"))
    new = _moment(payload.get("new_due_at")) or dossier.due_at
    return {
        **_base(dossier, 4),
        "received_date": date_text(dossier.received_at),
        "original_due_text": moment_text(original),
        "new_due_text": moment_text(new),
        "reason": payload.get("reason") or (event.note if event else ""),
        "signer_name": _officer(event),
    }


def context_05(dossier: Dossier, **_: Any) -> dict[str, Any]:
    event = _last_event(dossier, "withdraw")
    payload = _payload(event)
    requested = payload.get("request_date")  # ISO date, as workflow.withdraw records it
    return {
        **_base(dossier, 5),
        "received_date": date_text(dossier.received_at or dossier.submitted_at),
        "request_date": date_text(dt.date.fromisoformat(requested)) if requested else DOTS,
        "stopped_text": moment_text(event.at if event else None),
        "reason": payload.get("reason") or (event.note if event else ""),
        "officer_name": _officer(event),
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


def handover_rows(
    events: Sequence[DossierEvent], steps: dict[int, ProcessStep]
) -> list[HandoverRow]:
    """One row per hand-over in the event log (Mẫu 06).

    The giver is who recorded the hand-over; the receiver is who acted on the dossier next,
    so the sheet comes from the log alone. A ``hand_over`` event carries the step it finished
    (``step``) and the step it opened (``payload["to_step"]``).
    """
    rows = []
    desk = ""
    for index, event in enumerate(events):
        if event.action not in HANDOVER_ACTIONS:
            desk = desk or _desk(event.unit, None)
            continue
        opened = steps.get((event.payload or {}).get("to_step") or 0)
        if event.action != "hand_over":
            opened = event.step
        else:
            desk = _desk(event.unit, event.step)
        following = next((e for e in events[index + 1 :] if e.actor_id), None)
        to_desk = _desk(event.unit, opened)
        rows.append(
            HandoverRow(
                from_unit=desk,
                to_unit=to_desk,
                at_text=short_moment(event.at),
                giver=event.actor_label,
                receiver=following.actor_label if following else "",
                timing=str(Timing(event.timing).label) if event.timing else "",
                note=event.note,
            )
        )
        desk = to_desk
    return rows


def context_06(dossier: Dossier, **_: Any) -> dict[str, Any]:
    events = list(dossier.events.select_related("unit", "step").order_by("seq"))
    coordinating = {e.unit.name for e in events if e.action == "transfer" and e.unit}
    return {
        **_base(dossier, 6),
        "coordinating_bodies": ", ".join(sorted(coordinating)),
        "received_text": moment_text(dossier.received_at),
        "due_text": moment_text(dossier.due_at),
        "rows": handover_rows(events, {s.pk: s for s in dossier.procedure_version.steps.all()}),
    }


CONTEXT_BUILDERS: dict[int, Callable[..., dict[str, Any]]] = {
    1: context_01,
    2: context_02,
    3: context_03,
    4: context_04,
    5: context_05,
    6: context_06,
}


def render_form_html(dossier: Dossier, number: int, *, status_url: str) -> str:
    """Mẫu ``number`` (1–6) of one dossier as a complete HTML page, ready to print."""
    if number not in CONTEXT_BUILDERS:
        raise ValueError(f"Mẫu {number:02d} không phải mẫu của một hồ sơ.")
    context = CONTEXT_BUILDERS[number](dossier, status_url=status_url)
    return render_to_string(f"dossiers/forms/mau_{number:02d}.html", context)


def render_form_pdf(dossier: Dossier, number: int, *, status_url: str) -> bytes:
    return html_to_pdf(render_form_html(dossier, number, status_url=status_url))


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

    def values(self) -> tuple[Any, ...]:
        return (
            self.number, self.code, self.procedure, self.applicant, self.address_phone,
            self.deciding_body, self.received, self.appointment, self.returned,
            self.how_returned, self.signature, self.note,
        )  # fmt: skip


def register_rows(dossiers: Iterable[Dossier]) -> list[RegisterRow]:
    """One row per dossier, numbered in the order given (callers order by receipt)."""
    rows = []
    for number, d in enumerate(dossiers, start=1):
        contact = ", ".join(part for part in (d.applicant_address, d.applicant_phone) if part)
        rows.append(
            RegisterRow(
                number=number,
                code=d.code,
                procedure=d.procedure_version.name,
                applicant=d.applicant_name,
                address_phone=contact,
                deciding_body=d.deciding_unit.name,
                received=short_moment(d.received_at),
                appointment=short_moment(d.due_at),
                returned=short_moment(d.returned_at),
                how_returned=str(ReturnMethod(d.return_method).label) if d.return_method else "",
                signature=d.returned_to,
                note=d.national_label,
            )
        )
    return rows


def _register_queryset(dossiers: Iterable[Dossier]) -> Iterable[Dossier]:
    if hasattr(dossiers, "select_related"):
        return dossiers.select_related("procedure_version", "deciding_unit")
    return dossiers


def register_html(dossiers: Iterable[Dossier], *, unit: OrgUnit, period: str = "") -> str:
    context = {
        "form_number": 7,
        "form_title": FORM_TITLES[7],
        "header": form_header(unit),
        "period": period,
        "columns": REGISTER_COLUMNS,
        "rows": register_rows(_register_queryset(dossiers)),
    }
    return render_to_string("dossiers/forms/mau_07.html", context)


def register_pdf(dossiers: Iterable[Dossier], *, unit: OrgUnit, period: str = "") -> bytes:
    return html_to_pdf(register_html(dossiers, unit=unit, period=period))


def register_xlsx(dossiers: Iterable[Dossier]) -> bytes:
    """Mẫu 07 as a workbook: a Vietnamese header row, then one row per dossier."""
    from openpyxl import Workbook  # imported where used (bench/startup.py)

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    rows = register_rows(_register_queryset(dossiers))
    sheet = sheet_write(workbook, "Sổ theo dõi hồ sơ", REGISTER_COLUMNS, (r.values() for r in rows))
    sheet.print_options.gridLines = True
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_title_rows = "1:1"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""Reads of online filing shared by the pages: the checklist, the outcome, signed links."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from motcua.catalog.models import ProcedureDocument
from motcua.dossiers.models import Dossier, DossierEvent, DossierStatus
from motcua.filing.models import ContactKind, Filing, FilingFile, FilingStatus
from motcua.filing.otp import Contact
from motcua.filing.services import documents_of


@dataclass
class ChecklistItem:
    document: ProcedureDocument
    files: list[FilingFile] = field(default_factory=list)
    error: str = ""


def checklist(filing: Filing, errors: dict[int, str]) -> list[ChecklistItem]:
    """The procedure's documents with what the draft holds for each and any upload error."""
    items = {
        d.pk: ChecklistItem(d, error=errors.get(d.pk, "")) for d in documents_of(filing.version)
    }
    for row in filing.files.all():
        if row.document_id in items:
            items[row.document_id].files.append(row)
    return list(items.values())


def extra_values(filing: Filing) -> list[tuple[str, str]]:
    """(label, value) of the procedure's extra fields, in the schema's order."""
    return [
        (spec["label"], filing.extra.get(spec["name"], "")) for spec in filing.version.extra_fields
    ]


def drafts_of_contact(contact: Contact) -> QuerySet[Filing]:
    """Unfinished online filings of this (verified) contact, most recently changed first;
    assisted drafts belong to the helper, not to the citizen's list."""
    return (
        Filing.objects.filter(
            status=FilingStatus.DRAFT,
            contact_kind=contact.kind,
            contact=contact.value,
            assisted_by__isnull=True,
        )
        .select_related("version")
        .order_by("-updated_at", "-pk")
    )


def dossiers_of_contact(contact: Contact) -> QuerySet[Dossier]:
    """Dossiers whose applicant gave this (verified) contact, newest first."""
    if contact.kind == ContactKind.EMAIL:
        match = Q(applicant_email__iexact=contact.value)
    else:
        match = Q(applicant_phone=contact.value)
    return Dossier.objects.filter(match).select_related("procedure_version").order_by("-pk")[:50]  # type: ignore[return-value]


@dataclass(frozen=True)
class Outcome:
    """What the citizen needs to know about the officer's answer."""

    title: str
    missing: list[str] = field(default_factory=list)  # supplement: every item, as requested
    reasons: list[str] = field(default_factory=list)  # refusal or stop
    note: str = ""
    appointment: Any = None


def outcome(dossier: Dossier) -> Outcome:
    status = dossier.status
    if status == DossierStatus.SUBMITTED:
        return Outcome("Hồ sơ đã nộp, đang chờ cán bộ Bộ phận Một cửa kiểm tra và tiếp nhận.")
    if status == DossierStatus.SUPPLEMENT_REQUESTED:
        event = _last(dossier, "request_supplement")
        payload = event.payload if event else {}
        return Outcome(
            "Cán bộ yêu cầu bổ sung giấy tờ. Vui lòng tải lên các giấy tờ dưới đây.",
            missing=list(payload.get("missing", [])), note=event.note if event else "",
        )  # fmt: skip
    if status in (DossierStatus.REFUSED, DossierStatus.STOPPED):
        event = _last(dossier, "refuse" if status == DossierStatus.REFUSED else "stop")
        reasons = list(event.payload.get("reasons", [])) if event else []
        title = (
            "Hồ sơ không được tiếp nhận."
            if status == DossierStatus.REFUSED
            else "Hồ sơ đã dừng xử lý."
        )
        return Outcome(title, reasons=reasons)
    if status == DossierStatus.RESULT_READY:
        return Outcome("Đã có kết quả. Mời bạn nhận kết quả theo hình thức đã đăng ký.")
    if status == DossierStatus.RETURNED:
        return Outcome("Đã trả kết quả.")
    if status == DossierStatus.WITHDRAWN:
        return Outcome("Hồ sơ đã được rút theo đề nghị của bạn.")
    return Outcome("Hồ sơ đã được tiếp nhận và đang được giải quyết.", appointment=dossier.due_at)


def _last(dossier: Dossier, action: str) -> DossierEvent | None:
    return dossier.events.filter(action=action).order_by("-seq").first()

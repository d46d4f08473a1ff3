"""Writes of online filing: drafts, their files, submission and the online supplement.

Views call these; each write is one function. Submission and the supplement go through
`motcua.dossiers.workflow`, the one way a dossier changes.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from motcua.accounts.access import units_for_user
from motcua.accounts.models import OrgUnit, Role, User
from motcua.catalog.models import OnlineLevel, ProcedureDocument, ProcedureVersion, VersionStatus
from motcua.catalog.selectors import offering_units
from motcua.dossiers import attachments, workflow
from motcua.dossiers.models import Dossier, DossierStatus
from motcua.filing.forms import extra_problems
from motcua.filing.models import ContactKind, Filing, FilingFile, FilingStatus, OneTimeCode
from motcua.filing.otp import Contact

ONLINE_LEVELS = (OnlineLevel.FULL, OnlineLevel.PARTIAL)
HELPER_ROLES = (Role.RECEIVER, Role.DIGITAL_TEAM)
APPLICANT_KEYS = (
    "name", "personal_id", "organisation_id", "phone", "email", "address",
    "representative_name", "representative_id", "representative_authorisation",
)  # fmt: skip


class FilingError(ValidationError):
    """Something the filer must fix; the message is for them, in Vietnamese."""


# -- reads used by the writes and the pages ---------------------------------------------------


def version_for_online_filing(procedure_pk: int) -> ProcedureVersion:
    """The published version of a procedure offered online, or FilingError saying why not."""
    version = (
        ProcedureVersion.objects.filter(procedure_id=procedure_pk, status=VersionStatus.PUBLISHED)
        .select_related("procedure")
        .first()
    )
    if version is None:
        raise FilingError("Không tìm thấy thủ tục này, hoặc thủ tục chưa được công bố.")
    if version.online_level not in ONLINE_LEVELS:
        raise FilingError(
            f"Thủ tục “{version.name}” chưa được cung cấp trực tuyến. Vui lòng nộp hồ sơ trực "
            "tiếp tại Bộ phận Một cửa hoặc qua bưu chính."
        )
    if not offering_units(version.procedure).exists():
        raise FilingError(f"Thủ tục “{version.name}” chưa có nơi tiếp nhận hồ sơ.")
    return version


def receiving_units(version: ProcedureVersion, helper: User | None = None) -> QuerySet[OrgUnit]:
    """Where the filing may go: units offering the procedure (for a helper, those they serve)."""
    units = offering_units(version.procedure)
    if helper is not None:
        units = units.filter(pk__in=units_for_user(helper, HELPER_ROLES))
    return units


def documents_of(version: ProcedureVersion) -> QuerySet[ProcedureDocument]:
    """The checklist of the online form: the documents common to every case of the version
    that are filed — not those only shown to the officer (the identity document…)."""
    return version.documents.filter(case__isnull=True, presented_only=False).order_by("order", "pk")


def documents_presented(version: ProcedureVersion) -> QuerySet[ProcedureDocument]:
    """Documents shown to the officer for comparison, not filed: checked at acceptance."""
    return version.documents.filter(case__isnull=True, presented_only=True).order_by("order", "pk")


# -- drafts --------------------------------------------------------------------------------


def filing_open(
    *, version: ProcedureVersion, contact: Contact | None = None, helper: User | None = None
) -> Filing:
    """The open draft of this filer for this procedure version, created when there is none.

    A citizen's draft is found by the verified contact (so it survives a lost session); a
    helper's by the helper, who fills in the citizen's contact on the form.
    """
    if helper is not None:
        filing, _ = Filing.objects.get_or_create(
            version=version, assisted_by=helper, status=FilingStatus.DRAFT
        )
        return filing
    assert contact is not None
    filing, _ = Filing.objects.get_or_create(
        version=version, contact_kind=contact.kind, contact=contact.value,
        assisted_by=None, status=FilingStatus.DRAFT,
    )  # fmt: skip
    return filing


def filing_save(
    *,
    filing: Filing,
    applicant: Mapping[str, Any],
    extra: Mapping[str, Any],
    receiving_unit: OrgUnit | None,
    contact: Contact | None = None,
) -> Filing:
    """Keep what the filer typed, valid or not: the form shows the problems, nothing is lost."""
    with transaction.atomic():
        filing = _lock_draft(filing)
        filing.applicant = {k: str(applicant.get(k) or "") for k in APPLICANT_KEYS}
        filing.extra = {str(k): "" if v is None else str(v) for k, v in extra.items()}
        filing.receiving_unit = receiving_unit
        fields = ["applicant", "extra", "receiving_unit", "updated_at"]
        if contact is not None and filing.assisted_by_id is not None:
            filing.contact_kind, filing.contact = contact.kind, contact.value
            fields += ["contact_kind", "contact"]
        filing.save(update_fields=fields)
    return filing


def _lock_draft(filing: Filing) -> Filing:
    filing = Filing.objects.select_for_update().get(pk=filing.pk)
    if filing.status != FilingStatus.DRAFT:
        raise FilingError("Hồ sơ này đã được nộp; không thể sửa bản nháp.", code="submitted")
    return filing


def filing_attach(
    *,
    filing: Filing,
    document: ProcedureDocument | None,
    upload: UploadedFile,
) -> FilingFile:
    """Add an uploaded file to the draft after checking its content and size."""
    try:
        found = attachments.inspect(upload)
    except ValidationError as error:
        raise FilingError(f"Tệp “{upload.name}”: {error.messages[0]}", code="file") from None
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
    with attachments.files_removed_on_failure(), transaction.atomic():
        filing = _lock_draft(filing)
        row = FilingFile(
            filing=filing, document=document, original_name=(upload.name or "tep")[-255:],
            content_type=found.content_type, size=found.size, sha256=found.sha256,
        )  # fmt: skip
        row.file.save(f"{found.sha256[:16]}.{extension[found.content_type]}", upload, save=False)
        attachments.remember_written(row.file.name)
        row.save()
    return row


def filing_detach(*, filing: Filing, file_pk: int) -> None:
    with transaction.atomic():
        filing = _lock_draft(filing)
        row = filing.files.filter(pk=file_pk).first()
        if row is None:
            return
        names = [row.file.name] if row.file.name else []
        row.delete()
        transaction.on_commit(lambda: _delete_files(names))


# -- submission ------------------------------------------------------------------------------


def filing_applicant(filing: Filing) -> workflow.Applicant:
    """The applicant as the workflow takes it; the verified contact is always recorded."""
    data = {k: str(filing.applicant.get(k, "")).strip() for k in APPLICANT_KEYS}
    if filing.contact_kind == ContactKind.EMAIL:
        data["email"] = filing.contact
    elif filing.contact_kind == ContactKind.PHONE:
        data["phone"] = filing.contact
    return workflow.Applicant(**data)


def filing_problems(filing: Filing) -> list[str]:
    """What still stops the submission, in words for the filer (empty: ready)."""
    problems: list[str] = []
    if not filing.contact:
        problems.append("Chưa có số điện thoại hoặc thư điện tử của người nộp.")
    try:
        filing_applicant(filing).validate()
    except ValidationError as error:
        problems.append(error.messages[0])
    helper = filing.assisted_by
    if filing.receiving_unit is None:
        problems.append("Chưa chọn nơi tiếp nhận hồ sơ.")
    elif not receiving_units(filing.version, helper).filter(pk=filing.receiving_unit.pk).exists():
        problems.append("Nơi tiếp nhận đã chọn không tiếp nhận thủ tục này.")
    uploaded = {f.document_id for f in filing.files.all()}
    for document in documents_of(filing.version).filter(mandatory=True):
        if document.pk not in uploaded:
            problems.append(f"Chưa tải lên: {document.name}.")
    problems.extend(extra_problems(filing.version.extra_fields, filing.extra))
    return problems


def filing_submit(*, filing: Filing) -> Dossier:
    """Submit the draft once: a repeated or concurrent submit returns the same dossier.

    The draft row is claimed by a conditional UPDATE inside the transaction that creates the
    dossier, so of two simultaneous clicks exactly one creates it; the other waits for that
    transaction (row lock) and then finds the draft submitted.
    """
    try:
        return _submit_once(filing)
    except _AlreadySubmitted:
        # Another click won the race on a database without row locks (SQLite): its dossier.
        dossier = Filing.objects.get(pk=filing.pk).dossier
        assert dossier is not None
        return dossier


class _AlreadySubmitted(Exception):
    pass


def _submit_once(filing: Filing) -> Dossier:
    with attachments.files_removed_on_failure(), transaction.atomic():
        current = Filing.objects.select_for_update().get(pk=filing.pk)
        if current.status == FilingStatus.SUBMITTED:
            assert current.dossier is not None
            return current.dossier
        problems = filing_problems(current)
        if problems:
            raise FilingError(problems, code="incomplete")
        assert current.receiving_unit is not None
        uploads = list(current.files.select_related("document"))
        try:
            dossier = workflow.submit_online(
                version=current.version, receiving_unit=current.receiving_unit,
                applicant=filing_applicant(current), assisted_by=current.assisted_by,
                files=[_new_file(row) for row in uploads],
            )  # fmt: skip
        finally:
            for row in uploads:
                row.file.close()
        claimed = Filing.objects.filter(pk=current.pk, status=FilingStatus.DRAFT).update(
            status=FilingStatus.SUBMITTED, dossier=dossier
        )
        if claimed != 1:
            raise _AlreadySubmitted
        names = [row.file.name for row in uploads if row.file.name]
        current.files.all().delete()
        transaction.on_commit(lambda: _delete_files(names))
    return dossier


def _new_file(row: FilingFile) -> attachments.NewFile:
    row.file.open("rb")
    upload = File(row.file.file, name=row.original_name)
    return attachments.NewFile(file=upload, document=row.document)


def _delete_files(names: Sequence[str]) -> None:
    storage = FilingFile._meta.get_field("file").storage  # type: ignore[union-attr]
    for name in names:
        storage.delete(name)


# -- keeping no more than needed (DOMAIN.md §10) ----------------------------------------------


def purge_abandoned(days: int) -> tuple[int, int]:
    """Delete online drafts untouched (no edit, no upload) for `days` days, with their files,
    and one-time codes expired for a day or more: a citizen's data is not kept without a
    purpose. Returns (drafts, codes) deleted. Submitted filings are never touched."""
    now = timezone.now()
    cutoff = now - dt.timedelta(days=days)
    with transaction.atomic():
        stale = (
            Filing.objects.filter(status=FilingStatus.DRAFT, updated_at__lt=cutoff)
            .exclude(files__at__gte=cutoff)
            .values_list("pk", flat=True)
        )
        ids = list(stale)
        files = FilingFile.objects.filter(filing_id__in=ids)
        names = [name for name in files.values_list("file", flat=True) if name]
        files.delete()
        Filing.objects.filter(pk__in=ids).delete()
        codes, _ = OneTimeCode.objects.filter(expires_at__lt=now - dt.timedelta(days=1)).delete()
        transaction.on_commit(lambda: _delete_files(names))
    return len(ids), codes


# -- following and supplementing -------------------------------------------------------------


def contact_matches(dossier: Dossier, contact: Contact) -> bool:
    if contact.kind == ContactKind.EMAIL:
        return bool(dossier.applicant_email) and dossier.applicant_email.lower() == contact.value
    return bool(dossier.applicant_phone) and dossier.applicant_phone == contact.value


def supplement_online(
    *, dossier: Dossier, uploads: Sequence[UploadedFile], note: str = ""
) -> Dossier:
    """The applicant sends the missing items; the workflow resumes the dossier and its clock."""
    if dossier.status != DossierStatus.SUPPLEMENT_REQUESTED:
        raise FilingError("Hồ sơ không ở trạng thái chờ bổ sung.", code="status")
    if not uploads:
        raise FilingError("Chưa chọn tệp bổ sung nào.", code="empty")
    files = [attachments.NewFile(file=upload) for upload in uploads]
    try:
        return workflow.supplement_received(
            dossier=dossier, actor=None, files=files, note=note.strip()
        )
    except workflow.WorkflowError as error:
        raise FilingError(error.messages[0], code=error.code) from None

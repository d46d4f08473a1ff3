"""Files attached to dossiers: PDF, JPEG and PNG recognised by content, with a checksum."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureDocument
from motcua.dossiers.models import Attachment, AttachmentKind, Dossier
from motcua.lib import uploads

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# What a file is, by content: the shared check in motcua/lib/uploads.py.
SIGNATURES = uploads.SIGNATURES
Inspected = uploads.Inspected


@dataclass(frozen=True)
class NewFile:
    """A file to attach: the upload and what it is."""

    file: File  # type: ignore[type-arg]
    document: ProcedureDocument | None = None
    digitised: bool = False


# Names of files written since the innermost `files_removed_on_failure` began.
_written: ContextVar[list[str] | None] = ContextVar("written_files", default=None)


@contextmanager
def files_removed_on_failure() -> Iterator[None]:
    """Delete the files stored inside the block when the block (or its commit) fails.

    The database rolls back its rows by itself; files live outside it, and a refused or failed
    action must not leave orphans behind. Wrap it around the `transaction.atomic()` block.
    """
    outer = _written.get()
    written: list[str] = []
    token = _written.set(written)
    try:
        yield
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    finally:
        _written.reset(token)
    if outer is not None:  # an enclosing block may still fail: hand the names on
        outer.extend(written)


def max_bytes() -> int:
    return int(getattr(settings, "MOTCUA_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def inspect(upload: File) -> Inspected:  # type: ignore[type-arg]
    """Type, size and checksum of `upload`, or ValidationError (naming the file) when it is
    not acceptable: PDF (that opens as one), JPEG or PNG, within the size limit."""
    return uploads.inspect_upload(upload, max_bytes=max_bytes())


def inspect_named(upload: File, error: type[ValidationError]) -> Inspected:  # type: ignore[type-arg]
    """`inspect`, with a refusal raised as `error` whose message names the file."""
    try:
        return inspect(upload)
    except ValidationError as refused:
        name = str(getattr(upload, "name", "") or "tệp").rsplit("/", 1)[-1]
        raise error(f"Tệp “{name}”: {refused.messages[0]}", code="invalid") from None


def store(
    *,
    dossier: Dossier,
    new: NewFile,
    inspected: Inspected,
    kind: str = AttachmentKind.SUBMITTED,
    actor: User | None,
) -> Attachment:
    """Save an inspected file; call inside the transaction that records why it was attached."""
    attachment = written(new=new, inspected=inspected, kind=kind, actor=actor)
    attachment.dossier = dossier
    attachment.save()
    return attachment


def written(
    *,
    new: NewFile,
    inspected: Inspected,
    kind: str = AttachmentKind.SUBMITTED,
    actor: User | None,
) -> Attachment:
    """The file written to storage, its row not yet inserted (it may have no dossier yet): a
    new dossier's files are written before its code is taken, which locks the unit's counter.
    Call inside `files_removed_on_failure`."""
    name = getattr(new.file, "name", "") or "tep"
    attachment = Attachment(
        document=new.document,
        kind=kind,
        original_name=name.rsplit("/", 1)[-1][:255],
        content_type=inspected.content_type,
        size=inspected.size,
        sha256=inspected.sha256,
        digitised=new.digitised,
        uploaded_by=actor,
        at=timezone.now(),
    )
    extension = uploads.EXTENSIONS[inspected.content_type]
    attachment.file.save(f"{inspected.sha256[:16]}.{extension}", new.file, save=False)
    remember_written(attachment.file.name)
    return attachment


def remember_written(name: str | None) -> None:
    written = _written.get()
    if written is not None and name:
        written.append(name)

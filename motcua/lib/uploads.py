"""Checking an uploaded file before it is stored: what it is by content, its size, its checksum.

One helper for every upload path (dossier attachments, online filing, bank statements, …):
the file name and the browser's claim are never trusted. A file that starts like a PDF must
open as one (pypdf reads it and finds at least one page), end as one (a truncated upload is
refused), and carry no HTML in its first bytes (a PDF/HTML polyglot is refused). Messages name
the file, in Vietnamese, for the person who chose it.
"""

import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"
# Leading bytes of each format recognised by its start (CSV has none: see `_is_text`).
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", PDF),
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"PK\x03\x04", XLSX),
)
LABELS = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG", XLSX: "Excel (.xlsx)", CSV: "CSV"}
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png", XLSX: "xlsx", CSV: "csv"}
# Markup a browser would render if it ever took the file for a web page.
_HTML = re.compile(rb"<\s*(!doctype|html|head|body|script|iframe|svg|object|embed)\b", re.I)
_SNIFF_BYTES = 1024


@dataclass(frozen=True)
class Inspected:
    content_type: str
    size: int
    sha256: str


def _refused(text: str, name: str, code: str) -> ValidationError:
    """`text` (a sentence without its full stop), naming the file when it has a name."""
    return ValidationError(f"{text} — tệp “{name}”." if name else f"{text}.", code=code)


def inspect_upload(
    upload: IO[bytes], *, max_bytes: int, accepted: Iterable[str] = (PDF, JPEG, PNG), name: str = ""
) -> Inspected:
    """Type, size and checksum of `upload`; ValidationError (naming the file when `name` is
    given: callers that show one message per file name it themselves) when refused."""
    accepted = tuple(accepted)
    upload.seek(0)
    head = upload.read(16)
    content_type = next((kind for magic, kind in SIGNATURES if head.startswith(magic)), None)
    if content_type is None and CSV in accepted and _is_text(upload):
        content_type = CSV
    if content_type is None or content_type not in accepted:
        kinds = ", ".join(LABELS[kind] for kind in accepted[:-1])
        kinds = f"{kinds} hoặc {LABELS[accepted[-1]]}" if kinds else LABELS[accepted[-1]]
        raise _refused(f"Chỉ nhận tệp {kinds}", name, "file_type")
    digest, size = hashlib.sha256(head), len(head)
    for chunk in iter(lambda: upload.read(1 << 16), b""):
        digest.update(chunk)
        size += len(chunk)
        if size > max_bytes:
            limit = f"{max_bytes // (1024 * 1024)} MB"
            raise _refused(f"Tệp vượt quá dung lượng cho phép ({limit})", name, "file_size")
    if content_type == PDF:
        _check_pdf(upload, size, name)
    elif content_type == XLSX:
        _check_xlsx(upload, name)
    upload.seek(0)
    return Inspected(content_type, size, digest.hexdigest())


def _check_pdf(upload: IO[bytes], size: int, name: str) -> None:
    upload.seek(0)
    first = upload.read(_SNIFF_BYTES)
    if _HTML.search(first):
        raise _refused(
            "Tệp PDF có lẫn nội dung trang web nên không được nhận", name, "file_polyglot"
        )
    upload.seek(max(0, size - _SNIFF_BYTES))
    if b"%%EOF" not in upload.read():
        raise _refused(
            "Tệp PDF bị cắt cụt (tải lên chưa hết), vui lòng chọn lại tệp", name, "file_truncated"
        )
    from pypdf import PdfReader  # only uploads need it

    upload.seek(0)
    try:
        pages = len(PdfReader(upload, strict=False).pages)
    except Exception:  # pypdf fails in many ways on a damaged file
        pages = 0
    if pages < 1:
        raise _refused(
            "Tệp không mở được như một tệp PDF (tệp hỏng hoặc không có trang nào)",
            name,
            "file_damaged",
        )


def _is_text(upload: IO[bytes]) -> bool:
    """UTF-8 text without NUL bytes (CSV exports of banks and spreadsheets)."""
    upload.seek(0)
    start = upload.read(1 << 16)
    if b"\x00" in start:
        return False
    try:
        start.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return error.start >= len(start) - 3  # a character cut at the end of the sample
    return True


def _check_xlsx(upload: IO[bytes], name: str) -> None:
    import zipfile

    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            parts = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        parts = set()
    if not {"[Content_Types].xml", "xl/workbook.xml"} <= parts:
        raise _refused("Tệp không mở được như một bảng tính Excel (.xlsx)", name, "file_damaged")


def sample_pdf(pages: int = 1) -> bytes:
    """A small valid PDF with blank A4 pages, for tests and the demo."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

"""The shared upload check (motcua/lib/uploads.py) that every upload path calls: dossier
attachments, online filing, and others such as bank statements (Excel or CSV)."""

import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from motcua.lib.uploads import CSV, PDF, XLSX, inspect_upload, sample_pdf

MB = 1024 * 1024


def xlsx() -> bytes:
    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def test_a_valid_pdf_gives_its_type_size_and_checksum() -> None:
    body = sample_pdf()
    found = inspect_upload(io.BytesIO(body), max_bytes=MB)
    assert (found.content_type, found.size, len(found.sha256)) == (PDF, len(body), 64)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"%PDF-1.7\n" + b"x" * 100 + b"\n%%EOF", "file_damaged"),
        (sample_pdf()[:-100], "file_truncated"),
        (b"%PDF-1.4\n<!DOCTYPE html><body onload=alert(1)>\n" + sample_pdf()[9:], "file_polyglot"),
        (b"MZ\x90\x00 a program", "file_type"),
    ],
)
def test_a_bad_file_is_refused_with_its_name(body: bytes, code: str) -> None:
    with pytest.raises(ValidationError) as refused:
        inspect_upload(io.BytesIO(body), max_bytes=MB, name="sao-ke.pdf")
    assert refused.value.code == code and "“sao-ke.pdf”" in refused.value.messages[0]


def test_the_size_limit_names_the_limit() -> None:
    with pytest.raises(ValidationError, match=r"dung lượng cho phép \(1 MB\)"):
        inspect_upload(io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"0" * (2 * MB)), max_bytes=MB)


def test_spreadsheets_and_csv_only_where_a_caller_accepts_them() -> None:
    statement = (XLSX, CSV)
    assert inspect_upload(io.BytesIO(xlsx()), max_bytes=MB, accepted=statement).content_type == XLSX
    csv = "Ngày,Số tiền,Nội dung\n02/03/2026,50000,Lệ phí hồ sơ\n".encode()
    assert inspect_upload(io.BytesIO(csv), max_bytes=MB, accepted=statement).content_type == CSV
    with pytest.raises(ValidationError, match="Chỉ nhận tệp PDF, JPEG hoặc PNG"):
        inspect_upload(io.BytesIO(xlsx()), max_bytes=MB)
    with pytest.raises(ValidationError, match="bảng tính Excel"):
        inspect_upload(io.BytesIO(b"PK\x03\x04 not a zip"), max_bytes=MB, accepted=statement)
    with pytest.raises(ValidationError, match=r"Chỉ nhận tệp Excel \(.xlsx\) hoặc CSV"):
        inspect_upload(io.BytesIO(b"\x00\x01binary"), max_bytes=MB, accepted=statement)

"""PAdES signatures (pyHanko): sign a PDF with a unit's key and verify any signed PDF.

Keys come from the environment (settings.MOTCUA_SIGNING_KEYS: a PKCS#12 file per unit code),
or, in development, from the throwaway demo CA that `make run` writes to
<MOTCUA_DATA_DIR>/demo-signing (motcua/lib/demo_ca.py). A unit without a key signs nothing.
Signing goes through `SigningBackend`, so a remote signing service (the HSM or USB-token
services provinces use) is one more subclass.

The visible stamp shows, as Vietnamese signed documents do, who signed, for which body and
when, beside a QR code that opens the public verification page.

pyHanko and asn1crypto are imported inside the functions that sign or verify (and the signer
classes live in motcua/lib/pdf_signers.py): importing this module costs next to nothing, so a
command or a URL configuration that only reaches it does not load them at start-up.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import io
import json
import logging
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings

if TYPE_CHECKING:
    from asn1crypto import x509
    from pyhanko.sign import signers
    from pyhanko.stamp import QRStampStyle

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")

T = TypeVar("T")
# fontTools logs every glyph it subsets for the stamp at INFO: noise, not news.
logging.getLogger("fontTools").setLevel(logging.WARNING)
FONT = Path(__file__).resolve().parent / "fonts" / "Tinos-Regular.ttf"
DEMO_DIR_NAME = "demo-signing"
DEMO_PASSWORD = "demo-khong-co-gia-tri"  # the demo keys are throwaway: no secret to keep
FIELD = "ChuKySo"
# Bottom-right of the last page, where a Vietnamese document's signature block sits.
STAMP_BOX = (300, 20, 580, 110)


class SigningError(Exception):
    """The document could not be signed or read; the message is for the user, in Vietnamese."""


@dataclass(frozen=True)
class Stamp:
    signer: str  # the person signing for the body
    unit: str  # the competent body
    at: dt.datetime  # the signature time: the moment the result is issued
    url: str  # the verification page, in the QR code


class SigningBackend(ABC):
    @abstractmethod
    def signer_for(self, unit_code: str) -> signers.Signer | None:
        """The unit's signer, or None when the unit has no key."""


class Pkcs12Backend(SigningBackend):
    def signer_for(self, unit_code: str) -> signers.Signer | None:
        found = key_file(unit_code)
        if found is None:
            return None
        path, password = found
        from pyhanko.sign import signers

        signer = signers.SimpleSigner.load_pkcs12(path, passphrase=password.encode())
        if signer is None:
            raise SigningError("Không mở được tệp khóa ký số của đơn vị (sai mật khẩu?).")
        return signer


def remote_sign(unit_code: str, data: bytes, digest_algorithm: str) -> bytes:
    """One call to the remote signing service (settings.MOTCUA_SIGNING_REMOTE_URL)."""
    body = json.dumps({"unit": unit_code, "digest_algorithm": digest_algorithm,
                       "data": base64.b64encode(data).decode()}).encode()  # fmt: skip
    request = urllib.request.Request(
        settings.MOTCUA_SIGNING_REMOTE_URL, data=body, method="POST",
        headers={"Content-Type": "application/json",
                 "Authorization": f"Bearer {settings.MOTCUA_SIGNING_REMOTE_TOKEN}"},
    )  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return base64.b64decode(json.loads(answer.read())["signature"])
    except (OSError, ValueError, KeyError) as error:
        raise SigningError(
            "Dịch vụ ký số từ xa không phản hồi đúng; chưa ký được văn bản."
        ) from error


class RemoteBackend(SigningBackend):
    def signer_for(self, unit_code: str) -> signers.Signer | None:
        chain = settings.MOTCUA_SIGNING_REMOTE_CERTS.get(unit_code)
        if chain is None:
            return None
        from motcua.lib.pdf_signers import RemoteSigner

        return RemoteSigner(unit_code, load_chain(Path(chain).read_bytes()))


def load_chain(data: bytes) -> list[x509.Certificate]:
    """The certificates of a PEM file, the signer's first."""
    from asn1crypto import pem, x509

    return [x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]


def key_file(unit_code: str) -> tuple[str, str] | None:
    """(PKCS#12 path, password) of the unit: configured, else the demo key in development."""
    configured: dict[str, tuple[str, str]] = settings.MOTCUA_SIGNING_KEYS
    if unit_code in configured:
        return configured[unit_code]
    if settings.MOTCUA_SIGNING_DEMO:
        demo = demo_dir() / f"{unit_code}.p12"
        if demo.is_file():
            return str(demo), DEMO_PASSWORD
    return None


def demo_dir() -> Path:
    return Path(settings.DATA_DIR) / DEMO_DIR_NAME


def backend() -> SigningBackend:
    return RemoteBackend() if settings.MOTCUA_SIGNING_REMOTE_URL else Pkcs12Backend()


def can_sign(unit_code: str) -> bool:
    if settings.MOTCUA_SIGNING_REMOTE_URL:
        return unit_code in settings.MOTCUA_SIGNING_REMOTE_CERTS
    return key_file(unit_code) is not None


def is_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-")


def sign_pdf(data: bytes, *, unit_code: str, stamp: Stamp) -> bytes | None:
    """The PDF signed (PAdES B-B) with the unit's key and a visible stamp; None without a key."""
    signer = backend().signer_for(unit_code)
    if signer is None:
        return None
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    from motcua.lib.pdf_signers import SignerAt

    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        last_page = int(writer.root["/Pages"]["/Count"]) - 1
    except Exception as error:  # pyHanko raises many kinds on a damaged PDF
        raise SigningError("Tệp kết quả không phải PDF hợp lệ, không thể ký số.") from error
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason="Ký số kết quả giải quyết thủ tục hành chính",
        location=stamp.unit,
    )
    pdf_signer = SignerAt(
        meta,
        signer=signer,
        stamp_style=_style(),
        new_field_spec=fields.SigFieldSpec(FIELD, on_page=last_page, box=STAMP_BOX),
        at=stamp.at,
    )
    text = {"url": stamp.url, "signer": stamp.signer, "unit": stamp.unit,
            "at": stamp.at.astimezone(ZONE).strftime("%H:%M %d/%m/%Y")}  # fmt: skip
    out = outside_event_loop(lambda: pdf_signer.sign_pdf(writer, appearance_text_params=text))
    return bytes(out.getvalue())


def outside_event_loop(work: Callable[[], T]) -> T:
    """pyHanko's synchronous calls run their own asyncio loop: where one already runs in this
    thread (an ASGI server, Playwright in the tests), do the work in a worker thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


def _style() -> QRStampStyle:
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import QRStampStyle

    return QRStampStyle(
        stamp_text="Ký bởi: %(signer)s\nCơ quan: %(unit)s\nThời gian ký: %(at)s\n"
        "Kiểm tra chữ ký: quét mã QR",
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(FONT), font_size=7)),
        border_width=1,
        background=None,
    )


# -- verification ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    signed: bool
    intact: bool = False  # the signed bytes are unchanged
    trusted: bool = False  # the signer's certificate chains to a trusted root
    changed_after: bool = False  # content added after signing (beyond signatures/timestamps)
    signer: str = ""
    organisation: str = ""
    signed_at: dt.datetime | None = None

    @property
    def valid(self) -> bool:
        return self.signed and self.intact and self.trusted and not self.changed_after


def trust_roots() -> list[x509.Certificate]:
    paths = [Path(p) for p in settings.MOTCUA_SIGNING_TRUST_ROOTS]
    if settings.MOTCUA_SIGNING_DEMO and (demo_dir() / "ca.pem").is_file():
        paths.append(demo_dir() / "ca.pem")
    return [load_certificate(path.read_bytes()) for path in paths]


def load_certificate(data: bytes) -> x509.Certificate:
    from asn1crypto import pem, x509

    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return x509.Certificate.load(data)


def verify_pdf(data: bytes, roots: list[x509.Certificate] | None = None) -> Verdict:
    """What a citizen or a bank needs to know about the document's last signature."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = reader.embedded_signatures
    except Exception as error:
        raise SigningError("Tệp tải lên không phải PDF hợp lệ.") from error
    if not embedded:
        return Verdict(signed=False)
    context = ValidationContext(
        trust_roots=trust_roots() if roots is None else roots, allow_fetching=False
    )
    status = outside_event_loop(
        lambda: validate_pdf_signature(embedded[-1], context, skip_diff=False)
    )
    subject = status.signing_cert.subject.native
    coverage = status.coverage.name if status.coverage is not None else ""
    changed = coverage != "ENTIRE_FILE" and (
        status.modification_level is None or status.modification_level.name not in
        ("NONE", "LTA_UPDATES")
    )  # fmt: skip
    return Verdict(
        signed=True,
        intact=bool(status.intact),
        trusted=bool(status.trusted),
        changed_after=changed,
        signer=str(subject.get("common_name", "")),
        organisation=str(subject.get("organization_name", "")),
        signed_at=status.signer_reported_dt,
    )


VERIFY_PATH = "/xac-thuc/"


def verification_url(token: str) -> str:
    """The public page that checks a signed document, as printed in its QR code: with a token,
    the page of that issued document; without, the page where any PDF can be uploaded."""
    base = settings.MOTCUA_PUBLIC_URL or "http://localhost:8000"
    return f"{base}{VERIFY_PATH}{token}/" if token else f"{base}{VERIFY_PATH}"

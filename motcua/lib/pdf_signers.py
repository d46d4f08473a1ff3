"""The pyHanko signer classes of motcua/lib/signing.py, in their own module because defining a
subclass imports pyHanko (with fontTools, aiohttp, cryptography: about a second of CPU):
signing.py imports this module only when it signs, so start-up does not pay for it."""

import asyncio
import datetime as dt
from typing import Any

from asn1crypto import x509
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from motcua.lib import signing


class SignerAt(signers.PdfSigner):
    """A PdfSigner whose signature time is the given moment, not the clock's."""

    def __init__(self, *args: Any, at: dt.datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._at = at

    def init_signing_session(self, *args: Any, **kwargs: Any) -> Any:
        session = super().init_signing_session(*args, **kwargs)
        session.system_time = self._at
        return session


class RemoteSigner(signers.Signer):
    """Signs through a remote signing service (HSM, USB-token service): the service receives
    the bytes to sign and returns the raw signature; the certificate chain is configured
    here. Protocol: POST JSON {"unit", "digest_algorithm", "data" (base64)} with a bearer
    token; answer {"signature": base64}."""

    def __init__(self, unit_code: str, chain: list[x509.Certificate]) -> None:
        registry = SimpleCertificateStore.from_certs(chain[1:])
        super().__init__(signing_cert=chain[0], cert_registry=registry)
        self.unit_code = unit_code

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        if dry_run:
            return bytes(512)  # room for the largest signature (RSA 4096)
        # Looked up on the module at each call, so that a test can replace the service.
        return await asyncio.to_thread(signing.remote_sign, self.unit_code, data, digest_algorithm)

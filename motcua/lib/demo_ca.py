"""A throwaway certificate authority and unit keys so that signing works out of the box in
development and in tests. Every name says DEMO: these certificates have no legal value."""

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

DEMO = "DEMO — KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"
CA_NAME = "Một Cửa DEMO CA"
YEARS = 5


def _fit(text: str, limit: int = 64) -> str:
    """X.509 limits names to 64 bytes of UTF-8: Vietnamese letters take two or three."""
    while len(text.encode()) > limit:
        text = text[:-1]
    return text


def _name(common: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, _fit(organisation)),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, DEMO),
            x509.NameAttribute(NameOID.COMMON_NAME, _fit(common)),
        ]
    )


def _builder(subject: x509.Name, issuer: x509.Name, key: ec.EllipticCurvePrivateKey,
             now: dt.datetime) -> x509.CertificateBuilder:  # fmt: skip
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365 * YEARS))
    )


def make_ca(name: str = CA_NAME) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = _name(name, "Một Cửa")
    now = dt.datetime.now(dt.UTC)
    cert = (
        _builder(subject, subject, key, now)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_usage(ca=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def _usage(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not ca, content_commitment=not ca, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
        encipher_only=False, decipher_only=False,
    )  # fmt: skip


def make_unit_p12(
    ca_key: ec.EllipticCurvePrivateKey, ca: x509.Certificate, unit_name: str, password: str
) -> bytes:
    """A PKCS#12 holding the unit's key, its certificate and the CA's."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        _builder(_name(unit_name, unit_name), ca.subject, key, now)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(ca=False), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    encryption = serialization.BestAvailableEncryption(password.encode())
    return pkcs12.serialize_key_and_certificates(unit_name.encode(), key, cert, [ca], encryption)


def write_demo(directory: Path, units: Iterable[tuple[str, str]], password: str) -> int:
    """The CA (ca.pem) and a <code>.p12 per (code, name) in `directory`, kept across runs:
    only missing files are created. Returns how many unit keys were written."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "README.txt").write_text(
        f"{DEMO}\nKhóa và chứng thư thử nghiệm do `make run` tạo, chỉ dùng khi phát triển.\n",
        encoding="utf-8",
    )
    ca_pem, ca_key_pem = directory / "ca.pem", directory / "ca-key.pem"
    if ca_pem.is_file() and ca_key_pem.is_file():
        ca = x509.load_pem_x509_certificate(ca_pem.read_bytes())
        ca_key = serialization.load_pem_private_key(ca_key_pem.read_bytes(), None)
        assert isinstance(ca_key, ec.EllipticCurvePrivateKey)
    else:
        ca_key, ca = make_ca()
        ca_pem.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
        ca_key_pem.write_bytes(
            ca_key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
    written = 0
    for code, name in units:
        target = directory / f"{code}.p12"
        if not target.is_file():
            target.write_bytes(make_unit_p12(ca_key, ca, name, password))
            written += 1
    return written

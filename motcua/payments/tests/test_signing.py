"""Results signed at issue with the deciding unit's key (PAdES), and verified by anyone:
valid, modified after signing, unknown signer."""

import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from motcua.dossiers import workflow
from motcua.dossiers.models import DossierStatus
from motcua.dossiers.tests.conftest import World, at
from motcua.dossiers.tests.factories import in_status
from motcua.lib import demo_ca, signing
from motcua.lib.pdf import html_to_pdf


@pytest.fixture(scope="module")
def result_pdf() -> bytes:
    return html_to_pdf("<h1>QUYẾT ĐỊNH</h1><p>Về việc cấp giấy phép số 12/QĐ-UBND</p>")


def issued(world: World, pdf: bytes) -> object:
    dossier = in_status(world, DossierStatus.APPROVED)
    return workflow.issue_result(
        dossier=dossier, actor=world.everyone, result_number="12/QĐ-UBND",
        result_file=ContentFile(pdf, name="ket-qua.pdf"),
    )  # fmt: skip


def stored(dossier: object) -> bytes:
    with dossier.result_file.open("rb") as f:  # type: ignore[attr-defined]
        return bytes(f.read())


def test_the_result_is_signed_at_issue_time_and_verifies(
    world: World, demo_keys: Path, result_pdf: bytes
) -> None:
    dossier = issued(world, result_pdf)
    data = stored(dossier)
    assert dossier.result_file.name.endswith(".pdf")  # type: ignore[attr-defined]
    verdict = signing.verify_pdf(data)
    assert verdict.valid and verdict.signer == world.commune.name
    assert verdict.signed_at == at(2026, 3, 2, 9, 0)  # the frozen issue moment
    event = dossier.events.get(action="issue_result")  # type: ignore[attr-defined]
    assert set(event.payload["signature"]) == {"token", "sha256", "signer", "unit"}


def test_without_a_key_the_result_stays_unsigned(world: World, result_pdf: bytes) -> None:
    dossier = issued(world, result_pdf)
    assert stored(dossier) == result_pdf
    assert "signature" not in dossier.events.get(action="issue_result").payload  # type: ignore[attr-defined]


def test_a_byte_changed_in_the_signed_content_is_reported(
    world: World, demo_keys: Path, result_pdf: bytes
) -> None:
    data = bytearray(stored(issued(world, result_pdf)))
    at_ = data.index(b"/MediaBox")
    data[at_ + 1 : at_ + 9] = b"MediaBoy"
    verdict = signing.verify_pdf(bytes(data))
    assert verdict.signed and not verdict.intact and not verdict.valid


def test_content_added_after_signing_is_reported(
    world: World, demo_keys: Path, result_pdf: bytes
) -> None:
    writer = IncrementalPdfFileWriter(io.BytesIO(stored(issued(world, result_pdf))))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Rotate"] = generic.NumberObject(90)  # any change to the page itself
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    verdict = signing.verify_pdf(out.getvalue())
    assert verdict.intact and verdict.changed_after and not verdict.valid


def test_a_signer_from_an_unknown_ca_is_not_trusted(
    world: World, demo_keys: Path, tmp_path: Path, settings: object, result_pdf: bytes
) -> None:
    other = tmp_path / "other-ca"
    demo_ca.write_demo(other, [("X", "Cơ quan giả mạo")], "pw")
    settings.MOTCUA_SIGNING_KEYS = {"X": (str(other / "X.p12"), "pw")}  # type: ignore[attr-defined]
    stamp = signing.Stamp("Ai đó", "Cơ quan giả mạo", at(2026, 3, 2, 9), "http://x/xac-thuc/t/")
    data = signing.sign_pdf(result_pdf, unit_code="X", stamp=stamp)
    assert data is not None
    verdict = signing.verify_pdf(data)
    assert verdict.intact and not verdict.trusted and not verdict.valid


def test_the_public_page_verifies_an_upload(
    world: World, demo_keys: Path, result_pdf: bytes
) -> None:
    data = stored(issued(world, result_pdf))
    page = Client().post("/xac-thuc/", {"file": ContentFile(data, name="kq.pdf")})
    text = page.content.decode()
    assert page.status_code == 200 and "Chữ ký số hợp lệ" in text and world.commune.name in text
    tampered = data.replace(b"/MediaBox", b"/MediaBoy", 1)
    page = Client().post("/xac-thuc/", {"file": ContentFile(tampered, name="kq.pdf")})
    assert "Văn bản đã bị thay đổi sau khi ký" in page.content.decode()


def test_the_qr_link_verifies_the_issued_file(
    world: World, demo_keys: Path, result_pdf: bytes
) -> None:
    dossier = issued(world, result_pdf)
    token = dossier.events.get(action="issue_result").payload["signature"]["token"]  # type: ignore[attr-defined]
    page = Client().get(f"/xac-thuc/{token}/")
    assert page.status_code == 200 and "Chữ ký số hợp lệ" in page.content.decode()
    assert Client().get("/xac-thuc/khong-co-ma-nay/").status_code == 404


@pytest.mark.parametrize(
    "upload,message",
    [(b"hello", "không phải tệp PDF"), (b"%PDF-1.7 broken", "không phải PDF hợp lệ")],
)
def test_bad_uploads_get_a_clear_message(db: None, upload: bytes, message: str) -> None:
    page = Client().post("/xac-thuc/", {"file": ContentFile(upload, name="x.pdf")})
    assert page.status_code == 400 and message in page.content.decode()


def test_a_printed_form_is_signed_by_bo_phan_mot_cua(world: World, demo_keys: Path) -> None:
    dossier = in_status(world, DossierStatus.RECEIVED)
    client = Client()
    client.force_login(world.receiver)
    pdf = client.get(f"/ho-so/{dossier.pk}/mau-01.pdf").content
    verdict = signing.verify_pdf(pdf)
    assert verdict.valid and verdict.signer == world.commune.name


def test_a_form_of_a_unit_without_a_key_is_not_signed(world: World, demo_keys: Path) -> None:
    dossier = in_status(world, DossierStatus.RECEIVED)
    dossier.receiving_unit = world.other_commune  # no demo key was made for it
    dossier.save(update_fields=["receiving_unit"])
    client = Client()
    client.force_login(world.outsider)
    pdf = client.get(f"/ho-so/{dossier.pk}/mau-01.pdf").content
    assert pdf.startswith(b"%PDF") and not signing.verify_pdf(pdf).signed


def test_a_damaged_pdf_result_is_refused_and_nothing_changes(world: World, demo_keys: Path) -> None:
    dossier = in_status(world, DossierStatus.APPROVED)
    # Refused at the upload check (the file is named), before any signing is tried.
    with pytest.raises(workflow.WorkflowError, match=r"kq\.pdf.*PDF bị cắt cụt"):
        workflow.issue_result(
            dossier=dossier, actor=world.everyone, result_number="12/QĐ-UBND",
            result_file=ContentFile(b"%PDF-1.7\nnot really", name="kq.pdf"),
        )  # fmt: skip
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.APPROVED and not dossier.result_file


def test_a_remote_signing_service_signs_the_result(
    world: World,
    demo_keys: Path,
    settings: object,
    result_pdf: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The service is played by a function holding the commune's demo key: only the HTTP call
    is replaced, the certificate chain and the signature bytes are real."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

    bundle = pkcs12.load_pkcs12(
        (demo_keys / f"{world.commune.code}.p12").read_bytes(), signing.DEMO_PASSWORD.encode()
    )
    assert bundle.key is not None and bundle.cert is not None
    chain = demo_keys / "chain.pem"
    chain.write_bytes(bundle.cert.certificate.public_bytes(Encoding.PEM)
                      + (demo_keys / "ca.pem").read_bytes())  # fmt: skip
    calls = []

    def service(unit: str, data: bytes, digest: str) -> bytes:
        calls.append((unit, digest))
        return bundle.key.sign(data, ec.ECDSA(hashes.SHA256()))  # type: ignore[union-attr, call-arg, arg-type]

    monkeypatch.setattr(signing, "remote_sign", service)
    settings.MOTCUA_SIGNING_REMOTE_URL = "https://ky-so.example.gov.vn/sign"  # type: ignore[attr-defined]
    settings.MOTCUA_SIGNING_REMOTE_CERTS = {world.commune.code: str(chain)}  # type: ignore[attr-defined]
    verdict = signing.verify_pdf(stored(issued(world, result_pdf)))
    assert verdict.valid and verdict.signer == world.commune.name
    assert calls == [(world.commune.code, "sha256")]


def test_issue_result_reads_the_dossier_afresh(
    world: World, demo_keys: Path, result_pdf: bytes
) -> None:
    stale = in_status(world, DossierStatus.IN_PROCESS)
    workflow.approve(dossier=stale, actor=world.everyone)  # `stale` still says in_process
    done = workflow.issue_result(dossier=stale, actor=world.everyone, result_number="3/GP",
                                 result_file=ContentFile(result_pdf, name="kq.pdf"))  # fmt: skip
    assert done.status == DossierStatus.RESULT_READY and signing.verify_pdf(stored(done)).valid

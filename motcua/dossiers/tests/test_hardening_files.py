"""Files (issue 14 §1, §3): uploads that claim to be PDF must be one; a stored file missing
after a restore is a clear 404; files no row points to are removed by a daily command."""

import io
import logging
import os
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from motcua.dossiers import workflow
from motcua.dossiers.attachments import NewFile
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import World
from motcua.dossiers.tests.factories import APPLICANT
from motcua.lib.uploads import sample_pdf


def receive_with(world: World, name: str, content: bytes) -> Dossier:
    return workflow.receive(
        actor=world.receiver, version=world.version, receiving_unit=world.commune,
        applicant=APPLICANT, files=[NewFile(ContentFile(content, name=name))],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"%PDF-1.7\n" + b"x" * 200 + b"\n%%EOF\n", "không mở được như một tệp PDF"),
        (sample_pdf()[:-200], "bị cắt cụt"),
        (b"%PDF-1.4\n<html><script>alert(1)</script></html>\n" + sample_pdf()[9:], "trang web"),
    ],
)
def test_a_file_that_only_looks_like_a_pdf_is_refused_by_name(
    world: World, content: bytes, reason: str
) -> None:
    with pytest.raises(workflow.WorkflowError) as refused:
        receive_with(world, "to-khai.pdf", content)
    assert reason in refused.value.messages[0] and "“to-khai.pdf”" in refused.value.messages[0]
    assert not Dossier.objects.exists()


def test_a_real_pdf_is_accepted(world: World) -> None:
    dossier = receive_with(world, "to-khai.pdf", sample_pdf(2))
    assert dossier.attachments.get().content_type == "application/pdf"


def test_a_missing_stored_file_is_a_clear_404_and_an_error_log(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    dossier = receive_with(world, "to-khai.pdf", sample_pdf())
    stored = dossier.attachments.get()
    stored.file.storage.delete(str(stored.file.name))  # a database restored without its files
    client = Client()
    client.force_login(world.receiver)
    with caplog.at_level(logging.ERROR):
        response = client.get(f"/ho-so/{dossier.pk}/tep/{stored.pk}/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "to-khai.pdf" in page and "không còn trên máy chủ" in page
    assert any("stored file is missing" in r.getMessage() for r in caplog.records)


def test_behind_nginx_the_file_is_sent_by_x_accel_redirect(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_ACCEL_REDIRECT_PREFIX = "/_tep/"
    dossier = receive_with(world, "to-khai.pdf", sample_pdf())
    stored = dossier.attachments.get()
    client = Client()
    client.force_login(world.receiver)
    response = client.get(f"/ho-so/{dossier.pk}/tep/{stored.pk}/")
    assert response["X-Accel-Redirect"] == f"/_tep/{stored.file.name}"
    assert response.content == b""
    outsider = Client()
    outsider.force_login(world.outsider)
    assert outsider.get(f"/ho-so/{dossier.pk}/tep/{stored.pk}/").status_code == 404


def test_purge_orphan_files_lists_by_default_and_deletes_when_asked(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    dossier = receive_with(world, "to-khai.pdf", sample_pdf())
    kept = Path(settings.MEDIA_ROOT) / str(dossier.attachments.get().file.name)
    stray = Path(settings.MEDIA_ROOT) / "dossiers" / "2026" / "03" / "mo-coi.pdf"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(sample_pdf())
    fresh = stray.with_name("dang-tai-len.pdf")
    fresh.write_bytes(sample_pdf())
    old = time.time() - 2 * 86400
    os.utime(stray, (old, old))
    os.utime(kept, (old, old))

    out = io.StringIO()
    call_command("purge_orphan_files", stdout=out)
    assert "dossiers/2026/03/mo-coi.pdf" in out.getvalue() and "chạy thử" in out.getvalue()
    assert stray.exists()

    call_command("purge_orphan_files", "--delete", stdout=io.StringIO())
    assert not stray.exists()
    assert kept.exists() and fresh.exists()  # referenced, or too young to judge


def test_the_receipt_qr_link_uses_the_public_address_when_set(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_PUBLIC_URL = "https://dichvucong.example.gov.vn"
    dossier = receive_with(world, "to-khai.pdf", sample_pdf())
    desk = Client()
    desk.force_login(world.receiver)
    page = desk.get(reverse("dossiers:form", args=[dossier.pk, 1])).content.decode()
    assert f"https://dichvucong.example.gov.vn/tra-cuu/{dossier.code}/" in page
    assert "http://testserver/tra-cuu/" not in page

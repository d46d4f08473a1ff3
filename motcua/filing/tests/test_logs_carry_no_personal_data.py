"""No personal data in logs (issue 14 §2): a whole online filing and its processing, with the
outbox sent through the console backends as in production, leave the applicant's phone, identity
number and one-time code nowhere in what the process printed or logged."""

import logging

import pytest
from django.core.management import call_command
from django.test import Client

from motcua.dossiers import workflow
from motcua.dossiers.models import Dossier, ReturnMethod
from motcua.filing.models import Filing
from motcua.filing.tests.conftest import CITIZEN_ID, CITIZEN_PHONE, Clock, Online, last_code
from motcua.filing.tests.test_views import draft_data, url, verify

pytestmark = pytest.mark.django_db


def test_a_filing_and_its_processing_log_no_phone_id_or_code(
    client: Client,
    online: Online,
    clock: Clock,
    settings,  # type: ignore[no-untyped-def]
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings.DEBUG = False
    settings.MOTCUA_SMS_BACKEND = "console"
    settings.EMAIL_BACKEND = "motcua.lib.mail.MaskedConsoleEmailBackend"
    caplog.set_level(logging.DEBUG)
    email = "nguyen.van.an@example.vn"

    verify(client, online)
    code = last_code(CITIZEN_PHONE)
    client.post(url("draft", online.procedure_pk), draft_data(online, email=email))
    client.post(url("submit", online.procedure_pk), {"filing": Filing.objects.get().pk})
    dossier = Dossier.objects.get()
    w, officer = online.world, online.world.everyone
    dossier = workflow.accept_online(dossier=dossier, actor=w.receiver)
    dossier = workflow.forward(dossier=dossier, actor=officer)
    dossier = workflow.assign(dossier=dossier, actor=officer, assignee=officer)
    dossier = workflow.approve(dossier=dossier, actor=officer)
    dossier = workflow.issue_result(dossier=dossier, actor=officer, result_number="12/QĐ-UBND")
    workflow.return_result(
        dossier=dossier, actor=officer, method=ReturnMethod.COUNTER, returned_to="Nguyễn Văn An"
    )
    staff = Client()
    staff.force_login(officer)
    assert staff.get(f"/ho-so/{dossier.pk}/").status_code == 200
    staff.get("/ho-so/hop-viec/", {"q": CITIZEN_PHONE})
    call_command("process_outbox")

    printed = capsys.readouterr()
    everything = "\n".join([printed.out, printed.err, caplog.text])
    assert "SMS → 091****678" in everything  # the messages went, masked
    for secret in (CITIZEN_PHONE, CITIZEN_ID, code, email, "Nguyễn Văn An"):
        assert secret not in everything, secret

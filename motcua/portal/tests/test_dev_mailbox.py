"""One-time codes arrive on the demo (issue 10, §3): in development the outbox is sent right
after the request that queued it and shown on /dev/hop-thu/; in production the page does not
exist and messages wait for `process_outbox`."""

import pytest
from django.test import Client

from motcua.dossiers.models import OutboxMessage
from motcua.dossiers.tests.conftest import make_world
from motcua.filing.tests.conftest import CITIZEN_PHONE, make_online

pytestmark = pytest.mark.django_db


@pytest.fixture
def development(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.DEBUG = True
    settings.MOTCUA_SEND_OUTBOX_AFTER_REQUEST = True
    settings.MOTCUA_DEV_MAILBOX = True
    settings.MOTCUA_SMS_BACKEND = "file"
    settings.DATA_DIR = tmp_path
    return settings


def _ask_for_a_code(client: Client) -> str:
    online = make_online(make_world())
    start = f"/nop-truc-tuyen/{online.procedure_pk}/"
    client.post(
        "/nop-truc-tuyen/xac-thuc/gui-ma/",
        {"contact": CITIZEN_PHONE, "next": f"{start}ho-so-nhap/", "back": start},
    )
    return client.get("/nop-truc-tuyen/xac-thuc/").content.decode()


def test_in_development_the_code_is_sent_at_once_and_shown_on_the_mailbox(development) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    verify = _ask_for_a_code(client)
    assert 'href="/dev/hop-thu/"' in verify
    message = OutboxMessage.objects.get()
    assert message.sent_at is not None and message.body == ""
    mailbox = client.get("/dev/hop-thu/").content.decode()
    assert "Mã xác thực Một Cửa của bạn là" in mailbox and CITIZEN_PHONE in mailbox


def test_in_production_there_is_no_mailbox_and_the_outbox_waits(settings) -> None:  # type: ignore[no-untyped-def]
    assert settings.MOTCUA_SEND_OUTBOX_AFTER_REQUEST is False
    client = Client()
    verify = _ask_for_a_code(client)
    assert "/dev/hop-thu/" not in verify
    assert OutboxMessage.objects.get().sent_at is None
    assert client.get("/dev/hop-thu/").status_code == 404


def test_in_english_the_menu_says_file_online_and_the_timeline_filed_online() -> None:
    from django.utils import translation

    from motcua.portal.selectors import PUBLIC_ACTIONS

    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert ">File online<" in page and "Dossier filed online" not in page
    assert ">Staff sign-in<" in page and ">My dossiers<" in page
    with translation.override("en"):
        assert str(PUBLIC_ACTIONS["submit_online"]) == "Filed online"

"""Messages to applicants and staff: written to the outbox in the caller's transaction, sent
later by `process_outbox` — never any network I/O while a dossier row is locked.

SMS goes through a small backend chosen by the `MOTCUA_SMS_BACKEND` setting ("console", the
default, or "file"); e-mail through Django's configured mail backend. Log lines carry message
ids only: recipients and bodies are personal data (DOMAIN.md §10).
"""

import datetime as dt
import json
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from motcua.dossiers.models import Dossier, OutboxChannel, OutboxMessage
from motcua.lib.claims import claim_rows
from motcua.lib.mail import console_line
from motcua.workdays.timecalc import ZONE

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# A claim older than this is taken to belong to a crashed worker and may be claimed again.
CLAIM_LEASE = dt.timedelta(minutes=10)


class SmsBackend(ABC):
    @abstractmethod
    def send(self, *, phone: str, text: str) -> None: ...


class ConsoleSmsBackend(SmsBackend):
    """Print the message: whole in development; outside it, a masked number and no text (the
    console may end in a system log, and the text can hold a one-time code)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream

    def send(self, *, phone: str, text: str) -> None:
        import sys

        print(console_line("SMS", phone, text), file=self.stream or sys.stdout)


class FileSmsBackend(SmsBackend):
    """Tests and demos: append each message as one line to `<MOTCUA_DATA_DIR>/sms.log`."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or Path(settings.DATA_DIR) / "sms.log"

    def send(self, *, phone: str, text: str) -> None:
        with self.path.open("a", encoding="utf-8") as out:
            out.write(f"{phone}\t{text}\n")


SMS_BACKENDS: dict[str, type[SmsBackend]] = {
    "console": ConsoleSmsBackend,
    "file": FileSmsBackend,
}


def sms_backend() -> SmsBackend:
    name = getattr(settings, "MOTCUA_SMS_BACKEND", "console")
    if name not in SMS_BACKENDS:
        raise ImproperlyConfigured(
            f"MOTCUA_SMS_BACKEND: expected one of {sorted(SMS_BACKENDS)}, got {name!r}"
        )
    return SMS_BACKENDS[name]()


# -- writing to the outbox (inside the caller's transaction) -----------------------------------


def local(moment: dt.datetime | None) -> str:
    return moment.astimezone(ZONE).strftime("%H:%M ngày %d/%m/%Y") if moment else ""


def notify_applicant(dossier: Dossier, subject: str, body: str) -> list[OutboxMessage]:
    """Queue `body` to the applicant's e-mail and phone, whichever they gave."""
    now = timezone.now()
    rows = []
    if dossier.applicant_email:
        rows.append(
            OutboxMessage(
                channel=OutboxChannel.EMAIL,
                recipient=dossier.applicant_email,
                subject=subject,
                body=body,
                dossier=dossier,
                created_at=now,
            )
        )
    if dossier.applicant_phone:
        rows.append(
            OutboxMessage(
                channel=OutboxChannel.SMS,
                recipient=dossier.applicant_phone,
                body=body,
                dossier=dossier,
                created_at=now,
            )
        )
    return OutboxMessage.objects.bulk_create(rows)


def queue_once(message: OutboxMessage) -> bool:
    """Insert a message carrying a `key` unless one with that key exists; True if inserted.

    The unique key, not a prior read, makes this safe when several processes run at once.
    """
    try:
        with transaction.atomic():
            message.save(force_insert=True)
    except IntegrityError:
        return False
    return True


# -- sending (process_outbox) ----------------------------------------------------------------


def claim(batch: int) -> list[OutboxMessage]:
    """Claim up to `batch` unsent messages for this process (motcua/lib/claims.py)."""
    return claim_rows(
        OutboxMessage, batch=batch, lease=CLAIM_LEASE, ready=Q(attempts__lt=MAX_ATTEMPTS)
    )


def deliver(message: OutboxMessage, sms: SmsBackend) -> bool:
    """Send one claimed message, outside any transaction; record the outcome."""
    try:
        if message.channel == OutboxChannel.EMAIL:
            send_mail(message.subject, message.body, None, [message.recipient])
        else:
            sms.send(phone=message.recipient, text=message.body)
    except Exception as error:  # a gateway can fail in any way; the row keeps the reason
        log.warning("outbox message %s failed: %s", message.pk, type(error).__name__)
        # The claim is kept: the row is tried again once the lease has run out, which spaces
        # out retries instead of hammering a gateway that is down.
        OutboxMessage.objects.filter(pk=message.pk).update(last_error=type(error).__name__[:255])
        return False
    if getattr(settings, "MOTCUA_DEV_MAILBOX", False):
        dev_mailbox_add(message)
    # Once delivered, the text (which may hold a one-time code or the applicant's details) has
    # no reason to stay in the database: the row keeps who, when and the subject as the trail.
    OutboxMessage.objects.filter(pk=message.pk).update(
        sent_at=timezone.now(), last_error="", body=""
    )
    log.info("outbox message %s sent (%s)", message.pk, message.channel)
    return True


def send_pending(batch: int = 100) -> tuple[int, int]:
    """Claim and send every unsent message: (sent, failed). `process_outbox` in production;
    after each request in development (`SendOutboxAfterRequest`)."""
    sms, sent, failed = sms_backend(), 0, 0
    while rows := claim(batch):
        for message in rows:
            if deliver(message, sms):
                sent += 1
            else:
                failed += 1
    return sent, failed


# -- development only: the mailbox page (/dev/hop-thu/) -----------------------------------------


def dev_mailbox_path() -> Path:
    return Path(settings.DATA_DIR) / "dev-mailbox.jsonl"


def dev_mailbox_add(message: OutboxMessage) -> None:
    """Keep a copy of a delivered message for the development mailbox page. Development only
    (`MOTCUA_DEV_MAILBOX`, on with MOTCUA_DEBUG=1): the copy holds the recipient and the text."""
    row = {
        "at": timezone.now().isoformat(),
        "channel": message.channel,
        "recipient": message.recipient,
        "subject": message.subject,
        "body": message.body,
    }
    with dev_mailbox_path().open("a", encoding="utf-8") as out:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def dev_mailbox(limit: int = 30) -> list[dict[str, str]]:
    """The latest messages delivered in development, newest first."""
    path = dev_mailbox_path()
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()[-limit:]
    rows = [json.loads(line) for line in reversed(lines) if line.strip()]
    for row in rows:
        row["at"] = local(dt.datetime.fromisoformat(row["at"]))
    return rows


class SendOutboxAfterRequest:
    """Development: send what a request queued as soon as it has answered, so that a citizen
    waiting for a one-time code gets it without anyone running `process_outbox`. The view's
    transactions have committed by then. Off in production (`MOTCUA_SEND_OUTBOX_AFTER_REQUEST`),
    where the outbox command or worker sends."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            getattr(settings, "MOTCUA_SEND_OUTBOX_AFTER_REQUEST", False)
            and request.method == "POST"
        ) and OutboxMessage.objects.filter(sent_at__isnull=True).exists():
            send_pending()
        return response

"""Printing outgoing messages when no gateway is configured, without personal data.

In development (`MOTCUA_DEBUG=1`) a developer needs the whole message, one-time code included,
on their own terminal. Anywhere else the console may end in a system log: only a masked
recipient and the length of the text are printed, never the text (it can hold a one-time code,
a name or an identity number).
"""

import sys
from collections.abc import Sequence
from typing import Any, TextIO

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage


def mask_phone(phone: str) -> str:
    """ "0912345678" → "091****678"."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) < 7:
        return "*" * len(digits)
    return f"{digits[:3]}{'*' * (len(digits) - 6)}{digits[-3:]}"


def mask_email(address: str) -> str:
    """ "huong.nguyen@example.vn" → "hu***@example.vn"."""
    name, _, domain = address.partition("@")
    return f"{name[:2]}***@{domain}" if domain else "***"


def console_line(channel: str, recipient: str, text: str) -> str:
    if settings.DEBUG:
        return f"{channel} → {recipient}: {text}"
    masked = mask_email(recipient) if "@" in recipient else mask_phone(recipient)
    return f"{channel} → {masked}: ({len(text)} ký tự; nội dung không in ra khi vận hành)"


class MaskedConsoleEmailBackend(BaseEmailBackend):
    """Django's console e-mail backend, masked outside development (see the module doc)."""

    def __init__(self, *args: Any, stream: TextIO | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stream = stream or sys.stdout

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            text = f"{message.subject}\n{message.body}"
            for recipient in message.recipients():
                self.stream.write(console_line("E-mail", recipient, text) + "\n")
        self.stream.flush()
        return len(email_messages)

"""One-time codes proving that a filer holds an e-mail address or a phone number.

A code is 6 random digits, valid 10 minutes, good for one verification, dead after 5 wrong
tries, and replaced by a newer one. Only an HMAC of it (keyed with SECRET_KEY and bound to the
contact) is stored. Sending is throttled per contact: one code a minute, five an hour. The
message goes through the outbox, so nothing leaves the process inside the transaction.
"""

import datetime as dt
import re
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from motcua.dossiers.models import OutboxChannel, OutboxMessage
from motcua.filing.models import ContactKind, OneTimeCode

LIFETIME = dt.timedelta(minutes=10)
MAX_WRONG = 5
RESEND_AFTER = dt.timedelta(seconds=60)
MAX_PER_HOUR = 5
PHONE = re.compile(r"^0\d{9}\Z")


class OtpError(ValidationError):
    """A code refused or not sent; the message is for the citizen, in Vietnamese."""


@dataclass(frozen=True)
class Contact:
    kind: str  # a ContactKind
    value: str  # normalised: lower-case e-mail, or a 10-digit phone number starting with 0

    @property
    def masked(self) -> str:
        if self.kind == ContactKind.PHONE:
            return f"{self.value[:3]}****{self.value[-3:]}"
        name, _, domain = self.value.partition("@")
        return f"{name[:2]}***@{domain}"


def contact_from(text: str) -> Contact:
    """The contact a filer typed, normalised; ValidationError when it is neither kind."""
    text = text.strip()
    if "@" in text:
        try:
            validate_email(text)
        except ValidationError:
            raise ValidationError("Địa chỉ thư điện tử không hợp lệ.") from None
        return Contact(ContactKind.EMAIL, text.lower())
    digits = re.sub(r"[\s.\-()]", "", text)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not PHONE.match(digits):
        raise ValidationError(
            "Nhập số điện thoại di động 10 chữ số (ví dụ 0912345678) hoặc địa chỉ thư điện tử."
        )
    return Contact(ContactKind.PHONE, digits)


def _hash(contact: Contact, code: str) -> str:
    return salted_hmac("motcua.filing.otp", f"{contact.kind}:{contact.value}:{code}").hexdigest()


def code_send(*, contact: Contact) -> OneTimeCode:
    """Create a code for `contact`, replace the older ones and queue the message."""
    now = timezone.now()
    with transaction.atomic():
        recent = OneTimeCode.objects.select_for_update().filter(
            contact_kind=contact.kind,
            contact=contact.value,
            created_at__gt=now - dt.timedelta(hours=1),
        )
        latest = recent.order_by("-created_at").first()
        if latest is not None and now - latest.created_at < RESEND_AFTER:
            wait = int((RESEND_AFTER - (now - latest.created_at)).total_seconds()) + 1
            raise OtpError(f"Mã vừa được gửi. Vui lòng chờ {wait} giây rồi yêu cầu gửi lại.")
        if recent.count() >= MAX_PER_HOUR:
            raise OtpError("Đã gửi quá 5 mã trong một giờ. Vui lòng thử lại sau ít phút.")
        OneTimeCode.objects.filter(
            contact_kind=contact.kind, contact=contact.value, used_at__isnull=True
        ).update(replaced=True)
        code = f"{secrets.randbelow(10**6):06d}"
        row = OneTimeCode.objects.create(
            contact_kind=contact.kind, contact=contact.value, code_hash=_hash(contact, code),
            created_at=now, expires_at=now + LIFETIME,
        )  # fmt: skip
        _queue(contact, code, now)
    return row


def _queue(contact: Contact, code: str, now: dt.datetime) -> None:
    text = (
        f"Mã xác thực Một Cửa của bạn là {code}. Mã có hiệu lực 10 phút, chỉ dùng một lần. "
        "Không cung cấp mã này cho bất kỳ ai."
    )
    OutboxMessage.objects.create(
        channel=OutboxChannel.EMAIL if contact.kind == ContactKind.EMAIL else OutboxChannel.SMS,
        recipient=contact.value,
        subject="Mã xác thực Một Cửa",
        body=text,
        created_at=now,
    )


def code_verify(*, contact: Contact, code: str) -> None:
    """Accept `code` for `contact` once, or raise OtpError saying what went wrong.

    A wrong try is counted in its own committed transaction before the error is raised.
    """
    code = re.sub(r"\s", "", code)
    now = timezone.now()
    with transaction.atomic():
        current = (
            OneTimeCode.objects.select_for_update()
            .filter(contact_kind=contact.kind, contact=contact.value, used_at__isnull=True)
            .filter(replaced=False)
            .order_by("-created_at")
            .first()
        )
        problem = _problem(current, contact, code, now)
        if current is not None:
            if problem is None:
                current.used_at = now
                current.save(update_fields=["used_at"])
            elif problem == WRONG:
                current.failed_attempts += 1
                current.save(update_fields=["failed_attempts"])
    if problem is not None:
        raise OtpError(_message(problem, contact, code, current), code=problem)


WRONG, EXPIRED, EXHAUSTED, MISSING = "wrong", "expired", "exhausted", "missing"


def _problem(
    current: OneTimeCode | None, contact: Contact, code: str, now: dt.datetime
) -> str | None:
    if current is None:
        return MISSING
    if current.failed_attempts >= MAX_WRONG:
        return EXHAUSTED
    if current.expires_at <= now:
        return EXPIRED
    if not (code.isdigit() and constant_time_compare(current.code_hash, _hash(contact, code))):
        return WRONG
    return None


def _message(problem: str, contact: Contact, code: str, current: OneTimeCode | None) -> str:
    if problem == WRONG:
        assert current is not None
        left = MAX_WRONG - current.failed_attempts
        if left <= 0:
            return "Mã không đúng. Bạn đã nhập sai 5 lần: hãy yêu cầu gửi mã mới."
        return f"Mã không đúng. Bạn còn {left} lần thử."
    if problem == EXHAUSTED:
        return "Bạn đã nhập sai 5 lần: mã này không còn dùng được. Hãy yêu cầu gửi mã mới."
    if problem == EXPIRED:
        return "Mã đã hết hạn (mã chỉ có hiệu lực 10 phút). Hãy yêu cầu gửi mã mới."
    used = OneTimeCode.objects.filter(
        contact_kind=contact.kind, contact=contact.value, code_hash=_hash(contact, code),
        used_at__isnull=False,
    )  # fmt: skip
    if code and used.exists():
        return "Mã này đã được sử dụng. Mỗi mã chỉ dùng một lần: hãy yêu cầu gửi mã mới."
    return "Chưa có mã nào còn hiệu lực cho liên hệ này. Hãy yêu cầu gửi mã."

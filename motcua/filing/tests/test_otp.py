import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from motcua.dossiers.models import OutboxChannel, OutboxMessage
from motcua.filing import otp
from motcua.filing.models import ContactKind, OneTimeCode
from motcua.filing.tests.conftest import Clock, last_code

pytestmark = pytest.mark.django_db

PHONE = otp.Contact(ContactKind.PHONE, "0912345678")
EMAIL = otp.Contact(ContactKind.EMAIL, "an@example.vn")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0912 345 678", PHONE),
        ("+84912345678", PHONE),
        ("84912345678", PHONE),
        ("0912.345.678", PHONE),
        (" An@Example.VN ", EMAIL),
    ],
)
def test_contacts_are_normalised(typed: str, expected: otp.Contact) -> None:
    assert otp.contact_from(typed) == expected


@pytest.mark.parametrize("typed", ["12345", "091234567", "an@", "abc"])
def test_a_contact_that_is_neither_phone_nor_email_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError):
        otp.contact_from(typed)


def test_a_code_is_six_digits_sent_through_the_outbox_and_stored_hashed(clock: Clock) -> None:
    row = otp.code_send(contact=PHONE)
    message = OutboxMessage.objects.get()
    assert message.channel == OutboxChannel.SMS and message.recipient == PHONE.value
    code = last_code(PHONE.value)
    assert len(code) == 6 and code not in row.code_hash
    assert row.expires_at - row.created_at == dt.timedelta(minutes=10)


def test_an_email_contact_gets_an_email(clock: Clock) -> None:
    otp.code_send(contact=EMAIL)
    assert OutboxMessage.objects.get().channel == OutboxChannel.EMAIL


def test_the_right_code_verifies_once_and_a_reused_code_is_refused(clock: Clock) -> None:
    otp.code_send(contact=PHONE)
    code = last_code(PHONE.value)
    otp.code_verify(contact=PHONE, code=code)
    with pytest.raises(otp.OtpError, match="đã được sử dụng"):
        otp.code_verify(contact=PHONE, code=code)


def test_an_expired_code_is_refused(clock: Clock) -> None:
    otp.code_send(contact=PHONE)
    clock.set(clock.moment + dt.timedelta(minutes=10, seconds=1))
    with pytest.raises(otp.OtpError, match="hết hạn"):
        otp.code_verify(contact=PHONE, code=last_code(PHONE.value))


def test_wrong_tries_are_counted_and_the_sixth_try_fails_even_with_the_right_code(
    clock: Clock,
) -> None:
    otp.code_send(contact=PHONE)
    right = last_code(PHONE.value)
    wrong = "000000" if right != "000000" else "111111"
    for left in (4, 3, 2, 1):
        with pytest.raises(otp.OtpError, match=f"còn {left} lần"):
            otp.code_verify(contact=PHONE, code=wrong)
    with pytest.raises(otp.OtpError, match="sai 5 lần"):
        otp.code_verify(contact=PHONE, code=wrong)
    with pytest.raises(otp.OtpError, match="sai 5 lần"):
        otp.code_verify(contact=PHONE, code=right)
    assert OneTimeCode.objects.get().failed_attempts == 5


def test_resending_is_throttled_to_one_code_a_minute_and_five_an_hour(clock: Clock) -> None:
    otp.code_send(contact=PHONE)
    with pytest.raises(otp.OtpError, match="chờ"):
        otp.code_send(contact=PHONE)
    for _ in range(4):
        clock.set(clock.moment + dt.timedelta(seconds=61))
        otp.code_send(contact=PHONE)
    clock.set(clock.moment + dt.timedelta(seconds=61))
    with pytest.raises(otp.OtpError, match="5 mã trong một giờ"):
        otp.code_send(contact=PHONE)
    clock.set(clock.moment + dt.timedelta(hours=1))
    otp.code_send(contact=PHONE)


def test_a_new_code_replaces_the_previous_one(clock: Clock) -> None:
    otp.code_send(contact=PHONE)
    first = last_code(PHONE.value)
    clock.set(clock.moment + dt.timedelta(minutes=2))
    otp.code_send(contact=PHONE)
    second = last_code(PHONE.value)
    if first != second:
        with pytest.raises(otp.OtpError):
            otp.code_verify(contact=PHONE, code=first)
    otp.code_verify(contact=PHONE, code=second)


def test_a_code_for_one_contact_does_not_verify_another(clock: Clock) -> None:
    otp.code_send(contact=PHONE)
    with pytest.raises(otp.OtpError):
        otp.code_verify(contact=EMAIL, code=last_code(PHONE.value))

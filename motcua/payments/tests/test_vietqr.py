"""VietQR payloads against strings published with their CRC, and a round trip."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.lib import vietqr
from motcua.lib.vietqr import Transfer, VietQRError

# Published examples (NAPAS-format payloads shown in public libraries' documentation and a
# payment provider's API answer), each with the CRC the issuer computed.
PUBLISHED = [
    (
        "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA"
        "5303704540410005802VN62150811Chuyen tien6304BBB8",
        Transfer("970416", "257678859", 1000, "Chuyen tien"),
    ),
    (
        "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA"
        "53037045802VN6304AE9F",
        Transfer("970416", "257678859"),
    ),
    (
        "00020101021238570010A000000727012700069704220113VQRQABRLS04480208QRIBFTTA"
        "5303704540420005802VN6224082018f8746b181045f0a2ce63040FC0",
        Transfer("970422", "VQRQABRLS0448", 2000, "18f8746b181045f0a2ce"),
    ),
]


@pytest.mark.parametrize("payload,transfer", PUBLISHED)
def test_we_build_the_published_payload_byte_for_byte(payload: str, transfer: Transfer) -> None:
    assert vietqr.build(transfer) == payload


@pytest.mark.parametrize("payload,transfer", PUBLISHED)
def test_the_parser_reads_the_published_payload(payload: str, transfer: Transfer) -> None:
    assert vietqr.parse(payload) == transfer


def test_a_static_payload_from_another_bank_parses_with_its_lowercase_crc() -> None:
    payload = (
        "00020101021138540010A00000072701240006970422011009119673630208QRIBFTTA"
        "53037045802VN63046ad9"
    )
    assert vietqr.parse(payload) == Transfer("970422", "0911967363")


def test_a_changed_amount_breaks_the_crc() -> None:
    payload = PUBLISHED[0][0].replace("54041000", "54049000")
    with pytest.raises(VietQRError, match="CRC"):
        vietqr.parse(payload)


def test_crc16_of_the_standard_check_string() -> None:
    assert vietqr.crc16("123456789") == "29B1"  # CRC-16/CCITT-FALSE check value


@pytest.mark.parametrize(
    "transfer,message",
    [
        (Transfer("97041", "123"), "BIN"),
        (Transfer("970415", "12 3"), "Số tài khoản"),
        (Transfer("970415", "123", 0), "lớn hơn 0"),
        (Transfer("970415", "123", 1000, "Nộp phí"), "không dấu"),
        (Transfer("970415", "123", 1000, "X" * 26), "tối đa 25"),
    ],
)
def test_bad_input_is_refused_in_vietnamese(transfer: Transfer, message: str) -> None:
    with pytest.raises(VietQRError, match=message):
        vietqr.build(transfer)


def test_a_dossier_code_fits_the_purpose_field() -> None:
    assert vietqr.purpose_of("000.00.12.H56-250701-0001") == "000.00.12.H56-250701-0001"
    assert vietqr.compact("000.00.12.H56-250701-0001") == "0000012H562507010001"


DIGITS = "0123456789"
UPPER = DIGITS + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


# The machine may be busy (shared CI): judge the property, not the speed of drawing examples.
@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    bin_=st.text(DIGITS, min_size=2, max_size=2).map(lambda tail: "9704" + tail),
    account=st.text(UPPER, min_size=1, max_size=19),
    amount=st.one_of(st.none(), st.integers(1, 10**12)),
    purpose=st.text(UPPER + "abcxyz .-", max_size=25),
)
def test_every_payload_we_build_parses_back(
    bin_: str, account: str, amount: int | None, purpose: str
) -> None:
    transfer = Transfer(bin_, account, amount, purpose)
    assert vietqr.parse(vietqr.build(transfer)) == transfer

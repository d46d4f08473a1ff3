"""VietQR: the NAPAS 247 bank-transfer QR, an EMVCo merchant-presented payload.

A payload is a string of data objects, each `ID (2 digits) + length (2 digits) + value`, some
of which (38, 62) hold objects of their own. It ends with the CRC object 63: CRC-16/CCITT-FALSE
over everything before it, including "6304". Only what a payment to a public body needs is
built here: the beneficiary bank (BIN) and account, the amount in đồng and the purpose (the
dossier code). `parse` reads any payload back, so that the tests round-trip what we build.
"""

from dataclasses import dataclass

NAPAS_GUID = "A000000727"  # NAPAS's application identifier in object 38
TO_ACCOUNT = "QRIBFTTA"  # service: inter-bank fund transfer 24/7 to an account
CURRENCY_VND = "704"
MAX_PURPOSE = 25  # 62/08, "Purpose of Transaction"


class VietQRError(ValueError):
    """A payload that cannot be built or read; the message is for an officer, in Vietnamese."""


@dataclass(frozen=True)
class Transfer:
    bank_bin: str
    account: str
    amount_vnd: int | None = None
    purpose: str = ""


def crc16(data: str) -> str:
    """CRC-16/CCITT-FALSE (polynomial 0x1021, start 0xFFFF) as 4 upper-case hex digits."""
    crc = 0xFFFF
    for byte in data.encode("utf-8"):
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def _tlv(tag: str, value: str) -> str:
    if not 0 < len(value) <= 99:
        raise VietQRError(f"Trường {tag} của mã VietQR dài {len(value)} ký tự (tối đa 99).")
    return f"{tag}{len(value):02d}{value}"


def _check(transfer: Transfer) -> None:
    if not (transfer.bank_bin.isdigit() and len(transfer.bank_bin) == 6):
        raise VietQRError("Mã ngân hàng (BIN) phải gồm 6 chữ số.")
    if not (transfer.account.isascii() and transfer.account.isalnum()):
        raise VietQRError("Số tài khoản chỉ gồm chữ số và chữ cái không dấu.")
    if not 0 < len(transfer.account) <= 19:
        raise VietQRError("Số tài khoản dài tối đa 19 ký tự.")
    if transfer.amount_vnd is not None and not 0 < transfer.amount_vnd < 10**13:
        raise VietQRError("Số tiền phải lớn hơn 0 đồng.")
    if not transfer.purpose.isascii() or len(transfer.purpose) > MAX_PURPOSE:
        raise VietQRError(
            f"Nội dung chuyển khoản tối đa {MAX_PURPOSE} ký tự, không dấu tiếng Việt."
        )


def build(transfer: Transfer) -> str:
    """The payload; with an amount it is dynamic (01 = 12), without one static (11)."""
    _check(transfer)
    beneficiary = _tlv("00", transfer.bank_bin) + _tlv("01", transfer.account)
    account_info = _tlv("00", NAPAS_GUID) + _tlv("01", beneficiary) + _tlv("02", TO_ACCOUNT)
    parts = [
        _tlv("00", "01"),
        _tlv("01", "11" if transfer.amount_vnd is None else "12"),
        _tlv("38", account_info),
        _tlv("53", CURRENCY_VND),
    ]
    if transfer.amount_vnd is not None:
        parts.append(_tlv("54", str(transfer.amount_vnd)))
    parts.append(_tlv("58", "VN"))
    if transfer.purpose:
        parts.append(_tlv("62", _tlv("08", transfer.purpose)))
    body = "".join(parts) + "6304"
    return body + crc16(body)


def objects(payload: str) -> dict[str, str]:
    """The data objects at one level, by ID (the last one wins if an ID repeats)."""
    found, at = {}, 0
    while at < len(payload):
        tag, size = payload[at : at + 2], payload[at + 2 : at + 4]
        if len(tag) < 2 or not size.isdigit() or at + 4 + int(size) > len(payload):
            raise VietQRError("Mã VietQR bị cắt cụt hoặc sai cấu trúc.")
        found[tag] = payload[at + 4 : at + 4 + int(size)]
        at += 4 + int(size)
    return found


def parse(payload: str) -> Transfer:
    """Read a VietQR payload back; refuses a wrong CRC or a payload that is not VietQR."""
    if len(payload) < 8 or payload[-8:-4] != "6304":
        raise VietQRError("Mã VietQR thiếu mã kiểm tra (CRC).")
    if crc16(payload[:-4]) != payload[-4:].upper():
        raise VietQRError("Mã kiểm tra (CRC) của mã VietQR không khớp: mã đã bị sửa hoặc đọc sai.")
    root = objects(payload[:-8])
    info = objects(root.get("38", ""))
    if info.get("00") != NAPAS_GUID:
        raise VietQRError("Đây không phải mã VietQR chuyển khoản (thiếu định danh NAPAS).")
    beneficiary = objects(info.get("01", ""))
    amount = root.get("54")
    return Transfer(
        bank_bin=beneficiary.get("00", ""),
        account=beneficiary.get("01", ""),
        amount_vnd=int(amount) if amount else None,
        purpose=objects(root.get("62", "")).get("08", ""),
    )


def purpose_of(code: str) -> str:
    """The dossier code as a transfer purpose: banks keep letters, digits, dots and hyphens."""
    kept = "".join(ch for ch in code if ch.isascii() and (ch.isalnum() or ch in ".-"))
    return kept[:MAX_PURPOSE]


def compact(text: str) -> str:
    """Letters and digits only, upper case: how a code is found again in a bank's description,
    which some banks strip of punctuation."""
    return "".join(ch for ch in text.upper() if ch.isascii() and ch.isalnum())

"""Bank statements: matched, partial, unmatched and duplicate lines; importing twice changes
nothing; a dossier paused for fees resumes when the transfer settles it."""

import io

import pytest
from openpyxl import Workbook

from motcua.dossiers.models import DossierStatus
from motcua.dossiers.tests.conftest import World
from motcua.dossiers.tests.factories import in_status, received
from motcua.payments import reconcile, statements
from motcua.payments.models import LineOutcome, Payment, PaymentMethod, StatementLine
from motcua.payments.services import amount_due, fees_of, fees_request
from motcua.payments.tests.conftest import FEE


def csv_statement(rows: list[tuple[str, str, str, str]]) -> bytes:
    head = "Vietinbank - Sao kê tài khoản 113366668888\n\n"
    table = "Ngày giao dịch;Số tiền ghi có;Nội dung;Số tham chiếu\n"
    return (head + table + "".join(";".join(r) + "\n" for r in rows)).encode("utf-8-sig")


def xlsx_statement(rows: list[tuple[object, ...]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["NGÂN HÀNG TMCP CÔNG THƯƠNG VIỆT NAM"])
    sheet.append(["Ngày GD", "Diễn giải", "Ghi có", "Mã giao dịch"])
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_lines_are_matched_partial_unmatched_and_duplicate(world: World) -> None:
    full, part, paid = received(world), received(world), received(world)
    for d in (full, part, paid):
        fees_of(d)
    squeezed = part.code.replace(".", "").replace("-", "")  # as some banks pass it on
    data = csv_statement([
        ("02/03/2026", "50.000", f"CK {full.code} nop le phi", "FT001"),
        ("02/03/2026", "20.000", f"NGUYEN VAN AN {squeezed}", "FT002"),
        ("02/03/2026", "35.000", "Chuyen tien an trua", "FT003"),
        ("02/03/2026", "-100.000", "Phi dich vu", "FT004"),
        ("03/03/2026", "60.000", f"{paid.code}", "FT005"),
    ])  # fmt: skip
    lines, problems = statements.read("saoke.csv", data)
    assert problems == [] and len(lines) == 4  # the debit is not a payment to us
    summary = reconcile.statement_import(unit=world.commune, actor=world.receiver, lines=lines)
    assert (summary.matched, summary.partial, summary.unmatched) == (1, 1, 2)
    assert amount_due(full) == 0 and amount_due(part) == FEE - 20_000 and amount_due(paid) == FEE
    outcome = dict(StatementLine.objects.values_list("reference", "outcome"))
    assert outcome == {"FT001": LineOutcome.MATCHED, "FT002": LineOutcome.PARTIAL,
                       "FT003": LineOutcome.UNMATCHED, "FT005": LineOutcome.UNMATCHED}  # fmt: skip
    assert "lớn hơn số còn phải nộp" in StatementLine.objects.get(reference="FT005").note

    again = reconcile.statement_import(unit=world.commune, actor=world.receiver, lines=lines)
    assert (again.duplicates, again.matched, again.partial, again.unmatched) == (4, 0, 0, 0)
    assert Payment.objects.count() == 2 and StatementLine.objects.count() == 4


def test_an_excel_statement_settles_a_paused_dossier(world: World) -> None:
    dossier = in_status(world, DossierStatus.IN_PROCESS)
    fees_request(dossier=dossier, actor=world.everyone)
    data = xlsx_statement([("05/03/2026", f"TT HS {dossier.code}", 50000, "XL-1")])
    lines, _ = statements.read("sao-ke.xlsx", data)
    reconcile.statement_import(unit=world.commune, actor=world.receiver, lines=lines)
    assert list(StatementLine.objects.values_list("outcome", "note")) == [("matched", "")]
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.IN_PROCESS
    payment = Payment.objects.get()
    assert (payment.method, payment.reference, payment.amount_vnd) == (
        PaymentMethod.TRANSFER, "XL-1", FEE,
    )  # fmt: skip


def test_an_officer_assigns_an_unmatched_line_to_a_dossier(world: World) -> None:
    dossier = received(world)
    fees_of(dossier)
    lines, _ = statements.read("s.csv", csv_statement([("02/03/2026", "50000", "an", "Z1")]))
    reconcile.statement_import(unit=world.commune, actor=world.receiver, lines=lines)
    line = StatementLine.objects.get()
    reconcile.line_assign(line=line, dossier=dossier, actor=world.receiver)
    line.refresh_from_db()
    assert line.outcome == LineOutcome.RESOLVED and amount_due(dossier) == 0


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("s.pdf", b"%PDF-1.7", r"Excel \(\.xlsx\) hoặc CSV"),
        ("s.xlsx", b"PK\x03\x04broken", "Không đọc được tệp Excel"),
        ("s.csv", b"a;b\n1;2\n", "Không tìm thấy dòng tiêu đề"),
        ("s.csv", "Ngày;Số tiền;Nội dung\n".encode("utf-16"), "UTF-8"),
    ],
)
def test_an_unreadable_statement_is_refused_clearly(name: str, data: bytes, message: str) -> None:
    with pytest.raises(statements.StatementError, match=message):
        statements.read(name, data)


def test_a_bad_row_is_reported_and_the_others_read() -> None:
    data = csv_statement([("31/02/2026", "50000", "x", "A"), ("01/03/2026", "1.000", "y", "B")])
    lines, problems = statements.read("s.csv", data)
    assert [line.reference for line in lines] == ["B"]
    assert problems == ["Dòng 4: ngày “31/02/2026” không đọc được (cần dạng ngày/tháng/năm)."]

"""Fees from the procedure version and case, exemptions, payments, and the fee pause."""

import pytest

from motcua.dossiers import workflow
from motcua.dossiers.models import DossierStatus
from motcua.dossiers.tests.conftest import World
from motcua.dossiers.tests.factories import APPLICANT, in_status, received
from motcua.dossiers.workflow import WorkflowError
from motcua.payments.models import Payment, PaymentMethod
from motcua.payments.services import (
    PaymentError,
    amount_due,
    fee_exempt,
    fees_of,
    fees_request,
    payment_record,
)
from motcua.payments.tests.conftest import COPY_FEE, FEE

S = DossierStatus


def test_fees_come_from_the_version_without_case_specific_or_zero_lines(world: World) -> None:
    dossier = received(world)
    assert [(f.name, f.amount_vnd) for f in fees_of(dossier)] == [("Lệ phí cấp giấy", FEE)]
    assert amount_due(dossier) == FEE


def test_a_case_adds_its_own_fees(world: World) -> None:
    case = world.version.cases.get(name="Cấp bản sao")
    dossier = workflow.receive(
        actor=world.receiver, version=world.version, receiving_unit=world.commune,
        applicant=APPLICANT, case=case,
    )  # fmt: skip
    assert amount_due(dossier) == FEE + COPY_FEE


def test_fees_are_fixed_once_copied(world: World) -> None:
    dossier = received(world)
    fees_of(dossier)
    world.version.fees.filter(name="Lệ phí cấp giấy").update(amount_vnd=999_000)
    assert amount_due(dossier) == FEE


def test_an_exemption_reduces_what_is_due_and_is_in_the_event_log(world: World) -> None:
    dossier = received(world)
    [fee] = fees_of(dossier)
    fee_exempt(fee=fee, actor=world.receiver, exemption_vnd=20_000, reason="Hộ nghèo (NĐ 07)")
    assert amount_due(dossier) == FEE - 20_000
    event = dossier.events.get(action="exempt_fee")
    assert event.note == "Hộ nghèo (NĐ 07)" and event.payload["exemption_vnd"] == 20_000


@pytest.mark.parametrize(
    "amount,reason,message",
    [(20_000, "  ", "lý do"), (FEE + 1, "Hộ nghèo", "từ 0 đến 50.000 đồng")],
)
def test_a_bad_exemption_changes_nothing(
    world: World, amount: int, reason: str, message: str
) -> None:
    dossier = received(world)
    [fee] = fees_of(dossier)
    with pytest.raises(PaymentError, match=message):
        fee_exempt(fee=fee, actor=world.receiver, exemption_vnd=amount, reason=reason)
    assert amount_due(dossier) == FEE and not dossier.events.filter(action="exempt_fee").exists()


def test_an_officer_outside_the_unit_may_not_exempt(world: World) -> None:
    dossier = received(world)
    [fee] = fees_of(dossier)
    with pytest.raises(WorkflowError, match="không có quyền"):
        fee_exempt(fee=fee, actor=world.outsider, exemption_vnd=FEE, reason="Miễn")
    fee.refresh_from_db()
    assert fee.exemption_vnd == 0


def test_a_counter_payment_is_recorded_with_who_and_in_the_log(world: World) -> None:
    dossier = received(world)
    payment = payment_record(
        dossier=dossier, actor=world.receiver, amount_vnd=FEE, method=PaymentMethod.CASH,
        reference="BL-0001",
    )  # fmt: skip
    assert (payment.recorded_by, payment.amount_vnd) == (world.receiver, FEE)
    event = dossier.events.get(action="record_payment")
    assert event.payload == {"amount_vnd": FEE, "method": "cash", "reference": "BL-0001"}
    assert event.actor == world.receiver and amount_due(dossier) == 0


@pytest.mark.parametrize(
    "amount,reference,message",
    [
        (FEE + 1, "BL-1", "lớn hơn số còn phải nộp"),
        (0, "BL-1", "lớn hơn 0"),
        (FEE, "", "số biên lai"),
    ],
)
def test_a_bad_payment_changes_nothing(
    world: World, amount: int, reference: str, message: str
) -> None:
    dossier = received(world)
    with pytest.raises(PaymentError, match=message):
        payment_record(dossier=dossier, actor=world.receiver, amount_vnd=amount,
                       method=PaymentMethod.CASH, reference=reference)  # fmt: skip
    assert not Payment.objects.exists() and not dossier.events.filter(action="record_payment")


def test_the_same_receipt_number_is_refused_twice(world: World) -> None:
    dossier = received(world)
    payment_record(dossier=dossier, actor=world.receiver, amount_vnd=10_000,
                   method=PaymentMethod.CASH, reference="BL-7")  # fmt: skip
    with pytest.raises(PaymentError, match="đã được ghi nhận"):
        payment_record(dossier=dossier, actor=world.receiver, amount_vnd=10_000,
                       method=PaymentMethod.CASH, reference="BL-7")  # fmt: skip
    assert Payment.objects.count() == 1 and amount_due(dossier) == FEE - 10_000


def test_nothing_due_refuses_a_payment(world: World) -> None:
    dossier = received(world)
    [fee] = fees_of(dossier)
    fee_exempt(fee=fee, actor=world.receiver, exemption_vnd=FEE, reason="Trẻ em dưới 6 tuổi")
    with pytest.raises(PaymentError, match="không còn khoản phí"):
        payment_record(dossier=dossier, actor=world.receiver, amount_vnd=1,
                       method=PaymentMethod.CASH, reference="BL-9")  # fmt: skip


def test_the_fee_pause_asks_for_the_amount_and_resumes_when_fully_paid(
    world: World, clock: object
) -> None:
    dossier = in_status(world, S.IN_PROCESS)
    fees_request(dossier=dossier, actor=world.everyone)
    dossier.refresh_from_db()
    assert dossier.status == S.AWAITING_FEES
    assert dossier.events.get(action="pause_for_fees").payload == {"amount_vnd": FEE}
    payment_record(dossier=dossier, actor=world.receiver, amount_vnd=30_000,
                   method=PaymentMethod.CASH, reference="BL-1")  # fmt: skip
    dossier.refresh_from_db()
    assert dossier.status == S.AWAITING_FEES  # partly paid: still waiting
    payment_record(dossier=dossier, actor=world.receiver, amount_vnd=20_000,
                   method=PaymentMethod.CARD, reference="POS-55")  # fmt: skip
    dossier.refresh_from_db()
    assert dossier.status == S.IN_PROCESS
    assert list(dossier.events.order_by("seq").values_list("action", flat=True))[-3:] == [
        "record_payment", "record_payment", "resume",
    ]  # fmt: skip


def test_an_exemption_of_everything_resumes_a_paused_dossier(world: World) -> None:
    dossier = in_status(world, S.IN_PROCESS)
    fees_request(dossier=dossier, actor=world.everyone)
    [fee] = fees_of(dossier)
    fee_exempt(fee=fee, actor=world.receiver, exemption_vnd=FEE, reason="Người có công")
    dossier.refresh_from_db()
    assert dossier.status == S.IN_PROCESS


def test_no_pause_for_fees_without_fees(world: World) -> None:
    dossier = in_status(world, S.IN_PROCESS)
    [fee] = fees_of(dossier)
    fee_exempt(fee=fee, actor=world.receiver, exemption_vnd=FEE, reason="Người có công")
    with pytest.raises(PaymentError, match="không có khoản phí"):
        fees_request(dossier=dossier, actor=world.everyone)
    dossier.refresh_from_db()
    assert dossier.status == S.IN_PROCESS

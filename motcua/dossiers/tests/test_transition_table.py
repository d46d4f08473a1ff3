"""The whole transition table: every allowed pair works, every other pair changes nothing."""

import datetime as dt
from collections.abc import Callable

import pytest

from motcua.accounts.models import User
from motcua.dossiers import workflow
from motcua.dossiers.models import Dossier, DossierEvent, DossierStatus, OutboxMessage, ReturnMethod
from motcua.dossiers.tests.conftest import World, at
from motcua.dossiers.tests.factories import in_status
from motcua.dossiers.workflow.table import BACK_FROM_PAUSE, TRANSITIONS, UNCHANGED

Action = Callable[[Dossier, User, World], Dossier]

# Valid input for every action on a dossier: only the table and the status may refuse.
ACTIONS: dict[str, Action] = {
    "accept_online": lambda d, u, w: workflow.accept_online(dossier=d, actor=u),
    "amend": lambda d, u, w: workflow.amend(dossier=d, actor=u, changed=["formData"]),
    "refuse": lambda d, u, w: workflow.refuse(
        dossier=d, actor=u, reasons=["Không thuộc thẩm quyền"]
    ),
    "request_supplement": lambda d, u, w: workflow.request_supplement(
        dossier=d, actor=u, missing=["Bản sao giấy khai sinh"]
    ),
    "supplement_received": lambda d, u, w: workflow.supplement_received(dossier=d, actor=u),
    "forward": lambda d, u, w: workflow.forward(dossier=d, actor=u),
    "assign": lambda d, u, w: workflow.assign(dossier=d, actor=u, assignee=u),
    "hand_over": lambda d, u, w: workflow.hand_over(dossier=d, actor=u),
    "pause_for_fees": lambda d, u, w: workflow.pause_for_fees(
        dossier=d, actor=u, amount_vnd=50_000
    ),
    "resume": lambda d, u, w: workflow.resume(dossier=d, actor=u),
    "stop": lambda d, u, w: workflow.stop(dossier=d, actor=u, reasons=["Không đủ điều kiện"]),
    "withdraw": lambda d, u, w: workflow.withdraw(
        dossier=d, actor=u, request_date=dt.date(2026, 3, 2)
    ),
    # The applicant's own request (no account): the portal has checked the second factor.
    "request_withdrawal": lambda d, u, w: workflow.request_withdrawal(
        dossier=d, reason="Không còn nhu cầu"
    ),
    "reschedule": lambda d, u, w: workflow.reschedule(
        dossier=d,
        actor=u,
        new_due_at=at(2026, 3, 20, 10, 0),
        reason="Chờ xác minh",
    ),
    "approve": lambda d, u, w: workflow.approve(dossier=d, actor=u),
    "issue_result": lambda d, u, w: workflow.issue_result(
        dossier=d, actor=u, result_number="7/GCN"
    ),
    "return_result": lambda d, u, w: workflow.return_result(
        dossier=d, actor=u, method=ReturnMethod.POST, returned_to="Bưu điện xã"
    ),
    "transfer": lambda d, u, w: workflow.transfer(dossier=d, actor=u, to_unit=w.partner),
    # Fees (motcua/payments): only the log changes; the callers keep the amounts.
    "record_payment": lambda d, u, w: (
        workflow.record_payment(dossier=d, actor=u, payload={"amount_vnd": 50_000}).dossier
    ),
    "exempt_fee": lambda d, u, w: (
        workflow.exempt_fee(
            dossier=d, actor=u, payload={"exemption_vnd": 50_000}, note="Hộ nghèo"
        ).dossier
    ),
}

APPLICANT_ACTIONS = {"request_withdrawal"}  # the applicant has no account: actor None
CREATING = {name for name, rule in TRANSITIONS.items() if not rule.sources}
PAIRS = [(status, action) for action in sorted(ACTIONS) for status in DossierStatus]


def snapshot(d: Dossier) -> tuple[dict[str, object], int, int]:
    row = dict(Dossier.objects.filter(pk=d.pk).values().get())
    events = DossierEvent.objects.filter(dossier=d).count()
    return row, events, OutboxMessage.objects.count()


def test_every_action_of_the_table_is_exercised() -> None:
    assert set(ACTIONS) | CREATING == set(TRANSITIONS)


@pytest.mark.parametrize(("status", "action"), PAIRS)
def test_transition_table(world: World, status: DossierStatus, action: str) -> None:
    rule = TRANSITIONS[action]
    d = in_status(world, status)
    assert d.status == status
    before = snapshot(d)
    if status not in rule.sources:
        with pytest.raises(workflow.WorkflowError):
            ACTIONS[action](d, world.everyone, world)
        assert snapshot(d) == before
        return
    done = ACTIONS[action](d, world.everyone, world)
    expected = {UNCHANGED: status, BACK_FROM_PAUSE: d.status_before_pause}.get(
        rule.target, rule.target
    )
    assert Dossier.objects.get(pk=d.pk).status == done.status == expected
    last = DossierEvent.objects.filter(dossier=d).order_by("seq").last()
    assert last is not None and last.action == action and last.seq == before[1] + 1
    actor = None if action in APPLICANT_ACTIONS else world.everyone
    assert (last.from_status, last.to_status, last.actor) == (status, expected, actor)


def test_a_refused_action_says_why_in_vietnamese(world: World) -> None:
    d = in_status(world, DossierStatus.RETURNED)
    with pytest.raises(workflow.WorkflowError) as refused:
        workflow.forward(dossier=d, actor=world.everyone)
    assert "Không thể chuyển xử lý hồ sơ" in refused.value.messages[0]
    assert "Đã trả kết quả" in refused.value.messages[0]

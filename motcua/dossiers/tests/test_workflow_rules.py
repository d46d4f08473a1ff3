"""Rules beyond the table: roles and units, supplements, reschedule, withdrawal, hand-overs."""

import datetime as dt

import pytest

from motcua.accounts.models import Role
from motcua.accounts.tests.factories import make_staff
from motcua.dossiers import workflow
from motcua.dossiers.models import (
    Dossier,
    DossierEvent,
    DossierStatus,
    ReturnMethod,
    Timing,
)
from motcua.dossiers.tests.conftest import Clock, World, at
from motcua.dossiers.tests.factories import APPLICANT, in_status, received


def in_process(w: World) -> Dossier:
    d = workflow.forward(dossier=received(w), actor=w.receiver)
    return workflow.assign(dossier=d, actor=w.head, assignee=w.handler)


def unchanged(d: Dossier) -> tuple[dict[str, object], int]:
    return dict(Dossier.objects.filter(pk=d.pk).values().get()), d.events.count()


def test_a_handler_cannot_approve(world: World) -> None:
    d = in_process(world)
    before = unchanged(d)
    with pytest.raises(workflow.WorkflowError, match="không có quyền ký duyệt"):
        workflow.approve(dossier=d, actor=world.handler)
    assert unchanged(d) == before


@pytest.mark.parametrize("action", ["forward", "refuse", "withdraw", "request_supplement"])
def test_an_officer_of_another_commune_cannot_act(world: World, action: str) -> None:
    d = received(world)
    before = unchanged(d)
    calls = {
        "forward": lambda: workflow.forward(dossier=d, actor=world.outsider),
        "refuse": lambda: workflow.refuse(dossier=d, actor=world.outsider, reasons=["x"]),
        "withdraw": lambda: workflow.withdraw(
            dossier=d, actor=world.outsider, request_date=dt.date(2026, 3, 2)
        ),
        "request_supplement": lambda: workflow.request_supplement(
            dossier=d, actor=world.outsider, missing=["x"]
        ),
    }
    with pytest.raises(workflow.WorkflowError):
        calls[action]()
    assert unchanged(d) == before


def test_an_officer_of_another_commune_cannot_receive_for_it(world: World) -> None:
    with pytest.raises(workflow.WorkflowError):
        workflow.receive(
            actor=world.outsider, version=world.version, receiving_unit=world.commune,
            applicant=APPLICANT,
        )  # fmt: skip
    assert not Dossier.objects.exists()


def test_the_head_of_another_commune_cannot_assign(world: World) -> None:
    d = workflow.forward(dossier=received(world), actor=world.receiver)
    with pytest.raises(workflow.WorkflowError):
        workflow.assign(dossier=d, actor=world.outsider, assignee=world.handler)


def test_a_dossier_can_only_be_assigned_to_a_handler_of_the_unit(world: World) -> None:
    d = workflow.forward(dossier=received(world), actor=world.receiver)
    with pytest.raises(workflow.WorkflowError):
        workflow.assign(dossier=d, actor=world.head, assignee=world.outsider)


@pytest.mark.parametrize(
    ("personal_id", "organisation_id"),
    [("12345678901", ""), ("1234567890123", ""), ("12345678901a", ""), ("", "")],
)
def test_applicant_needs_a_twelve_digit_personal_id_or_an_organisation(
    world: World, personal_id: str, organisation_id: str
) -> None:
    applicant = workflow.Applicant(
        name="Trần Thị Bình", personal_id=personal_id, organisation_id=organisation_id
    )
    with pytest.raises(workflow.WorkflowError):
        workflow.receive(
            actor=world.receiver, version=world.version, receiving_unit=world.commune,
            applicant=applicant,
        )  # fmt: skip
    assert not Dossier.objects.exists()


def test_an_organisation_may_file_with_its_identifier(world: World) -> None:
    applicant = workflow.Applicant(name="Công ty TNHH Bình An", organisation_id="0101234567")
    d = workflow.receive(
        actor=world.receiver, version=world.version, receiving_unit=world.commune,
        applicant=applicant,
    )  # fmt: skip
    assert d.applicant_organisation_id == "0101234567"


def test_a_supplement_request_lists_every_missing_item_in_one_notice(world: World) -> None:
    d = workflow.request_supplement(
        dossier=received(world), actor=world.receiver,
        missing=["Bản sao giấy khai sinh", "Giấy ủy quyền có chứng thực", " "],
    )  # fmt: skip
    event = d.events.get(action="request_supplement")
    assert event.payload["missing"] == ["Bản sao giấy khai sinh", "Giấy ủy quyền có chứng thực"]
    assert d.national_code == 5 and d.paused_since is not None


def test_a_supplement_request_needs_at_least_one_item(world: World) -> None:
    d = received(world)
    with pytest.raises(workflow.WorkflowError):
        workflow.request_supplement(dossier=d, actor=world.receiver, missing=["  "])
    assert Dossier.objects.get(pk=d.pk).status == DossierStatus.RECEIVED


def test_a_second_supplement_request_is_allowed_and_counted(world: World, clock: Clock) -> None:
    d = in_process(world)
    workflow.request_supplement(dossier=d, actor=world.handler, missing=["Tờ khai"])
    clock.set(at(2026, 3, 2, 10, 0))
    workflow.supplement_received(dossier=d, actor=world.receiver)
    workflow.request_supplement(dossier=d, actor=world.handler, missing=["Sơ đồ thửa đất"])
    d.refresh_from_db()
    assert d.supplement_count == 2
    numbers = [e.payload["request_number"] for e in d.events.filter(action="request_supplement")]
    assert numbers == [1, 2]


def test_reschedule_happens_only_once(world: World) -> None:
    d = in_process(world)
    d = workflow.reschedule(
        dossier=d, actor=world.signer, new_due_at=at(2026, 3, 9, 9, 0), reason="Chờ xác minh"
    )
    assert d.due_at == at(2026, 3, 9, 9, 0) and d.reschedule_count == 1
    event = d.events.get(action="reschedule")
    assert event.payload["old_due_at"] == at(2026, 3, 5, 9, 0).isoformat()
    assert event.payload["day_of_notice_kept"] is True
    before = unchanged(d)
    with pytest.raises(workflow.WorkflowError, match="một lần"):
        workflow.reschedule(
            dossier=d, actor=world.signer, new_due_at=at(2026, 3, 16, 9), reason="Lần nữa"
        )
    assert unchanged(d) == before


def test_reschedule_is_refused_after_the_deadline(world: World, clock: Clock) -> None:
    d = in_process(world)
    clock.set(at(2026, 3, 5, 9, 1))
    before = unchanged(d)
    with pytest.raises(workflow.WorkflowError, match="quá hạn"):
        workflow.reschedule(
            dossier=d, actor=world.signer, new_due_at=at(2026, 3, 9, 9), reason="Chậm"
        )
    assert unchanged(d) == before


@pytest.mark.parametrize(
    ("who", "new_due", "reason"),
    [
        ("handler", at(2026, 3, 9, 9), "Chậm"),
        ("signer", at(2026, 3, 4, 9), "Sớm hơn hẹn cũ"),
        ("signer", at(2026, 3, 9, 9), "  "),
    ],
)
def test_reschedule_needs_a_signer_a_later_appointment_and_a_reason(
    world: World, who: str, new_due: dt.datetime, reason: str
) -> None:
    d = in_process(world)
    with pytest.raises(workflow.WorkflowError):
        workflow.reschedule(dossier=d, actor=getattr(world, who), new_due_at=new_due, reason=reason)
    assert Dossier.objects.get(pk=d.pk).reschedule_count == 0


def test_reschedule_late_in_the_last_day_is_recorded_as_short_notice(
    world: World, clock: Clock
) -> None:
    d = in_process(world)
    clock.set(at(2026, 3, 4, 15, 0))
    d = workflow.reschedule(
        dossier=d, actor=world.signer, new_due_at=at(2026, 3, 9, 9), reason="Chờ ý kiến"
    )
    assert d.events.get(action="reschedule").payload["day_of_notice_kept"] is False


def test_withdraw_is_refused_once_a_result_is_issued(world: World) -> None:
    for status in (DossierStatus.APPROVED, DossierStatus.RESULT_READY, DossierStatus.RETURNED):
        d = in_status(world, status)
        before = unchanged(d)
        with pytest.raises(workflow.WorkflowError, match="không thể rút"):
            workflow.withdraw(dossier=d, actor=world.everyone, request_date=dt.date(2026, 3, 2))
        assert unchanged(d) == before


def test_withdraw_during_a_pause_ends_it(world: World, clock: Clock) -> None:
    d = workflow.request_supplement(dossier=in_process(world), actor=world.head, missing=["A"])
    clock.set(at(2026, 3, 2, 10, 0))
    d = workflow.withdraw(dossier=d, actor=world.receiver, request_date=dt.date(2026, 3, 2))
    assert d.national_code == 7 and d.paused_since is None and d.paused_minutes == 60


def test_hand_overs_record_each_steps_deadline_and_timing(world: World, clock: Clock) -> None:
    d = in_process(world)  # step 1 has 2 hours: due Monday 11:00
    clock.set(at(2026, 3, 2, 10, 0))
    d = workflow.hand_over(dossier=d, actor=world.handler, to_user=world.handler)
    clock.set(at(2026, 3, 5, 8, 0))  # step 2 (20 h from Monday 10:00) was due Wednesday 16:00
    d = workflow.hand_over(dossier=d, actor=world.handler)
    rows = list(d.events.filter(action="hand_over").order_by("seq"))
    assert [(e.step.order if e.step else 0, e.timing) for e in rows] == [
        (1, Timing.ON_TIME),
        (2, Timing.LATE),
    ]
    assert rows[1].step_deadline == at(2026, 3, 4, 16, 0)
    assert d.current_step is not None and d.current_step.order == 3 and d.assignee is None


def test_only_the_holder_or_a_head_hands_over(world: World) -> None:
    d = in_process(world)
    colleague = make_staff("dongnghiep", world.commune, Role.HANDLER)
    with pytest.raises(workflow.WorkflowError):
        workflow.hand_over(dossier=d, actor=colleague)
    workflow.hand_over(dossier=d, actor=world.head)


def test_the_last_step_cannot_be_handed_over(world: World) -> None:
    d = in_process(world)
    for _ in range(3):
        d = workflow.hand_over(dossier=d, actor=world.head)
    with pytest.raises(workflow.WorkflowError, match="bước cuối"):
        workflow.hand_over(dossier=d, actor=world.head)


def test_transfer_moves_the_dossier_to_the_partner_unit(world: World) -> None:
    d = workflow.transfer(dossier=in_process(world), actor=world.head, to_unit=world.partner)
    assert d.current_unit == world.partner and d.assignee is None and d.national_code == 4
    event = d.events.get(action="transfer")
    assert event.payload["from_unit"] == world.commune.pk
    assert event.payload["to_unit"] == world.partner.pk


def test_a_dossier_from_receipt_to_return(world: World, clock: Clock) -> None:
    d = in_process(world)
    d = workflow.approve(dossier=d, actor=world.signer)
    clock.set(at(2026, 3, 4, 9, 0))
    d = workflow.issue_result(dossier=d, actor=world.clerk, result_number="15/GCN-UBND")
    d = workflow.return_result(
        dossier=d, actor=world.receiver, method=ReturnMethod.ELECTRONIC,
        returned_to="an@example.vn",
    )  # fmt: skip
    assert (d.national_code, d.national_label) == (10, "Đã trả kết quả")
    assert d.result_signer == world.signer and d.result_number == "15/GCN-UBND"
    issued = d.events.get(action="issue_result")
    assert issued.timing == Timing.EARLY and issued.step_deadline == d.due_at
    actions = list(DossierEvent.objects.filter(dossier=d).values_list("action", flat=True))
    assert actions == ["receive", "forward", "assign", "approve", "issue_result", "return_result"]


def test_events_are_append_only(world: World) -> None:
    event = received(world).events.get()
    event.note = "sửa"
    with pytest.raises(Exception, match="never updated"):
        event.save()
    with pytest.raises(Exception, match="never deleted"):
        event.delete()
    with pytest.raises(Exception, match="never updated"):
        DossierEvent.objects.filter(pk=event.pk).update(note="x")
    with pytest.raises(Exception, match="never deleted"):
        DossierEvent.objects.filter(pk=event.pk).delete()

"""Workflow rules of NĐ 118/2025 as the officer meets them (issue 9 §3, issue 10 §6): a
supplement request that makes a dossier late, liên thông time shares, late apologies, ending
actions that look different and ask for confirmation, and the step forwarding really enters."""

from decimal import Decimal

from django.test import Client
from django.urls import reverse

from motcua.accounts.models import Role
from motcua.accounts.tests.factories import make_staff
from motcua.catalog.models import ProcedureOffering, ProcessStep
from motcua.catalog.services import version_publish
from motcua.catalog.tests.factories import make_procedure
from motcua.dossiers import workflow
from motcua.dossiers.models import Dossier, DossierStatus
from motcua.dossiers.tests.conftest import Clock, World, at
from motcua.dossiers.tests.factories import received


def login(client: Client, user) -> Client:  # type: ignore[no-untyped-def]
    client.force_login(user)
    return client


def in_process(world: World) -> Dossier:
    dossier = workflow.forward(dossier=received(world), actor=world.receiver)
    return workflow.assign(dossier=dossier, actor=world.head, assignee=world.handler)


def one_request(world: World, clock: Clock) -> Dossier:
    dossier = in_process(world)
    workflow.request_supplement(dossier=dossier, actor=world.head, missing=["Tờ khai"])
    clock.set(at(2026, 3, 2, 10, 0))
    return workflow.supplement_received(dossier=dossier, actor=world.head)


# -- supplement requests that make the dossier late -------------------------------------------


def test_the_first_request_in_time_is_not_marked(world: World, clock: Clock) -> None:
    dossier = one_request(world, clock)
    assert not dossier.late_by_supplement
    assert "makes_late" not in dossier.events.get(action="request_supplement").payload


def test_a_second_request_is_marked_late_with_its_cause(world: World, clock: Clock) -> None:
    dossier = one_request(world, clock)
    workflow.request_supplement(
        dossier=dossier, actor=world.head, missing=["Ảnh"], reason="Ảnh cũ đã mờ"
    )
    dossier.refresh_from_db()
    assert dossier.late_by_supplement and dossier.supplement_count == 2
    event = dossier.events.filter(action="request_supplement").order_by("seq").last()
    assert event is not None and event.note == "Ảnh cũ đã mờ"
    assert event.payload["makes_late"] == "đây là lần yêu cầu bổ sung thứ 2"


def test_a_first_request_after_the_appointment_is_marked_late(world: World, clock: Clock) -> None:
    dossier = in_process(world)
    assert dossier.due_at is not None
    clock.set(at(2026, 3, 6, 9, 0))  # the appointment was Thursday 05/03 09:00
    workflow.request_supplement(dossier=dossier, actor=world.head, missing=["Tờ khai"])
    dossier.refresh_from_db()
    assert dossier.late_by_supplement
    event = dossier.events.get(action="request_supplement")
    assert event.payload["makes_late"] == "thời điểm hẹn trả kết quả đã qua"


def test_the_officer_is_told_before_confirming_and_must_give_the_reason(
    world: World, clock: Clock, client: Client
) -> None:
    dossier = one_request(world, clock)
    url = reverse("dossiers:request_supplement", args=[dossier.pk])
    client = login(client, world.head)
    page = client.get(url).content.decode()
    assert "TRỄ HẠN (đây là lần yêu cầu bổ sung thứ 2)" in page
    assert 'name="confirm_late"' in page

    refused = client.post(url, {"missing": "Ảnh 4x6"})

    assert refused.status_code == 400
    body = refused.content.decode()
    assert "Yêu cầu này làm hồ sơ bị tính trễ hạn: cần ghi rõ lý do." in body
    assert "Đánh dấu xác nhận hồ sơ sẽ bị tính là trễ hạn." in body
    dossier.refresh_from_db()
    assert dossier.supplement_count == 1 and not dossier.late_by_supplement  # nothing changed

    done = client.post(url, {"missing": "Ảnh 4x6", "reason": "Ảnh mờ", "confirm_late": "on"})
    assert done.status_code == 302
    dossier.refresh_from_db()
    assert dossier.supplement_count == 2 and dossier.late_by_supplement
    detail = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert "Hồ sơ bị tính trễ hạn do yêu cầu bổ sung" in detail
    assert "Làm hồ sơ bị tính trễ hạn: đây là lần yêu cầu bổ sung thứ 2" in detail
    inbox = client.get(reverse("dossiers:inbox"), {"ngan": "tam-dung"}).content.decode()
    assert dossier.code in inbox and "Trễ hạn do bổ sung" in inbox


def test_a_request_in_time_asks_for_no_confirmation(world: World, client: Client) -> None:
    dossier = in_process(world)
    page = login(client, world.head).get(reverse("dossiers:request_supplement", args=[dossier.pk]))
    assert 'name="confirm_late"' not in page.content.decode()


# -- liên thông: the coordinating unit's share of the time --------------------------------------


def test_a_transfer_gives_the_coordinating_unit_its_share_and_a_step_deadline(
    world: World, clock: Clock, client: Client
) -> None:
    ProcessStep.objects.create(
        version=world.version, order=9, name="Ý kiến của Sở", role=Role.HEAD,
        unit=world.partner, hours=Decimal("4"),
    )  # fmt: skip
    partner_head = make_staff("sytlanhdao", world.partner, Role.HEAD)
    dossier = in_process(world)
    clock.set(at(2026, 3, 2, 14, 0))

    dossier = workflow.transfer(dossier=dossier, actor=world.head, to_unit=world.partner)

    # 14:00 + 4 working hours: 3 hours to 17:00, then 1 hour from 07:00 next morning.
    assert dossier.step_due_at == at(2026, 3, 3, 8, 0)
    assert dossier.due_at is not None and dossier.step_due_at < dossier.due_at
    event = dossier.events.get(action="transfer")
    assert Decimal(event.payload["share_hours"]) == 4
    inbox = login(client, partner_head).get(reverse("dossiers:inbox"), {"ngan": "phan-cong"})
    assert "Hạn của bước: 08:00 03/03/2026" in inbox.content.decode()


def test_a_share_never_runs_past_the_appointment(world: World, clock: Clock) -> None:
    ProcessStep.objects.create(
        version=world.version, order=9, name="Ý kiến của Sở", role=Role.HEAD,
        unit=world.partner, hours=Decimal("200"),
    )  # fmt: skip
    dossier = workflow.transfer(dossier=in_process(world), actor=world.head, to_unit=world.partner)
    assert dossier.step_due_at == dossier.due_at


# -- apologies (Mẫu 04) -------------------------------------------------------------------------


def test_an_apology_later_than_a_working_day_ahead_is_flagged(
    world: World, clock: Clock, client: Client
) -> None:
    dossier = in_process(world)
    clock.set(at(2026, 3, 4, 14, 0))  # the appointment is Thursday 05/03 09:00
    dossier = workflow.reschedule(
        dossier=dossier, actor=world.signer, new_due_at=at(2026, 3, 9, 9, 0), reason="Chờ xác minh"
    )
    assert dossier.apology_late
    page = login(client, world.receiver).get(reverse("dossiers:detail", args=[dossier.pk]))
    body = page.content.decode()
    assert "được gửi muộn" in body and "Xin lỗi muộn: chưa đủ một ngày làm việc" in body


def test_an_apology_in_time_is_not_flagged_and_the_date_never_goes_back(
    world: World, clock: Clock
) -> None:
    dossier = in_process(world)
    try:
        workflow.reschedule(
            dossier=dossier, actor=world.signer, new_due_at=at(2026, 3, 4, 9, 0), reason="Sớm"
        )
    except workflow.WorkflowError as error:
        assert "Ngày hẹn mới phải sau ngày hẹn cũ." in error.messages[0]
    dossier.refresh_from_db()
    assert dossier.reschedule_count == 0
    dossier = workflow.reschedule(
        dossier=dossier, actor=world.signer, new_due_at=at(2026, 3, 9, 9, 0), reason="Chờ"
    )
    assert not dossier.apology_late


# -- ending actions look different and are confirmed -----------------------------------------


def test_ending_actions_are_drawn_apart_and_need_a_reason_and_a_confirmation(
    world: World, client: Client
) -> None:
    dossier = in_process(world)
    client = login(client, world.everyone)
    page = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    stop = reverse("dossiers:stop", args=[dossier.pk])
    withdraw = reverse("dossiers:withdraw", args=[dossier.pk])
    assert f'class="button danger" href="{stop}"' in page
    assert f'class="button danger" href="{withdraw}"' in page
    assert f'class="button" href="{reverse("dossiers:hand_over", args=[dossier.pk])}"' in page

    form = client.get(stop).content.decode()
    assert 'class="danger"' in form and "không hoàn tác được" in form

    unconfirmed = client.post(stop, {"reasons": "Không đủ điều kiện"})
    no_reason = client.post(withdraw, {"request_date": "2026-03-02", "confirm": "on"})

    assert unconfirmed.status_code == 400 and no_reason.status_code == 400
    assert "Đánh dấu xác nhận" in unconfirmed.content.decode()
    assert "Cần ghi lý do rút hồ sơ." in no_reason.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.IN_PROCESS


# -- forwarding names the step the dossier will really enter ---------------------------------


def test_the_forward_page_names_the_step_after_the_desks_own(world: World, client: Client) -> None:
    version = make_procedure(
        code="1.000777", name="Thủ tục có bước tiếp nhận", hours=(), publish=False
    )
    for order, (name, role) in enumerate(
        (("Tiếp nhận hồ sơ", Role.RECEIVER), ("Thẩm định hồ sơ", Role.HANDLER)), start=1
    ):
        ProcessStep.objects.create(
            version=version, order=order, name=name, role=role, hours=Decimal(12)
        )
    version_publish(version=version)
    version.refresh_from_db()
    ProcedureOffering.objects.create(procedure=version.procedure, unit=world.commune)
    dossier = workflow.receive(
        actor=world.receiver, version=version, receiving_unit=world.commune,
        applicant=workflow.Applicant(name="Nguyễn Văn An", personal_id="001203004567"),
    )  # fmt: skip
    page = login(client, world.receiver).get(reverse("dossiers:forward", args=[dossier.pk]))
    body = page.content.decode()
    assert "vào bước “2. Thẩm định hồ sơ”" in body and "“1. Tiếp nhận hồ sơ”" not in body
    dossier = workflow.forward(dossier=dossier, actor=world.receiver)
    assert dossier.current_step is not None and dossier.current_step.name == "Thẩm định hồ sơ"

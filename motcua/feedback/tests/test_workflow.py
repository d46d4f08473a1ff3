"""Every PAKN transition: allowed from the table, refused (with nothing changed) otherwise."""

from collections.abc import Callable
from typing import Any

import pytest

from motcua.dossiers.models import OutboxMessage
from motcua.feedback import workflow as wf
from motcua.feedback.models import Pakn, PaknEvent, PaknStatus, Reaction
from motcua.feedback.tests.conftest import NAME, PHONE, World, at, make_pakn

S = PaknStatus


def _do(action: str, w: World, pakn: Pakn) -> Pakn:
    calls: dict[str, Callable[[], Pakn]] = {
        "refuse": lambda: wf.pakn_refuse(pakn=pakn, actor=w.handler, reason="Là khiếu nại."),
        "request_info": lambda: wf.pakn_request_info(
            pakn=pakn, actor=w.handler, question="Số hồ sơ?"
        ),
        "info_received": lambda: wf.pakn_info_received(pakn=pakn, actor=None, info="Hồ sơ 123."),
        "forward": lambda: wf.pakn_forward(pakn=pakn, actor=w.handler, to_unit=w.partner),
        "answer": lambda: wf.pakn_answer(pakn=pakn, actor=w.handler, answer="Đã chấn chỉnh."),
        "publish": lambda: wf.pakn_publish(pakn=pakn, actor=w.head, public_summary="Tóm tắt."),
    }
    return calls[action]()


def _in_status(w: World, status: str) -> Pakn:
    pakn = make_pakn(w)
    path: dict[str, list[str]] = {
        S.RECEIVED: [],
        S.INFO_REQUESTED: ["request_info"],
        S.REFUSED: ["refuse"],
        S.ANSWERED: ["answer"],
        S.PUBLISHED: ["answer", "publish"],
    }
    if status == S.FORWARDED:
        return wf.pakn_forward(pakn=pakn, actor=w.handler, to_unit=w.other_commune)
    for action in path[status]:
        pakn = _do(action, w, pakn)
    return pakn


CASES = [(status, action) for status in S for action in wf.TRANSITIONS]


@pytest.mark.parametrize(("status", "action"), CASES)
def test_transition_table_decides_every_action(world: World, status: str, action: str) -> None:
    pakn = _in_status(world, status)
    if status == S.FORWARDED:
        world.handler = world.outsider  # the competent unit now handles it
        world.head = world.outsider
    sources, target = wf.TRANSITIONS[action]
    before = PaknEvent.objects.filter(pakn=pakn).count()
    if status in sources:
        if action == "forward" and status == S.FORWARDED:
            world.partner = world.commune
        done = _do(action, world, pakn)
        assert Pakn.objects.get(pk=pakn.pk).status == target == done.status
        assert PaknEvent.objects.filter(pakn=pakn).count() == before + 1
    else:
        with pytest.raises(wf.PaknError, match="Không thể thực hiện"):
            _do(action, world, pakn)
        assert Pakn.objects.get(pk=pakn.pk).status == status
        assert PaknEvent.objects.filter(pakn=pakn).count() == before


def test_submit_registers_a_code_an_event_and_the_answer_deadline(world: World) -> None:
    pakn = make_pakn(world)
    assert pakn.code == "PAKN-2026-000001"
    assert make_pakn(world).code == "PAKN-2026-000002"
    assert pakn.status == S.RECEIVED
    # 15 working days from Monday 2 March 09:00 (no holiday in March 2026): Monday 23 March.
    assert pakn.due_at == at(2026, 3, 23, 9, 0)
    event = pakn.events.get()
    assert (event.action, event.to_status, event.actor) == ("receive", S.RECEIVED, None)
    assert OutboxMessage.objects.filter(recipient=PHONE).exists()


def test_submit_needs_name_and_a_contact(world: World) -> None:
    with pytest.raises(wf.PaknError, match="họ và tên"):
        make_pakn(world, submitter_name=" ")
    with pytest.raises(wf.PaknError, match="liên hệ"):
        make_pakn(world, submitter_phone="", submitter_email="")
    assert not Pakn.objects.exists()


def test_an_officer_records_only_for_their_own_units(world: World) -> None:
    pakn = make_pakn(world, actor=world.receiver, channel="hotline")
    assert pakn.recorded_by == world.receiver
    with pytest.raises(wf.PaknError, match="không có quyền"):
        make_pakn(world, actor=world.outsider, channel="hotline")


def test_an_officer_of_another_unit_cannot_act(world: World) -> None:
    pakn = make_pakn(world)
    with pytest.raises(wf.PaknError, match="đơn vị khác"):
        wf.pakn_answer(pakn=pakn, actor=world.outsider, answer="x")
    assert Pakn.objects.get(pk=pakn.pk).status == S.RECEIVED


def test_only_a_head_signer_or_admin_publishes(world: World) -> None:
    pakn = wf.pakn_answer(pakn=make_pakn(world), actor=world.handler, answer="Đã xử lý.")
    with pytest.raises(wf.PaknError, match="không có quyền"):
        wf.pakn_publish(pakn=pakn, actor=world.handler, public_summary="Tóm tắt.")
    assert wf.pakn_publish(pakn=pakn, actor=world.signer, public_summary="Tóm tắt.").published_at


DEADLINES: list[tuple[str, int, tuple[int, int, int, int], tuple[int, int, int, int]]] = [
    # action, working days, due (from Mon 2 March 09:00), a moment just after it
    ("refuse", 2, (4, 9, 0, 0), (4, 9, 1, 0)),
    ("request_info", 5, (9, 9, 0, 0), (9, 10, 0, 0)),
    ("forward", 5, (9, 9, 0, 0), (10, 8, 0, 0)),
    ("answer", 15, (23, 9, 0, 0), (23, 9, 30, 0)),
]


@pytest.mark.parametrize(("action", "days", "due", "late"), DEADLINES)
def test_each_deadline_counts_working_days_and_marks_the_event(
    world: World, clock: Any, action: str, days: int, due: tuple[int, ...], late: tuple[int, ...]
) -> None:
    expected = at(2026, 3, due[0], due[1], due[2])
    on_time, overdue = make_pakn(world), make_pakn(world)
    assert wf.deadline(on_time, action) == expected
    clock.set(expected)
    _do(action, world, on_time)
    clock.set(at(2026, 3, late[0], late[1], late[2]))
    _do(action, world, overdue)
    first, second = (PaknEvent.objects.get(pakn=p, action=action) for p in (on_time, overdue))
    assert (first.deadline, first.on_time) == (expected, True)
    assert (second.deadline, second.on_time) == (expected, False)


def test_deadlines_skip_weekends_and_holidays(world: World, clock: Any) -> None:
    clock.set(at(2026, 4, 24, 10, 0))  # Friday; 27/4 is Giỗ Tổ (observed), 30/4 and 1/5 off
    pakn = make_pakn(world)
    due = wf.deadline(pakn, "refuse")
    assert due is not None and due > at(2026, 4, 28, 10, 0)


def test_publish_deadline_is_two_working_days_after_the_answer(world: World, clock: Any) -> None:
    pakn = make_pakn(world)
    clock.set(at(2026, 3, 6, 14, 0))  # Friday
    pakn = wf.pakn_answer(pakn=pakn, actor=world.handler, answer="Đã chấn chỉnh cán bộ.")
    assert pakn.due_at == at(2026, 3, 10, 14, 0)  # Tuesday
    clock.set(at(2026, 3, 10, 15, 0))
    wf.pakn_publish(pakn=pakn, actor=world.head, public_summary="Giấy tờ ngoài quy định.")
    assert PaknEvent.objects.get(pakn=pakn, action="publish").on_time is False


def test_forward_moves_the_pakn_and_restarts_the_clock(world: World, clock: Any) -> None:
    pakn = make_pakn(world)
    clock.set(at(2026, 3, 3, 9, 0))
    pakn = wf.pakn_forward(pakn=pakn, actor=world.handler, to_unit=world.partner, note="Sở Y tế")
    assert pakn.unit == world.partner and pakn.clock_from == at(2026, 3, 3, 9, 0)
    assert pakn.due_at == at(2026, 3, 24, 9, 0)
    with pytest.raises(wf.PaknError, match="đơn vị khác"):
        wf.pakn_answer(pakn=pakn, actor=world.handler, answer="x")


def test_information_requested_pauses_then_restarts_the_clock(world: World, clock: Any) -> None:
    pakn = wf.pakn_request_info(pakn=make_pakn(world), actor=world.handler, question="Mã hồ sơ?")
    assert pakn.due_at is None and pakn.info_requested_count == 1
    clock.set(at(2026, 3, 12, 9, 0))
    pakn = wf.pakn_info_received(pakn=pakn, actor=None, info="Mã hồ sơ H56.123")
    assert pakn.status == S.RECEIVED and "H56.123" in pakn.content
    assert pakn.due_at == at(2026, 4, 2, 9, 0)


def test_refusal_needs_a_reason_and_changes_nothing_without_one(world: World) -> None:
    pakn = make_pakn(world)
    with pytest.raises(wf.PaknError, match="lý do"):
        wf.pakn_refuse(pakn=pakn, actor=world.handler, reason="  ")
    assert Pakn.objects.get(pk=pakn.pk).status == S.RECEIVED


def test_publishing_refuses_personal_data(world: World) -> None:
    pakn = wf.pakn_answer(
        pakn=make_pakn(world), actor=world.handler, answer=f"Kính gửi bà {NAME}: đã xử lý."
    )
    with pytest.raises(wf.PaknError, match=r"họ tên"):
        wf.pakn_publish(pakn=pakn, actor=world.head, public_summary="Tóm tắt.")
    assert Pakn.objects.get(pk=pakn.pk).status == S.ANSWERED
    pakn2 = wf.pakn_answer(pakn=make_pakn(world), actor=world.handler, answer="Đã xử lý.")
    with pytest.raises(wf.PaknError):
        wf.pakn_publish(pakn=pakn2, actor=world.head, public_summary="Gọi 0912 345 678.")


def test_the_submitter_rates_a_published_answer_once(world: World) -> None:
    pakn = make_pakn(world)
    with pytest.raises(wf.PaknError, match="công khai"):
        wf.pakn_react(pakn=pakn, liked=True)
    pakn = _in_status(world, S.PUBLISHED)
    assert wf.pakn_react(pakn=pakn, liked=False).reaction == Reaction.DISLIKE
    with pytest.raises(wf.PaknError, match="đã đánh giá"):
        wf.pakn_react(pakn=pakn, liked=True)
    assert Pakn.objects.get(pk=pakn.pk).reaction == Reaction.DISLIKE


def test_raising_a_matter_again_links_to_the_earlier_one(world: World) -> None:
    earlier = _in_status(world, S.PUBLISHED)
    again = make_pakn(world, earlier=earlier)
    assert list(earlier.raised_again.all()) == [again]

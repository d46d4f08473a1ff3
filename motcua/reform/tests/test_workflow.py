"""The shared life cycle of plan tasks, findings and meeting assignments."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from motcua.dossiers.models import OutboxMessage
from motcua.dossiers.tests.conftest import Clock, at
from motcua.reform import workflow as wf
from motcua.reform.models import Evidence, PlanTask, TrackEvent
from motcua.reform.models import TrackStatus as S
from motcua.reform.services import MeetingData, QuestionData, meeting_create, question_add
from motcua.reform.tests.conftest import PDF, Reform, make_finding, make_inspection, make_task


def pdf(name: str = "bao-cao.pdf") -> ContentFile:  # type: ignore[type-arg]
    return ContentFile(PDF, name=name)


def history(item: object) -> list[tuple[str, str, str]]:
    return [(e.action, e.from_status, e.to_status) for e in item.events.all()]  # type: ignore[attr-defined]


def test_task_updated_reported_and_confirmed_on_time(rw: Reform) -> None:
    task = make_task(rw)
    wf.item_update(item=task, actor=rw.lead, note="Đã rà soát 120 thủ tục", files=[pdf()])
    wf.item_report_done(item=task, actor=rw.lead, note="Đã ban hành quyết định công bố")
    task = wf.item_confirm(item=task, actor=rw.head)  # type: ignore[assignment]
    task.refresh_from_db()
    assert task.status == S.DONE and task.done_on == dt.date(2026, 3, 2)
    assert history(task) == [
        ("create", "", S.NOT_STARTED),
        ("update", S.NOT_STARTED, S.IN_PROGRESS),
        ("report_done", S.IN_PROGRESS, S.REPORTED),
        ("confirm", S.REPORTED, S.DONE),
    ]
    assert Evidence.objects.get().content_type == "application/pdf"
    # The head heard of the report, the lead of the confirmation.
    recipients = set(OutboxMessage.objects.values_list("recipient", flat=True))
    assert recipients == {"chutich@example.vn", "chutri@example.vn"}


def test_task_reported_after_its_deadline_is_done_late(rw: Reform, clock: Clock) -> None:
    task = make_task(rw, deadline=dt.date(2026, 2, 27))
    wf.item_report_done(item=task, actor=rw.lead, note="Xong")
    clock.set(at(2026, 3, 5, 9))
    task = wf.item_confirm(item=task, actor=rw.head)  # type: ignore[assignment]
    assert task.status == S.DONE_LATE and task.done_on == dt.date(2026, 3, 2)


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.NOT_STARTED, "confirm"),
        (S.IN_PROGRESS, "send_back"),
        (S.DONE, "update"),
        (S.DONE, "report_done"),
        (S.DONE, "cancel"),
        (S.CANCELLED, "update"),
        (S.REPORTED, "report_done"),
    ],
)
def test_illegal_moves_are_refused_and_change_nothing(rw: Reform, status: str, action: str) -> None:
    task = make_task(rw)
    PlanTask.objects.filter(pk=task.pk).update(status=status)
    task.refresh_from_db()
    before = TrackEvent.objects.count()
    functions = {
        "confirm": lambda: wf.item_confirm(item=task, actor=rw.head),
        "send_back": lambda: wf.item_send_back(item=task, actor=rw.head, note="x"),
        "update": lambda: wf.item_update(item=task, actor=rw.head, note="x", files=[pdf()]),
        "report_done": lambda: wf.item_report_done(item=task, actor=rw.head, note="x"),
        "cancel": lambda: wf.item_cancel(item=task, actor=rw.head, note="x"),
    }
    with pytest.raises(wf.ReformError, match="Không thể"):
        functions[action]()
    task.refresh_from_db()
    assert task.status == status and TrackEvent.objects.count() == before
    assert not Evidence.objects.exists()


def test_only_the_head_confirms_and_only_the_lead_or_head_reports(rw: Reform) -> None:
    task = make_task(rw)
    with pytest.raises(wf.ReformError, match="không có quyền"):
        wf.item_report_done(item=task, actor=rw.outsider, note="x")
    with pytest.raises(wf.ReformError, match="không có quyền"):
        wf.item_report_done(item=task, actor=rw.personnel, note="x")
    wf.item_report_done(item=task, actor=rw.lead, note="x")
    with pytest.raises(wf.ReformError, match="không có quyền"):
        wf.item_confirm(item=task, actor=rw.lead)
    task.refresh_from_db()
    assert wf.actions_for(rw.lead, task) == []
    assert set(wf.actions_for(rw.head, task)) == {"confirm", "send_back", "cancel"}


def test_send_back_needs_a_reason_and_returns_to_work(rw: Reform) -> None:
    task = make_task(rw)
    wf.item_report_done(item=task, actor=rw.lead, note="x")
    with pytest.raises(wf.ReformError, match="lý do"):
        wf.item_send_back(item=task, actor=rw.head, note=" ")
    task = wf.item_send_back(item=task, actor=rw.head, note="Thiếu quyết định")  # type: ignore[assignment]
    assert task.status == S.IN_PROGRESS and task.reported_on is None


def test_cancel_keeps_its_reason(rw: Reform) -> None:
    task = make_task(rw)
    task = wf.item_cancel(item=task, actor=rw.head, note="Nhiệm vụ không còn phù hợp")  # type: ignore[assignment]
    assert task.status == S.CANCELLED and task.cancel_reason == "Nhiệm vụ không còn phù hợp"


def test_a_file_that_is_not_a_pdf_or_image_is_refused_and_nothing_is_kept(rw: Reform) -> None:
    task = make_task(rw)
    with pytest.raises(wf.ReformError, match="PDF, JPEG"):
        wf.item_update(
            item=task,
            actor=rw.lead,
            note="x",
            files=[pdf(), ContentFile(b"MZ\x90\x00", name="virus.pdf")],
        )
    task.refresh_from_db()
    assert task.status == S.NOT_STARTED and not Evidence.objects.exists()


def test_finding_fixed_by_the_unit_with_evidence_and_confirmed_by_the_team(rw: Reform) -> None:
    finding = make_finding(rw, make_inspection(rw))
    with pytest.raises(wf.ReformError, match="minh chứng"):
        wf.item_report_done(item=finding, actor=rw.head, note="Đã cập nhật")
    with pytest.raises(wf.ReformError, match="không có quyền"):
        wf.item_report_done(item=finding, actor=rw.outsider, note="x", files=[pdf()])
    wf.item_report_done(item=finding, actor=rw.head, note="Đã cập nhật", files=[pdf("anh.pdf")])
    with pytest.raises(wf.ReformError, match="không có quyền"):
        wf.item_confirm(item=finding, actor=rw.head)  # the inspected unit cannot close it
    finding = wf.item_confirm(item=finding, actor=rw.inspector)  # type: ignore[assignment]
    assert finding.status == S.DONE
    assert [a for a, _, _ in history(finding)] == ["create", "report_done", "confirm"]


def test_meeting_question_answered_on_the_spot_is_done_and_an_assignment_is_tracked(
    rw: Reform,
) -> None:
    meeting = meeting_create(
        data=MeetingData(
            unit=rw.commune,
            held_on=dt.date(2026, 2, 26),
            place="Hội trường UBND xã",
            title="Đối thoại về cải cách TTHC",
            leaders="Chủ tịch UBND xã",
            residents=85,
            topics=["procedures"],
        ),
        actor=rw.head,
    )
    answered = question_add(
        meeting=meeting,
        data=QuestionData(question="Thời gian cấp sổ đỏ?", answer="30 ngày"),
        actor=rw.head,
    )
    assert answered.status == S.DONE
    assigned = question_add(
        meeting=meeting,
        data=QuestionData(
            question="Đèn đường thôn 3 hỏng",
            assignee_unit=rw.commune,
            assignee=rw.lead,
            due_on=dt.date(2026, 3, 15),
        ),
        actor=rw.head,
    )
    assert assigned.status == S.NOT_STARTED
    wf.item_report_done(item=assigned, actor=rw.lead, note="Đã thay bóng đèn")
    assigned = wf.item_confirm(item=assigned, actor=rw.head)  # type: ignore[assignment]
    assert assigned.status == S.DONE
    with pytest.raises(wf.ReformError, match="hạn"):
        question_add(
            meeting=meeting,
            data=QuestionData(question="x", assignee_unit=rw.commune),
            actor=rw.head,
        )


# Who may do what, per kind of item and persona, with the item open (not started) and reported.
DOER = {"update", "report_done"}
CONFIRMER_OPEN, CONFIRMER_REPORTED = {"cancel"}, {"confirm", "send_back", "cancel"}
MATRIX = {
    # persona: (task open, task reported, finding open, finding reported)
    "lead": (DOER, set(), DOER, set()),  # a handler of the inspected unit answers too
    "head": (DOER | CONFIRMER_OPEN, CONFIRMER_REPORTED, DOER, set()),
    "personnel": (set(), set(), DOER, set()),
    "inspector": (set(), set(), CONFIRMER_OPEN, CONFIRMER_REPORTED),
    "noivu": (set(), set(), CONFIRMER_OPEN, CONFIRMER_REPORTED),
    "outsider": (set(), set(), set(), set()),
}


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_permissions_matrix(rw: Reform, persona: str) -> None:
    user = getattr(rw, persona)
    task, finding = make_task(rw), make_finding(rw, make_inspection(rw))
    seen = [set(wf.actions_for(user, task)), set(), set(wf.actions_for(user, finding)), set()]
    PlanTask.objects.filter(pk=task.pk).update(status=S.REPORTED)
    type(finding).objects.filter(pk=finding.pk).update(status=S.REPORTED)
    task.refresh_from_db()
    finding.refresh_from_db()
    seen[1], seen[3] = set(wf.actions_for(user, task)), set(wf.actions_for(user, finding))
    assert tuple(seen) == MATRIX[persona]

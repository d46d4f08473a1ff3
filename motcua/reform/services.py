"""Writes of reform management other than the life cycle of tracked items (workflow.py):
creating plans, tasks, people, inspections, findings, meetings and their questions."""

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from motcua.accounts.access import units_for_user
from motcua.accounts.models import OrgUnit, User
from motcua.dossiers.attachments import files_removed_on_failure, inspect, remember_written
from motcua.dossiers.models import Dossier
from motcua.reform.access import INSPECTORS, MEETING_EDITORS, PLAN_EDITORS
from motcua.reform.models import (
    Finding,
    Inspection,
    InspectionPlan,
    Meeting,
    MeetingQuestion,
    PlanTask,
    ReformArea,
    ReformPlan,
)
from motcua.reform.models import TrackStatus as S
from motcua.reform.selectors import people_in
from motcua.reform.workflow import ReformError, due_date, record
from motcua.workdays.timecalc import ZONE


def _allowed(actor: User | None, unit: OrgUnit, roles: Sequence[str], what: str) -> None:
    if actor is not None and unit.pk not in units_for_user(actor, roles):
        raise ReformError(f"Bạn không có quyền {what} của đơn vị này.")


# -- plans --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanData:
    unit: OrgUnit
    year: int
    title: str
    legal_basis: str = ""
    decision_number: str = ""
    decision_date: dt.date | None = None
    decision_signer: str = ""


@dataclass(frozen=True)
class TaskData:
    area: str
    content: str
    product: str = ""
    number: str = ""
    lead_unit: OrgUnit | None = None
    lead_officer: User | None = None
    support: str = ""
    starts_on: dt.date | None = None
    deadline: dt.date | None = None
    ongoing: bool = False
    extra: dict[str, object] = field(default_factory=dict)


def plan_create(
    *,
    data: PlanData,
    actor: User | None,
    tasks: Sequence[TaskData] = (),
    source: ReformPlan | None = None,
) -> ReformPlan:
    _allowed(actor, data.unit, PLAN_EDITORS, "lập kế hoạch CCHC")
    if not data.title.strip():
        raise ReformError("Vui lòng nhập tên kế hoạch.")
    if not 2000 <= data.year <= 2100:
        raise ReformError("Năm kế hoạch không hợp lệ.")
    if ReformPlan.objects.filter(unit=data.unit, year=data.year).exists():
        raise ReformError(f"{data.unit.name} đã có kế hoạch CCHC năm {data.year}.")
    with transaction.atomic():
        plan = ReformPlan.objects.create(
            **{k: getattr(data, k) for k in PlanData.__dataclass_fields__},
            source=source,
            created_at=timezone.now(),
            created_by=actor,
        )
        for task in tasks:
            task_add(plan=plan, data=task, actor=None)
    return plan


def check_task(data: TaskData) -> None:
    if data.area not in ReformArea.values:
        raise ReformError("Lĩnh vực không hợp lệ.")
    if not data.content.strip():
        raise ReformError("Vui lòng nhập nội dung nhiệm vụ.")
    if data.deadline is None and not data.ongoing:
        raise ReformError("Vui lòng ghi thời hạn hoàn thành, hoặc chọn “thường xuyên”.")
    if data.deadline and data.starts_on and data.deadline < data.starts_on:
        raise ReformError("Thời hạn hoàn thành không được trước ngày bắt đầu.")


def task_add(
    *, plan: ReformPlan, data: TaskData, actor: User | None, source: PlanTask | None = None
) -> PlanTask:
    _allowed(actor, plan.unit, PLAN_EDITORS, "sửa kế hoạch CCHC")
    check_task(data)
    with transaction.atomic():
        task = PlanTask.objects.create(
            plan=plan,
            number=data.number,
            area=data.area,
            content=data.content.strip(),
            product=data.product,
            lead_unit=data.lead_unit or plan.unit,
            lead_officer=data.lead_officer,
            support=data.support,
            starts_on=data.starts_on,
            deadline=None if data.ongoing else data.deadline,
            ongoing=data.ongoing,
            due_on=due_date(year=plan.year, deadline=data.deadline, ongoing=data.ongoing),
            source_task=source,
        )
        record(task, "create", actor, "")
    return task


def plan_derive(
    *, source: ReformPlan, unit: OrgUnit, task_ids: Sequence[int], actor: User, title: str = ""
) -> ReformPlan:
    """A commune's plan copied from the province's: the tasks that apply to it, led by it."""
    chosen = list(source.tasks.filter(pk__in=list(task_ids)).order_by("pk"))
    if not chosen:
        raise ReformError("Vui lòng chọn ít nhất một nhiệm vụ áp dụng cho đơn vị.")
    data = PlanData(
        unit=unit,
        year=source.year,
        title=title or f"Kế hoạch cải cách hành chính năm {source.year} của {unit.name}",
        legal_basis=f"Căn cứ {source.title}"
        + (f" số {source.decision_number}" if source.decision_number else ""),
    )
    with transaction.atomic():
        plan = plan_create(data=data, actor=actor, source=source)
        for task in chosen:
            copy = TaskData(
                area=task.area,
                content=task.content,
                product=task.product,
                number=task.number,
                lead_unit=unit,
                support=task.support,
                starts_on=task.starts_on,
                deadline=task.deadline,
                ongoing=task.ongoing,
            )
            task_add(plan=plan, data=copy, actor=None, source=task)
    return plan


# -- inspections --------------------------------------------------------------------------------


def inspection_plan_create(
    *,
    unit: OrgUnit,
    year: int,
    title: str,
    actor: User,
    decision_number: str = "",
    decision_date: dt.date | None = None,
) -> InspectionPlan:
    """Kế hoạch kiểm tra công vụ, kiểm tra CCHC năm of a province or a department."""
    _allowed(actor, unit, INSPECTORS, "lập kế hoạch kiểm tra")
    if not title.strip() or not 2000 <= year <= 2100:
        raise ReformError("Vui lòng nhập tên kế hoạch và năm hợp lệ.")
    return InspectionPlan.objects.create(
        unit=unit,
        year=year,
        title=title.strip(),
        decision_number=decision_number,
        decision_date=decision_date,
    )


@dataclass(frozen=True)
class InspectionData:
    inspecting_unit: OrgUnit
    inspected_unit: OrgUnit
    theme: str
    leader: str
    members: str = ""
    surprise: bool = False
    plan: InspectionPlan | None = None
    planned_on: dt.date | None = None
    held_on: dt.date | None = None


def inspection_create(*, data: InspectionData, actor: User) -> Inspection:
    _allowed(actor, data.inspecting_unit, INSPECTORS, "lập cuộc kiểm tra")
    if not data.theme.strip() or not data.leader.strip():
        raise ReformError("Vui lòng nhập nội dung kiểm tra và trưởng đoàn.")
    if data.plan is not None and data.plan.unit_id != data.inspecting_unit.pk:
        raise ReformError("Kế hoạch kiểm tra đã chọn thuộc đơn vị khác.")
    if data.surprise and data.plan is not None:
        raise ReformError("Cuộc kiểm tra đột xuất không thuộc kế hoạch kiểm tra.")
    if not data.surprise and data.planned_on is None:
        raise ReformError("Vui lòng ghi ngày kiểm tra dự kiến theo kế hoạch.")
    if data.surprise and data.held_on is None:
        raise ReformError("Vui lòng ghi ngày kiểm tra đột xuất.")
    province = data.inspecting_unit.province() or data.inspecting_unit
    if not data.inspected_unit.path.startswith(province.path):
        raise ReformError("Đơn vị được kiểm tra không thuộc phạm vi của đơn vị kiểm tra.")
    fields = {k: getattr(data, k) for k in InspectionData.__dataclass_fields__}
    return Inspection.objects.create(**fields, created_by=actor)


@dataclass(frozen=True)
class InspectionRecord:
    held_on: dt.date
    checked_presence: str = ""
    checked_desk: str = ""
    checked_posting: str = ""
    checked_dossiers: str = ""


def inspection_record(*, inspection: Inspection, data: InspectionRecord, actor: User) -> Inspection:
    """What the team checked on the day."""
    _allowed(actor, inspection.inspecting_unit, INSPECTORS, "ghi kết quả kiểm tra")
    if data.held_on > timezone.now().astimezone(ZONE).date():
        raise ReformError("Ngày kiểm tra không được sau hôm nay.")
    for name in InspectionRecord.__dataclass_fields__:
        setattr(inspection, name, getattr(data, name))
    inspection.save(update_fields=list(InspectionRecord.__dataclass_fields__))
    return inspection


def inspection_sample_late(*, inspection: Inspection, actor: User, size: int = 5) -> list[Dossier]:
    """Add a random sample of the inspected unit's late dossiers of the last twelve months."""
    _allowed(actor, inspection.inspecting_unit, INSPECTORS, "chọn hồ sơ kiểm tra")
    since = timezone.now() - dt.timedelta(days=365)
    late = list(
        Dossier.objects.filter(receiving_unit=inspection.inspected_unit, received_at__gte=since)
        .filter(_late_q())
        .values_list("pk", flat=True)
    )
    chosen = random.sample(late, min(size, len(late)))
    inspection.sampled.add(*chosen)
    return list(Dossier.objects.filter(pk__in=chosen))


def _late_q():  # type: ignore[no-untyped-def]
    from django.db.models import F, Q

    return Q(returned_at__isnull=False, due_at__isnull=False, returned_at__gt=F("due_at")) | Q(
        returned_at__isnull=True, due_at__lt=timezone.now()
    )


def inspection_conclude(
    *, inspection: Inspection, actor: User, number: str, date: dt.date, file: object
) -> Inspection:
    _allowed(actor, inspection.inspecting_unit, INSPECTORS, "ban hành kết luận kiểm tra")
    if not number.strip():
        raise ReformError("Vui lòng nhập số văn bản kết luận.")
    if inspection.held_on is None:
        raise ReformError("Chưa ghi kết quả kiểm tra: không thể ban hành kết luận.")
    sha = _pdf(file, "Văn bản kết luận")
    with files_removed_on_failure(), transaction.atomic():
        inspection.conclusion_number, inspection.conclusion_date = number.strip(), date
        inspection.conclusion_file.save(f"{sha[:16]}.pdf", file)  # type: ignore[arg-type]
        remember_written(inspection.conclusion_file.name)
        inspection.save(update_fields=["conclusion_number", "conclusion_date"])
    return inspection


def _pdf(upload: Any, what: str) -> str:
    """The checksum of an uploaded PDF (recognised by content), or a ReformError."""
    try:
        found = inspect(upload)
    except ValidationError as error:
        raise ReformError(error.messages[0]) from error
    if found.content_type != "application/pdf":
        raise ReformError(f"{what} phải là tệp PDF.")
    return found.sha256


@dataclass(frozen=True)
class FindingData:
    kind: str
    severity: str
    description: str
    recommendation: str
    responsible: str
    due_on: dt.date
    person_id: int | None = None


def finding_add(*, inspection: Inspection, data: FindingData, actor: User) -> Finding:
    _allowed(actor, inspection.inspecting_unit, INSPECTORS, "ghi tồn tại sau kiểm tra")
    if inspection.held_on is None:
        raise ReformError("Chưa ghi kết quả kiểm tra: không thể ghi tồn tại.")
    if not (data.description.strip() and data.recommendation.strip() and data.responsible.strip()):
        raise ReformError("Vui lòng nhập tồn tại, kiến nghị và người chịu trách nhiệm khắc phục.")
    if data.person_id is not None and data.person_id not in {
        s.person.pk for s in people_in(inspection.inspected_unit, inspection.held_on)
    }:
        raise ReformError(
            "Cán bộ đã chọn không công tác tại đơn vị được kiểm tra vào ngày kiểm tra."
        )
    if data.due_on < inspection.held_on:
        raise ReformError("Hạn khắc phục không được trước ngày kiểm tra.")
    with transaction.atomic():
        finding = Finding.objects.create(
            inspection=inspection, **{k: getattr(data, k) for k in FindingData.__dataclass_fields__}
        )
        record(finding, "create", actor, "")
    return finding


# -- meetings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingData:
    unit: OrgUnit
    held_on: dt.date
    place: str
    title: str
    leaders: str
    residents: int
    topics: list[str]
    summary: str = ""


def meeting_create(*, data: MeetingData, actor: User | None, minutes: Any = None) -> Meeting:
    _allowed(actor, data.unit, MEETING_EDITORS, "ghi buổi đối thoại")
    if not (data.place.strip() and data.title.strip() and data.leaders.strip()):
        raise ReformError("Vui lòng nhập chủ đề, địa điểm và lãnh đạo chủ trì.")
    if data.held_on > timezone.now().astimezone(ZONE).date():
        raise ReformError("Chỉ ghi buổi đối thoại đã diễn ra.")
    if not data.topics:
        raise ReformError("Vui lòng chọn ít nhất một nội dung theo chỉ số PAPI.")
    fields = {k: getattr(data, k) for k in MeetingData.__dataclass_fields__}
    with files_removed_on_failure(), transaction.atomic():
        meeting = Meeting.objects.create(**fields, created_by=actor)
        if minutes is not None:
            sha = _pdf(minutes, "Biên bản")
            meeting.minutes.save(f"{sha[:16]}.pdf", minutes)
            remember_written(meeting.minutes.name)
    return meeting


@dataclass(frozen=True)
class QuestionData:
    question: str
    answer: str = ""
    assignee_unit: OrgUnit | None = None
    assignee: User | None = None
    due_on: dt.date | None = None


def question_add(*, meeting: Meeting, data: QuestionData, actor: User | None) -> MeetingQuestion:
    """A question raised at the meeting: answered there (done), or assigned with a deadline."""
    _allowed(actor, meeting.unit, MEETING_EDITORS, "ghi ý kiến đối thoại")
    if not data.question.strip():
        raise ReformError("Vui lòng nhập nội dung ý kiến của người dân.")
    assigned = data.assignee_unit is not None
    if assigned and data.due_on is None:
        raise ReformError("Vui lòng ghi hạn giải quyết cho nội dung được giao.")
    if not assigned and not data.answer.strip():
        raise ReformError("Vui lòng ghi câu trả lời, hoặc giao đơn vị giải quyết.")
    with transaction.atomic():
        row = MeetingQuestion.objects.create(
            meeting=meeting,
            question=data.question.strip(),
            answer=data.answer.strip(),
            assignee_unit=data.assignee_unit,
            assignee=data.assignee,
            due_on=data.due_on or meeting.held_on,
            status=S.NOT_STARTED if assigned else S.DONE,
            done_on=None if assigned else meeting.held_on,
        )
        record(row, "create", actor, "", "" if assigned else "Đã trả lời tại buổi đối thoại")
    return row

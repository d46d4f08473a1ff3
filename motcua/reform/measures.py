"""The PAR index's auto measures read from reform management (motcua/lib/measures.py).

Each is `(unit, start, end) -> Measure` over one unit and an inclusive date range; the PAR
registry (motcua/par) names them plans.tasks_done_on_time_rate, staff.trained_in_year_rate,
inspections.held, inspections.findings_fixed_on_time_rate and dialogues.held. The evidence URL
opens the list of records behind the figure.
"""

import datetime as dt
from urllib.parse import urlencode

from django.db.models import F
from django.urls import reverse

from motcua.accounts.models import OrgUnit
from motcua.lib.measures import Measure
from motcua.reform import selectors
from motcua.reform.models import Finding, Inspection, Meeting, PlanTask, TrackStatus


def _url(name: str, unit: OrgUnit, start: dt.date, end: dt.date, **extra: str) -> str:
    query = {"tu": start.isoformat(), "den": end.isoformat(), **extra}
    return f"{reverse(name, args=[unit.pk])}?{urlencode(query)}"


def plans_tasks_done_on_time_rate(unit: OrgUnit, start: dt.date, end: dt.date) -> Measure:
    """Tasks of the unit's CCHC plans due in the range (ongoing tasks: at the plan year's
    end), cancelled ones left out; done on time: confirmed done by their deadline."""
    due = PlanTask.objects.filter(plan__unit=unit, due_on__gte=start, due_on__lte=end).exclude(
        status=TrackStatus.CANCELLED
    )
    return Measure.rate(
        due.filter(status=TrackStatus.DONE).count(),
        due.count(),
        "Số nhiệm vụ trong kế hoạch CCHC hoàn thành đúng hạn / số nhiệm vụ đến hạn trong kỳ "
        "(không tính nhiệm vụ đã hủy; nhiệm vụ thường xuyên tính hạn cuối năm kế hoạch).",
        _url("reform:task_list", unit, start, end),
    )


def staff_trained_in_year_rate(unit: OrgUnit, start: dt.date, end: dt.date) -> Measure:
    """People working in the unit on the range's last day; trained: attended a training or
    refresher course that ended within the range."""
    people = selectors.people_in(unit, end)
    trained = selectors.trained_between(people, start, end)
    return Measure.rate(
        len(trained),
        len(people),
        "Số cán bộ, công chức, viên chức được đào tạo, bồi dưỡng trong kỳ / tổng số đang công "
        "tác tại đơn vị vào ngày cuối kỳ.",
        _url("reform:qualifications", unit, start, end, tieu_chi="trained"),
    )


def inspections_held(unit: OrgUnit, start: dt.date, end: dt.date) -> Measure:
    """Inspections the unit carried out (planned or unannounced) held within the range."""
    held = Inspection.objects.filter(
        inspecting_unit=unit, held_on__gte=start, held_on__lte=end
    ).count()
    return Measure.count(
        held,
        "Số cuộc kiểm tra công vụ, kiểm tra CCHC (theo kế hoạch và đột xuất) do đơn vị tiến "
        "hành trong kỳ.",
        _url("reform:inspection_list", unit, start, end),
    )


def inspections_findings_fixed_on_time_rate(unit: OrgUnit, start: dt.date, end: dt.date) -> Measure:
    """Findings of the unit's inspections with a fixing deadline in the range; fixed on time:
    the fix confirmed with a completion date by the deadline."""
    due = Finding.objects.filter(
        inspection__inspecting_unit=unit, due_on__gte=start, due_on__lte=end
    ).exclude(status=TrackStatus.CANCELLED)
    on_time = due.filter(status=TrackStatus.DONE, done_on__lte=F("due_on")).count()
    return Measure.rate(
        on_time,
        due.count(),
        "Số tồn tại phát hiện qua kiểm tra được khắc phục đúng hạn / số tồn tại đến hạn khắc "
        "phục trong kỳ.",
        _url("reform:finding_list", unit, start, end),
    )


def dialogues_held(unit: OrgUnit, start: dt.date, end: dt.date) -> Measure:
    """Meetings with citizens the unit held within the range."""
    held = Meeting.objects.filter(unit=unit, held_on__gte=start, held_on__lte=end).count()
    return Measure.count(
        held,
        "Số buổi đối thoại, gặp gỡ nhân dân do đơn vị tổ chức trong kỳ.",
        _url("reform:meeting_list", unit, start, end),
    )

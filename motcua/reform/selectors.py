"""Reads shared by the pages, the measures and the periodic report."""

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from motcua.accounts.models import OrgUnit, User
from motcua.reform.levels import CRITERIA, rank
from motcua.reform.models import (
    Finding,
    Inspection,
    Meeting,
    MeetingQuestion,
    Person,
    PlanTask,
    Posting,
    ReformArea,
    ReformPlan,
    StaffKind,
    TrackStatus,
    Training,
)
from motcua.reform.models.tracking import OPEN_STATUSES

# -- the staff register, as of a date -----------------------------------------------------------


@dataclass(frozen=True)
class Staffer:
    person: Person
    posting: Posting


def people_in(unit: OrgUnit, day: dt.date) -> list[Staffer]:
    """Everyone posted in the unit on `day` (one posting each: the latest started)."""
    postings = (
        Posting.objects.filter(unit=unit, starts_on__lte=day)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .select_related("person")
        .order_by("person__full_name", "person_id", "-starts_on")
    )
    seen: dict[int, Staffer] = {}
    for posting in postings:
        seen.setdefault(posting.person_id, Staffer(posting.person, posting))
    return list(seen.values())


def trained_between(people: Iterable[Staffer], start: dt.date, end: dt.date) -> set[int]:
    ids = [s.person.pk for s in people]
    found = Training.objects.filter(person_id__in=ids, ends_on__gte=start, ends_on__lte=end)
    return set(found.values_list("person_id", flat=True))


def _best_ranks(person_ids: Sequence[int], day: dt.date) -> dict[int, Counter[str]]:
    """person → category → best rank held on `day` (a qualification of a later year is not)."""
    best: dict[int, Counter[str]] = {pk: Counter() for pk in person_ids}
    rows = Person.objects.filter(pk__in=person_ids).values_list(
        "pk", "qualifications__category", "qualifications__level", "qualifications__year"
    )
    for pk, category, level, year in rows:
        if category and (year is None or year <= day.year):
            best[pk][category] = max(best[pk][category], rank(category, level))
    return best


@dataclass
class Cell:
    met: list[Staffer] = field(default_factory=list)
    total: int = 0

    @property
    def label(self) -> str:
        return f"{len(self.met)}/{self.total}"


@dataclass
class TableRow:
    kind: str
    label: str
    cells: dict[str, Cell]
    total: int


def meets(best: Counter[str], criterion: str) -> bool:
    _heading, category, minimum = CRITERIA[criterion]
    return best[category] >= minimum


def qualification_table(unit: OrgUnit, day: dt.date) -> list[TableRow]:
    """Per kind of staff and in total: for each criterion, who meets it of how many ("n/N")."""
    staff = people_in(unit, day)
    best = _best_ranks([s.person.pk for s in staff], day)
    rows = []
    groups = [(k.value, str(k.label)) for k in StaffKind] + [("", "Tổng cộng")]
    for kind, label in groups:
        members = [s for s in staff if not kind or s.posting.kind == kind]
        if kind and not members:
            continue
        cells = {
            key: Cell([s for s in members if meets(best[s.person.pk], key)], len(members))
            for key in CRITERIA
        }
        rows.append(TableRow(kind, label, cells, len(members)))
    return rows


def people_meeting(
    unit: OrgUnit, day: dt.date, *, criterion: str = "", kind: str = "", missing: bool = False
) -> list[Staffer]:
    """The drill-down of one cell of the table: who meets (or, `missing`, lacks) a criterion."""
    staff = [s for s in people_in(unit, day) if not kind or s.posting.kind == kind]
    if criterion not in CRITERIA:
        return staff
    best = _best_ranks([s.person.pk for s in staff], day)
    return [s for s in staff if meets(best[s.person.pk], criterion) != missing]


# -- plans --------------------------------------------------------------------------------------


def tasks_due_between(unit: OrgUnit, start: dt.date, end: dt.date) -> QuerySet[PlanTask]:
    return (
        PlanTask.objects.filter(plan__unit=unit, due_on__gte=start, due_on__lte=end)
        .exclude(status=TrackStatus.CANCELLED)
        .select_related("plan", "lead_officer", "lead_unit")
        .order_by("due_on", "pk")
    )


@dataclass
class Dashboard:
    by_area: list[tuple[str, Counter[str], int]]
    overdue: list[PlanTask]
    due: int
    done_on_time: int
    total: int

    @property
    def rate(self) -> float | None:
        return round(100 * self.done_on_time / self.due, 1) if self.due else None


def plan_dashboard(plan: ReformPlan, today: dt.date) -> Dashboard:
    tasks = list(plan.tasks.select_related("lead_officer"))
    by_area = []
    for area in ReformArea:
        of_area = [t for t in tasks if t.area == area]
        if of_area:
            by_area.append((str(area.label), Counter(t.status for t in of_area), len(of_area)))
    live = [t for t in tasks if t.status != TrackStatus.CANCELLED]
    due = [t for t in live if t.due_on <= today or t.status in (TrackStatus.DONE,)]
    return Dashboard(
        by_area=by_area,
        overdue=sorted((t for t in tasks if t.overdue(today)), key=lambda t: t.due_on),
        due=len(due),
        done_on_time=sum(t.status == TrackStatus.DONE for t in due),
        total=len(tasks),
    )


# -- inspections and meetings -------------------------------------------------------------------


def inspections_between(unit: OrgUnit, start: dt.date, end: dt.date) -> QuerySet[Inspection]:
    return Inspection.objects.filter(
        inspecting_unit=unit, held_on__gte=start, held_on__lte=end
    ).select_related("inspected_unit")


def findings_due_between(unit: OrgUnit, start: dt.date, end: dt.date) -> QuerySet[Finding]:
    return (
        Finding.objects.filter(inspection__inspecting_unit=unit, due_on__gte=start, due_on__lte=end)
        .exclude(status=TrackStatus.CANCELLED)
        .select_related("inspection__inspected_unit")
    )


@dataclass
class InspectionSummary:
    planned: int
    surprise: int
    units: int
    findings_by_kind: list[tuple[str, int]]
    findings: int
    fixed_on_time: int
    open_findings: int


def inspection_summary(unit: OrgUnit, start: dt.date, end: dt.date) -> InspectionSummary:
    held = list(inspections_between(unit, start, end))
    findings = list(Finding.objects.filter(inspection__in=held))
    kinds = Counter(f.get_kind_display() for f in findings)
    return InspectionSummary(
        planned=sum(not i.surprise for i in held),
        surprise=sum(i.surprise for i in held),
        units=len({i.inspected_unit_id for i in held}),
        findings_by_kind=sorted(kinds.items()),
        findings=len(findings),
        fixed_on_time=sum(
            f.status == TrackStatus.DONE and f.done_on is not None and f.done_on <= f.due_on
            for f in findings
        ),
        open_findings=sum(f.status in OPEN_STATUSES for f in findings),
    )


def meetings_between(unit: OrgUnit, start: dt.date, end: dt.date) -> QuerySet[Meeting]:
    return Meeting.objects.filter(unit=unit, held_on__gte=start, held_on__lte=end)


def public_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("unit").prefetch_related("questions")


def overdue_items(today: dt.date) -> dict[str, QuerySet]:  # type: ignore[type-arg]
    """Open tasks, findings and assignments past their deadline (the reminders' candidates)."""
    late = Q(status__in=OPEN_STATUSES, due_on__lt=today)
    return {
        "task": PlanTask.objects.filter(late),
        "finding": Finding.objects.filter(late),
        "question": MeetingQuestion.objects.filter(late),
    }


def my_open_items(user: User) -> list[PlanTask | MeetingQuestion]:
    """Open tasks the user leads and meeting assignments given to them."""
    tasks = PlanTask.objects.filter(lead_officer=user, status__in=OPEN_STATUSES)
    questions = MeetingQuestion.objects.filter(assignee=user, status__in=OPEN_STATUSES)
    rows: list[PlanTask | MeetingQuestion] = [*tasks.select_related("plan"), *questions]
    return sorted(rows, key=lambda item: item.due_on)


def inspections_received(unit: OrgUnit, start: dt.date, end: dt.date) -> int:
    """Inspections of the unit by the level above held within the range."""
    return Inspection.objects.filter(
        inspected_unit=unit, held_on__gte=start, held_on__lte=end
    ).count()

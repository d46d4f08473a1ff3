"""Who may see and do what in reform management, in one place.

- Plans and meetings: every member of the unit reads them (supervisors and admins below);
  heads, signers, admins and personnel officers draft and import plans; heads and signers
  record meetings.
- The staff register holds personal data: only personnel officers (`Role.PERSONNEL`) of the
  unit see it; a personnel officer at the province (Sở Nội vụ) reaches every unit below.
- Inspections: the inspecting unit's supervisors, personnel officers and heads plan and
  record them; the inspected unit's heads, signers, handlers and admins see their findings and
  answer them.

Everything is read through `get_<thing>_for_user`, a 404 outside the user's reach.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from motcua.accounts.access import memberships_of, units_for_user
from motcua.accounts.models import OrgUnit, Role, UnitKind, User
from motcua.reform.models import (
    Finding,
    Inspection,
    Meeting,
    MeetingQuestion,
    Person,
    PlanTask,
    ReformPlan,
)

PLAN_EDITORS = (Role.HEAD, Role.SIGNER, Role.ADMIN, Role.PERSONNEL)
CONFIRMERS = (Role.HEAD, Role.SIGNER)
MEETING_EDITORS = (Role.HEAD, Role.SIGNER, Role.ADMIN)
INSPECTORS = (Role.SUPERVISOR, Role.PERSONNEL, Role.HEAD)
INSPECTED = (Role.HEAD, Role.SIGNER, Role.HANDLER, Role.ADMIN, Role.PERSONNEL)
REPORT_ROLES = (Role.HEAD, Role.SIGNER, Role.ADMIN, Role.PERSONNEL, Role.SUPERVISOR)


def register_units(user: User) -> list[int]:
    """Units whose staff register the user may read: personnel officers of the unit, and
    personnel officers of a province for every unit below it."""
    if user.is_authenticated and user.is_superuser:
        return units_for_user(user)
    if not user.is_authenticated:
        return []
    found = memberships_of(user, [Role.PERSONNEL])
    condition = Q(pk__in=[m.unit_id for m in found])
    for m in found:
        if m.unit.kind == UnitKind.PROVINCE:
            condition |= Q(path__startswith=m.unit.path)
    if not found:
        return []
    return list(OrgUnit.objects.filter(condition).values_list("pk", flat=True))


def may_read_register(user: User) -> bool:
    return bool(register_units(user))


# -- plans ------------------------------------------------------------------------------------


def _with_ancestors(unit_ids: list[int]) -> set[int]:
    """The units and every unit above them: a commune reads the province's plan."""
    found = set(unit_ids)
    for path in OrgUnit.objects.filter(pk__in=unit_ids).values_list("path", flat=True):
        found |= {int(part) for part in path.strip("/").split("/") if part}
    return found


def plans_for_user(user: User) -> QuerySet[ReformPlan]:
    units = _with_ancestors(units_for_user(user))
    return ReformPlan.objects.filter(unit_id__in=units).select_related("unit")


def get_plan_for_user(user: User, pk: int) -> ReformPlan:
    plan = plans_for_user(user).filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan


def get_task_for_user(user: User, pk: int) -> PlanTask:
    task = (
        PlanTask.objects.filter(pk=pk, plan__in=plans_for_user(user))
        .select_related("plan__unit", "lead_unit", "lead_officer")
        .first()
    )
    if task is None:
        raise Http404
    return task


def may_edit_plans(user: User, unit: OrgUnit) -> bool:
    return unit.pk in units_for_user(user, PLAN_EDITORS)


def units_deriving(user: User, plan: ReformPlan) -> QuerySet[OrgUnit]:
    """Units below the plan's where the user drafts plans and that have none that year."""
    return (
        OrgUnit.objects.filter(pk__in=units_for_user(user, PLAN_EDITORS))
        .filter(path__startswith=plan.unit.path)
        .exclude(pk=plan.unit_id)
        .exclude(reform_plans__year=plan.year)
        .order_by("name")
    )


# -- staff register ---------------------------------------------------------------------------


def people_for_user(user: User) -> QuerySet[Person]:
    units = register_units(user)
    return Person.objects.filter(
        Q(home_unit_id__in=units) | Q(postings__unit_id__in=units)
    ).distinct()


def get_person_for_user(user: User, pk: int) -> Person:
    person = people_for_user(user).filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


# -- inspections ------------------------------------------------------------------------------


def inspections_for_user(user: User) -> QuerySet[Inspection]:
    return Inspection.objects.filter(
        Q(inspecting_unit_id__in=units_for_user(user, INSPECTORS))
        | Q(inspected_unit_id__in=units_for_user(user, INSPECTED))
    ).select_related("inspecting_unit", "inspected_unit", "plan")


def inspections_of_my_units(user: User) -> QuerySet[Inspection]:
    """Inspections held at the user's units: the findings they must answer."""
    return (
        Inspection.objects.filter(inspected_unit_id__in=units_for_user(user, INSPECTED))
        .exclude(held_on__isnull=True)
        .select_related("inspected_unit")
        .order_by("-held_on", "-pk")
    )


def get_inspection_for_user(user: User, pk: int) -> Inspection:
    inspection = inspections_for_user(user).filter(pk=pk).first()
    if inspection is None:
        raise Http404
    return inspection


def get_finding_for_user(user: User, pk: int) -> Finding:
    finding = Finding.objects.filter(pk=pk).select_related("inspection").first()
    if finding is None:
        raise Http404
    get_inspection_for_user(user, finding.inspection_id)
    return finding


def may_inspect(user: User, unit: OrgUnit | None = None) -> bool:
    units = units_for_user(user, INSPECTORS)
    return bool(units) if unit is None else unit.pk in units


def _direct_units(user: User, roles: tuple[str, ...]) -> list[int]:
    if user.is_superuser:
        return list(OrgUnit.objects.values_list("pk", flat=True))
    return [m.unit_id for m in memberships_of(user, roles)]


# -- meetings ---------------------------------------------------------------------------------


def meetings_for_user(user: User) -> QuerySet[Meeting]:
    return Meeting.objects.filter(unit_id__in=units_for_user(user)).select_related("unit")


def get_meeting_for_user(user: User, pk: int) -> Meeting:
    meeting = meetings_for_user(user).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def get_question_for_user(user: User, pk: int) -> MeetingQuestion:
    question = (
        MeetingQuestion.objects.filter(pk=pk)
        .filter(
            Q(meeting__unit_id__in=units_for_user(user))
            | Q(assignee_unit_id__in=units_for_user(user))
        )
        .select_related("meeting__unit")
        .first()
    )
    if question is None:
        raise Http404
    return question


def units_with(user: User, roles: tuple[str, ...]) -> QuerySet[OrgUnit]:
    """The units where the user holds one of `roles` directly (for a form's unit choice)."""
    return OrgUnit.objects.filter(pk__in=_direct_units(user, roles)).order_by("name")

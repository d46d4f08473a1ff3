"""Reads of the PAR index: who may see which assessment, and the results (per unit, per area,
band, rank) computed from the entries of the stage asked for."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.http import Http404

from motcua.accounts.access import memberships_of, units_for_user
from motcua.accounts.models import OrgUnit, Role, User
from motcua.par.models import Assessment, Entry, Evidence, Phase, Rubric, Stage, UnitAssessment
from motcua.par.scoring import Node, Tally, band_of, ranks, tally, unit_tally

LEADER_ROLES = (Role.HEAD, Role.SIGNER)
# Which entries stand for a leaf when results are read at a stage: the first one found.
STANDING = {
    "self": (Stage.SELF,),
    "round1": (Stage.ROUND1, Stage.SELF),
    "final": (Stage.ROUND2, Stage.ROUND1, Stage.SELF),
}


# -- access ----------------------------------------------------------------


def appraiser_provinces(user: User) -> set[int]:
    """Provinces where the user acts as Sở Nội vụ: a supervisor at the province (or above)."""
    if not user.is_authenticated:
        return set()
    reach = set(units_for_user(user, [Role.SUPERVISOR]))
    return set(OrgUnit.objects.filter(pk__in=reach, kind="province").values_list("pk", flat=True))


def is_appraiser(user: User, assessment: Assessment) -> bool:
    return assessment.rubric.province_id in appraiser_provinces(user)


def member_unit_paths(user: User) -> list[str]:
    if not user.is_authenticated or not user.is_active:
        return []
    return [m.unit.path for m in memberships_of(user)]


def is_member(user: User, ua: UnitAssessment) -> bool:
    """Any staff of the unit or of a unit below it (its centre, its divisions) fills it in."""
    return any(path.startswith(ua.unit.path) for path in member_unit_paths(user))


def is_leader(user: User, ua: UnitAssessment) -> bool:
    return ua.unit_id in units_for_user(user, LEADER_ROLES) and ua.unit_id in _direct_units(user)


def _direct_units(user: User) -> set[int]:
    if user.is_superuser:
        return set(OrgUnit.objects.values_list("pk", flat=True))
    return {m.unit_id for m in memberships_of(user, LEADER_ROLES)}


def own_unit_assessments(user: User) -> QuerySet[UnitAssessment]:
    paths = member_unit_paths(user)
    if not paths:
        return UnitAssessment.objects.none()
    ids = [int(p) for path in paths for p in path.strip("/").split("/") if p]
    return UnitAssessment.objects.filter(unit_id__in=ids).select_related("assessment", "unit")


def assessments_for_user(user: User) -> QuerySet[Assessment]:
    provinces = appraiser_provinces(user)
    own = own_unit_assessments(user).values_list("assessment_id", flat=True)
    found = Assessment.objects.filter(Q(rubric__province_id__in=provinces) | Q(pk__in=list(own)))
    return found.select_related("rubric").order_by("-year", "-pk")


def get_assessment_for_user(user: User, pk: int) -> Assessment:
    found = assessments_for_user(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def get_unit_assessment_for_user(user: User, pk: int) -> UnitAssessment:
    ua = UnitAssessment.objects.select_related("assessment__rubric", "unit").filter(pk=pk).first()
    if ua is None or not (is_appraiser(user, ua.assessment) or is_member(user, ua)):
        raise Http404
    return ua


def rubrics_for_user(user: User) -> QuerySet[Rubric]:
    return Rubric.objects.filter(province_id__in=appraiser_provinces(user))


def get_rubric_for_user(user: User, pk: int) -> Rubric:
    found = rubrics_for_user(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def results_visible(user: User, assessment: Assessment) -> bool:
    return assessment.phase == Phase.PUBLISHED or is_appraiser(user, assessment)


# -- results ----------------------------------------------------------------


@dataclass
class UnitResult:
    unit: OrgUnit
    unit_assessment_id: int
    total: Tally
    areas: dict[str, Tally] = field(default_factory=dict)
    band: str = ""
    rank: int | None = None
    previous: UnitResult | None = None

    @property
    def index(self) -> Decimal | None:
        return self.total.index


@dataclass
class Results:
    assessment: Assessment
    areas: list[Node]
    units: list[UnitResult]

    @property
    def count(self) -> int:
        return len(self.units)


def outcomes_by_unit(
    assessment: Assessment, stage: str = "final"
) -> dict[int, dict[str, Decimal | None]]:
    """Per unit assessment: leaf code → points (None for not applicable), from the entries that
    stand at `stage`; survey leaves from the survey stage."""
    order = STANDING[stage]
    rows = Entry.objects.filter(unit_assessment__assessment=assessment).exclude(
        stage=Stage.EXPLANATION
    )
    found: dict[int, dict[str, dict[str, Decimal | None]]] = defaultdict(lambda: defaultdict(dict))
    for ua, code, entry_stage, points, na in rows.values_list(
        "unit_assessment_id", "node__code", "stage", "points", "not_applicable"
    ):
        found[ua][code][entry_stage] = None if na else points
    outcomes: dict[int, dict[str, Decimal | None]] = {}
    for ua, leaves in found.items():
        outcomes[ua] = {}
        for code, by_stage in leaves.items():
            for s in (Stage.SURVEY, *order):
                if s in by_stage:
                    outcomes[ua][code] = by_stage[s]
                    break
    return outcomes


def assessment_results(
    assessment: Assessment, stage: str = "final", with_previous: bool = True
) -> Results:
    rubric = assessment.rubric
    areas = rubric.tree()
    outcomes = outcomes_by_unit(assessment, stage)
    units = []
    for ua in assessment.units.select_related("unit"):
        got = outcomes.get(ua.pk, {})
        units.append(
            UnitResult(
                ua.unit, ua.pk, unit_tally(areas, got), {a.code: tally(a, got) for a in areas}
            )
        )
    bands = rubric.band_list()
    for result, rank in zip(units, ranks(u.index for u in units), strict=True):
        result.rank, result.band = rank, band_of(result.index, bands)
    units.sort(key=lambda u: (u.rank is None, u.rank or 0, u.unit.name))
    if with_previous:
        _attach_previous(assessment, units)
    return Results(assessment, areas, units)


def _attach_previous(assessment: Assessment, units: list[UnitResult]) -> None:
    """The same units' published results of the year before (rubric copied from last year's)."""
    before = Assessment.objects.filter(
        rubric__level=assessment.rubric.level,
        rubric__province=assessment.rubric.province_id,
        year=assessment.year - 1,
        phase=Phase.PUBLISHED,
    ).first()
    if before is None:
        return
    previous = {r.unit.pk: r for r in assessment_results(before, with_previous=False).units}
    for result in units:
        result.previous = previous.get(result.unit.pk)


def evidence_counts(ua: UnitAssessment) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for node_id in Evidence.objects.filter(unit_assessment=ua).values_list("node_id", flat=True):
        counts[node_id] += 1
    return counts


@dataclass
class QueueItem:
    unit_assessment: UnitAssessment
    appraised: int  # leaves scored in the current round
    explained: int  # leaves the unit explained


def appraisal_queue(assessment: Assessment) -> list[QueueItem]:
    """Submitted units, those with the fewest leaves appraised in the current round first."""
    stage = {Phase.ROUND1: Stage.ROUND1, Phase.ROUND2: Stage.ROUND2}.get(Phase(assessment.phase))
    counts: dict[tuple[int, str], int] = defaultdict(int)
    rows = Entry.objects.filter(
        unit_assessment__assessment=assessment,
        stage__in=[Stage.ROUND1, Stage.ROUND2, Stage.EXPLANATION],
    )
    for ua, entry_stage in rows.values_list("unit_assessment_id", "stage"):
        counts[(ua, entry_stage)] += 1
    submitted = assessment.units.filter(status="submitted").select_related("unit")
    items = [
        QueueItem(ua, counts[(ua.pk, stage)] if stage else 0, counts[(ua.pk, Stage.EXPLANATION)])
        for ua in submitted
    ]
    return sorted(items, key=lambda i: (i.appraised, i.unit_assessment.unit.name))


def published_assessments() -> QuerySet[Assessment]:
    return Assessment.objects.filter(phase=Phase.PUBLISHED).select_related("rubric__province")


def uses_par(user: User) -> bool:
    """Whether the PAR index concerns `user`: Sở Nội vụ (appraisers) and staff of a unit with an
    assessment (the staff menu shows "Chỉ số CCHC" to them only)."""
    return bool(appraiser_provinces(user)) or own_unit_assessments(user).exists()

"""Writes of the PAR index: rubrics, opening an assessment, and every score of the yearly cycle.

Each write checks the phase and the unit's status first (ParError with a Vietnamese message when
refused, nothing changed), runs in one transaction with the row locked, and records a `Change`
row with who, when, before and after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import OrgUnit, User
from motcua.dossiers.attachments import files_removed_on_failure, inspect, remember_written
from motcua.lib.measures import Measure
from motcua.par import registry
from motcua.par.exchange import RubricData, check, rubric_to_dict
from motcua.par.models import (
    Assessment,
    Change,
    Entry,
    Evidence,
    Phase,
    Rubric,
    RubricNode,
    Stage,
    UnitAssessment,
    UnitStatus,
)
from motcua.par.scoring import Answer, Node, ScoringError, leaf_points

# The assessment's phases in order; each may only move to the next.
NEXT_PHASE = {
    Phase.SELF: Phase.ROUND1,
    Phase.ROUND1: Phase.EXPLAIN,
    Phase.EXPLAIN: Phase.ROUND2,
    Phase.ROUND2: Phase.PUBLISHED,
}
# Which stage may be written in which phase (the survey stage: any phase before publication).
STAGE_PHASES: dict[str, tuple[Phase, ...]] = {
    Stage.SELF: (Phase.SELF,),
    Stage.ROUND1: (Phase.ROUND1,),
    Stage.EXPLANATION: (Phase.EXPLAIN,),
    Stage.ROUND2: (Phase.ROUND2,),
    Stage.SURVEY: (Phase.SELF, Phase.ROUND1, Phase.EXPLAIN, Phase.ROUND2),
}


class ParError(ValidationError):
    """A refused action; the message is for the user."""


# -- rubrics ----------------------------------------------------------------


@transaction.atomic
def rubric_create(*, province: OrgUnit, data: RubricData, previous: Rubric | None = None) -> Rubric:
    """Store a checked rubric (RubricData comes from exchange, which refuses a bad one)."""
    check(data)
    rubric = Rubric.objects.create(
        province=province,
        name=data.name,
        level=data.level,
        year=data.year,
        decision=data.decision,
        sample=data.sample,
        previous=previous,
        bands=rubric_to_dict(data)["bands"],
        parts={k: str(v) for k, v in data.parts.items()},
    )
    position = 0

    def store(node: Node, parent: RubricNode | None) -> None:
        nonlocal position
        position += 1
        row = RubricNode.objects.create(
            rubric=rubric,
            parent=parent,
            position=position,
            code=node.code,
            name=node.name,
            max_points=node.maximum,
            method=node.method,
            params=node.params,
            measure=node.measure,
            is_leaf=node.is_leaf,
        )
        for child in node.children:
            store(child, row)

    for area in data.nodes:
        store(area, None)
    return rubric


def rubric_data(rubric: Rubric) -> RubricData:
    return RubricData(
        name=rubric.name,
        level=rubric.level,
        year=rubric.year,
        bands=rubric.band_list(),
        nodes=rubric.tree(),
        decision=rubric.decision,
        sample=rubric.sample,
        parts={k: Decimal(str(v)) for k, v in rubric.parts.items()},
    )


def rubric_publish(*, rubric: Rubric) -> Rubric:
    with transaction.atomic():
        locked = Rubric.objects.select_for_update().get(pk=rubric.pk)
        if locked.published_at is None:
            locked.published_at = timezone.now()
            locked.save(update_fields=["published_at"])
    return locked


def rubric_copy(*, rubric: Rubric, year: int) -> Rubric:
    """Next year's rubric: a draft copy of this one (the published one stays as it was)."""
    if Rubric.objects.filter(previous=rubric, year=year).exists():
        raise ParError(f"Đã có bản sao bộ tiêu chí này cho năm {year}.")
    data = rubric_data(rubric)
    data.year, data.name = year, _renamed(rubric.name, rubric.year, year)
    return rubric_create(province=rubric.province, data=data, previous=rubric)


def _renamed(name: str, old: int, new: int) -> str:
    return name.replace(str(old), str(new)) if str(old) in name else f"{name} ({new})"


# -- opening an assessment ----------------------------------------------------------------


@transaction.atomic
def assessment_open(
    *,
    rubric: Rubric,
    units: Iterable[OrgUnit],
    self_by: dt.date,
    explain_by: dt.date,
    results_by: dt.date,
    actor: User,
    name: str = "",
) -> Assessment:
    if not rubric.published:
        raise ParError("Bộ tiêu chí chưa được ban hành: ban hành trước khi mở kỳ đánh giá.")
    if not self_by <= explain_by <= results_by:
        raise ParError("Các hạn phải theo thứ tự: tự đánh giá ≤ giải trình ≤ công bố kết quả.")
    chosen = list(units)
    if not chosen:
        raise ParError("Chọn ít nhất một đơn vị được đánh giá.")
    assessment = Assessment.objects.create(
        rubric=rubric,
        name=name or f"Chỉ số CCHC năm {rubric.year} — {rubric.get_level_display()}",
        year=rubric.year,
        self_by=self_by,
        explain_by=explain_by,
        results_by=results_by,
        opened_by=actor,
        opened_at=timezone.now(),
    )
    UnitAssessment.objects.bulk_create(
        [UnitAssessment(assessment=assessment, unit=u) for u in chosen]
    )
    return assessment


# -- auto leaves ----------------------------------------------------------------


def _year_bounds(assessment: Assessment) -> tuple[dt.date, dt.date]:
    return dt.date(assessment.year, 1, 1), dt.date(assessment.year, 12, 31)


def auto_refresh(
    *, assessment: Assessment, unit_assessments: Iterable[UnitAssessment] | None = None
) -> int:
    """Fill every auto leaf from its measure for the assessment's year: the self stage for
    appraised leaves, the survey stage for survey leaves. Returns the number of entries written.
    A missing measure module is a ParError naming it."""
    assessment = Assessment.objects.get(pk=assessment.pk)  # the phase as it stands now
    if assessment.phase == Phase.PUBLISHED:
        raise ParError("Kết quả đã công bố: không cập nhật số liệu nữa.")
    targets = list(unit_assessments or assessment.units.select_related("unit"))
    leaves = list(
        RubricNode.objects.filter(rubric=assessment.rubric_id, is_leaf=True).exclude(measure="")
    )
    start, end = _year_bounds(assessment)
    try:
        with registry.shared_reads([leaf.measure for leaf in leaves]):
            measured = {
                key: registry.measure_units(key, [t.unit for t in targets], start, end)
                for key in {leaf.measure for leaf in leaves}
            }
    except registry.MeasureUnavailable as exc:
        raise ParError(str(exc)) from None
    with transaction.atomic():
        return _store_measures(targets, leaves, measured)


def _store_measures(
    targets: list[UnitAssessment], leaves: list[RubricNode], measured: dict[str, dict[int, Measure]]
) -> int:
    """Write the measured entries that changed, in a few statements for all units: the rows
    are locked, read once, and updated, created and logged in bulk."""
    ids = [t.pk for t in targets]
    locked = {ua.pk: ua for ua in UnitAssessment.objects.select_for_update().filter(pk__in=ids)}
    existing = {
        (e.unit_assessment_id, e.node_id, e.stage): e
        for e in Entry.objects.filter(unit_assessment_id__in=ids, node__in=leaves)
    }
    now, created, updated, changes = timezone.now(), [], [], []
    for target in targets:
        ua = locked[target.pk]
        for leaf in leaves:
            stage = Stage.SURVEY if leaf.is_survey else Stage.SELF
            if stage == Stage.SELF and ua.status == UnitStatus.SUBMITTED:
                continue  # what was submitted stays as submitted
            fields = _measured_fields(leaf, measured[leaf.measure][target.unit_id])
            entry = existing.get((ua.pk, leaf.pk, stage))
            if entry is not None and all(getattr(entry, k) == v for k, v in fields.items()):
                continue
            before = _snapshot(entry)
            if entry is None:
                entry = Entry(unit_assessment=ua, node=leaf, stage=stage, **fields, at=now)
                created.append(entry)
            else:
                for name, value in {**fields, "by": None, "at": now}.items():
                    setattr(entry, name, value)
                updated.append(entry)
            changes.append(
                Change(
                    unit_assessment=ua,
                    node=leaf,
                    stage=stage,
                    action="auto",
                    before=before,
                    after=_snapshot(entry),
                    at=now,
                )
            )
    Entry.objects.bulk_create(created, batch_size=1000)
    Entry.objects.bulk_update(updated, [*MEASURED_FIELDS, "by", "at"], batch_size=1000)
    Change.objects.bulk_create(changes, batch_size=1000)
    return len(changes)


MEASURED_FIELDS = (
    "value",
    "choice",
    "not_applicable",
    "auto",
    "points",
    "numerator",
    "denominator",
    "definition",
    "evidence_url",
)


def _measured_fields(leaf: RubricNode, m: Measure) -> dict[str, Any]:
    answer = Answer(value=m.value, not_applicable=m.value is None)
    return {
        "value": None if m.value is None else m.value.quantize(Decimal("0.0001")),
        "choice": "",
        "not_applicable": m.value is None,
        "auto": True,
        "points": None if m.value is None else _points(leaf, answer),
        "numerator": m.numerator,
        "denominator": m.denominator,
        "definition": m.definition,
        "evidence_url": m.evidence_url[:500],
    }


def _points(leaf: RubricNode, answer: Answer) -> Decimal:
    try:
        return leaf_points(leaf.method, leaf.max_points, leaf.params, answer)
    except ScoringError as exc:
        raise ParError(f"Tiêu chí {leaf.code}: {exc}") from None


def _snapshot(entry: Entry | None) -> dict[str, Any]:
    if entry is None:
        return {}
    return {
        "value": None if entry.value is None else str(entry.value.normalize()),
        "choice": entry.choice,
        "not_applicable": entry.not_applicable,
        "points": None if entry.points is None else str(entry.points),
        "comment": entry.comment,
    }


def _log(
    ua: UnitAssessment,
    node: RubricNode | None,
    stage: str,
    action: str,
    before: dict[str, Any],
    after: dict[str, Any],
    actor: User | None,
) -> None:
    Change.objects.create(
        unit_assessment=ua,
        node=node,
        stage=stage,
        action=action,
        before=before,
        after=after,
        by=actor,
        at=timezone.now(),
    )


# -- scores ----------------------------------------------------------------


def _check_stage(ua: UnitAssessment, leaf: RubricNode, stage: str, today: dt.date) -> None:
    assessment = ua.assessment
    if assessment.phase not in STAGE_PHASES[stage]:
        raise ParError(
            f"Kỳ đánh giá đang ở giai đoạn “{assessment.get_phase_display()}”: "
            f"chưa hoặc không còn nhận “{Stage(stage).label}”."
        )
    if not leaf.is_leaf or leaf.rubric_id != assessment.rubric_id:
        raise ParError("Chỉ chấm điểm tiêu chí thành phần (cấp cuối) của bộ tiêu chí này.")
    if leaf.is_survey != (stage == Stage.SURVEY) and stage != Stage.EXPLANATION:
        raise ParError(
            f"Tiêu chí {leaf.code} được chấm qua điều tra xã hội học, không tự chấm."
            if leaf.is_survey
            else f"Tiêu chí {leaf.code} không phải tiêu chí điều tra."
        )
    if stage == Stage.SELF:
        if ua.status == UnitStatus.SUBMITTED:
            raise ParError("Đơn vị đã gửi bản tự đánh giá; chỉ sửa được khi Sở Nội vụ trả lại.")
        if today > assessment.self_by:
            raise ParError(f"Đã quá hạn tự đánh giá ({assessment.self_by:%d/%m/%Y}).")
    if stage == Stage.EXPLANATION and today > assessment.explain_by:
        raise ParError(f"Đã quá hạn giải trình ({assessment.explain_by:%d/%m/%Y}).")
    if stage in (Stage.ROUND1, Stage.ROUND2) and ua.status != UnitStatus.SUBMITTED:
        raise ParError("Đơn vị chưa gửi bản tự đánh giá.")


def entry_save(
    *,
    unit_assessment: UnitAssessment,
    leaf: RubricNode,
    stage: str,
    actor: User,
    value: Decimal | None = None,
    choice: str = "",
    not_applicable: bool = False,
    comment: str = "",
) -> Entry:
    """A person's score for a leaf at a stage (self, round 1, round 2, survey) or an
    explanation (comment only). Auto leaves take only a comment at the self stage; an appraiser
    who gives other points than the unit must say why."""
    with transaction.atomic():
        ua = (
            UnitAssessment.objects.select_for_update()
            .select_related("assessment")
            .get(pk=unit_assessment.pk)
        )
        _check_stage(ua, leaf, stage, timezone.localdate())
        entry = Entry.objects.filter(unit_assessment=ua, node=leaf, stage=stage).first()
        before = _snapshot(entry)
        fields = _fields_for(
            ua, leaf, stage, entry, Answer(value, choice, not_applicable), comment.strip()
        )
        entry, _ = Entry.objects.update_or_create(
            unit_assessment=ua,
            node=leaf,
            stage=stage,
            defaults={**fields, "by": actor, "at": timezone.now()},
        )
        _log(ua, leaf, stage, "score", before, _snapshot(entry), actor)
    return entry


def _fields_for(
    ua: UnitAssessment,
    leaf: RubricNode,
    stage: str,
    entry: Entry | None,
    answer: Answer,
    comment: str,
) -> dict[str, Any]:
    if stage == Stage.EXPLANATION:
        if not comment:
            raise ParError("Nhập nội dung giải trình.")
        return {"comment": comment}
    if stage == Stage.SELF and leaf.measure:
        if entry is None:
            raise ParError(
                f"Tiêu chí {leaf.code} được hệ thống tự tính; chưa có số liệu để ghi chú."
            )
        return {"comment": comment}
    if answer.not_applicable:
        if not comment:
            raise ParError("Nêu lý do tiêu chí không áp dụng với đơn vị trong năm.")
        return {
            "value": None,
            "choice": "",
            "not_applicable": True,
            "points": None,
            "comment": comment,
        }
    points = _points(leaf, answer)
    if stage in (Stage.ROUND1, Stage.ROUND2) and not comment:
        earlier = previous_points(ua, leaf, stage)
        if earlier != points:
            raise ParError(
                f"Tiêu chí {leaf.code}: điểm thẩm định khác điểm {_earlier_label(stage)}, "
                "cần ghi nhận xét."
            )
    return {
        "value": answer.value,
        "choice": answer.choice,
        "not_applicable": False,
        "points": points,
        "comment": comment,
        "auto": False,
    }


def _earlier_label(stage: str) -> str:
    return "đơn vị tự chấm" if stage == Stage.ROUND1 else "thẩm định vòng 1"


def previous_points(ua: UnitAssessment, leaf: RubricNode, stage: str) -> Decimal | None:
    """The points standing before `stage`: round 1 falls back to the self score, round 2 to
    round 1."""
    order = [Stage.ROUND1, Stage.SELF] if stage == Stage.ROUND2 else [Stage.SELF]
    entries = {
        e.stage: e for e in Entry.objects.filter(unit_assessment=ua, node=leaf, stage__in=order)
    }
    for earlier in order:
        if earlier in entries:
            return entries[earlier].points
    return None


def evidence_add(
    *,
    unit_assessment: UnitAssessment,
    leaf: RubricNode,
    actor: User,
    upload: File | None = None,  # type: ignore[type-arg]
    reference: str = "",
) -> Evidence:
    """A file recognised by content (PDF, JPEG, PNG) or a reference to a document, at the self
    stage or with an explanation."""
    reference = reference.strip()
    if upload is None and not reference:
        raise ParError("Chọn tệp minh chứng hoặc nhập số, ký hiệu văn bản.")
    inspected = None
    if upload is not None:
        try:
            inspected = inspect(upload)
        except ValidationError as exc:
            raise ParError(exc.messages[0]) from None
    with files_removed_on_failure(), transaction.atomic():
        ua = (
            UnitAssessment.objects.select_for_update()
            .select_related("assessment")
            .get(pk=unit_assessment.pk)
        )
        stage = Stage.EXPLANATION if ua.assessment.phase == Phase.EXPLAIN else Stage.SELF
        _check_stage(
            ua, leaf, stage, timezone.localdate()
        ) if not leaf.is_survey else _refuse_survey(leaf)
        evidence = Evidence(
            unit_assessment=ua, node=leaf, reference=reference[:500], by=actor, at=timezone.now()
        )
        if upload is not None and inspected is not None:
            evidence.original_name = (getattr(upload, "name", "") or "tep").rsplit("/", 1)[-1][:255]
            evidence.content_type, evidence.size = inspected.content_type, inspected.size
            evidence.sha256 = inspected.sha256
            extension = inspected.content_type.rsplit("/", 1)[-1].replace("jpeg", "jpg")
            evidence.file.save(f"{inspected.sha256[:16]}.{extension}", upload, save=False)
            remember_written(evidence.file.name)
        evidence.save()
        _log(ua, leaf, stage, "evidence", {}, {"evidence": str(evidence)}, actor)
    return evidence


def _refuse_survey(leaf: RubricNode) -> None:
    raise ParError(f"Tiêu chí {leaf.code} được chấm qua điều tra xã hội học, không cần minh chứng.")


# -- the unit's submission and the phases ---------------------------------------------


def self_submit(*, unit_assessment: UnitAssessment, actor: User) -> UnitAssessment:
    """The leader sends the self-assessment, its auto leaves refreshed first."""
    if unit_assessment.status != UnitStatus.SUBMITTED:
        auto_refresh(assessment=unit_assessment.assessment, unit_assessments=[unit_assessment])
    with transaction.atomic():
        ua = (
            UnitAssessment.objects.select_for_update()
            .select_related("assessment")
            .get(pk=unit_assessment.pk)
        )
        if ua.assessment.phase != Phase.SELF:
            raise ParError("Kỳ đánh giá không còn ở giai đoạn tự đánh giá.")
        if ua.status == UnitStatus.SUBMITTED:
            raise ParError("Bản tự đánh giá đã được gửi.")
        missing = missing_leaves(ua)
        if missing:
            raise ParError(
                f"Còn {len(missing)} tiêu chí chưa chấm: " + ", ".join(missing[:10]) + "."
            )
        before = {"status": ua.status}
        ua.status, ua.submitted_at, ua.submitted_by = UnitStatus.SUBMITTED, timezone.now(), actor
        ua.save(update_fields=["status", "submitted_at", "submitted_by"])
        _log(ua, None, Stage.SELF, "submit", before, {"status": ua.status}, actor)
    return ua


def missing_leaves(ua: UnitAssessment) -> list[str]:
    """Codes of the leaves the unit must still self-score (survey and auto leaves excluded)."""
    given = set(
        Entry.objects.filter(unit_assessment=ua, stage=Stage.SELF).values_list("node_id", flat=True)
    )
    leaves = RubricNode.objects.filter(rubric=ua.assessment.rubric_id, is_leaf=True, measure="")
    return [leaf.code for leaf in leaves.exclude(method="survey") if leaf.pk not in given]


def unit_return(*, unit_assessment: UnitAssessment, actor: User, note: str) -> UnitAssessment:
    """Sở Nội vụ sends a submitted self-assessment back to the unit, saying what to complete."""
    if not note.strip():
        raise ParError("Nêu nội dung đơn vị cần bổ sung khi trả lại.")
    with transaction.atomic():
        ua = (
            UnitAssessment.objects.select_for_update()
            .select_related("assessment")
            .get(pk=unit_assessment.pk)
        )
        if ua.assessment.phase != Phase.SELF or ua.status != UnitStatus.SUBMITTED:
            raise ParError("Chỉ trả lại bản tự đánh giá đã gửi, trong giai đoạn tự đánh giá.")
        ua.status, ua.return_note = UnitStatus.RETURNED, note.strip()
        ua.save(update_fields=["status", "return_note"])
        _log(
            ua,
            None,
            Stage.SELF,
            "return",
            {"status": UnitStatus.SUBMITTED},
            {"status": ua.status, "note": ua.return_note},
            actor,
        )
    return ua


def phase_advance(*, assessment: Assessment, actor: User) -> Assessment:
    """Close the current phase and open the next (publication has its own function)."""
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        following = NEXT_PHASE.get(Phase(locked.phase))
        if following is None or following == Phase.PUBLISHED:
            raise ParError("Giai đoạn này kết thúc bằng việc công bố kết quả.")
        if (
            locked.phase == Phase.SELF
            and not locked.units.filter(status=UnitStatus.SUBMITTED).exists()
        ):
            raise ParError("Chưa đơn vị nào gửi bản tự đánh giá.")
        locked.phase = following
        locked.save(update_fields=["phase"])
        for ua in locked.units.all():
            _log(ua, None, "", "phase", {"phase": assessment.phase}, {"phase": following}, actor)
    return locked


def assessment_publish(
    *, assessment: Assessment, number: str, date: dt.date, signer: str, actor: User
) -> Assessment:
    """Publish the results by a decision; after this nothing of the assessment changes."""
    if not number.strip() or not signer.strip():
        raise ParError("Nhập số quyết định và người ký.")
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.phase != Phase.ROUND2:
            raise ParError("Chỉ công bố sau thẩm định vòng 2.")
        locked.phase, locked.published_at = Phase.PUBLISHED, timezone.now()
        locked.decision_number, locked.decision_date = number.strip(), date
        locked.decision_signer = signer.strip()
        locked.save(
            update_fields=[
                "phase",
                "published_at",
                "decision_number",
                "decision_date",
                "decision_signer",
            ]
        )
        for ua in locked.units.all():
            _log(ua, None, "", "publish", {}, {"decision": locked.decision_number}, actor)
    return locked

"""Reads of satisfaction: per-dossier ratings aggregated, survey indexes, 766 component 5.4."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core import signing
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from motcua.dossiers.models import Dossier, DossierEvent
from motcua.feedback.selectors import pakn_about_dossiers
from motcua.surveys.models import (
    DISLIKE_LEVELS,
    Answer,
    Campaign,
    Criterion,
    Element,
    Invitation,
    Level,
    Rating,
)
from motcua.surveys.services import INVITATION_SALT

SATISFIED = (Level.SATISFIED, Level.VERY_SATISFIED)


def _share(part: int, whole: int) -> Decimal | None:
    """A percentage to 2 decimals; None ("N/A") when nothing was counted."""
    if whole == 0:
        return None
    return (Decimal(100 * part) / whole).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _mean(values: Iterable[Decimal | None]) -> Decimal | None:
    known = [v for v in values if v is not None]
    if not known:
        return None
    return (sum(known, Decimal(0)) / len(known)).quantize(Decimal("0.01"), ROUND_HALF_UP)


# -- per-dossier ratings -------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingRow:
    key: object
    label: str
    total: int
    by_level: dict[int, int]
    satisfied_share: Decimal | None  # hài lòng + rất hài lòng, in %


GROUPINGS = {
    "unit": ("dossier__receiving_unit", "dossier__receiving_unit__name"),
    "procedure": ("dossier__procedure_version__procedure", "dossier__procedure_version__name"),
    "officer": ("officer", "officer_name"),
}


def ratings_in(unit_ids: Iterable[int], start: dt.datetime, end: dt.datetime) -> QuerySet[Rating]:
    return Rating.objects.filter(
        dossier__receiving_unit_id__in=list(unit_ids), at__gte=start, at__lt=end
    )


def rating_summary(
    by: str, unit_ids: Iterable[int], start: dt.datetime, end: dt.datetime
) -> list[RatingRow]:
    """Ratings given in [start, end) grouped by receiving unit, procedure or receiving officer
    (the officer who recorded the receipt: the one the citizen met at the counter)."""
    key, label = GROUPINGS[by]
    rows = ratings_in(unit_ids, start, end)
    if by == "officer":
        receipt = DossierEvent.objects.filter(dossier=OuterRef("dossier"), action="receive")
        rows = rows.annotate(
            officer=receipt.values("actor")[:1], officer_name=receipt.values("actor_label")[:1]
        )
    counts = rows.values(key, label, "level").annotate(n=Count("pk")).order_by(label)
    grouped: dict[object, tuple[str, dict[int, int]]] = {}
    for row in counts:
        _, levels = grouped.setdefault(row[key], (row[label] or "—", {}))
        levels[row["level"]] = row["n"]
    return [
        RatingRow(k, name, sum(levels.values()), levels,
                  _share(sum(levels.get(lv, 0) for lv in SATISFIED), sum(levels.values())))
        for k, (name, levels) in grouped.items()
    ]  # fmt: skip


# -- 766 component 5.4 ----------------------------------------------------------------------------
#
# Satisfaction with receipt and processing (5.4 in the national numbering, 5.3 in the points
# table), one definition for the index and these pages:
#   5.4 = 100% − (late rate + rate of dossiers that drew a PAKN or a dislike), target 90%,
# over the dossiers judged by 2.1 (received in the period, or earlier and still processed in
# it). A dossier both late and disliked counts once; N/A only when no dossier was judged — not
# when none was rated. "Dislike": the two lowest of the five levels (DISLIKE_LEVELS).


def drew_complaint_or_dislike(before: dt.datetime, dossier_ref: str = "pk") -> Q:
    """Dossiers (or rows pointing at one through `dossier_ref`) rated in one of the two lowest
    levels, or named by a PAKN (not refused) received before `before`."""
    disliked = Rating.objects.filter(dossier=OuterRef(dossier_ref), level__in=DISLIKE_LEVELS)
    complained = pakn_about_dossiers(before).filter(dossier=OuterRef(dossier_ref))
    return Q(Exists(disliked)) | Q(Exists(complained))


def processing_satisfaction(judged: int, late: int, complained_on_time: int) -> tuple[int, int]:
    """(numerator, denominator) of 5.4: the judged dossiers neither late nor complained about
    (or disliked), over the judged dossiers; the caller scores it against 90%."""
    return judged - late - complained_on_time, judged


def processing_satisfaction_complaints(
    unit_ids: Iterable[int], start: dt.datetime, end: dt.datetime
) -> tuple[int, int, list[int]]:
    """(dossiers that drew a complaint or a dislike, dossiers received, ids of the former) for
    dossiers received in [start, end) by a unit of `unit_ids` (`drew_complaint_or_dislike`)."""
    dossiers = Dossier.objects.filter(
        receiving_unit_id__in=list(unit_ids), received_at__gte=start, received_at__lt=end
    )
    ids = list(dossiers.filter(drew_complaint_or_dislike(end)).values_list("pk", flat=True))
    return len(ids), dossiers.count(), ids


# -- survey campaigns ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionIndex:
    criterion: Criterion
    valid: int
    satisfied: int
    index: Decimal | None


@dataclass(frozen=True)
class ElementIndex:
    element: Element
    criteria: list[CriterionIndex]
    index: Decimal | None


@dataclass(frozen=True)
class CampaignIndex:
    campaign: Campaign
    answered: int
    elements: list[ElementIndex]
    index: Decimal | None  # the unit's index: mean of the element indexes


def campaign_index(campaign: Campaign) -> CampaignIndex:
    """Index of a criterion = share of hài lòng + rất hài lòng among its valid answers;
    of an element = mean of its criteria; of the unit = mean of the elements (DOMAIN.md §8).
    Criteria or elements without any valid answer are left out of the means."""
    answers = Answer.objects.filter(invitation__campaign=campaign)
    counts = {
        row["criterion"]: row
        for row in answers.values("criterion").annotate(
            valid=Count("pk"), satisfied=Count("pk", filter=Q(level__in=SATISFIED))
        )
    }
    elements = []
    for element in campaign.questionnaire.elements.prefetch_related("criteria"):  # type: ignore[attr-defined]
        criteria = []
        for criterion in element.criteria.all():
            row = counts.get(criterion.pk, {"valid": 0, "satisfied": 0})
            criteria.append(CriterionIndex(criterion, row["valid"], row["satisfied"],
                                           _share(row["satisfied"], row["valid"])))  # fmt: skip
        elements.append(ElementIndex(element, criteria, _mean(c.index for c in criteria)))
    answered = campaign.invitations.filter(answered_at__isnull=False).count()
    return CampaignIndex(campaign, answered, elements, _mean(e.index for e in elements))


def invitation_from_token(token: str) -> Invitation:
    try:
        pk = signing.loads(token, salt=INVITATION_SALT)
    except signing.BadSignature:
        raise Http404 from None
    found = Invitation.objects.select_related("campaign__questionnaire").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def campaigns_for_units(unit_ids: Iterable[int]) -> QuerySet[Campaign]:
    return Campaign.objects.filter(unit_id__in=list(unit_ids)).select_related("unit")

"""The dossiers behind every figure: the same definitions as the counters, read from facts."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from motcua.dossiers.models import Channel
from motcua.reports.models import DossierFact, FinishKind
from motcua.reports.periods import Period
from motcua.reports.selectors import (
    OPEN_FIELDS,
    UNSETTLED,
    could_be_late_or_paused,
    judged_late_at,
    open_facts,
    open_state,
    units_q,
)

ENTERED = {
    "received": Q(),
    "received_counter": Q(channel=Channel.COUNTER),
    "received_post": Q(channel=Channel.POST),
    "received_online_self": Q(channel=Channel.ONLINE, assisted=False),
    "received_online_assisted": Q(channel=Channel.ONLINE, assisted=True),
    "online_qualified": Q(online_qualified=True),
    "digitised": Q(digitised=True),
}
RESOLVED = Q(finish_kind=FinishKind.RESOLVED)
PAPER = RESOLVED & Q(procedure_version__paper_result_required=True)
FINISHED = {
    "finished": Q(),
    "resolved": RESOLVED,
    "resolved_early": RESOLVED & Q(timing="early"),
    "resolved_on_time": RESOLVED & Q(timing="on_time"),
    "resolved_late": RESOLVED & Q(timing="late"),
    "refused": Q(finish_kind=FinishKind.REFUSED),
    "stopped": Q(finish_kind=FinishKind.STOPPED),
    "withdrawn": Q(finish_kind=FinishKind.WITHDRAWN),
    "finished_on_time": Q(on_time=True),
    "finished_late": Q(on_time=False),
    # 4.1 (table 6.1): results of procedures that require a paper result, and of them the
    # electronic ones (a result file).
    "paper_results": PAPER,
    "electronic_results": PAPER & Q(electronic_result=True),
}
OPEN = ("in_time", "overdue", "paused", "late_at_end", "on_time_at_end", "open")
# The 766 figures that are unions of the above: 2.1 judges every dossier finished in the
# period and every one still open at its end.
UNIONS = {
    "judged": ("finished", "open"),
    "judged_on_time": ("finished_on_time", "on_time_at_end"),
    "judged_late": ("finished_late", "late_at_end"),
}
# 5.4 (table 5.3): judged late, or on time but drew a PAKN or a dislike; and the others.
SATISFACTION = ("dissatisfied", "satisfied")
FIGURES = (*ENTERED, *FINISHED, *OPEN, "carried", *UNIONS, *SATISFACTION)


def dossiers_for(unit_ids: Iterable[int], period: Period, figure: str) -> QuerySet[DossierFact]:
    """The facts counted by `figure` for these units and this period (KeyError if unknown)."""
    ids = list(unit_ids)
    scope = DossierFact.objects.filter(units_q(ids)).select_related("dossier")
    if figure in ENTERED:
        return scope.filter(
            ENTERED[figure], entered_at__gte=period.start, entered_at__lt=period.end
        )
    if figure in FINISHED:
        return scope.filter(
            FINISHED[figure], finished_at__gte=period.start, finished_at__lt=period.end
        )
    if figure in UNIONS:
        return scope.filter(pk__in=_union(ids, period, UNIONS[figure]))
    if figure in SATISFACTION:
        bad = _union(ids, period, ("judged_late",)) | complained(ids, period)
        if figure == "dissatisfied":
            return scope.filter(pk__in=bad)
        return scope.filter(pk__in=_union(ids, period, ("judged",)) - bad)
    if figure == "carried":
        return open_facts(units_q(ids), period.start).select_related("dossier")
    if figure not in OPEN:
        raise KeyError(figure)
    return scope.filter(pk__in=_open_pks(ids, period, figure))


def _union(ids: list[int], period: Period, parts: Iterable[str]) -> set[int]:
    pks: set[int] = set()
    for part in parts:
        pks |= set(dossiers_for(ids, period, part).values_list("pk", flat=True))
    return pks


def complained(ids: list[int], period: Period) -> set[int]:
    """5.4: dossiers judged in the period (2.1) that drew a PAKN before its end or were rated in
    one of the two lowest levels (`surveys.selectors.drew_complaint_or_dislike`)."""
    from motcua.surveys.selectors import drew_complaint_or_dislike

    judged = DossierFact.objects.filter(pk__in=_union(ids, period, ("judged",)))
    return set(
        judged.filter(drew_complaint_or_dislike(period.end, "dossier")).values_list("pk", flat=True)
    )


def _open_pks(
    ids: list[int], period: Period, figure: str
) -> "QuerySet[DossierFact, int] | list[int]":
    """Open at the period end, by state. Only the dossiers that could be paused or late are
    read into Python (`selectors.could_be_late_or_paused`); "in time" is the rest."""
    end = period.end
    opened = open_facts(units_q(ids), end)
    if figure == "open":
        return opened.values_list("pk", flat=True)
    maybe = opened.filter(could_be_late_or_paused(end)).only(*OPEN_FIELDS)
    if figure == "in_time":
        other = [fact.pk for fact in maybe if open_state(fact, end) != "in_time"]
        return opened.exclude(pk__in=other).values_list("pk", flat=True)
    if figure == "on_time_at_end":  # open and judged on time at the end (2.1)
        late = [fact.pk for fact in maybe if judged_late_at(fact, end)]
        return opened.exclude(pk__in=late).values_list("pk", flat=True)
    if figure == "late_at_end":
        # Judged when a pause began (before the end) or at the end: a settled dossier whose
        # appointment is not past at the end cannot be late, paused or not.
        could_be_late = opened.filter(Q(due_at__lt=end) | UNSETTLED).only(*OPEN_FIELDS)
        return [fact.pk for fact in could_be_late if judged_late_at(fact, end)]
    return [fact.pk for fact in maybe if open_state(fact, end) == figure]

"""The dossiers behind every figure: the same definitions as the counters, read from facts."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from motcua.dossiers.models import Channel
from motcua.reports.models import DossierFact, FinishKind
from motcua.reports.periods import Period
from motcua.reports.selectors import (
    OPEN_FIELDS,
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
    "judged_on_time": Q(on_time=True),
    "finished_late": Q(on_time=False),
    "electronic_results": RESOLVED & Q(electronic_result=True),
}
OPEN = ("in_time", "overdue", "paused", "late_at_end", "open")
# The 766 figures that are unions of the above.
UNIONS = {
    "judged": ("finished", "late_at_end"),
    "judged_late": ("finished_late", "late_at_end"),
}
FIGURES = (*ENTERED, *FINISHED, *OPEN, "carried", *UNIONS)


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
        pks: set[int] = set()
        for part in UNIONS[figure]:
            pks |= set(dossiers_for(ids, period, part).values_list("pk", flat=True))
        return scope.filter(pk__in=pks)
    if figure == "carried":
        return open_facts(units_q(ids), period.start).select_related("dossier")
    if figure not in OPEN:
        raise KeyError(figure)
    return scope.filter(pk__in=_open_pks(ids, period, figure))


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
    if figure == "late_at_end":
        return [fact.pk for fact in maybe if judged_late_at(fact, end)]
    return [fact.pk for fact in maybe if open_state(fact, end) == figure]

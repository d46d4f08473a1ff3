"""Reads for reports, dashboards and the public page: sums over rollups, and the facts of
the few dossiers still open at a period's end (docs/reports.md has every definition)."""

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BigIntegerField, BooleanField, Count, F, Q, QuerySet, Sum, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from motcua.accounts.models import OrgUnit
from motcua.catalog.models import ProcedureVersion
from motcua.reports.facts import due_in_force
from motcua.reports.models import (
    COUNTERS,
    END_COUNTERS,
    DossierFact,
    Grain,
    Rollup,
    RollupState,
)
from motcua.reports.periods import Period, before_q, midnight, span_q
from motcua.workdays.timecalc import ZONE

ONE_WORKING_DAY = 480
RECEIVED = ("received_counter", "received_post", "received_online_self", "received_online_assisted")
RESOLVED = ("resolved_early", "resolved_on_time", "resolved_late")
FINISHED = (*RESOLVED, "refused", "stopped", "withdrawn")
OPEN_STATES = ("in_time", "overdue", "paused")
FIGURE_NAMES = frozenset((*COUNTERS, *OPEN_STATES, "carried", "late_at_end"))


@dataclass
class Figures:
    """One row of the period report; `counts` holds the rollup counters and the open states."""

    label: str
    key: object = None
    counts: Counter[str] = field(default_factory=Counter)

    def __getitem__(self, name: str) -> int:
        # Only figure names: templates try `row["counts"]` before the attribute.
        if name not in FIGURE_NAMES:
            raise KeyError(name)
        return self.counts[name]

    @property
    def received(self) -> int:
        return sum(self.counts[n] for n in RECEIVED)

    @property
    def received_online(self) -> int:
        return self.counts["received_online_self"] + self.counts["received_online_assisted"]

    @property
    def resolved(self) -> int:
        return sum(self.counts[n] for n in RESOLVED)

    @property
    def in_progress(self) -> int:
        return self.counts["in_time"] + self.counts["overdue"]

    @property
    def average_days(self) -> float | None:
        if not self.resolved:
            return None
        return round(self.counts["processing_minutes"] / self.resolved / ONE_WORKING_DAY, 2)

    def balanced(self) -> bool:
        """carried over + received = resolved + in progress + paused + refused + stopped +
        withdrawn."""
        c = self.counts
        out = self.resolved + self.in_progress + c["paused"]
        return c["carried"] + self.received == out + c["refused"] + c["stopped"] + c["withdrawn"]


def units_q(unit_ids: Iterable[int], prefix: str = "") -> Q:
    """Received or decided by one of these units (one array parameter each on PostgreSQL:
    motcua.lib.lookups)."""
    ids = list(unit_ids)
    return Q(**{f"{prefix}receiving_unit_id__any_of": ids}) | Q(
        **{f"{prefix}deciding_unit_id__any_of": ids}
    )


def rollup_sums(where: Q, *group: str) -> dict[tuple[object, ...], Counter[str]]:
    """The counters of the rollup rows `where`, summed by `group`."""
    width = len(group)
    return {
        tuple(row[:width]): Counter(dict(zip(COUNTERS, row[width:], strict=True)))
        for row in rollup_rows(where, *group)
    }


def rollup_rows(where: Q, *group: str) -> list[tuple[Any, ...]]:
    """`rollup_sums` as plain rows: the values of `group`, then the sums of `COUNTERS` in
    their order. Read through a plain cursor: a province has thousands of keys, and the ORM's
    conversion of their 25 sums each (a SUM of a bigint is a numeric in PostgreSQL, cast back
    here) cost more than the query."""
    sums = {f"s_{n}": Cast(Sum(n), BigIntegerField()) for n in COUNTERS}
    query = Rollup.objects.filter(where).values(*group).annotate(**sums).order_by()
    try:
        sql, params = query.query.sql_with_params()
    except EmptyResultSet:  # no unit, no day: nothing to read
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def key_sums(where: Q, period: Period) -> list[tuple[Any, ...]]:
    """The period's rollup counters by (receiving unit, deciding unit, procedure version), the
    keys of `open_counts`, as `rollup_rows`: one read that the 766 ranking's sums, its group 3
    and group 4 share."""
    return rollup_rows(where & span_q(period.first, period.after), *OPEN_KEYS)


def open_facts(where: Q, end: dt.datetime) -> QuerySet[DossierFact]:
    """Dossiers entered before `end` and not finished by then."""
    return DossierFact.objects.filter(where, _open_q(end))


def open_pause(fact: DossierFact, end: dt.datetime) -> dt.datetime | None:
    """When the pause the dossier is in at `end` began (supplement or fees), or None."""
    for start, stop in fact.pauses:
        began = dt.datetime.fromisoformat(start)
        if began < end and (stop is None or dt.datetime.fromisoformat(stop) >= end):
            return began
    return None


UNSETTLED = Q(supplement_count__gt=1) | ~Q(reschedules=[])
# Never paused and settled: such a dossier is late exactly when its stored appointment passed.
SIMPLE = Q(pauses=[]) & ~UNSETTLED

_T = '"reports_dossierfact".'  # qualified: these queries may join the dossier (due_at there too)
# The pause a fact is in at a moment (`open_pause`), read in PostgreSQL from the JSON list of
# [start, stop] pairs: its start, or NULL.
_PAUSE_AT = (
    '(SELECT (p->>0)::timestamptz FROM jsonb_array_elements("reports_dossierfact".pauses) AS p '
    "WHERE (p->>0)::timestamptz < %s AND (p->>1 IS NULL OR (p->>1)::timestamptz >= %s) LIMIT 1)"
)
# Tested first, so that the list is read only for the facts that were ever paused.
_NEVER_PAUSED = "\"reports_dossierfact\".pauses = '[]'::jsonb"


def judged_in_sql() -> Q:
    """The facts whose state at a moment the database can tell: on PostgreSQL all of them —
    pauses, supplement requests and reschedules are read from their JSON lists there;
    elsewhere only those never paused and settled. The rest are read and judged one by one
    (`open_state`)."""
    return Q() if connection.vendor == "postgresql" else SIMPLE


def settled_in_sql() -> Q:
    """The settled facts (at most one supplement request, no reschedule) whose state at a
    moment the database tells by their stored appointment: on PostgreSQL pauses included."""
    return ~UNSETTLED if connection.vendor == "postgresql" else SIMPLE


def not_paused_at_q(end: dt.datetime) -> Q:
    if connection.vendor != "postgresql":
        return Q()
    return Q(RawSQL(f"({_NEVER_PAUSED} OR {_PAUSE_AT} IS NULL)", [end, end], BooleanField()))


_SETTLED = f"({_T}supplement_count <= 1 AND {_T}reschedules = '[]'::jsonb)"


def _late_at_sql(moment: str, params: list[Any]) -> tuple[str, list[Any]]:
    """`late_at(fact, M)` in PostgreSQL for any fact, M an SQL expression of `params`: more
    than one supplement request made by M, or the appointment in force at M (a later
    reschedule undone) passed before M."""
    supplements = (
        f"(SELECT count(*) FROM jsonb_array_elements_text({_T}supplements) AS s(at) "
        f"WHERE s.at::timestamptz <= {moment})"
    )
    due = (
        "COALESCE((SELECT (x.r->>1)::timestamptz FROM jsonb_array_elements("
        f"{_T}reschedules) WITH ORDINALITY AS x(r, i) WHERE (x.r->>0)::timestamptz > {moment} "
        f"ORDER BY x.i LIMIT 1), {_T}due_at)"
    )
    return f"({supplements} > 1 OR {due} < {moment})", params * 3


def _late_by_sql(moment: str, params: list[Any]) -> tuple[str, list[Any]]:
    """`late_at(fact, M)` in PostgreSQL, the settled facts by their stored appointment (M an
    SQL expression of `params`)."""
    late, late_params = _late_at_sql(moment, params)
    sql = f"COALESCE(CASE WHEN {_SETTLED} THEN {_T}due_at < {moment} ELSE {late} END, false)"
    return sql, [*params, *late_params]


def judged_late_q(end: dt.datetime) -> Q:
    """`judged_late_at(fact, end)` for the facts of `judged_in_sql` open at `end`: late
    (`late_at`) at the start of the pause they are in, or at the end."""
    if connection.vendor != "postgresql":
        return Q(due_at__lt=end)
    moment = f"(CASE WHEN {_NEVER_PAUSED} THEN %s ELSE COALESCE({_PAUSE_AT}, %s) END)"
    return Q(RawSQL(*_late_by_sql(moment, [end, end, end, end]), BooleanField()))


def could_be_late_or_paused(end: dt.datetime) -> Q:
    """The facts an open dossier must match to be paused or late at `end` (a superset: the
    rest are in time without reading them)."""
    return ~Q(pauses=[]) | Q(due_at__lt=end) | UNSETTLED


OPEN_FIELDS = (
    "supplement_count",
    "receiving_unit_id",
    "deciding_unit_id",
    "procedure_version_id",
    "entered_at",
    "finished_at",
    "pauses",
    "supplements",
    "reschedules",
    "due_at",
)


def open_state(fact: DossierFact, end: dt.datetime) -> str:
    """paused / overdue / in_time at `end`."""
    if open_pause(fact, end) is not None:
        return "paused"
    if late_at(fact, end):
        return "overdue"
    return "in_time"


def late_at(fact: DossierFact, moment: dt.datetime) -> bool:
    """An unfinished dossier judged at `moment` (DOMAIN.md §6, 2.1): past its appointment, or
    with more than one supplement request made by then."""
    if _supplements_by(fact, moment) > 1:
        return True
    due = due_in_force(fact, moment)
    return due is not None and due < moment


def judged_late_at(fact: DossierFact, end: dt.datetime) -> bool:
    """2.1 for a dossier unfinished at the period end: judged at the end, or, when it is paused
    then (a supplement request, fees), at the moment the pause began — the clock stopped there.
    Not late ⇒ on time: an open dossier within its appointment counts as on time."""
    return late_at(fact, open_pause(fact, end) or end)


def late_at_end_counts(where: Q, end: dt.datetime, *keys: str) -> Counter[tuple[Any, ...]]:
    """Dossiers open at `end` and judged late there (`judged_late_at`), counted by `keys`.

    Only two kinds can be: past the stored appointment, or unsettled. The settled ones are
    judged in the database (`settled_in_sql`) through the late-span index; only the others are
    read and judged one by one."""
    found: Counter[tuple[Any, ...]] = Counter()
    month = closed_month(end)
    if month is not None:  # read from the month's end rows
        kept = Rollup.objects.filter(where, grain=Grain.MONTH_END, day=month, end_late__gt=0)
        for row in kept.values(*keys).annotate(n=Sum("end_late")).order_by():
            found[tuple(row[k] for k in keys)] += row["n"]
        return found
    in_sql = settled_in_sql()
    simple = DossierFact.objects.filter(where, in_sql, _late_across(end), judged_late_q(end))
    if keys:
        for row in simple.values(*keys).annotate(n=Count("pk")).order_by():
            found[tuple(row[k] for k in keys)] += row["n"]
    else:
        found[()] = simple.count()
    could_be_late = open_facts(where, end).exclude(in_sql).filter(Q(due_at__lt=end) | UNSETTLED)
    for fact in could_be_late.only(*OPEN_FIELDS):
        if judged_late_at(fact, end):
            found[tuple(getattr(fact, k) for k in keys)] += 1
    return found


def _supplements_by(fact: DossierFact, moment: dt.datetime) -> int:
    return sum(dt.datetime.fromisoformat(at) <= moment for at in fact.supplements)


# Received less finished: summed over the days before a period, the dossiers carried into it.
_STILL = sum((F(n) for n in RECEIVED), Value(0)) - sum((F(n) for n in FINISHED), Value(0))
GROUPS = {"procedure": "procedure_version_id", "unit": "deciding_unit_id", "all": None}


OpenCounts = dict[tuple[object, ...], Counter[str]]


def period_report(
    unit_ids: Iterable[int],
    period: Period,
    by: str = "procedure",
    *,
    opened: OpenCounts | None = None,
) -> list[Figures]:
    """Rows of the period report (by procedure, sector or deciding unit) and a total, last.
    `opened`: `open_counts` at the period's end, when the caller already has them."""
    ids = list(unit_ids)
    keys = ("deciding_unit_id", "procedure_version_id")
    within = rollup_sums(units_q(ids) & span_q(period.first, period.after), *keys)
    rows: dict[tuple[object, ...], Counter[str]] = defaultdict(Counter)
    for key, counts in within.items():
        rows[key].update(counts)
    # Carried over: received before the period less finished before it, one sum per key.
    before = Rollup.objects.filter(units_q(ids) & before_q(period.first)).values(*keys)
    for row in before.annotate(still=Sum(_STILL)).order_by():
        rows[(row["deciding_unit_id"], row["procedure_version_id"])]["carried"] += row["still"]
    if opened is None:
        opened = open_counts(ids, period.end)
    for (_, deciding, version), counts in opened.items():
        rows[(deciding, version)].update(counts)
    return _grouped(rows, by)


def open_counts(unit_ids: Iterable[int], end: dt.datetime) -> OpenCounts:
    """The dossiers of these units open at `end`, by (receiving unit, deciding unit, procedure
    version): in time / overdue / paused (`open_state`), and `late_at_end` — judged late there
    (`judged_late_at`, 766 component 2.1). At a closed month's end they are read from its
    MONTH_END rows, otherwise judged now (`open_counts_where`)."""
    where = units_q(unit_ids)
    month = closed_month(end)
    if month is None:
        return open_counts_where(where, end)
    rows: OpenCounts = defaultdict(Counter)
    kept = Rollup.objects.filter(where, grain=Grain.MONTH_END, day=month).values_list(
        *OPEN_KEYS, *END_COUNTERS
    )
    for receiving, deciding, version, *values in kept:
        rows[(receiving, deciding, version)] = Counter(
            {name: n for name, n in zip(OPEN_NAMES, values, strict=True) if n}
        )
    return rows


# What `open_counts` is keyed by, and the names it counts, in the order of the MONTH_END
# counters that hold them (`models.END_COUNTERS`).
OPEN_KEYS = ("receiving_unit_id", "deciding_unit_id", "procedure_version_id")
OPEN_NAMES = ("in_time", "overdue", "paused", "late_at_end")


def ended_month(end: dt.datetime) -> dt.date | None:
    """The month that ends at `end`, when `end` is a month's end."""
    local = end.astimezone(ZONE)
    if local.day != 1 or local != midnight(local.date()):
        return None
    return (local.date() - dt.timedelta(days=1)).replace(day=1)


def months_closed() -> dt.date | None:
    """The last month whose MONTH_END rows are written (`rollups.close_months`)."""
    return RollupState.objects.filter(pk=1).values_list("months_closed", flat=True).first()


def closed_month(end: dt.datetime) -> dt.date | None:
    """The month that ends at `end` when its MONTH_END rows are written, else None."""
    month = ended_month(end)
    if month is None:
        return None
    closed = months_closed()
    return month if closed is not None and month <= closed else None


def open_counts_where(where: Q, end: dt.datetime) -> OpenCounts:
    """`open_counts` judged from the facts: on PostgreSQL all in the database
    (`judged_in_sql`); on SQLite the dossiers ever paused or unsettled (a second supplement
    request, a reschedule) are read and judged one by one."""
    rows: OpenCounts = defaultdict(Counter)
    for *keys, n, paused, overdue, late in _open_rows(where, end):
        counts = rows[tuple(keys)]
        counts["in_time"] += n - paused - overdue
        counts["paused"] += paused
        counts["overdue"] += overdue
        counts["late_at_end"] += late
    if connection.vendor == "postgresql":
        return rows  # every fact judged above
    for fact in open_facts(where, end).exclude(judged_in_sql()).only(*OPEN_FIELDS):
        key = (fact.receiving_unit_id, fact.deciding_unit_id, fact.procedure_version_id)
        state = open_state(fact, end)
        if state != "in_time":
            rows[key]["in_time"] -= 1
            rows[key][state] += 1
        rows[key]["late_at_end"] += int(judged_late_at(fact, end))
    return rows


def _open_rows(where: Q, end: dt.datetime) -> list[tuple[Any, ...]]:
    """(receiving unit, deciding unit, version, open, paused, overdue, late at `end`) of the
    facts open at `end`; on SQLite the counts only of those of `judged_in_sql` — never paused
    and settled, so late there exactly when their stored appointment passed."""
    if connection.vendor == "postgresql":
        return _open_rows_postgres(where, end)
    late = judged_in_sql() & Q(due_at__lt=end)
    counted = (
        open_facts(where, end)
        .values_list(*OPEN_KEYS)
        .annotate(n=Count("pk"), late=Count("pk", filter=late))
        .order_by()
    )
    return [(*keys, n, 0, late, late) for *keys, n, late in counted]


def _open_rows_postgres(where: Q, end: dt.datetime) -> list[tuple[Any, ...]]:
    """`_open_rows` in one statement, every fact judged: the pause each open fact is in at
    `end` is found once (`pause_at`, in a derived table), then read by the three counts,
    which would otherwise each look it up again."""
    pause_at = RawSQL(f"CASE WHEN {_NEVER_PAUSED} THEN NULL ELSE {_PAUSE_AT} END", [end, end])
    judged = ("due_at", "supplement_count", "supplements", "reschedules")
    inner = open_facts(where, end).values(*OPEN_KEYS, *judged).annotate(pause_at=pause_at)
    try:
        inner_sql, inner_params = inner.query.sql_with_params()
    except EmptyResultSet:  # no unit
        return []
    overdue, overdue_params = _late_by_sql("%s", [end])
    late, late_params = _late_by_sql("COALESCE(pause_at, %s)", [end])
    keys = ", ".join(OPEN_KEYS)
    sql = (
        f"SELECT {keys}, count(*), count(*) FILTER (WHERE pause_at IS NOT NULL), "
        f"count(*) FILTER (WHERE pause_at IS NULL AND {overdue}), "
        f"count(*) FILTER (WHERE {late}) "
        # OFFSET 0 keeps the derived table whole: flattened, each count would look up the
        # pause again.
        f"FROM ({inner_sql} OFFSET 0) AS reports_dossierfact GROUP BY {keys}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*overdue_params, *late_params, *inner_params])
        return cursor.fetchall()


def _grouped(rows: dict[tuple[object, ...], Counter[str]], by: str) -> list[Figures]:
    labels = _labels(rows, by)
    grouped: dict[object, Figures] = {}
    total = Figures("Tổng cộng")
    for (unit, version), counts in rows.items():
        key = {"unit": unit, "procedure": version}.get(by, labels["sector_of"].get(version))
        row = grouped.setdefault(key, Figures(labels["names"].get(key, "—"), key))
        row.counts.update(counts)
        total.counts.update(counts)
    body = sorted((r for r in grouped.values() if any(r.counts.values())), key=lambda r: r.label)
    return [*body, total]


def _labels(rows: dict[tuple[object, ...], Counter[str]], by: str) -> dict[str, dict]:  # type: ignore[type-arg]
    versions: set[Any] = {v for _, v in rows}
    if by == "all":
        return {"names": {}, "sector_of": {}}
    if by == "unit":
        names = dict(OrgUnit.objects.filter(pk__in=[u for u, _ in rows]).values_list("pk", "name"))
        return {"names": names, "sector_of": {}}
    found = ProcedureVersion.objects.filter(pk__in=versions).values_list(
        "pk", "name", "procedure__sector_id", "procedure__sector__name"
    )
    if by == "procedure":
        return {"names": {pk: name for pk, name, _, _ in found}, "sector_of": {}}
    return {
        "sector_of": {pk: s for pk, _, s, _ in found},
        "names": {s: sname for _, _, s, sname in found},
    }


def total_figures(
    unit_ids: Iterable[int],
    period: Period,
    *,
    opened: OpenCounts | None = None,
    months: list[tuple[str, Figures]] | None = None,
) -> Figures:
    """The total row of `period_report`, summed in the database rather than by key.
    `months`: `monthly_totals` of the same units and period, when the caller already has them
    (their counters add up to the period's)."""
    ids = list(unit_ids)
    where = units_q(ids)
    total = Figures("Tổng cộng")
    if months is None:
        within = Rollup.objects.filter(where & span_q(period.first, period.after))
        sums = within.aggregate(**{n: Sum(n) for n in COUNTERS})
    else:
        sums = {n: sum(figures.counts[n] for _, figures in months) for n in COUNTERS}
    total.counts.update({n: value for n, value in sums.items() if value})
    before = Rollup.objects.filter(where & before_q(period.first))
    total.counts["carried"] += before.aggregate(still=Sum(_STILL))["still"] or 0
    if opened is None:
        opened = open_counts(ids, period.end)
    for counts in opened.values():
        total.counts.update(counts)
    return total


@dataclass(frozen=True)
class LateDossier:
    fact: DossierFact
    delay_minutes: int
    step: str
    officer: str

    @property
    def delay_days(self) -> float:
        return round(self.delay_minutes / ONE_WORKING_DAY, 2)


def late_dossiers(unit_ids: Iterable[int], period: Period) -> list[LateDossier]:
    """Dossiers judged late in the period (finished late, or late at its end): the working
    time past the appointment, and the step that overran its own deadline most and who held it
    (else the step and officer holding the dossier now)."""
    from motcua.reports.drilldown import dossiers_for
    from motcua.workdays.calendars import calendars_of_units
    from motcua.workdays.timecalc import working_time_between

    found = []
    facts = list(
        dossiers_for(unit_ids, period, "judged_late").select_related(
            "dossier__receiving_unit", "dossier__current_step", "dossier__assignee"
        )
    )
    calendars = calendars_of_units({f.dossier.receiving_unit for f in facts})
    for fact in facts:
        until = (
            fact.finished_at if fact.finished_at and fact.finished_at < period.end else period.end
        )
        due = due_in_force(fact, until)
        delay = 0
        if due is not None and due < until:
            delay = working_time_between(due, until, calendars[fact.receiving_unit_id])
        d = fact.dossier
        step = fact.lost_step or (d.current_step.name if d.current_step else "")
        officer = fact.lost_officer or (str(d.assignee) if d.assignee else "")
        found.append(LateDossier(fact, delay, step, officer))
    return sorted(found, key=lambda item: -item.delay_minutes)


def monthly_totals(
    unit_ids: Iterable[int], period: Period, *, opened: OpenCounts | None = None
) -> list[tuple[str, Figures]]:
    """The counters of each month of `period` and the dossiers overdue at each month's end
    (at this moment for the running month): one grouped read of the rollups and one of the
    facts that could be late at some month end, whatever the number of months. `opened`:
    `open_counts` at the period's end, when the caller already has them."""
    from motcua.reports.periods import months_of

    ids, months = list(unit_ids), months_of(period)
    by_month = {m.first.replace(day=1): Figures(f"{m.first:%m/%Y}") for m in months}
    sums = rollup_sums(units_q(ids) & span_q(period.first, period.after), "day")
    for (day,), counts in sums.items():
        by_month[day.replace(day=1)].counts.update(counts)  # type: ignore[attr-defined]
    if opened is not None and months:
        last = by_month[months[-1].first.replace(day=1)]
        last.counts["overdue"] += sum(counts["overdue"] for counts in opened.values())
        months = months[:-1]
    where = units_q(ids)
    # Whole months already closed: their end rows.
    last_closed = months_closed()
    closed = [
        m.first
        for m in months
        if last_closed and m.first.day == 1 and ended_month(m.end) == m.first <= last_closed
    ]
    if closed:
        ended = Rollup.objects.filter(where, grain=Grain.MONTH_END, day__in=closed)
        for row in ended.values("day").annotate(n=Sum("end_overdue")).order_by():
            by_month[row["day"]].counts["overdue"] += row["n"]
        months = [m for m in months if m.first not in closed]
    if not months:
        return [(figures.label, figures) for figures in by_month.values()]
    ends = [m.end for m in months]
    # Settled (`settled_in_sql`): overdue at a month end is "appointment < end ≤ finish" and
    # not inside a pause there.
    simple = settled_in_sql()
    overdue = {
        f"m{i}": Count("pk", filter=_late_across(end) & not_paused_at_q(end))
        for i, end in enumerate(ends)
    }
    counted = DossierFact.objects.filter(where, simple, _late_across_any(ends)).aggregate(**overdue)
    for i, month in enumerate(months):
        by_month[month.first.replace(day=1)].counts["overdue"] += counted[f"m{i}"]
    # The rest (a second supplement, a reschedule) judged one by one.
    for fact in _late_candidates(where, ends).exclude(simple):
        settled = fact.supplement_count <= 1 and not fact.reschedules
        for month, end in zip(months, ends, strict=True):
            if settled and (fact.due_at is None or fact.due_at >= end):
                continue  # within its appointment there, whatever its pauses
            if _open_at(fact, end) and open_state(fact, end) == "overdue":
                by_month[month.first.replace(day=1)].counts["overdue"] += 1
    return [(figures.label, figures) for figures in by_month.values()]


def _open_q(end: dt.datetime) -> Q:
    """Entered before `end` and not finished by then: entered_at < end ≤ finished_at (or
    unfinished). On PostgreSQL through the GiST index over that span (fact_open_span)."""
    plain = Q(entered_at__lt=end) & (Q(finished_at__isnull=True) | Q(finished_at__gte=end))
    if connection.vendor != "postgresql":
        return plain
    return Q(RawSQL(f"{OPEN_SPAN} @> %s", [end], BooleanField())) & plain


# The span in which a dossier is late: (appointment, finish]; empty for an early finish, open
# for an unfinished dossier. The same expression as the index (reports/migrations/0004).
LATE_SPAN = (
    f"tstzrange({_T}due_at, CASE WHEN {_T}finished_at < {_T}due_at THEN {_T}due_at "
    f"ELSE {_T}finished_at END, '(]')"
)
OPEN_SPAN = (
    f"tstzrange({_T}entered_at, CASE WHEN {_T}finished_at < {_T}entered_at "
    f"THEN {_T}entered_at ELSE {_T}finished_at END, '(]')"
)


def _late_across(end: dt.datetime) -> Q:
    """Open at `end` and past the stored appointment there: due_at < end ≤ finished_at (or
    unfinished). On PostgreSQL through the GiST index over that span (fact_late_span)."""
    if connection.vendor != "postgresql":
        return _open_q(end) & Q(due_at__lt=end)
    span = RawSQL(f"{LATE_SPAN} @> %s", [end], BooleanField())
    return Q(span, due_at__isnull=False, entered_at__lt=end)


def _late_across_any(ends: list[dt.datetime]) -> Q:
    found = Q(pk__in=[])
    for end in ends:
        found |= _late_across(end)
    return found


def _late_candidates(where: Q, ends: list[dt.datetime]) -> QuerySet[DossierFact]:
    """Facts open at one of `ends` that could be judged late there: past the stored
    appointment, or unsettled (a second supplement request, a reschedule that may be undone)."""
    could_be_late = _late_across_any(ends)
    for end in ends:
        could_be_late |= _open_q(end) & UNSETTLED
    return DossierFact.objects.filter(where, could_be_late).only(*OPEN_FIELDS)


def _open_at(fact: DossierFact, end: dt.datetime) -> bool:
    return fact.entered_at < end and (fact.finished_at is None or fact.finished_at >= end)

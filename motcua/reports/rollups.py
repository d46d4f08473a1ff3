"""Keeping `DossierFact` and `Rollup` in step with the event log (docs/reports.md).

`update_rollups` folds in the events after the watermark: for every dossier they touch it
derives the fact again from the whole log, takes the old fact's counters away and adds the
new one's. Re-deriving is idempotent, so the step may safely re-read a window of recent events
(transactions that committed out of id order) and may run in several processes: one claims the
watermark row with SELECT … FOR UPDATE SKIP LOCKED, the others find it taken and return.
"""

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from motcua.dossiers.models import Channel, DossierEvent
from motcua.reports.facts import facts_for
from motcua.reports.models import (
    COUNTERS,
    END_COUNTERS,
    DossierFact,
    FinishKind,
    Grain,
    Rollup,
    RollupState,
)
from motcua.reports.periods import midnight, next_month
from motcua.reports.selectors import (
    OPEN_KEYS,
    OPEN_NAMES,
    judged_late_at,
    months_closed,
    open_counts_where,
    open_state,
)
from motcua.surveys.models import DISLIKE_LEVELS
from motcua.workdays.timecalc import ZONE

Key = tuple[str, dt.date, int, int, int]  # grain, day, receiving, deciding, version
Contributions = Counter[tuple[Key, str]]

# Events this recent are read again on every run (see the module docstring).
OVERLAP = dt.timedelta(minutes=10)
BATCH = 2000
FINISH_COUNTER = {
    FinishKind.REFUSED: "refused",
    FinishKind.STOPPED: "stopped",
    FinishKind.WITHDRAWN: "withdrawn",
}


def local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(ZONE).date()


def _received_counter(fact: DossierFact) -> str:
    if fact.channel == Channel.ONLINE:
        return "received_online_assisted" if fact.assisted else "received_online_self"
    return "received_post" if fact.channel == Channel.POST else "received_counter"


def _finish_counts(fact: DossierFact) -> dict[str, int]:
    counts = {"finished_on_time" if fact.on_time else "finished_late": 1}
    if fact.finish_kind != FinishKind.RESOLVED:
        counts[FINISH_COUNTER[FinishKind(fact.finish_kind)]] = 1
        return counts
    counts[f"resolved_{fact.timing}"] = 1
    counts["processing_minutes"] = fact.processing_minutes or 0
    counts["electronic_results"] = int(fact.electronic_result)
    if fact.rating is not None:
        # 766, 5.3: rated dossiers, and the on-time ones the citizen disliked (late ones
        # already count against the component).
        counts["rated"] = 1
        counts["rated_disliked"] = int(bool(fact.on_time) and fact.rating in DISLIKE_LEVELS)
    return counts


def counts_by_day(fact: DossierFact) -> Iterator[tuple[dt.date, str, int]]:
    entered = local_day(fact.entered_at)
    yield entered, _received_counter(fact), 1
    yield entered, "online_qualified", int(fact.online_qualified)
    yield entered, "digitised", int(fact.digitised)
    if fact.finished_at is not None:
        finished = local_day(fact.finished_at)
        for name, value in _finish_counts(fact).items():
            yield finished, name, value


def month_ends_open(fact: DossierFact, closed: dt.date) -> Iterator[tuple[dt.date, dt.datetime]]:
    """(month, its end) for every month up to `closed` at whose end the dossier was open."""
    month = local_day(fact.entered_at).replace(day=1)
    while month <= closed:
        end = midnight(next_month(month))
        if fact.finished_at is not None and fact.finished_at < end:
            return
        if fact.entered_at < end:
            yield month, end
        month = next_month(month)


def end_states(fact: DossierFact, closed: dt.date) -> Iterator[tuple[dt.date, str]]:
    """The MONTH_END counters the dossier adds to: its state at each closed month's end at
    which it was open (`selectors.open_state`), and `end_late` where judged late there."""
    for month, end in month_ends_open(fact, closed):
        yield month, f"end_{open_state(fact, end)}"
        if judged_late_at(fact, end):
            yield month, "end_late"


def contributions(fact: DossierFact, closed: dt.date | None = None) -> Contributions:
    """What the fact adds to the rollups: its counters by day and month and, with `closed`
    (`RollupState.months_closed`), its states at the month ends up to it."""
    found: Contributions = Counter()
    units = (fact.receiving_unit_id, fact.deciding_unit_id, fact.procedure_version_id)
    for day, name, value in counts_by_day(fact):
        if value:
            found[((Grain.DAY, day, *units), name)] += value
            found[((Grain.MONTH, day.replace(day=1), *units), name)] += value
    if closed is not None:
        for month, name in end_states(fact, closed):
            found[((Grain.MONTH_END, month, *units), name)] += 1
    return found


def _by_key(delta: Contributions) -> dict[Key, dict[str, int]]:
    rows: dict[Key, dict[str, int]] = defaultdict(dict)
    for (key, name), value in delta.items():
        if value:
            rows[key][name] = value
    return rows


def apply_contributions(delta: Contributions) -> None:
    """Move the counters of the rollup rows by `delta`, creating the rows that are missing."""
    for key, values in _by_key(delta).items():
        grain, day, receiving, deciding, version = key
        ident: dict[str, Any] = {
            "grain": grain,
            "day": day,
            "receiving_unit_id": receiving,
            "deciding_unit_id": deciding,
            "procedure_version_id": version,
        }
        Rollup.objects.get_or_create(**ident)
        Rollup.objects.filter(**ident).update(
            **{name: F(name) + value for name, value in values.items()}
        )


def refresh_dossiers(dossier_ids: Sequence[int]) -> None:
    """Derive the facts of these dossiers again and move the counters by the difference
    (the caller holds the watermark row)."""
    closed = months_closed()
    old = list(DossierFact.objects.filter(pk__in=dossier_ids))
    delta: Contributions = Counter()
    new = facts_for(dossier_ids)
    for fact in new:
        delta.update(contributions(fact, closed))
    for fact in old:  # a fact may also go: a filing refused before acceptance has none
        delta.subtract(contributions(fact, closed))
    DossierFact.objects.filter(pk__in=[f.pk for f in old]).delete()
    DossierFact.objects.bulk_create(new)
    apply_contributions(delta)


def refresh_now(dossier_ids: Sequence[int]) -> None:
    """Fold these dossiers in at once (a rating is not an event, so `update_rollups` would not
    see it), holding the watermark row so that it never races `update_rollups`."""
    with transaction.atomic():
        RollupState.objects.get_or_create(pk=1)
        RollupState.objects.select_for_update().get(pk=1)
        refresh_dossiers(dossier_ids)


def _claim() -> RollupState | None:
    RollupState.objects.get_or_create(pk=1)
    locked = RollupState.objects.select_for_update(skip_locked=connection.vendor == "postgresql")
    return locked.filter(pk=1).first()


def update_rollups(batch: int = BATCH, *, overlap: bool = True) -> int:
    """Fold the new events into the rollups; returns how many new events were read (0 when
    none, or when another process holds the watermark). With `overlap` (the full pass) the
    events of the last minutes are read again and `updated_at` records the pass; without it
    only the events after the watermark are read (the quick pass of `bring_up_to_date`)."""
    with transaction.atomic():
        state = _claim()
        if state is None:
            return 0
        fresh = list(
            DossierEvent.objects.filter(pk__gt=state.last_event_id)
            .order_by("pk")
            .values_list("pk", "dossier_id")[: batch * 10]
        )
        now = timezone.now()
        # Events "recorded" far ahead of now (generated data) are not recent: left out.
        recent = DossierEvent.objects.filter(
            at__range=(now - OVERLAP, now + OVERLAP), pk__lte=state.last_event_id
        ).values_list("dossier_id", flat=True)
        dossier_ids = sorted({d for _, d in fresh} | (set(recent) if overlap else set()))
        for chunk in _chunks(dossier_ids, batch):
            refresh_dossiers(chunk)
        if fresh:
            state.last_event_id = fresh[-1][0]
        close_months(state)
        if overlap:
            state.updated_at = timezone.now()
        state.save()
        return len(fresh)


# A figure on a page is never older than this (docs/reports.md, "Live figures").
FRESH_FOR = dt.timedelta(minutes=1)


def bring_up_to_date(fresh_for: dt.timedelta = FRESH_FOR) -> None:
    """Called by every page that shows figures, before it reads them. When nothing happened
    since the last pass it costs two index reads. Otherwise it folds the new events in at
    once (the quick pass), and when the last full pass is older than `fresh_for` it makes a
    full one (re-reading the recent events that may have committed out of order).

    Concurrent requests do not repeat the work: the watermark row is locked (waiting for a
    pass under way, from a page or the `update_rollups` timer), then read again — when it
    moved meanwhile, the other pass has done the work."""
    seen = RollupState.objects.filter(pk=1).values_list("last_event_id", "updated_at").first()
    last, updated = seen or (0, None)
    stale = updated is None or updated < timezone.now() - fresh_for
    if not stale and not DossierEvent.objects.filter(pk__gt=last).exists():
        return
    with transaction.atomic():
        RollupState.objects.get_or_create(pk=1)
        state = RollupState.objects.select_for_update().get(pk=1)
        if (state.last_event_id, state.updated_at) != (last, updated):
            return
        update_rollups(overlap=stale)
        while update_rollups(overlap=False):
            pass


def last_ended_month(now: dt.datetime | None = None) -> dt.date:
    """The first day of the last month that has ended."""
    this_month = local_day(now or timezone.now()).replace(day=1)
    return (this_month - dt.timedelta(days=1)).replace(day=1)


def close_months(state: RollupState) -> None:
    """Write the MONTH_END rows of the months ended since `state.months_closed` (all of them
    when None), judging the dossiers open at each end in the database
    (`selectors.open_counts_where`), and move `months_closed` on; the caller holds the row and saves
    it. From then on `refresh_dossiers` keeps those rows by differences, like the counters."""
    last = last_ended_month()
    if state.months_closed is not None and state.months_closed >= last:
        return
    if state.months_closed is None:
        first = DossierFact.objects.aggregate(first=Min("entered_at"))["first"]
        month = local_day(first).replace(day=1) if first else next_month(last)
    else:
        month = next_month(state.months_closed)
    rows = []
    while month <= last:
        Rollup.objects.filter(grain=Grain.MONTH_END, day=month).delete()
        for key, counts in open_counts_where(Q(), midnight(next_month(month))).items():
            values: dict[str, Any] = {
                end_name: counts[name]
                for end_name, name in zip(END_COUNTERS, OPEN_NAMES, strict=True)
            }
            if any(values.values()):
                values.update(zip(OPEN_KEYS, key, strict=True))
                rows.append(Rollup(grain=Grain.MONTH_END, day=month, **values))
        month = next_month(month)
    Rollup.objects.bulk_create(rows, batch_size=5000)
    state.months_closed = last


def _chunks(items: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def rebuild_rollups(batch: int = BATCH) -> int:
    """Throw the rollups away and derive them from the whole event log."""
    with transaction.atomic():
        state = _claim()
        assert state is not None, "update_rollups is running; try again"
        Rollup.objects.all().delete()
        DossierFact.objects.all().delete()
        last = DossierEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        ids = list(DossierEvent.objects.order_by().values_list("dossier_id", flat=True).distinct())
        for chunk in _chunks(sorted(ids), batch):
            DossierFact.objects.bulk_create(facts_for(chunk))
        rollups_from_facts()
        state.months_closed = None
        close_months(state)
        state.last_event_id, state.updated_at = last, timezone.now()
        state.save()
        return len(ids)


def rollups_from_facts() -> None:
    """Recompute the counters of every `Rollup` row from the stored facts, without the month
    ends: the caller closes them again (`close_months` from an empty `months_closed`)."""
    Rollup.objects.all().delete()
    total: Contributions = Counter()
    for fact in DossierFact.objects.iterator(chunk_size=5000):
        total.update(contributions(fact))
    Rollup.objects.bulk_create(rollup_rows(total), batch_size=5000)


def compact_rollups() -> bool:
    """On PostgreSQL, rewrite the rollup table in the order of its (grain, day) index and
    refresh its statistics; False elsewhere. A report reads the rows of a span — eleven month
    rows and a few days per key for a year — and an update leaves a row's new version
    wherever there is room, so over time those rows lie one per page; in order, a year's rows
    are a few hundred pages (docs/reports.md). CLUSTER locks the table while it runs (3 s at
    a million dossiers): the nightly timer runs it."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("CLUSTER reports_rollup USING rollup_grain_day")
        cursor.execute("ANALYZE reports_rollup")
    return True


def rollup_rows(total: Contributions) -> list[Rollup]:
    """Unsaved `Rollup` rows holding the summed contributions, in the order of the (grain,
    day) index, as `compact_rollups` would leave them."""
    return [
        Rollup(
            grain=key[0],
            day=key[1],
            receiving_unit_id=key[2],
            deciding_unit_id=key[3],
            procedure_version_id=key[4],
            **values,
        )
        for key, values in sorted(_by_key(total).items())
    ]


def rollup_snapshot() -> dict[Key, dict[str, int]]:
    """Every non-zero counter by key: what the identity test compares."""
    found: dict[Key, dict[str, int]] = {}
    for row in Rollup.objects.all():
        values = {
            name: getattr(row, name) for name in (*COUNTERS, *END_COUNTERS) if getattr(row, name)
        }
        if values:
            key = (
                row.grain,
                row.day,
                row.receiving_unit_id,
                row.deciding_unit_id,
                row.procedure_version_id,
            )
            found[key] = values
    return found

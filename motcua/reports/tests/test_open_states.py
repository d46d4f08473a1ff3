"""The dossiers open at a moment, judged in the database (on PostgreSQL every settled dossier,
its pauses read from the JSON list) must be judged exactly as the rules in Python judge them
one by one (`open_state`, `judged_late_at`): checked on a generated province, with pauses,
second supplement requests and reschedules, at every month end of the year and at moments
inside pauses."""

import datetime as dt
from collections import Counter

import pytest

from motcua.accounts.models import OrgUnit
from motcua.demo.generate import generate
from motcua.dossiers.tests.conftest import Clock, World, at
from motcua.reports import selectors
from motcua.reports.models import DossierFact, RollupState
from motcua.reports.periods import Period, midnight
from motcua.reports.rollups import close_months, update_rollups

MOMENT = at(2026, 10, 5, 10, 0)


@pytest.fixture
def facts(world: World, clock: Clock) -> list[DossierFact]:
    clock.set(at(2026, 12, 20, 9, 0))
    generate(300, 2026, seed=11, bulk=True)
    update_rollups()
    # Settled dossiers still open and paused (a supplement request waiting for the citizen):
    # one paused before its appointment passed, one after, one whose pause has ended.
    pause, hour = at(2026, 9, 14, 9, 0), dt.timedelta(hours=1)
    settled = DossierFact.objects.filter(supplement_count__lte=1, reschedules=[]).order_by("pk")
    for fact, due, stop in zip(
        settled[:3],
        (pause + 48 * hour, pause - 48 * hour, pause - 24 * hour),
        (None, None, pause + 24 * hour),
        strict=True,
    ):
        DossierFact.objects.filter(pk=fact.pk).update(
            entered_at=pause - 240 * hour,
            finished_at=None,
            due_at=due,
            pauses=[[pause.isoformat(), stop.isoformat() if stop else None]],
        )
    # Unsettled dossiers open at MOMENT: two supplement requests with the appointment ahead
    # (late), a reschedule made after MOMENT (undone there: the old appointment has passed),
    # one made before it (the new appointment holds), and two paused ones judged at their
    # pause's start: by then one had its second supplement request, the other's rescheduled
    # appointment had not yet passed (it has at MOMENT).
    iso = dt.datetime.isoformat
    for fact, change in zip(
        settled[3:8],
        (
            {
                "due_at": MOMENT + 100 * hour,
                "pauses": [[iso(MOMENT - 80 * hour), iso(MOMENT - 70 * hour)]],
                "supplements": [iso(MOMENT - 80 * hour), iso(MOMENT - 50 * hour)],
                "supplement_count": 2,
            },
            {
                "due_at": MOMENT + 50 * hour,
                "reschedules": [[iso(MOMENT + 10 * hour), iso(MOMENT - 20 * hour)]],
            },
            {
                "due_at": MOMENT + 50 * hour,
                "reschedules": [[iso(MOMENT - 30 * hour), iso(MOMENT - 20 * hour)]],
            },
            {
                "due_at": MOMENT + 100 * hour,
                "pauses": [[iso(MOMENT - 10 * hour), None]],
                "supplements": [iso(MOMENT - 60 * hour), iso(MOMENT - 10 * hour)],
                "supplement_count": 2,
            },
            {
                "due_at": MOMENT - 5 * hour,
                "reschedules": [[iso(MOMENT - 50 * hour), iso(MOMENT - 70 * hour)]],
                "pauses": [[iso(MOMENT - 10 * hour), None]],
            },
        ),
        strict=True,
    ):
        DossierFact.objects.filter(pk=fact.pk).update(
            entered_at=MOMENT - 100 * hour, finished_at=None, **change
        )
    # The facts were changed behind the rollups' back: the month ends are closed again.
    state = RollupState.objects.get()
    state.months_closed = None
    close_months(state)
    state.save()
    assert state.months_closed == dt.date(2026, 11, 1)
    return list(DossierFact.objects.all())


def _moments(facts: list[DossierFact]) -> list[dt.datetime]:
    month_ends = [midnight(dt.date(2026, m, 1)) for m in range(2, 13)]
    month_ends += [at(2026, 9, 14, 9, 0) + dt.timedelta(hours=h) for h in (1, 30, 60)]
    month_ends += [MOMENT, MOMENT + dt.timedelta(hours=30)]
    minute, around_pauses = dt.timedelta(minutes=1), []
    for fact in [f for f in facts if f.pauses][:40]:
        start, stop = fact.pauses[0]
        around_pauses.append(dt.datetime.fromisoformat(start) + minute)
        if stop is not None:
            around_pauses.append(dt.datetime.fromisoformat(stop) - minute)
        if fact.due_at is not None:
            around_pauses.append(fact.due_at + minute)
    return month_ends + around_pauses


def _by_hand(facts: list[DossierFact], end: dt.datetime) -> Counter[str]:
    found: Counter[str] = Counter()
    for fact in facts:
        if fact.entered_at < end and (fact.finished_at is None or fact.finished_at >= end):
            found[selectors.open_state(fact, end)] += 1
            found["late_at_end"] += int(selectors.judged_late_at(fact, end))
    return found


def test_the_generated_data_has_what_the_rules_judge(facts: list[DossierFact]) -> None:
    assert any(f.pauses for f in facts)
    assert any(f.supplement_count > 1 or f.reschedules for f in facts)
    totals = sum((_by_hand(facts, end) for end in _moments(facts)), Counter())
    assert totals["paused"] and totals["overdue"] and totals["late_at_end"]
    # Paused at a moment after its appointment, the appointment passed before the pause or
    # after it began: judged late at the pause's start, not at the moment.
    judged_at_pause = Counter(
        selectors.judged_late_at(f, end)
        for end in _moments(facts)
        for f in facts
        if selectors.open_state(f, end) == "paused"
        and f.due_at
        and f.due_at < end
        and f.entered_at < end
        and (f.finished_at is None or f.finished_at >= end)
    )
    assert judged_at_pause[True] and judged_at_pause[False]


def test_the_unsettled_dossiers_set_by_hand_are_judged_as_the_rules_say(
    facts: list[DossierFact],
) -> None:
    """The rules on the five facts made above, at MOMENT: what the SQL must reproduce."""
    made = sorted(
        (f for f in facts if f.entered_at == MOMENT - dt.timedelta(hours=100)), key=lambda f: f.pk
    )
    states = [(selectors.open_state(f, MOMENT), selectors.judged_late_at(f, MOMENT)) for f in made]
    assert states == [
        ("overdue", True),
        ("overdue", True),
        ("in_time", False),
        ("paused", True),
        ("paused", False),
    ]


def test_open_dossiers_are_judged_as_the_rules_say(facts: list[DossierFact]) -> None:
    ids = list(OrgUnit.objects.values_list("pk", flat=True))
    for end in _moments(facts):
        expected = _by_hand(facts, end)
        found: Counter[str] = Counter()
        judged: Counter[str] = Counter()
        for counts in selectors.open_counts(ids, end).values():
            found.update(counts)
        # At a closed month end the figures above are its MONTH_END rows; judged afresh here.
        for counts in selectors.open_counts_where(selectors.units_q(ids), end).values():
            judged.update(counts)
        for name in ("in_time", "overdue", "paused", "late_at_end"):
            assert found[name] == expected[name], (end, name)
            assert judged[name] == expected[name], (end, name)
        late = selectors.late_at_end_counts(selectors.units_q(ids), end)
        assert late.total() == expected["late_at_end"], end


def test_the_overdue_at_each_month_end_is_the_hand_count(facts: list[DossierFact]) -> None:
    ids = list(OrgUnit.objects.values_list("pk", flat=True))
    year = Period(dt.date(2026, 1, 1), dt.date(2026, 11, 30))
    months = selectors.monthly_totals(ids, year)
    for (label, figures), month in zip(months, range(1, 12), strict=True):
        end = midnight(dt.date(2026, month + 1, 1))
        assert figures["overdue"] == _by_hand(facts, end)["overdue"], label


def test_the_dashboard_judging_once_shows_what_each_figure_judges_alone(
    facts: list[DossierFact],
) -> None:
    from motcua.reports import index766

    ids = list(OrgUnit.objects.values_list("pk", flat=True))
    # A period running to a moment inside the pauses made above.
    period = Period(dt.date(2026, 1, 1), dt.date(2026, 9, 15), until=at(2026, 9, 15, 15, 0))
    opened = selectors.open_counts(ids, period.end)
    alone = [(label, f.counts) for label, f in selectors.monthly_totals(ids, period)]
    shared = [
        (label, f.counts) for label, f in selectors.monthly_totals(ids, period, opened=opened)
    ]
    assert shared == alone
    assert alone[-1][1]["overdue"] == _by_hand(facts, period.end)["overdue"]
    total = selectors.total_figures(ids, period)
    assert selectors.total_figures(ids, period, opened=opened).counts == total.counts
    units = OrgUnit.objects.filter(pk__in=ids)

    def scores(ranking: list[index766.UnitIndex]) -> list[tuple[str, object]]:
        return [(r.unit.code, r.total) for r in ranking]

    assert scores(index766.index766(period, units, opened=opened)) == scores(
        index766.index766(period, units)
    )

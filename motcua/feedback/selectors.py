"""Reads of PAKN shared by the staff pages, the public pages, the API and the reports.

Public reads (`published_*`) return only published rows and callers show only the public
fields: code, kind, title, public summary, answer, unit, dates. Never the submitter.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.http import Http404

from motcua.accounts.models import OrgUnit, User
from motcua.feedback.desks import pakn_units_for_user
from motcua.feedback.models import OPEN_STATUSES, Pakn, PaknEvent, PaknStatus, Reaction
from motcua.feedback.workflow import LIMIT_DAYS, TRANSITIONS, deadline
from motcua.lib.text import search_terms
from motcua.workdays.calendars import calendar_for, calendars_of_units
from motcua.workdays.timecalc import LimitUnit, TimeLimit, WorkCalendar, add_working_time, due_at

ONE_WORKING_DAY = 8 * 60

ACTION_LABELS = {
    "refuse": "Không tiếp nhận",
    "request_info": "Đề nghị bổ sung thông tin",
    "forward": "Chuyển cơ quan có thẩm quyền",
    "answer": "Trả lời",
    "publish": "Công khai trả lời",
    "info_received": "Ghi nhận thông tin bổ sung",
}


# -- staff -------------------------------------------------------------------------------------


def pakn_for_user(user: User) -> QuerySet[Pakn]:
    return Pakn.objects.filter(unit_id__in=pakn_units_for_user(user)).select_related("unit")


def get_pakn_for_user(user: User, pk: int) -> Pakn:
    """The PAKN, or 404 when its handling unit lies outside the user's reach."""
    found = pakn_for_user(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def pakn_inbox(user: User, *, status: str = "", query: str = "") -> QuerySet[Pakn]:
    """Open PAKN first, nearest deadline first; `status` narrows to one status."""
    rows = pakn_for_user(user)
    rows = rows.filter(status=status) if status else rows.filter(status__in=OPEN_STATUSES)
    if query:
        rows = rows.filter(Q(code__icontains=query) | Q(title__icontains=query))
    return rows.order_by("due_at", "received_at")


@dataclass(frozen=True)
class Deadline:
    action: str
    label: str
    at: dt.datetime
    overdue: bool
    due_soon: bool  # within one working day


def deadlines_of(pakn: Pakn, now: dt.datetime) -> list[Deadline]:
    """The timed actions open now, with their deadlines, for the detail page."""
    cal = calendar_for(pakn.unit.province())
    soon = add_working_time(now, ONE_WORKING_DAY, cal)
    found = []
    for action, (sources, _) in TRANSITIONS.items():
        moment = deadline(pakn, action) if pakn.status in sources else None
        if moment is not None:
            found.append(
                Deadline(action, ACTION_LABELS[action], moment, moment < now, moment <= soon)
            )
    return found


def due_soon_or_overdue(now: dt.datetime) -> Iterable[Pakn]:
    """Open PAKN whose governing deadline falls within one working day (or has passed)."""
    rows = Pakn.objects.filter(due_at__isnull=False, due_at__lte=now + dt.timedelta(days=14))
    for pakn in rows.select_related("unit").iterator():
        assert pakn.due_at is not None
        if pakn.due_at <= add_working_time(
            now, ONE_WORKING_DAY, calendar_for(pakn.unit.province())
        ):
            yield pakn


# -- public ------------------------------------------------------------------------------------


def published_pakn() -> QuerySet[Pakn]:
    return Pakn.objects.filter(status=PaknStatus.PUBLISHED).select_related("unit")


def published_search(query: str = "", *, kind: str = "") -> QuerySet[Pakn]:
    """Published answers holding every word of the query, ignoring case and diacritics; the last
    word may be the start of one (see `motcua.catalog.selectors.procedure_search`)."""
    rows = published_pakn()
    terms = search_terms(query)
    for position, term in enumerate(terms, start=1):
        word = f" {term}" if position == len(terms) else f" {term} "
        rows = rows.filter(search_text__contains=word)
    if kind:
        rows = rows.filter(kind=kind)
    return rows.order_by("-published_at", "-pk")


def get_published(code: str) -> Pakn:
    found = published_pakn().filter(code=code).first()
    if found is None:
        raise Http404
    return found


# -- 766 group 5 (DOMAIN.md §6) ------------------------------------------------------------------


def _late_at(pakn: Pakn, events: Sequence[Any], end: dt.datetime, cal: WorkCalendar) -> bool:
    """Late when a timed action before `end` missed its deadline, or when at `end` an answer
    (or its publication) was still owed past its deadline."""
    before = [e for e in events if e.at < end]
    if any(e.on_time is False for e in before):
        return True
    done = {e.action for e in before}
    if done & {"refuse", "publish"}:
        return False
    if "answer" in done:
        answered = next(e.at for e in before if e.action == "answer")
        return _publish_due(pakn, answered, cal) < end
    if pakn.status == PaknStatus.INFO_REQUESTED:
        return False  # the clock waits for the submitter
    answer_due = deadline(pakn, "answer", cal)
    return answer_due is not None and answer_due < end


def _publish_due(pakn: Pakn, answered: dt.datetime, cal: WorkCalendar) -> dt.datetime:
    limit = TimeLimit(LIMIT_DAYS["publish"], LimitUnit.WORKING_DAYS)
    return due_at(answered, limit, cal)


def pakn_on_time(
    unit_ids: Iterable[int], start: dt.datetime, end: dt.datetime
) -> tuple[int, int, list[int]]:
    """766 component 5.2: (PAKN handled on time, PAKN counted, ids of those on time).

    Counted: PAKN whose handling unit is in `unit_ids` and that were received in [start, end).
    On time: every timed action taken before `end` (refuse ≤ 2, first request for information
    ≤ 5, forward ≤ 5, answer ≤ 15, publish ≤ 2 working days) met its deadline, and none was
    still owed past its deadline at `end`. Denominator 0 means "N/A" to the caller.
    """
    rows = list(
        Pakn.objects.filter(unit_id__in=list(unit_ids), received_at__gte=start, received_at__lt=end)
        .select_related("unit")
        .prefetch_related("events")
    )
    cals = calendars_of_units({p.unit for p in rows})
    on_time = [p.pk for p in rows if not _late_at(p, list(p.events.all()), end, cals[p.unit_id])]
    return len(on_time), len(rows), on_time


def _satisfied(pakn: Pakn, end: dt.datetime, late: bool) -> bool:
    """766, 5.3, one PAKN judged at `end` (`late`: `_late_at` there): not disliked (its
    submitter's one reaction counts as "more dislikes than likes"), not overdue, not raised
    again after its answer."""
    disliked = (
        pakn.reaction == Reaction.DISLIKE and pakn.reacted_at is not None and pakn.reacted_at < end
    )
    reraised = pakn.reraised_at is not None and pakn.reraised_at < end
    return not (disliked or reraised or late)


def _received_in(start: dt.datetime, end: dt.datetime) -> QuerySet[Pakn]:
    return (
        Pakn.objects.filter(received_at__gte=start, received_at__lt=end)
        .select_related("unit")
        .prefetch_related("events")
    )


def pakn_satisfaction(
    unit_ids: Iterable[int], start: dt.datetime, end: dt.datetime
) -> tuple[int, int, list[int]]:
    """766 component 5.3: (satisfied, first received, ids of the satisfied PAKN).

    = (PAKN first received in [start, end) − those with more dislikes than likes − overdue ones
    − those raised again after their answer) ÷ PAKN first received in [start, end); "first
    received": not itself a PAKN raising an earlier one again. By handling unit; judged at
    `end`."""
    rows = list(_received_in(start, end).filter(unit_id__in=list(unit_ids), earlier__isnull=True))
    cals = calendars_of_units({p.unit for p in rows})
    satisfied = [
        p.pk
        for p in rows
        if _satisfied(p, end, _late_at(p, list(p.events.all()), end, cals[p.unit_id]))
    ]
    return len(satisfied), len(rows), satisfied


# What the judging of a PAKN reads: its own fields and its events' moments, deadlines met and
# actions (a ranking of every unit judges a year's PAKN on each load).
_JUDGED = (
    "unit_id",
    "status",
    "clock_from",
    "earlier_id",
    "reaction",
    "reacted_at",
    "reraised_at",
)


def pakn_counts_by_unit(
    start: dt.datetime, end: dt.datetime, unit_ids: Iterable[int] | None = None
) -> dict[int, dict[str, int]]:
    """Per handling unit (of `unit_ids`, else every unit), read once for every unit of a 766
    ranking: PAKN received in [start, end) (`counted`) and of them `on_time` (as
    `pakn_on_time`); PAKN first received (`first`) and of them `satisfied` (as
    `pakn_satisfaction`)."""
    counts: dict[int, dict[str, int]] = {}
    received = Pakn.objects.filter(received_at__gte=start, received_at__lt=end)
    if unit_ids is not None:
        received = received.filter(unit_id__in=list(unit_ids))
    found = list(received.only(*_JUDGED))
    events: dict[int, list[Any]] = {p.pk: [] for p in found}
    rows = PaknEvent.objects.filter(pakn__in=[p.pk for p in found]).order_by("pakn_id", "seq")
    for event in rows.values_list("pakn_id", "at", "on_time", "action", named=True):
        events[event.pakn_id].append(event)
    units = OrgUnit.objects.filter(pk__in={p.unit_id for p in found}).only("path")
    cals = calendars_of_units(set(units))
    for pakn in found:
        figures = counts.setdefault(
            pakn.unit_id, {"counted": 0, "on_time": 0, "first": 0, "satisfied": 0}
        )
        late = _late_at(pakn, events[pakn.pk], end, cals[pakn.unit_id])
        figures["counted"] += 1
        figures["on_time"] += int(not late)
        if pakn.earlier_id is None:
            figures["first"] += 1
            figures["satisfied"] += int(_satisfied(pakn, end, late))
    return counts


def pakn_about_dossiers(before: dt.datetime) -> QuerySet[Pakn]:
    """PAKN received before `before` that name a dossier (a complaint about its processing),
    refused ones left out."""
    return Pakn.objects.filter(dossier__isnull=False, received_at__lt=before).exclude(
        status=PaknStatus.REFUSED
    )


def has_pakn(dossier_ref: str = "pk") -> Exists:
    return Exists(Pakn.objects.filter(dossier_id=OuterRef(dossier_ref)))


def pakn_with_last_event() -> QuerySet[Pakn]:
    """PAKN annotated with `last_event_at`, the moment of their latest change."""
    return Pakn.objects.annotate(last_event_at=Max("events__at"))

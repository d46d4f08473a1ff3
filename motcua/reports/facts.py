"""One dossier's fact, derived from its row and its event log (the truth, ARCHITECTURE.md §3)."""

import datetime as dt
from collections.abc import Sequence

from motcua.dossiers.clock import calendar_of, timing
from motcua.dossiers.models import (
    Attachment,
    AttachmentKind,
    Channel,
    Dossier,
    DossierEvent,
    Timing,
)
from motcua.reports.models import DossierFact, FinishKind
from motcua.surveys.models import Rating
from motcua.workdays.calendars import calendars_of_units
from motcua.workdays.timecalc import WorkCalendar, working_time_between

FINISHES = {
    "issue_result": FinishKind.RESOLVED,
    "refuse": FinishKind.REFUSED,
    "stop": FinishKind.STOPPED,
    "withdraw": FinishKind.WITHDRAWN,
}
PAUSE_STARTS = {"request_supplement", "pause_for_fees"}
PAUSE_ENDS = {"supplement_received", "resume", "stop", "withdraw"}
STEP_ACTIONS = {"hand_over", "approve", "issue_result"}


def fact_of(
    dossier: Dossier,
    events: Sequence[DossierEvent],
    digitised: bool,
    cal: WorkCalendar | None = None,
    rating: int | None = None,
) -> DossierFact:
    """The fact for a received `dossier` (`received_at` set); `events` in seq order;
    `digitised` from its attachments; `cal` the receiving unit's calendar when the caller
    already has it; `rating` the level the citizen gave, if any."""
    cal = cal or calendar_of(dossier.receiving_unit)
    assert dossier.received_at is not None, "only received dossiers have a fact"
    finish = next((e for e in events if e.action in FINISHES), None)
    fact = DossierFact(
        dossier=dossier,
        receiving_unit_id=dossier.receiving_unit_id,
        deciding_unit_id=dossier.deciding_unit_id,
        procedure_version_id=dossier.procedure_version_id,
        channel=dossier.channel,
        assisted=dossier.assisted_by_id is not None,
        entered_at=dossier.received_at,
        due_at=dossier.due_at,
        supplement_count=sum(e.action == "request_supplement" for e in events),
        pauses=_pauses(events),
        reschedules=[
            [e.at.isoformat(), e.payload["old_due_at"]] for e in events if e.action == "reschedule"
        ],
        supplements=[e.at.isoformat() for e in events if e.action == "request_supplement"],
        # 766: an electronic result is a result file; returning "electronically" is not one.
        electronic_result=bool(dossier.result_file),
        rating=rating,
    )
    # Where a paper result is required, 3.3 and 4.2 (table 6.2) also need an electronic one.
    result_ok = not dossier.procedure_version.paper_result_required or fact.electronic_result
    fact.online_qualified = dossier.channel == Channel.ONLINE and result_ok
    fact.digitised = digitised and result_ok
    if finish is not None:
        _finish(fact, dossier, finish, cal)
    _lost_time(fact, events, cal)
    return fact


def _pauses(events: Sequence[DossierEvent]) -> list[list[str | None]]:
    pauses: list[list[str | None]] = []
    for event in events:
        if event.action in PAUSE_STARTS:
            pauses.append([event.at.isoformat(), None])
        elif event.action in PAUSE_ENDS and pauses and pauses[-1][1] is None:
            pauses[-1][1] = event.at.isoformat()
    return pauses


def _finish(fact: DossierFact, dossier: Dossier, event: DossierEvent, cal: WorkCalendar) -> None:
    fact.finish_kind, fact.finished_at = FINISHES[event.action], event.at
    late = fact.supplement_count > 1 or (dossier.due_at is not None and event.at > dossier.due_at)
    fact.on_time = not late
    if fact.finish_kind == FinishKind.RESOLVED:
        fact.timing = Timing.LATE if late else timing(event.at, dossier.due_at) or Timing.ON_TIME
        # 2.2: from receipt (an online filing: from its acceptance), pauses left out.
        if dossier.received_at is not None and event.at >= dossier.received_at:
            elapsed = working_time_between(dossier.received_at, event.at, cal)
            fact.processing_minutes = max(elapsed - dossier.paused_minutes, 0)


def _lost_time(fact: DossierFact, events: Sequence[DossierEvent], cal: WorkCalendar) -> None:
    worst: tuple[int, DossierEvent] | None = None
    for event in events:
        if event.action in STEP_ACTIONS and event.timing == Timing.LATE and event.step_deadline:
            minutes = working_time_between(event.step_deadline, event.at, cal)
            if worst is None or minutes > worst[0]:
                worst = (minutes, event)
    if worst is not None:
        minutes, event = worst
        fact.lost_minutes = minutes
        fact.lost_step = event.step.name if event.step else str(event.action)
        fact.lost_officer = event.actor_label


def facts_for(dossier_ids: Sequence[int]) -> list[DossierFact]:
    """Facts for the given dossiers, reading their rows, events and attachments in bulk.

    Only received dossiers have a fact: an online filing not (yet) accepted — waiting, or
    refused or withdrawn before acceptance — is in no figure (766: received means accepted)."""
    dossiers = list(
        Dossier.objects.filter(pk__in=dossier_ids, received_at__isnull=False).select_related(
            "procedure_version", "receiving_unit"
        )
    )
    events: dict[int, list[DossierEvent]] = {pk: [] for pk in dossier_ids}
    for event in DossierEvent.objects.filter(dossier_id__in=dossier_ids).select_related("step"):
        events[event.dossier_id].append(event)
    digitised = _digitised(dossier_ids)
    ratings = dict(
        Rating.objects.filter(dossier_id__in=dossier_ids).values_list("dossier", "level")
    )
    # The calendars of all the units at once: one read of their provinces, not one per unit.
    calendars = calendars_of_units({d.receiving_unit for d in dossiers})
    facts = []
    for d in dossiers:
        if not events.get(d.pk):
            continue
        cal = calendars[d.receiving_unit_id]
        facts.append(fact_of(d, events[d.pk], d.pk in digitised, cal, ratings.get(d.pk)))
    return facts


def _digitised(dossier_ids: Sequence[int]) -> set[int]:
    """Dossiers whose submitted components are all electronic: uploaded online, or scanned
    from paper (`digitised`) at the counter — with at least one component."""
    found: dict[int, bool] = {}
    rows = Attachment.objects.filter(dossier_id__in=dossier_ids, kind=AttachmentKind.SUBMITTED)
    for pk, flag, channel in rows.values_list("dossier_id", "digitised", "dossier__channel"):
        found[pk] = found.get(pk, True) and (flag or channel == Channel.ONLINE)
    return {pk for pk, ok in found.items() if ok}


def due_in_force(fact: DossierFact, moment: dt.datetime) -> dt.datetime | None:
    """The appointment as it stood at `moment`: a later reschedule is undone."""
    for at, old_due in fact.reschedules:
        if dt.datetime.fromisoformat(at) > moment:
            return dt.datetime.fromisoformat(old_due)
    return fact.due_at

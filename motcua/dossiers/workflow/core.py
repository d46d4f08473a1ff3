"""What every action does the same way: lock, check the table and the actor, record."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Max
from django.utils import timezone

from motcua.accounts.access import has_role
from motcua.accounts.models import OrgUnit, User
from motcua.dossiers.clock import calendar_of, paused_working_minutes, pushed
from motcua.dossiers.models import Dossier, DossierEvent, DossierStatus
from motcua.dossiers.workflow.table import (
    APPLICANT_LABEL,
    BACK_FROM_PAUSE,
    BY_APPLICANT,
    TRANSITIONS,
    UNCHANGED,
    Transition,
    WorkflowError,
)


def lock(dossier: Dossier | int) -> Dossier:
    """The dossier's row, locked until the caller's transaction ends."""
    pk = dossier if isinstance(dossier, int) else dossier.pk
    return Dossier.objects.select_for_update().get(pk=pk)


def check(dossier: Dossier, action: str, actor: User | None) -> Transition:
    """Refuse (WorkflowError) unless `action` may follow the status and the actor may do it."""
    rule = TRANSITIONS[action]
    if dossier.status not in rule.sources:
        status = DossierStatus(dossier.status).label
        raise WorkflowError(
            f"Không thể {rule.label} hồ sơ {dossier.code} đang ở trạng thái “{status}”.",
            code="transition",
        )
    if actor is None and action in BY_APPLICANT:
        return rule
    check_actor(actor, rule, units_of(dossier, rule.places))
    return rule


def units_of(dossier: Dossier, places: Iterable[str]) -> list[OrgUnit]:
    fields = {"receiving": "receiving_unit", "current": "current_unit", "deciding": "deciding_unit"}
    return [getattr(dossier, fields[place]) for place in places]


def check_actor(actor: User | None, rule: Transition, units: Iterable[OrgUnit]) -> None:
    if actor is None or not any(has_role(actor, unit, *rule.roles) for unit in units):
        raise WorkflowError(
            f"Bạn không có quyền {rule.label} hồ sơ này (cần vai trò phù hợp tại đơn vị "
            "đang giữ hồ sơ).",
            code="permission",
        )


def require(condition: bool, message: str) -> None:
    if not condition:
        raise WorkflowError(message, code="invalid")


def label_of(actor: User | None) -> str:
    return (actor.full_name or actor.username) if actor else "Công dân / hệ thống"


def record(
    dossier: Dossier,
    action: str,
    actor: User | None,
    *,
    from_status: str,
    fields: Iterable[str] = (),
    created: bool = False,
    **event: Any,
) -> DossierEvent:
    """Save the changed `fields` (and the table's target status) and append the event.

    `created`: the dossier was inserted in this transaction, so this is its first event.
    """
    target = TRANSITIONS[action].target
    changed = set(fields)
    if target not in (UNCHANGED, BACK_FROM_PAUSE):
        dossier.status = target
    if target != UNCHANGED and not created:
        changed.add("status")
    if changed:
        dossier.save(update_fields=sorted(changed))
    return DossierEvent.objects.create(
        dossier=dossier,
        seq=1 if created else next_seq(dossier),
        at=event.pop("at", None) or timezone.now(),
        actor=actor,
        actor_label=APPLICANT_LABEL
        if actor is None and action in BY_APPLICANT
        else label_of(actor),
        action=action,
        from_status=from_status,
        to_status=dossier.status,
        step=event.pop("step", dossier.current_step),
        unit=event.pop("unit", dossier.current_unit),
        **event,
    )


def receiver_in(unit: OrgUnit, role: str, title: str, task: str) -> str:
    """Who receives a dossier handed to `unit` for `role`, as Mẫu 06 names them: the person
    when the unit has exactly one, else the role ("Lãnh đạo <unit> (phân công xử lý)")."""
    people = list(
        User.objects.filter(
            memberships__unit=unit, memberships__role=role, memberships__active=True
        ).distinct()[:2]
    )
    if len(people) == 1:
        return f"{people[0]} ({title} {unit.name})"
    return f"{title[:1].upper()}{title[1:]} {unit.name} ({task})"


def next_seq(dossier: Dossier) -> int:
    # Safe without a sequence table: the dossier row is locked by the caller.
    last = dossier.events.aggregate(last=Max("seq"))["last"]
    return (last or 0) + 1


# -- pauses (supplement, financial obligation) -------------------------------------------------

PAUSE_FIELDS = ("status_before_pause", "paused_since")
RESUME_FIELDS = (
    "status_before_pause",
    "paused_since",
    "paused_minutes",
    "due_at",
    "step_due_at",
    "submitted_at",
)


def pause(dossier: Dossier, now: dt.datetime) -> None:
    dossier.status_before_pause = dossier.status
    dossier.paused_since = now


def end_pause(dossier: Dossier, now: dt.datetime, *, restore: bool = True) -> int:
    """Move the deadlines by the pause's working time and, with `restore`, return to the
    status the dossier had before it (stop and withdraw end a pause without returning).

    An online dossier sent back before it was accepted has no clock yet: its time limit will
    count from the complete dossier, i.e. from now (DOMAIN.md §3.2).
    """
    assert dossier.paused_since is not None
    minutes = 0
    if dossier.due_at is None:
        if restore:
            dossier.submitted_at = now
    else:
        cal = calendar_of(dossier.receiving_unit)
        minutes = paused_working_minutes(dossier.paused_since, now, cal)
        dossier.paused_minutes += minutes
        dossier.due_at = pushed(dossier.due_at, minutes, cal)
        if dossier.step_due_at is not None:
            dossier.step_due_at = pushed(dossier.step_due_at, minutes, cal)
    if restore:
        dossier.status = dossier.status_before_pause
    dossier.status_before_pause = ""
    dossier.paused_since = None
    return minutes

"""The PAKN life cycle (NĐ 20/2008; DOMAIN.md §6 component 5.2 and §7): one function per action.

Every function locks the row, checks `TRANSITIONS`, saves with `update_fields` and writes one
`PaknEvent` in the same transaction; a refused action raises `PaknError` with a Vietnamese
message and changes nothing. Messages to the submitter go through the outbox.

Deadlines, in working days on the calendar of the handling unit's province, counted from
`clock_from` (receipt, forwarding, or the additional information arriving): refuse within 2,
request more information within 5, forward within 5, answer within 15; publish the answer
within 2 of answering.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from motcua.accounts.models import OrgUnit, Role, User
from motcua.dossiers.models import OutboxChannel, OutboxMessage
from motcua.feedback.desks import pakn_units_for_user
from motcua.feedback.models import Pakn, PaknCodeCounter, PaknEvent, PaknStatus, Reaction
from motcua.lib.text import fold
from motcua.workdays.calendars import calendar_for
from motcua.workdays.timecalc import ZONE, LimitUnit, TimeLimit, WorkCalendar, due_at

S = PaknStatus
HANDLING = frozenset({S.RECEIVED, S.FORWARDED})

# action → (statuses it may start from, status it leads to). The only place that knows.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "refuse": (HANDLING, S.REFUSED),
    "request_info": (HANDLING, S.INFO_REQUESTED),
    "info_received": (frozenset({S.INFO_REQUESTED}), S.RECEIVED),
    "forward": (HANDLING, S.FORWARDED),
    "answer": (HANDLING, S.ANSWERED),
    "publish": (frozenset({S.ANSWERED}), S.PUBLISHED),
}

# Working days allowed for each timed action (DOMAIN.md §6, 5.2).
LIMIT_DAYS = {"refuse": 2, "request_info": 5, "forward": 5, "answer": 15, "publish": 2}

HANDLER_ROLES = (Role.RECEIVER, Role.HANDLER, Role.HEAD, Role.SIGNER, Role.ADMIN)
PUBLISHER_ROLES = (Role.HEAD, Role.SIGNER, Role.ADMIN)


class PaknError(ValidationError):
    """An action refused; the message is for the user, in Vietnamese."""


# -- deadlines ---------------------------------------------------------------------------------


def deadline(pakn: Pakn, action: str, cal: WorkCalendar | None = None) -> dt.datetime | None:
    """When `action` is due for this PAKN, or None when it is not timed or cannot start yet.
    `cal`: the unit's calendar when the caller has read it already (lists of many PAKN)."""
    days = LIMIT_DAYS.get(action)
    start = pakn.answered_at if action == "publish" else pakn.clock_from
    if days is None or start is None:
        return None
    cal = cal or calendar_for(pakn.unit.province())
    return due_at(start, TimeLimit(days, LimitUnit.WORKING_DAYS), cal)


def current_due(pakn: Pakn) -> dt.datetime | None:
    """The deadline that governs the PAKN now: the answer while handled, then publication."""
    if pakn.status in HANDLING:
        return deadline(pakn, "answer")
    if pakn.status == S.ANSWERED:
        return deadline(pakn, "publish")
    return None  # waiting for the submitter, or finished


def actions_open(pakn: Pakn) -> list[str]:
    return [action for action, (sources, _) in TRANSITIONS.items() if pakn.status in sources]


# -- creating ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Submission:
    kind: str
    channel: str
    title: str
    content: str
    submitter_name: str
    unit: OrgUnit
    submitter_phone: str = ""
    submitter_email: str = ""
    submitter_address: str = ""
    contact_verified: bool = False
    about_unit: OrgUnit | None = None
    procedure_id: int | None = None
    dossier_id: int | None = None
    earlier: Pakn | None = None


def _next_code(now: dt.datetime) -> str:
    year = now.astimezone(ZONE).year
    counter, _ = PaknCodeCounter.objects.select_for_update().get_or_create(year=year)
    PaknCodeCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db(fields=["last"])
    return f"PAKN-{year}-{counter.last:06d}"


def _check_submission(data: Submission) -> None:
    if not data.title.strip() or not data.content.strip():
        raise PaknError("Vui lòng nhập tiêu đề và nội dung phản ánh, kiến nghị.")
    if not data.submitter_name.strip():
        raise PaknError("Vui lòng ghi họ và tên người phản ánh, kiến nghị (NĐ 20/2008).")
    if not (data.submitter_phone or data.submitter_email or data.submitter_address):
        raise PaknError("Cần ít nhất một cách liên hệ: điện thoại, thư điện tử hoặc địa chỉ.")


def pakn_submit(*, data: Submission, actor: User | None = None) -> Pakn:
    """Register a PAKN from any channel: the portal and Open311 (actor None) or an officer
    transcribing a hotline call, a letter or a visit (actor: a member of the unit)."""
    _check_submission(data)
    if actor is not None and data.unit.pk not in pakn_units_for_user(actor, HANDLER_ROLES):
        raise PaknError("Bạn không có quyền ghi nhận phản ánh cho đơn vị này.")
    now = timezone.now()
    with transaction.atomic():
        pakn = Pakn(
            code=_next_code(now),
            kind=data.kind,
            channel=data.channel,
            title=data.title.strip(),
            content=data.content.strip(),
            submitter_name=data.submitter_name.strip(),
            submitter_phone=data.submitter_phone,
            submitter_email=data.submitter_email,
            submitter_address=data.submitter_address,
            contact_verified=data.contact_verified,
            unit=data.unit,
            about_unit=data.about_unit,
            procedure_id=data.procedure_id,
            dossier_id=data.dossier_id,
            earlier=data.earlier,
            recorded_by=actor,
            status=S.RECEIVED,
            received_at=now,
            clock_from=now,
        )
        pakn.due_at = current_due(pakn)
        pakn.save()
        _record(pakn, "receive", actor, "", now)
        if data.earlier is not None:
            _raised_again(data.earlier, pakn, actor, now)
        _notify(
            pakn,
            f"Đã tiếp nhận phản ánh, kiến nghị {pakn.code}",
            f"Phản ánh, kiến nghị của bạn đã được tiếp nhận với mã {pakn.code}.",
        )
    return pakn


def _raised_again(earlier: Pakn, later: Pakn, actor: User | None, now: dt.datetime) -> None:
    """Record on the earlier PAKN that its matter was raised again after its answer (766, 5.3:
    a re-raised PAKN is not a satisfied one). Before an answer the link alone is kept, and so
    it is when the link comes from the portal with another person's contact: only the same
    submitter (same phone or e-mail) or an officer transcribing can re-raise a matter."""
    row = _lock(earlier)
    if row.answered_at is None or row.answered_at > now:
        return
    same_phone = bool(later.submitter_phone) and later.submitter_phone == row.submitter_phone
    same_email = bool(later.submitter_email) and (
        later.submitter_email.lower() == row.submitter_email.lower()
    )
    if actor is None and not (same_phone or same_email):
        return
    if row.reraised_at is None:
        row.reraised_at = now
        row.save(update_fields=["reraised_at"])
    _record(row, "raised_again", actor, row.status, now, f"Phản ánh lại: {later.code}")


# -- the shared steps of every transition -------------------------------------------------------


def _lock(pakn: Pakn | int) -> Pakn:
    pk = pakn.pk if isinstance(pakn, Pakn) else pakn
    return Pakn.objects.select_for_update().select_related("unit").get(pk=pk)


def _check(pakn: Pakn, action: str, actor: User | None, roles: tuple[str, ...]) -> str:
    sources, target = TRANSITIONS[action]
    if pakn.status not in sources:
        raise PaknError(
            f"Không thể thực hiện thao tác này khi phản ánh đang ở trạng thái "
            f"“{pakn.get_status_display()}”."
        )
    if actor is not None and pakn.unit_id not in pakn_units_for_user(actor, roles):
        raise PaknError("Bạn không có quyền thực hiện thao tác này với phản ánh của đơn vị khác.")
    return target


def _record(
    pakn: Pakn,
    action: str,
    actor: User | None,
    from_status: str,
    now: dt.datetime,
    note: str = "",
    due: dt.datetime | None = None,
) -> PaknEvent:
    seq = (pakn.events.order_by("-seq").values_list("seq", flat=True).first() or 0) + 1
    return PaknEvent.objects.create(
        pakn=pakn,
        seq=seq,
        at=now,
        actor=actor,
        actor_label=str(actor) if actor else "Người phản ánh / hệ thống",
        action=action,
        from_status=from_status,
        to_status=pakn.status,
        unit=pakn.unit,
        note=note,
        deadline=due,
        on_time=None if due is None else now <= due,
    )


def _move(
    pakn: Pakn, action: str, actor: User | None, target: str, fields: list[str], note: str = ""
) -> Pakn:
    """Set the new status, the governing due moment, save and write the event."""
    now = timezone.now()
    due = deadline(pakn, action)
    old = pakn.status
    pakn.status = target
    if action == "answer":
        pakn.answered_at = now
    pakn.due_at = current_due(pakn)
    pakn.save(update_fields=[*fields, "status", "due_at", "answered_at"])
    _record(pakn, action, actor, old, now, note, due)
    return pakn


def _notify(pakn: Pakn, subject: str, body: str) -> None:
    now = timezone.now()
    rows = []
    if pakn.submitter_email:
        rows.append(
            OutboxMessage(
                channel=OutboxChannel.EMAIL,
                recipient=pakn.submitter_email,
                subject=subject,
                body=body,
                created_at=now,
            )
        )
    if pakn.submitter_phone:
        rows.append(
            OutboxMessage(
                channel=OutboxChannel.SMS, recipient=pakn.submitter_phone, body=body, created_at=now
            )
        )
    OutboxMessage.objects.bulk_create(rows)


def _required(text: str, message: str) -> str:
    if not text.strip():
        raise PaknError(message)
    return text.strip()


# -- transitions ---------------------------------------------------------------------------------


def pakn_refuse(*, pakn: Pakn | int, actor: User, reason: str) -> Pakn:
    """Không tiếp nhận: not a PAKN under NĐ 20 (a complaint, a denunciation, anonymous…)."""
    reason = _required(reason, "Vui lòng ghi lý do không tiếp nhận.")
    with transaction.atomic():
        row = _lock(pakn)
        target = _check(row, "refuse", actor, HANDLER_ROLES)
        row.refusal_reason = reason
        _move(row, "refuse", actor, target, ["refusal_reason"], reason)
        _notify(row, f"Phản ánh {row.code} không được tiếp nhận", f"Lý do: {reason}")
    return row


def pakn_request_info(*, pakn: Pakn | int, actor: User, question: str) -> Pakn:
    question = _required(question, "Vui lòng ghi rõ thông tin cần bổ sung.")
    with transaction.atomic():
        row = _lock(pakn)
        target = _check(row, "request_info", actor, HANDLER_ROLES)
        row.info_requested_count += 1
        _move(row, "request_info", actor, target, ["info_requested_count"], question)
        _notify(row, f"Đề nghị bổ sung thông tin cho phản ánh {row.code}", question)
    return row


def pakn_info_received(*, pakn: Pakn | int, actor: User | None, info: str) -> Pakn:
    """The submitter's answer (actor None on the follow page, or an officer transcribing)."""
    info = _required(info, "Vui lòng nhập thông tin bổ sung.")
    with transaction.atomic():
        row = _lock(pakn)
        target = _check(row, "info_received", actor, HANDLER_ROLES)
        now = timezone.now()
        row.content = f"{row.content}\n\n[Bổ sung {now.astimezone(ZONE):%d/%m/%Y}] {info}"
        row.clock_from = now
        _move(row, "info_received", actor, target, ["content", "clock_from"], info)
    return row


def pakn_forward(*, pakn: Pakn | int, actor: User, to_unit: OrgUnit, note: str = "") -> Pakn:
    """Chuyển cơ quan có thẩm quyền; the competent unit's deadlines start at forwarding."""
    with transaction.atomic():
        row = _lock(pakn)
        target = _check(row, "forward", actor, HANDLER_ROLES)
        if to_unit.pk == row.unit_id:
            raise PaknError("Phản ánh đang ở chính đơn vị này.")
        due = deadline(row, "forward")
        now = timezone.now()
        old = row.status
        row.unit, row.clock_from, row.status = to_unit, now, target
        row.due_at = current_due(row)
        row.save(update_fields=["unit", "clock_from", "status", "due_at"])
        _record(row, "forward", actor, old, now, note or f"Chuyển {to_unit.name}", due)
        _notify(
            row,
            f"Phản ánh {row.code} đã được chuyển",
            f"Phản ánh {row.code} đã được chuyển đến {to_unit.name} để xem xét, trả lời.",
        )
    return row


def pakn_answer(*, pakn: Pakn | int, actor: User, answer: str) -> Pakn:
    answer = _required(answer, "Vui lòng nhập nội dung trả lời.")
    with transaction.atomic():
        row = _lock(pakn)
        target = _check(row, "answer", actor, HANDLER_ROLES)
        row.answer, row.answered_by = answer, actor
        _move(row, "answer", actor, target, ["answer", "answered_by"])
        _notify(row, f"Trả lời phản ánh {row.code}", answer)
    return row


def personal_data_in(pakn: Pakn, *texts: str) -> bool:
    """Whether any text carries the submitter's name, phone or e-mail (ignoring accents)."""
    folded = " " + " ".join(fold(text) for text in texts) + " "
    digits = "".join(ch for ch in " ".join(texts) if ch.isdigit())
    name = fold(pakn.submitter_name)
    return bool(
        (name and f" {name} " in folded)
        or (pakn.submitter_email and pakn.submitter_email.lower() in " ".join(texts).lower())
        or (pakn.submitter_phone and pakn.submitter_phone[-9:] in digits)
    )


def pakn_publish(*, pakn: Pakn | int, actor: User, public_summary: str) -> Pakn:
    """Công khai: the officer's summary of the matter and the answer, without personal data."""
    summary = _required(public_summary, "Vui lòng nhập nội dung công khai (tóm tắt phản ánh).")
    with transaction.atomic():
        row = _lock(pakn)
        target = _check(row, "publish", actor, PUBLISHER_ROLES)
        if personal_data_in(row, summary, row.answer, row.title):
            raise PaknError(
                "Nội dung công khai, tiêu đề hoặc trả lời còn chứa họ tên, số điện thoại hoặc "
                "thư điện tử của người phản ánh. Vui lòng bỏ các thông tin này trước khi công khai."
            )
        row.public_summary, row.published_at = summary, timezone.now()
        row.search_text = f" {fold(' '.join([row.title, summary, row.answer]))} "
        _move(row, "publish", actor, target, ["public_summary", "published_at", "search_text"])
    return row


def pakn_react(*, pakn: Pakn | int, liked: bool) -> Pakn:
    """The submitter's like or dislike of a published answer, once."""
    with transaction.atomic():
        row = _lock(pakn)
        if row.status != S.PUBLISHED:
            raise PaknError("Chỉ đánh giá được sau khi câu trả lời đã được công khai.")
        if row.reaction:
            raise PaknError("Bạn đã đánh giá câu trả lời này. Xin cảm ơn!")
        row.reaction = Reaction.LIKE if liked else Reaction.DISLIKE
        row.reacted_at = timezone.now()
        row.save(update_fields=["reaction", "reacted_at"])
        _record(row, "react", None, row.status, row.reacted_at, row.get_reaction_display())
    return row

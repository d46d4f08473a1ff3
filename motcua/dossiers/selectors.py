"""Reads of dossiers shared by pages, the API and reports — always scoped to the user's units."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from motcua.accounts.access import roles_of, units_for_user
from motcua.accounts.models import OrgUnit, Role, User
from motcua.catalog.models import ProcessStep
from motcua.dossiers.clock import ONE_WORKING_DAY, calendar_of
from motcua.dossiers.models import (
    OPEN_STATUSES,
    PAUSED_STATUSES,
    CounterRefusal,
    Dossier,
    DossierStatus,
)
from motcua.dossiers.reminders import RUNNING
from motcua.lib.text import fold, search_terms, word_pattern
from motcua.workdays.timecalc import add_working_time


def dossiers_for_user(user: User) -> QuerySet[Dossier]:
    """Dossiers received, decided or currently held by one of the user's units."""
    units = units_for_user(user)
    return Dossier.objects.filter(
        Q(receiving_unit__in=units) | Q(deciding_unit__in=units) | Q(current_unit__in=units)
    ).select_related("procedure_version", "receiving_unit", "deciding_unit", "current_step")


def get_dossier_for_user(user: User, pk: int) -> Dossier:
    """The dossier, or 404 when it lies outside the user's units (never 403: no confirmation
    that it exists)."""
    try:
        return dossiers_for_user(user).get(pk=pk)
    except Dossier.DoesNotExist:
        raise Http404 from None


def get_refusal_for_user(user: User, pk: int) -> CounterRefusal:
    """A refusal at the counter of one of the user's units, or 404."""
    try:
        return CounterRefusal.objects.select_related("receiving_unit", "procedure_version").get(
            pk=pk, receiving_unit__in=units_for_user(user)
        )
    except CounterRefusal.DoesNotExist:
        raise Http404 from None


# -- the back office's inboxes (hộp việc) -------------------------------------------------------


@dataclass(frozen=True)
class Inbox:
    """One box of the back office: who sees it and which dossiers are in it."""

    key: str  # the value of ?ngan= in the URL
    label: str
    roles: tuple[str, ...]  # empty: every officer with a unit
    hint: str = ""


INBOXES: tuple[Inbox, ...] = (
    Inbox("tiep-nhan", "Chờ tiếp nhận", (Role.RECEIVER,),
          "Hồ sơ nộp trực tuyến chờ tiếp nhận và hồ sơ đã nhận chưa chuyển xử lý."),
    Inbox("de-nghi-rut", "Đề nghị rút hồ sơ", (Role.RECEIVER,),
          "Công dân đề nghị rút hồ sơ trực tuyến: xác nhận rút hồ sơ (Mẫu 05)."),
    Inbox("phan-cong", "Chờ phân công", (Role.HEAD,),
          "Hồ sơ đã chuyển đến đơn vị, chưa có cán bộ xử lý."),
    Inbox("xu-ly", "Chờ tôi xử lý", (Role.HANDLER,), "Hồ sơ được phân công cho bạn."),
    Inbox("ky-duyet", "Chờ ký duyệt", (Role.SIGNER,),
          "Hồ sơ ở bước trình ký (bước cuối hoặc bước của lãnh đạo ký)."),
    Inbox("phat-hanh", "Chờ phát hành", (Role.CLERK,), "Đã ký duyệt, chờ vào số và phát hành."),
    Inbox("tra-ket-qua", "Chờ trả kết quả", (Role.RECEIVER,), "Đã có kết quả tại Bộ phận Một cửa."),
    Inbox("sap-den-han", "Đến hạn trong 1 ngày làm việc", (),
          "Hồ sơ đang tính thời hạn, hẹn trả trong vòng một ngày làm việc."),
    Inbox("qua-han", "Quá hạn", (), "Hồ sơ đang tính thời hạn đã quá thời điểm hẹn trả."),
    Inbox("tam-dung", "Tạm dừng", (), "Chờ bổ sung hoặc chờ thực hiện nghĩa vụ tài chính."),
    Inbox("tat-ca", "Tất cả hồ sơ", (), "Mọi hồ sơ của đơn vị bạn."),
)  # fmt: skip
INBOX_BY_KEY = {box.key: box for box in INBOXES}
QS = QuerySet[Dossier]
# Where a withdrawal request still waits for the desk (the `withdraw` action's sources).
WITHDRAWABLE = (
    DossierStatus.SUBMITTED,
    DossierStatus.RECEIVED,
    DossierStatus.FORWARDED,
    DossierStatus.IN_PROCESS,
    DossierStatus.SUPPLEMENT_REQUESTED,
    DossierStatus.AWAITING_FEES,
)


def inboxes_for_user(user: User) -> list[Inbox]:
    """The boxes a user sees: their roles' boxes, then the shared ones (none without a unit)."""
    roles = roles_of(user)
    if not roles and not user.is_superuser:
        return []
    return [b for b in INBOXES if not b.roles or user.is_superuser or roles & set(b.roles)]


def inbox_dossiers(user: User, key: str, now: dt.datetime | None = None) -> QuerySet[Dossier]:
    """The dossiers in box `key` for `user`, oldest deadline first (none last).

    Sorted after reading the box's rows: the deadline's index would walk the whole province's
    dossiers in deadline order, filtering out other units' — the planner's choice for a first
    page, thousands of times slower for a later page or a box with few dossiers."""
    box = INBOX_BY_KEY[key]
    mine = dossiers_for_user(user).select_related("assignee", "current_unit")
    rows = mine.filter(_BOX_CONDITIONS[key](user, now or timezone.now(), box.roles))
    undated = ExpressionWrapper(Q(due_at__isnull=True), output_field=BooleanField())
    return rows.annotate(undated=undated).order_by("undated", "due_at", "pk")


EVERYTHING = "tat-ca"


def inbox_counts(user: User, now: dt.datetime | None = None) -> list[tuple[Inbox, int]]:
    """Each of the user's boxes with its number of dossiers — one query for the boxes of open
    dossiers (through the open dossiers' indexes), one for "every dossier"."""
    now = now or timezone.now()
    boxes = inboxes_for_user(user)
    if not boxes:
        return []
    mine = dossiers_for_user(user).order_by()
    counts = mine.filter(status__in=OPEN_STATUSES).aggregate(
        **{
            f"box{i}": Count("pk", filter=_BOX_CONDITIONS[box.key](user, now, box.roles))
            for i, box in enumerate(boxes)
            if box.key != EVERYTHING
        }
    )
    found = [(box, counts.get(f"box{i}")) for i, box in enumerate(boxes)]
    return [(box, mine.count() if n is None else n) for box, n in found]


def _in_units(field: str, user: User, roles: tuple[str, ...]) -> Q:
    return Q(**{f"{field}__in": units_for_user(user, roles)})


NOTHING = Q(pk__in=[])


def _to_receive(user: User, now: dt.datetime, roles: tuple[str, ...]) -> Q:
    statuses = (DossierStatus.SUBMITTED, DossierStatus.RECEIVED)
    return _in_units("receiving_unit", user, roles) & Q(status__in=statuses)


def _withdrawal_asked(user: User, now: dt.datetime, roles: tuple[str, ...]) -> Q:
    return _in_units("receiving_unit", user, roles) & Q(
        withdrawal_requested_at__isnull=False, status__in=WITHDRAWABLE
    )


def _to_assign(user: User, now: dt.datetime, roles: tuple[str, ...]) -> Q:
    statuses = (DossierStatus.FORWARDED, DossierStatus.IN_PROCESS)
    return _in_units("current_unit", user, roles) & Q(status__in=statuses, assignee__isnull=True)


def _to_process(user: User, now: dt.datetime, roles: tuple[str, ...]) -> Q:
    return Q(status=DossierStatus.IN_PROCESS, assignee=user.pk)


def _to_sign(user: User, now: dt.datetime, roles: tuple[str, ...]) -> Q:
    # A version's steps are few; "the last step" is the one no later step follows.
    later = ProcessStep.objects.filter(
        version=OuterRef("procedure_version"), order__gt=OuterRef("current_step__order")
    )
    at_signing = (
        Q(current_step__isnull=True)
        | Q(current_step__role=Role.SIGNER)
        | Q(assignee=user.pk)
        | ~Exists(later)
    )
    # The status first: the database tests the later steps only for dossiers in process.
    return Q(
        Q(status=DossierStatus.IN_PROCESS), _in_units("deciding_unit", user, roles), at_signing
    )


def _to_issue(user: User, now: dt.datetime, roles: tuple[str, ...]) -> Q:
    return _in_units("deciding_unit", user, roles) & Q(status=DossierStatus.APPROVED)


def _to_return(user: User, now: dt.datetime, roles: tuple[str, ...]) -> Q:
    return _in_units("receiving_unit", user, roles) & Q(status=DossierStatus.RESULT_READY)


def _due_soon(user: User, now: dt.datetime, roles: tuple[str, ...]) -> Q:
    # One calendar for the box: the user's units lie in one province in practice.
    unit = _first_unit(user)
    if unit is None:
        return NOTHING
    cal = calendar_of(unit)
    limit = add_working_time(now, ONE_WORKING_DAY, cal)
    return Q(status__in=RUNNING, due_at__gte=now, due_at__lte=limit)


def _overdue(user: User, now: dt.datetime, roles: tuple[str, ...]) -> Q:
    return Q(status__in=RUNNING, due_at__lt=now)


def _paused(user: User, now: dt.datetime, roles: tuple[str, ...]) -> Q:
    return Q(status__in=PAUSED_STATUSES)


def _everything(user: User, now: dt.datetime, roles: tuple[str, ...]) -> Q:
    return Q(pk__isnull=False)


def _first_unit(user: User) -> OrgUnit | None:
    units = units_for_user(user)
    return OrgUnit.objects.filter(pk__in=units[:1]).first()


# Each box as a condition on the user's dossiers: filters one box, counts all in one query.
_BOX_CONDITIONS: dict[str, Callable[[User, dt.datetime, tuple[str, ...]], Q]] = {
    "tiep-nhan": _to_receive,
    "de-nghi-rut": _withdrawal_asked,
    "phan-cong": _to_assign,
    "xu-ly": _to_process,
    "ky-duyet": _to_sign,
    "phat-hanh": _to_issue,
    "tra-ket-qua": _to_return,
    "sap-den-han": _due_soon,
    "qua-han": _overdue,
    "tam-dung": _paused,
    "tat-ca": _everything,
}


@dataclass(frozen=True)
class DossierFilter:
    procedure: int | None = None  # a Procedure id: every version of it
    status: str = ""
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    query: str = ""  # part of the code, or words of the applicant's name (any accents)


def filter_dossiers(rows: QS, wanted: DossierFilter) -> QS:
    if wanted.procedure:
        rows = rows.filter(procedure_version__procedure=wanted.procedure)
    if wanted.status:
        rows = rows.filter(status=wanted.status)
    if wanted.received_from or wanted.received_to:
        # Local days as moments: compared as stored, not converted row by row.
        rows = rows.annotate(filed_at=Coalesce("received_at", "submitted_at"))
        if wanted.received_from:
            rows = rows.filter(filed_at__gte=_midnight(wanted.received_from))
        if wanted.received_to:
            rows = rows.filter(filed_at__lt=_midnight(wanted.received_to + dt.timedelta(days=1)))
    if wanted.query.strip():
        rows = rows.filter(_matching(rows, wanted.query))
    return rows


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def _matching(rows: QS, query: str) -> Q:
    """Code contains the query, or every folded word is in the folded applicant name — found
    by the database with `text.word_pattern`, the names staying there. A query with a digit
    is part of a code (names have none)."""
    code = Q(code__icontains=query.strip())
    words = [] if any(ch.isdigit() for ch in query) else search_terms(query)
    return code | Q(*(Q(applicant_name__regex=word_pattern(w)) for w in words)) if words else code


def procedures_of(rows: QS) -> list[tuple[int, str]]:
    """(procedure id, name) of the dossiers in `rows`, for the filter's choices."""
    pairs = (
        rows.order_by()
        .values_list("procedure_version__procedure", "procedure_version__name")
        .distinct()
    )
    return sorted(dict(pairs).items(), key=lambda pair: fold(pair[1]))

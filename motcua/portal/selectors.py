"""Reads for the citizen pages: a dossier's public status and the units' public figures."""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, F, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from motcua.accounts.models import OrgUnit
from motcua.dossiers.models import (
    PAUSED_STATUSES,
    Channel,
    Dossier,
    DossierEvent,
    DossierStatus,
)
from motcua.workdays.timecalc import ZONE

# Only the steps a citizen recognises; internal hand-overs (assign, hand_over, approve) and
# every note stay inside the office. No actor is ever shown.
PUBLIC_ACTIONS = {
    "submit_online": _("Nộp hồ sơ trực tuyến"),
    "receive": _("Tiếp nhận hồ sơ"),
    "accept_online": _("Tiếp nhận hồ sơ trực tuyến"),
    "refuse": _("Từ chối tiếp nhận hồ sơ"),
    "request_supplement": _("Yêu cầu bổ sung giấy tờ"),
    "supplement_received": _("Nhận hồ sơ bổ sung"),
    "forward": _("Chuyển cơ quan xử lý"),
    "transfer": _("Chuyển liên thông"),
    "pause_for_fees": _("Yêu cầu thực hiện nghĩa vụ tài chính"),
    "resume": _("Tiếp tục xử lý"),
    "reschedule": _("Hẹn lại ngày trả kết quả"),
    "stop": _("Dừng xử lý"),
    "withdraw": _("Công dân rút hồ sơ"),
    "issue_result": _("Có kết quả, chờ trả"),
    "return_result": _("Đã trả kết quả"),
}

# The national wording lives in dossiers.models.NATIONAL_STATUS; listed here for translation.
NATIONAL_WORDING = [
    gettext_noop("Mới đăng ký"),
    gettext_noop("Được tiếp nhận"),
    gettext_noop("Không được tiếp nhận"),
    gettext_noop("Đang xử lý"),
    gettext_noop("Yêu cầu bổ sung giấy tờ"),
    gettext_noop("Yêu cầu thực hiện nghĩa vụ tài chính"),
    gettext_noop("Công dân yêu cầu rút hồ sơ"),
    gettext_noop("Dừng xử lý"),
    gettext_noop("Đã xử lý xong"),
    gettext_noop("Đã trả kết quả"),
]


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    label: str


def dossier_for_status(code: str) -> Dossier | None:
    return (
        Dossier.objects.select_related("procedure_version", "receiving_unit")
        .filter(code=code)
        .first()
    )


def public_timeline(dossier: Dossier) -> list[TimelineEntry]:
    events = DossierEvent.objects.filter(dossier=dossier, action__in=PUBLIC_ACTIONS).only(
        "at", "action"
    )
    return [TimelineEntry(event.at, str(PUBLIC_ACTIONS[event.action])) for event in events]


# -- transparency --------------------------------------------------------------------------

# A dossier is finished at its first event reaching one of these (DOMAIN.md §6, 2.1). A refusal
# at receipt is not counted: such a dossier was never received.
FINISHING_STATUSES = (
    DossierStatus.RESULT_READY,
    DossierStatus.RETURNED,
    DossierStatus.STOPPED,
    DossierStatus.WITHDRAWN,
)


@dataclass(frozen=True)
class ServiceFigures:
    """A unit's public figures for one period; rates are percentages or None ("N/A")."""

    received: int
    resolved: int
    resolved_on_time: int
    overdue: int
    online: int
    on_time_rate: Decimal | None
    online_share: Decimal | None


def _percent(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(100 * part) / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _dossiers_of(unit: OrgUnit) -> QuerySet[Dossier]:
    units = OrgUnit.objects.within(unit)
    return Dossier.objects.filter(Q(receiving_unit__in=units) | Q(deciding_unit__in=units))


def unit_service_figures(unit: OrgUnit, start: dt.datetime, end: dt.datetime) -> ServiceFigures:
    """The figures of `unit` and the units below it for [start, end), from dossiers and events.

    Reports will compute the same from rollups; this is the one function to replace.

    - received: dossiers received (``received_at``) in the period, counted for the unit that
      received them and for the unit that decides them;
    - resolved: dossiers finished in the period — first result ready, returned, stopped or
      withdrawn event (DOMAIN.md §6, 2.1);
    - resolved on time: of those, finished at or before the appointment (``due_at``, which
      already carries pauses and any reschedule) and with at most one supplement request;
    - overdue: dossiers received before the end of the period and unfinished at its end, whose
      appointment has passed and that are not paused for a supplement or fees (judged by the
      current status: the pages' periods end now);
    - on time %: resolved on time / (resolved + overdue); unfinished dossiers still within
      their appointment are not judged yet;
    - online share: dossiers received in the period that were filed online (channel 2) and,
      where the procedure requires a paper result, have an electronic result / received.
    """
    first_finish = (
        DossierEvent.objects.filter(dossier=OuterRef("pk"), to_status__in=FINISHING_STATUSES)
        .order_by()
        .values("dossier")
        .annotate(first=Min("at"))
        .values("first")
    )
    dossiers = _dossiers_of(unit).annotate(finished_at=Subquery(first_finish))
    received = dossiers.filter(received_at__gte=start, received_at__lt=end)
    online = received.filter(channel=Channel.ONLINE).filter(
        ~Q(procedure_version__paper_result_required=True) | ~Q(result_file="")
    )
    resolved = dossiers.filter(finished_at__gte=start, finished_at__lt=end)
    on_time = resolved.filter(finished_at__lte=F("due_at"), supplement_count__lte=1)
    unfinished = dossiers.filter(received_at__lt=end).filter(
        Q(finished_at__isnull=True) | Q(finished_at__gte=end)
    )
    overdue = unfinished.exclude(status__in=PAUSED_STATUSES).filter(due_at__lt=end)
    counts = {
        "received": received.count(),
        "resolved": resolved.count(),
        "resolved_on_time": on_time.count(),
        "overdue": overdue.count(),
        "online": online.count(),
    }
    return ServiceFigures(
        **counts,
        on_time_rate=_percent(counts["resolved_on_time"], counts["resolved"] + counts["overdue"]),
        online_share=_percent(counts["online"], counts["received"]),
    )


@dataclass(frozen=True)
class Period:
    start: dt.datetime
    end: dt.datetime


def periods_to_date(now: dt.datetime | None = None) -> dict[str, Period]:
    """This month and this year so far, in Vietnamese local time."""
    now = timezone.localtime(now or timezone.now(), ZONE)
    month = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return {"month": Period(month, now), "year": Period(month.replace(month=1), now)}


def transparency_units() -> QuerySet[OrgUnit]:
    """Units that receive or decide dossiers, or offer procedures: those with figures to show."""
    has_dossiers = Dossier.objects.filter(
        Q(receiving_unit=OuterRef("pk")) | Q(deciding_unit=OuterRef("pk"))
    )
    return (
        OrgUnit.objects.active_on(timezone.localdate())
        .filter(Q(Exists(has_dossiers)) | Q(offerings__isnull=False))
        .distinct()
        .order_by("name")
    )

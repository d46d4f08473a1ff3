"""Reads for the citizen pages: a dossier's public status and the units' public figures."""

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Exists, Model, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

from motcua.accounts.models import OrgUnit
from motcua.catalog.models import ProcedureOffering, ProcedureVersion
from motcua.dossiers.models import (
    Dossier,
    DossierEvent,
    DossierStatus,
)
from motcua.lib import rows
from motcua.payments import selectors as payment_selectors
from motcua.payments.models import BankAccount, DossierFee
from motcua.reports import periods as report_periods
from motcua.reports import selectors as report_selectors
from motcua.surveys.models import Rating
from motcua.workdays.timecalc import ZONE

# Only the steps a citizen recognises; internal hand-overs (assign, hand_over, approve) and
# every note stay inside the office. No actor is ever shown.
PUBLIC_ACTIONS = {
    # A step that happened ("Filed online"), not the portal's "File online" link.
    "submit_online": pgettext_lazy("sự kiện hồ sơ", "Nộp hồ sơ trực tuyến"),
    "receive": _("Tiếp nhận hồ sơ"),
    "accept_online": _("Tiếp nhận hồ sơ trực tuyến"),
    "refuse": _("Từ chối tiếp nhận hồ sơ"),
    "request_supplement": _("Yêu cầu bổ sung giấy tờ"),
    "supplement_received": _("Nhận hồ sơ bổ sung"),
    "forward": _("Chuyển cơ quan xử lý"),
    "transfer": _("Chuyển liên thông"),
    "pause_for_fees": _("Yêu cầu thực hiện nghĩa vụ tài chính"),
    "resume": _("Tiếp tục xử lý"),
    "record_payment": _("Ghi nhận nộp phí, lệ phí"),
    "reschedule": _("Hẹn lại ngày trả kết quả"),
    "stop": _("Dừng xử lý"),
    "request_withdrawal": _("Công dân đề nghị rút hồ sơ"),
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
    """One public step: `iso` and `shown` are what `|date:"c"` and `|date:"H:i d/m/Y"` draw
    of `at` in the current time zone, computed once (a timeline has up to a few dozen entries,
    and the date filter's format parser, or even a look-up of the current zone per value, cost
    more than the rest of the entry)."""

    at: dt.datetime
    label: str
    iso: str = ""
    shown: str = ""

    def __post_init__(self) -> None:
        if not self.shown:
            local = timezone.localtime(self.at)
            object.__setattr__(self, "iso", local.isoformat())
            object.__setattr__(self, "shown", local.strftime(SHOWN))


SHOWN = "%H:%M %d/%m/%Y"


def shown_at(at: dt.datetime | None) -> str:
    """What `|date:"H:i d/m/Y"` draws (empty for no time), by one call."""
    return timezone.localtime(at).strftime(SHOWN) if at is not None else ""


def dossier_for_status(code: str) -> Dossier | None:
    return (
        Dossier.objects.select_related("procedure_version", "receiving_unit")
        .filter(code=code)
        .first()
    )


# What the status page reads (status.html, the fee panel, `withdrawal_open`, `rating_of`): the
# dossier row is wide, and this page is the portal's busiest. Per model, its fields in the row;
# the bank account is the receiving unit's (for the fee panel's VietQR).
_STATUS_PAGE_FIELDS: tuple[tuple[type[Model], str, tuple[str, ...] | None], ...] = (
    (
        Dossier,
        "d",
        (
            "id",
            "code",
            "procedure_version",
            "case",
            "receiving_unit",
            "applicant_name",
            "applicant_personal_id",
            "applicant_organisation_id",
            "applicant_phone",
            "status",
            "received_at",
            "due_at",
            "withdrawal_requested_at",
            "result_file",
            "result_signer",
            "returned_at",
        ),
    ),
    (ProcedureVersion, "v", ("id", "name")),
    (OrgUnit, "u", ("id", "name")),
    (Rating, "r", ("id", "dossier", "level")),
    (BankAccount, "b", None),
)


@dataclass(frozen=True)
class _RowRead:
    sql: str
    parts: tuple[rows.Reader, ...]  # per model, its fields (`Field`) in the row
    facts: tuple[str, ...]
    timeline: bool  # the row ends with the events' times and actions (`_timeline_lateral`)
    fee_lines: rows.Reader | None  # and then the fee lines' fields, each an array (PostgreSQL)


@functools.cache
def _status_page_read(vendor: str, leading: tuple[str, ...] = ()) -> _RowRead:
    """The status page's SELECT, written once from the models' metadata; on PostgreSQL with
    the dossier's timeline in the same row (one round trip fewer per lookup). The row starts
    with the `leading` columns, if any (the lookup's throttle counts, `throttle.counting`)."""
    parts, columns = [], []
    for model, alias, names in _STATUS_PAGE_FIELDS:
        fields = rows.fields_of(model, names)
        parts.append(rows.Reader(model, fields))
        columns.append(rows.columns(fields, alias))
    facts = payment_selectors.fee_facts_sql("d")
    timeline = vendor == "postgresql"
    lines, laterals, after = None, "", list[str]()
    if timeline:
        # The timeline and the fee lines (`payments.services.fees_of`), each a LATERAL join
        # giving an array per column: one scan of each table, no subquery per column. Whether
        # the dossier has fee lines is then known from them.
        lines = rows.Reader(DossierFee, rows.fields_of(DossierFee))
        facts["has_fee_lines"] = 'f."id" IS NOT NULL'
        after = ['t."at"', 't."action"', *[f'f."{f.column}"' for f in lines.fields]]
        laterals = _timeline_lateral("d", "t") + _fee_lines_lateral("d", "f", lines.fields)
    columns += [f"({sql})" for sql in facts.values()] + after
    tables = {model: model._meta.db_table for model, _, _ in _STATUS_PAGE_FIELDS}
    columns = [*leading, *columns]
    sql = (
        f"SELECT {', '.join(columns)} FROM {tables[Dossier]} d "
        f"JOIN {tables[ProcedureVersion]} v ON v.id = d.procedure_version_id "
        f"JOIN {tables[OrgUnit]} u ON u.id = d.receiving_unit_id "
        f"LEFT JOIN {tables[Rating]} r ON r.dossier_id = d.id "
        f"LEFT JOIN {tables[BankAccount]} b ON b.unit_id = d.receiving_unit_id "
        f"{laterals}WHERE d.code = %s"
    )
    return _RowRead(sql, tuple(parts), tuple(facts), timeline, lines)


def _timeline_lateral(dossiers: str, alias: str) -> str:
    """A join giving `alias`.at and `alias`.action: the times and actions of the dossier's
    events, in their order."""
    events = DossierEvent._meta.db_table
    arrays = ", ".join(f"array_agg(e.{c} ORDER BY e.seq) AS {c}" for c in ("at", "action"))
    return (
        f"LEFT JOIN LATERAL (SELECT {arrays} FROM {events} e "
        f"WHERE e.dossier_id = {dossiers}.id) {alias} ON true "
    )


def _fee_lines_lateral(dossiers: str, alias: str, fields: tuple[Any, ...]) -> str:
    """A join giving an array per column of the dossier's fee lines, each in the same order
    (one aggregation over the lines, sorted once; `dossier_for_status_page_counted` sorts the
    lines again by the model's order, which does not rest on that)."""
    table, order = DossierFee._meta.db_table, DossierFee._meta.get_field("order").column
    arrays = ", ".join(f'array_agg(l."{f.column}") AS "{f.column}"' for f in fields)
    return (
        f"LEFT JOIN LATERAL (SELECT {arrays} FROM (SELECT * FROM {table} "
        f'WHERE dossier_id = {dossiers}.id ORDER BY "{order}", id) l) {alias} ON true '
    )


def dossier_for_status_page(code: str) -> Dossier | None:
    """`dossier_for_status` with only the columns the status page shows or checks (its other
    fields deferred, as `only()` leaves them), its rating, its receiving unit's bank account and
    what the fee panel needs to know first (`payments.selectors.with_fee_facts`), in one row.

    By plain SQL (motcua/lib/rows.py): building this query through the ORM (four joins, four
    subqueries) cost more than twice the CPU of running it, on the portal's busiest page; a test
    reads dossiers both ways and compares."""
    return dossier_for_status_page_counted(code, None)[0]


def dossier_for_status_page_counted(
    code: str, counted: tuple[list[str], list[Any]] | None
) -> tuple[Dossier | None, list[int] | None]:
    """`dossier_for_status_page` and, in the same row, the SQL columns `counted` gives with
    their parameters (the lookup's throttle counts, `throttle.counted_in_database`): the
    dossier (None for an unknown code) and those counts (None when none were asked or there is
    no row)."""
    columns, params = counted or ([], [])
    read = _status_page_read(connection.vendor, tuple(columns))
    found = rows.fetch(read.sql, [*params, code])
    if not found:
        return None, None
    (row,) = found
    counts = [int(n) for n in row[: len(columns)]] if counted else None
    values, loaded, db = iter(row[len(columns) :]), list[Any](), connections[DEFAULT_DB_ALIAS]
    for reader in read.parts:
        loaded.append(reader([next(values) for _ in reader.fields], db))
    dossier, version, unit, rating, account = loaded
    for fact in read.facts:
        setattr(dossier, fact, next(values))
    if read.timeline:
        times, actions = next(values), next(values)
        dossier.timeline_events = list(zip(times or [], actions or [], strict=True))  # type: ignore[attr-defined]
    if read.fee_lines is not None:
        arrays = [next(values) or [] for _ in read.fee_lines.fields]
        lines = [read.fee_lines(list(line), db) for line in zip(*arrays, strict=True)]
        lines.sort(key=lambda line: (line.order, line.pk))
        dossier.fee_lines_read = lines  # type: ignore[attr-defined]
    Dossier._meta.get_field("procedure_version").set_cached_value(dossier, version)
    Dossier._meta.get_field("receiving_unit").set_cached_value(dossier, unit)
    OrgUnit._meta.get_field("bank_account").set_cached_value(unit, account)
    if rating is not None:
        Rating._meta.get_field("dossier").set_cached_value(rating, dossier)
    Dossier._meta.get_field("rating").set_cached_value(dossier, rating)
    return dossier, counts


def public_timeline(dossier: Dossier) -> list[TimelineEntry]:
    """The public steps of the dossier, in the order they happened.

    By `seq` alone, as the model's default (dossier, seq) would join the dossier to sort one
    dossier's events. The public ones are picked here: a dossier has a few dozen events at most,
    and a list of 17 actions costs more to send than to skip. Plain SQL, as the status page's
    dossier (`dossier_for_status_page`): the ORM's building of it cost more than running it;
    no query when that read brought the events along. The time zone and the converters of
    `at` are looked up once for the whole list."""
    at, db = DossierEvent._meta.get_field("at"), connections[DEFAULT_DB_ALIAS]
    events = getattr(dossier, "timeline_events", None)
    if events is None:
        events = rows.fetch(_TIMELINE_SQL, [dossier.pk])
    zone, converted = timezone.get_current_timezone(), rows.converter(at, db)
    labels: dict[str, str] = {}
    found = []
    for when, action in events:
        label = PUBLIC_ACTIONS.get(action)
        if label is None:
            continue
        if action not in labels:
            labels[action] = str(label)
        moment = converted(when)
        local = moment.astimezone(zone)
        found.append(
            TimelineEntry(moment, labels[action], local.isoformat(), local.strftime(SHOWN))
        )
    return found


_TIMELINE_SQL = (
    f"SELECT at, action FROM {DossierEvent._meta.db_table} WHERE dossier_id = %s ORDER BY seq"
)


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


def unit_service_figures(unit: OrgUnit, start: dt.datetime, end: dt.datetime) -> ServiceFigures:
    """The figures of `unit` and the units below it for [start, end), read from the report
    rollups (motcua.reports; every definition is in docs/reports.md):

    - received: dossiers received in the period (an online filing counts from its acceptance,
      or from its filing if it was refused before);
    - resolved: dossiers finished in the period — result ready, refused, stopped or withdrawn,
      whichever came first (DOMAIN.md §6, 2.1);
    - resolved on time: of those, finished at or before the appointment (which carries pauses
      and any reschedule) and with at most one supplement request;
    - overdue: dossiers unfinished at the end of the period and judged late then — past their
      appointment and not paused, or with more than one supplement request;
    - on time %: resolved on time / (resolved + overdue) — the 766 component 2.1;
    - online share: dossiers received in the period that were filed online (channel 2) and,
      where the procedure requires a paper result, have an electronic result / received.
    """
    return service_figures(unit, {"": Period(start, end)})[""]


def service_figures(unit: OrgUnit, periods: dict[str, "Period"]) -> dict[str, ServiceFigures]:
    """`unit_service_figures` for several periods; the dossiers open at an end shared by
    several periods (this month and this year, both to now) are judged once."""
    ids = list(OrgUnit.objects.within(unit).values_list("pk", flat=True))
    opened: dict[dt.datetime, report_selectors.OpenCounts] = {}
    found = {}
    for name, wanted in periods.items():
        period = report_periods.Period.between(wanted.start, wanted.end)
        if period.end not in opened:
            opened[period.end] = report_selectors.open_counts(ids, period.end)
        figures = report_selectors.total_figures(ids, period, opened=opened[period.end])
        found[name] = _service_figures(figures)
    return found


def _service_figures(figures: "report_selectors.Figures") -> ServiceFigures:
    overdue = figures["late_at_end"]
    counts = {
        "received": figures.received,
        "resolved": figures["finished_on_time"] + figures["finished_late"],
        "resolved_on_time": figures["finished_on_time"],
        "overdue": overdue,
        "online": figures["online_qualified"],
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
    # Three index probes per unit (one OR inside a single subquery would scan the dossiers).
    received = Dossier.objects.filter(receiving_unit=OuterRef("pk"))
    decided = Dossier.objects.filter(deciding_unit=OuterRef("pk"))
    offers = ProcedureOffering.objects.filter(unit=OuterRef("pk"))
    return (
        OrgUnit.objects.active_on(timezone.localdate())
        .filter(Exists(received) | Exists(decided) | Exists(offers))
        .order_by("name")
    )

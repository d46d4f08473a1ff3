"""Quyết định 766: every component this system holds data for, scored as DOMAIN.md §6 says;
the others N/A with their reason, never 0 and never full marks."""

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from operator import add

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Sum, Value

from motcua.accounts.models import OrgUnit
from motcua.api.dvcqg import synced_by_unit
from motcua.catalog.models import OnlineLevel, ProcedureOffering, ProcedureVersion
from motcua.feedback.selectors import pakn_about_dossiers, pakn_counts_by_unit
from motcua.reports import group4
from motcua.reports.models import COUNTERS, DossierFact, FinishKind, Rollup
from motcua.reports.periods import Period, before_q, span_q
from motcua.reports.selectors import (
    FINISHED,
    RECEIVED,
    RESOLVED,
    OpenCounts,
    judged_late_at,
    key_sums,
    late_at_end_counts,
    rollup_sums,
    units_q,
)
from motcua.surveys.models import DISLIKE_LEVELS
from motcua.surveys.selectors import processing_satisfaction

CENT = Decimal("0.01")
NO_PAYMENT = "chưa tích hợp thanh toán"
NO_PAKN = "không có phản ánh, kiến nghị phát sinh trong kỳ"
NO_PAKN_FIRST = "không có phản ánh, kiến nghị tiếp nhận lần đầu trong kỳ"
NO_PUBLICATION = "chưa có dữ liệu công bố, công khai TTHC"
NO_DATASTORE = "chưa kết nối kho dữ liệu cá nhân / CSDL dân cư"


@dataclass(frozen=True)
class Spec:
    code: str
    name: str
    max_points: int
    target: Decimal | None = None
    reason: str = ""  # why the component is N/A whatever the data
    scored: bool = True
    figures: tuple[str, str] = ("", "")  # drill-down figures: numerator, denominator

    @property
    def group(self) -> int:
        """The group of the points table (DOMAIN.md §6): 1–6."""
        return int(self.code.split(".")[0])

    @property
    def national(self) -> str | None:
        return national_code(self.code)


# The national formula document numbers satisfaction 5.2–5.4 and digitisation 4.x, while the
# points table (QĐ 766, DOMAIN.md §6) puts them in groups 5 and 6: `code` is the table's (the
# stable key), `national_code` the number shown. Payments (table group 4) have no national
# number confirmed here: None.
NATIONAL = {
    "4.1": None,
    "4.2": None,
    "4.3": None,
    "5.1": "5.2",
    "5.2": "5.3",
    "5.3": "5.4",
    **{f"6.{i}": f"4.{i}" for i in range(1, 8)},
}
GROUPS = {
    1: "Công khai, minh bạch",
    2: "Tiến độ giải quyết",
    3: "Dịch vụ công trực tuyến",
    4: "Thanh toán trực tuyến",
    5: "Mức độ hài lòng",
    6: "Số hóa hồ sơ",
}


def national_code(code: str) -> str | None:
    """The component's number in the national formula document (None if not known)."""
    return NATIONAL.get(code, code)


SPECS = (
    Spec("1.1", "TTHC công bố đúng hạn", 6, reason=NO_PUBLICATION),
    Spec("1.2", "Cập nhật, công khai TTHC đúng hạn", 4, reason=NO_PUBLICATION),
    Spec("1.3", "Công khai đầy đủ các bộ phận TTHC", 2, reason=NO_PUBLICATION),
    Spec("1.4", "Hồ sơ đồng bộ lên Cổng DVCQG", 6),
    Spec("2.1", "Hồ sơ giải quyết trước hạn, đúng hạn", 20, figures=("judged_on_time", "judged")),
    Spec(
        "2.2",
        "Thời gian giải quyết trung bình (ngày làm việc)",
        0,
        scored=False,
        figures=("resolved", "resolved"),
    ),
    Spec("3.1", "TTHC cung cấp dịch vụ công trực tuyến", 4, Decimal("0.8")),
    Spec("3.2", "Dịch vụ công trực tuyến phát sinh hồ sơ", 4),
    Spec(
        "3.3", "Hồ sơ nộp trực tuyến", 4, Decimal("0.5"), figures=("online_qualified", "received")
    ),
    Spec("4.1", "TTHC tích hợp thanh toán trực tuyến", 2, Decimal("0.8")),
    Spec("4.2", "TTHC phát sinh thanh toán trực tuyến", 2),
    Spec("4.3", "Hồ sơ thanh toán trực tuyến", 6),
    Spec("5.1", "Xử lý PAKN đúng hạn", 6),
    Spec("5.2", "Hài lòng về xử lý PAKN", 6),
    Spec(
        "5.3",
        "Hài lòng về tiếp nhận, giải quyết TTHC",
        6,
        Decimal("0.9"),
        figures=("satisfied", "judged"),
    ),
    Spec("6.1", "Cấp kết quả điện tử", 6, figures=("electronic_results", "paper_results")),
    Spec("6.2", "Số hóa thành phần hồ sơ", 4, Decimal("0.8"), figures=("digitised", "received")),
    Spec("6.3", "Cấp bản sao điện tử chứng thực", 2, reason="chưa có dữ liệu chứng thực điện tử"),
    Spec(
        "6.4",
        "Tái sử dụng dữ liệu số hóa",
        2,
        Decimal("0.8"),
        reason="chưa ghi nhận việc tái sử dụng dữ liệu",
    ),
    Spec("6.5", "Hồ sơ liên kết kho dữ liệu cá nhân", 4, reason=NO_DATASTORE),
    Spec("6.6", "Hồ sơ sử dụng CSDL quốc gia về dân cư", 2, reason=NO_DATASTORE),
    Spec("6.7", "TTHC kết nối CSDL quốc gia về dân cư", 2, reason=NO_DATASTORE),
)


@dataclass
class Component:
    spec: Spec
    numerator: int | None = None
    denominator: int | None = None
    rate: Decimal | None = None  # percent, 2 decimals
    points: Decimal | None = None
    value: Decimal | None = None  # 2.2: days
    reason: str = ""

    @property
    def applicable(self) -> bool:
        return self.rate is not None or self.value is not None

    @property
    def about(self) -> str:
        return ABOUT.get(self.spec.code, "")


@dataclass
class UnitIndex:
    unit: OrgUnit
    components: list[Component] = field(default_factory=list)
    rank: int = 0

    # Computed once: the components are complete when the index is made (`index766`), and
    # a ranking reads these for every unit, to sort and to draw.
    @cached_property
    def total(self) -> Decimal:
        return sum((c.points for c in self.components if c.points is not None), Decimal(0))

    @cached_property
    def attainable(self) -> int:
        return sum(c.spec.max_points for c in self.components if c.points is not None)

    @cached_property
    def groups(self) -> list["GroupScore"]:
        """The components in the six groups of the points table, with each group's points."""
        by_group: dict[int, list[Component]] = {number: [] for number in GROUPS}
        for c in self.components:
            by_group[c.spec.group].append(c)
        return [GroupScore(number, name, by_group[number]) for number, name in GROUPS.items()]


@dataclass
class GroupScore:
    number: int
    name: str
    components: list[Component]

    @cached_property
    def points(self) -> Decimal | None:
        """None when no component of the group has data."""
        scored = [c.points for c in self.components if c.points is not None]
        return sum(scored, Decimal(0)) if scored else None

    @cached_property
    def attainable(self) -> int:
        return sum(c.spec.max_points for c in self.components if c.points is not None)

    @property
    def max_points(self) -> int:
        return sum(c.spec.max_points for c in self.components)

    @property
    def reason(self) -> str:
        """Why the group has no points: its components' reasons, each once."""
        return "; ".join(dict.fromkeys(c.reason for c in self.components if c.reason))


# What each component counts, in the words of the 766 page (docs/reports.md has the detail).
ABOUT = {
    "2.1": "Hồ sơ giải quyết xong trong kỳ và hồ sơ còn đang giải quyết tại cuối kỳ; hồ sơ "
    "chưa xong được đánh giá tại cuối kỳ (hồ sơ đang tạm dừng: tại thời điểm tạm dừng). Hồ sơ "
    "yêu cầu bổ sung quá một lần là trễ hạn.",
    "2.2": "Từ khi tiếp nhận (hồ sơ trực tuyến: từ khi được tiếp nhận chính thức) đến khi có "
    "kết quả, trừ thời gian tạm dừng; tính bằng ngày làm việc, không chấm điểm.",
    "3.1": "TTHC được giao cho đơn vị có cung cấp dịch vụ công trực tuyến (toàn trình hoặc "
    "một phần).",
    "3.2": "Dịch vụ công trực tuyến có hồ sơ trực tuyến được tiếp nhận trong kỳ.",
    "3.3": "Hồ sơ trực tuyến được tiếp nhận; với TTHC yêu cầu kết quả bản giấy, phải có thêm "
    "kết quả điện tử (tệp kết quả). Hồ sơ nộp trực tuyến bị từ chối hoặc rút trước khi tiếp "
    "nhận không được tính.",
    "5.1": "PAKN tiếp nhận trong kỳ được xử lý đúng hạn ở mọi bước (từ chối 2, đề nghị bổ sung "
    "5, chuyển 5, trả lời 15, công khai 2 ngày làm việc).",
    "5.2": "(PAKN tiếp nhận lần đầu − PAKN bị đánh giá không hài lòng − PAKN quá hạn − PAKN bị "
    "phản ánh lại) ÷ PAKN tiếp nhận lần đầu trong kỳ.",
    "5.3": "100% − (tỷ lệ hồ sơ trễ hạn + tỷ lệ hồ sơ bị phản ánh, kiến nghị hoặc đánh giá ở "
    "hai mức thấp nhất); hồ sơ vừa trễ hạn vừa bị đánh giá chỉ tính một lần.",
    "6.1": "Chỉ hồ sơ thuộc TTHC yêu cầu kết quả bản giấy: hồ sơ có tệp kết quả điện tử; trả "
    'kết quả "điện tử" mà không có tệp kết quả thì không tính.',
    "6.2": "Hồ sơ tiếp nhận có mọi thành phần là tệp điện tử (nộp trực tuyến hoặc số hóa tại "
    "quầy) và, với TTHC yêu cầu kết quả bản giấy, có kết quả điện tử.",
}


def score(spec: Spec, numerator: int, denominator: int, reason: str = "") -> Component:
    """R against target T: full points if R ≥ T, else R × max / T; R × max without a target;
    denominator 0 → N/A; 2 decimals."""
    if denominator == 0:
        return Component(spec, numerator, denominator, reason=reason or "không có hồ sơ phát sinh")
    rate = Decimal(numerator) / Decimal(denominator)
    if spec.target is None:
        points = rate * spec.max_points
    else:
        points = (
            Decimal(spec.max_points)
            if rate >= spec.target
            else rate * spec.max_points / spec.target
        )
    return Component(
        spec,
        numerator,
        denominator,
        (rate * 100).quantize(CENT, ROUND_HALF_UP),
        points.quantize(CENT, ROUND_HALF_UP),
    )


def index766(
    period: Period, units: Iterable[OrgUnit] | None = None, *, opened: OpenCounts | None = None
) -> list[UnitIndex]:
    """The index of each unit (its own dossiers: received or decided there), ranked.
    `opened`: `selectors.open_counts` at the period's end over (at least) these units, when
    the caller already has them."""
    chosen = list(units) if units is not None else list(units_with_data())
    data = _UnitData(period, [u.pk for u in chosen], opened)
    results = [UnitIndex(u, [_component(spec, data, u.pk) for spec in SPECS]) for u in chosen]
    ordered = sorted(results, key=lambda r: (-r.total, r.unit.name))
    for position, result in enumerate(ordered, start=1):
        result.rank = position
    return ordered


def units_with_data() -> QuerySet[OrgUnit]:
    """Units that received or decided a dossier (one index probe per unit, not a scan)."""
    from motcua.reports.models import Rollup

    received = Rollup.objects.filter(receiving_unit=OuterRef("pk"))
    decided = Rollup.objects.filter(deciding_unit=OuterRef("pk"))
    return OrgUnit.objects.filter(Exists(received) | Exists(decided)).order_by("name")


# Where the received and the online receipts are among the counters of `key_sums` rows.
_RECEIVED_AT = tuple(COUNTERS.index(n) for n in RECEIVED)
_ONLINE_AT = tuple(COUNTERS.index(n) for n in ("received_online_self", "received_online_assisted"))


def _add(sums: dict[int, list[int]], unit: int, values: list[int]) -> None:
    found = sums.get(unit)
    sums[unit] = list(values) if found is None else list(map(add, found, values))


class _UnitData:
    """Everything the components need, read once for all units."""

    def __init__(
        self, period: Period, unit_ids: list[int], opened: OpenCounts | None = None
    ) -> None:
        self.opened = opened
        self.period, self.ids = period, set(unit_ids)
        self.sums: dict[int, Counter[str]] = defaultdict(Counter)
        self.paper: dict[int, Counter[str]] = defaultdict(Counter)  # paper result required
        self.received_here: Counter[int] = Counter()  # 1.4: by the receiving unit only
        # Received by (receiving unit, procedure): group 4's fee dossiers; with an online
        # receipt: group 3's procedures used online.
        received: Counter[tuple[int, int]] = Counter()
        self.with_online: set[tuple[int, int]] = set()
        spanned = key_sums(units_q(self.ids), period)
        versions = {
            pk: (procedure, paper)
            for pk, procedure, paper in ProcedureVersion.objects.filter(
                pk__in={version for _, _, version, *_ in spanned}
            ).values_list("pk", "procedure_id", "paper_result_required")
        }
        # Summed as lists, element by element (a thousand keys and more at a province).
        sums: dict[int, list[int]] = {}
        paper_sums: dict[int, list[int]] = {}
        for recv, dec, version, *values in spanned:
            procedure, paper = versions[version]
            for unit in (recv,) if recv == dec else (recv, dec):
                _add(sums, unit, values)
                if paper:
                    _add(paper_sums, unit, values)
            here = sum(values[i] for i in _RECEIVED_AT)
            self.received_here[recv] += here
            received[(recv, procedure)] += here
            if any(values[i] for i in _ONLINE_AT):
                self.with_online.add((recv, procedure))
        for found, into in ((sums, self.sums), (paper_sums, self.paper)):
            for unit, values in found.items():
                into[unit] = Counter(dict(zip(COUNTERS, values, strict=True)))
        self.synced = synced_by_unit(self.ids, period.start, period.end)
        self.open_at_end = self._open_at_end()
        self.late_open = self._late_open()
        self.complained = self._complained_on_time()
        self.offered, self.online, self.online_used = self._offerings()
        self.pakn = pakn_counts_by_unit(period.start, period.end, self.ids)
        self.group4 = group4.figures(period, self.ids, received=received)

    def _open_at_end(self) -> Counter[int]:
        """Dossiers received by the period end and not finished by then (the rollups hold
        received dossiers only): those carried into the period plus the period's receipts
        less its finishes — one sum per unit over the rows before the period."""
        found: Counter[int] = Counter()
        for unit, c in self.sums.items():
            found[unit] = sum(c[n] for n in RECEIVED) - sum(c[n] for n in FINISHED)
        still = sum((F(n) for n in RECEIVED), Value(0)) - sum((F(n) for n in FINISHED), Value(0))
        rows = (
            Rollup.objects.filter(before_q(self.period.first))
            .values_list("receiving_unit_id", "deciding_unit_id")
            .annotate(still=Sum(still))
            .order_by()
        )
        for recv, dec, carried in rows:
            for unit in {recv, dec}:
                found[unit] += carried or 0
        return found

    def _complained_on_time(self) -> Counter[int]:
        """5.4: dossiers judged on time in the period that drew a PAKN before its end, beyond the
        on-time disliked ones the rollups count (`rated_disliked`): PAKN about dossiers are few,
        so their dossiers are read one by one."""
        found: Counter[int] = Counter()
        start, end = self.period.start, self.period.end
        named = pakn_about_dossiers(end).values("dossier_id")
        facts = DossierFact.objects.filter(pk__in=named, entered_at__lt=end).filter(
            Q(finished_at__isnull=True) | Q(finished_at__gte=start)
        )
        for fact in facts:
            if fact.finished_at is not None and fact.finished_at < end:
                disliked = fact.finish_kind == FinishKind.RESOLVED and (
                    fact.rating in DISLIKE_LEVELS
                )
                counts = bool(fact.on_time) and not disliked
            else:
                counts = not judged_late_at(fact, end)
            if counts:
                for unit in {fact.receiving_unit_id, fact.deciding_unit_id}:
                    found[unit] += 1
        return found

    def _late_open(self) -> Counter[int]:
        """Dossiers open at the period end and judged late there (selectors.judged_late_at),
        by unit (`selectors.late_at_end_counts`)."""
        found: Counter[int] = Counter()
        keys = ("receiving_unit_id", "deciding_unit_id")
        if self.opened is not None:
            for (recv, dec, _), counts in self.opened.items():
                for unit in {recv, dec}:
                    found[unit] += counts["late_at_end"]  # type: ignore[index]
            return found
        for (recv, dec), n in late_at_end_counts(Q(), self.period.end, *keys).items():
            for unit in {recv, dec}:
                found[unit] += n
        return found

    def _offerings(self) -> tuple[Counter[int], Counter[int], Counter[int]]:
        offered: Counter[int] = Counter()
        online: Counter[int] = Counter()
        used: Counter[int] = Counter()
        with_online = self.with_online  # (unit, procedure) with an online dossier entered
        rows = ProcedureOffering.objects.values_list(
            "unit_id",
            "procedure_id",
            "procedure__versions__online_level",
            "procedure__versions__status",
        )
        seen: set[tuple[int, int]] = set()
        for unit, procedure, level, status in rows:
            if status != "published" or (unit, procedure) in seen:
                continue
            seen.add((unit, procedure))
            offered[unit] += 1
            if level in (OnlineLevel.FULL, OnlineLevel.PARTIAL):
                online[unit] += 1
                used[unit] += int((unit, procedure) in with_online)
        return offered, online, used


def _component(spec: Spec, data: _UnitData, unit: int) -> Component:
    if spec.reason:
        return Component(spec, reason=spec.reason)
    if spec.code in group4.COMPONENTS:
        return score(spec, *group4.component(spec.code, data.group4.get(unit)))
    c, paper = data.sums[unit], data.paper[unit]
    received = sum(c[n] for n in RECEIVED)
    resolved = sum(c[n] for n in RESOLVED)
    # 2.1: every dossier finished in the period, and every one open at its end (judged there:
    # on time unless past its appointment, or judged at the start of the pause it is in).
    judged = c["finished_on_time"] + c["finished_late"] + data.open_at_end[unit]
    late = c["finished_late"] + data.late_open[unit]
    if spec.code == "1.4":
        # Synchronisation is the receiving system's: dossiers received in the period whose
        # newest change has reached DVCQG (motcua.api.dvcqg).
        return score(
            spec, data.synced[unit], data.received_here[unit], "không tiếp nhận hồ sơ trong kỳ"
        )
    if spec.code == "2.1":
        return score(spec, judged - late, judged)
    if spec.code == "2.2":
        return _average(spec, c["processing_minutes"], resolved)
    if spec.code == "3.1":
        return score(spec, data.online[unit], data.offered[unit], "đơn vị chưa có TTHC được giao")
    if spec.code == "3.2":
        return score(spec, data.online_used[unit], data.online[unit], "chưa có DVC trực tuyến")
    if spec.code == "3.3":
        return score(spec, c["online_qualified"], received)
    if spec.code in ("5.1", "5.2"):
        return _pakn(spec, data.pakn.get(unit, {}))
    if spec.code == "5.3":
        # 100% − (late + on time but disliked or complained about), each dossier once.
        bad_on_time = c["rated_disliked"] + data.complained[unit]
        return score(spec, *processing_satisfaction(judged, late, bad_on_time))
    if spec.code == "6.1":
        return score(
            spec,
            paper["electronic_results"],
            sum(paper[n] for n in RESOLVED),
            "không có hồ sơ đã giải quyết thuộc TTHC yêu cầu kết quả bản giấy",
        )
    return score(spec, c["digitised"], received)  # 6.2


def _pakn(spec: Spec, figures: dict[str, int]) -> Component:
    """5.2 PAKN handled on time (received in the period); 5.3 satisfaction with the handling
    of the PAKN first received in the period (feedback.selectors)."""
    if spec.code == "5.1":
        return score(spec, figures.get("on_time", 0), figures.get("counted", 0), NO_PAKN)
    return score(spec, figures.get("satisfied", 0), figures.get("first", 0), NO_PAKN_FIRST)


def _average(spec: Spec, minutes: int, resolved: int) -> Component:
    if not resolved:
        return Component(spec, minutes, resolved, reason="không có hồ sơ đã giải quyết")
    days = (Decimal(minutes) / resolved / 480).quantize(CENT, ROUND_HALF_UP)
    return Component(spec, minutes, resolved, value=days)


def as_json(results: list[UnitIndex]) -> list[dict[str, object]]:
    return [
        {
            "unit": r.unit.code,
            "name": r.unit.name,
            "rank": r.rank,
            "total": str(r.total),
            "attainable": r.attainable,
            "components": [_component_json(c) for c in r.components],
        }
        for r in results
    ]


def _component_json(c: Component) -> dict[str, object]:
    def text(value: object) -> str | None:
        return None if value is None else str(value)

    return {
        "code": c.spec.code,
        "national": c.spec.national,
        "group": c.spec.group,
        "name": c.spec.name,
        "max": c.spec.max_points,
        "target": text(c.spec.target),
        "numerator": c.numerator,
        "denominator": c.denominator,
        "rate": text(c.rate),
        "value": text(c.value),
        "applicable": c.applicable,
        "points": text(c.points),
        "reason": c.reason,
    }


@dataclass(frozen=True)
class Average:
    """2.2 for one procedure: results issued in the period and their mean time."""

    procedure_id: int
    name: str
    resolved: int
    minutes: int

    @property
    def days(self) -> Decimal:
        return (Decimal(self.minutes) / self.resolved / 480).quantize(CENT, ROUND_HALF_UP)


def average_by_procedure(period: Period, unit_ids: Iterable[int]) -> list[Average]:
    """2.2 per procedure for these units (received or decided there): from receipt (online:
    from acceptance) to the result, pauses left out, in working days; by name."""
    from motcua.reports.selectors import units_q

    keys = ("procedure_version__procedure_id", "procedure_version__name")
    rows = rollup_sums(units_q(unit_ids) & span_q(period.first, period.after), *keys)
    found: dict[int, Average] = {}
    for (procedure, name), counts in rows.items():
        resolved = sum(counts[n] for n in RESOLVED)
        if not resolved:
            continue
        pk, minutes = int(str(procedure)), counts["processing_minutes"]
        seen = found.get(pk)
        if seen is not None:  # several versions of one procedure
            resolved, name, minutes = resolved + seen.resolved, seen.name, minutes + seen.minutes
        found[pk] = Average(pk, str(name), resolved, minutes)
    return sorted(found.values(), key=lambda a: a.name)


def moment(day: dt.date) -> dt.datetime:
    return Period(day, day).start

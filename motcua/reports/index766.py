"""Quyết định 766: every component this system holds data for, scored as DOMAIN.md §6 says;
the others N/A with their reason, never 0 and never full marks."""

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, OuterRef, Q

from motcua.accounts.models import OrgUnit
from motcua.catalog.models import OnlineLevel, ProcedureOffering
from motcua.feedback.selectors import pakn_counts_by_unit
from motcua.reports import group4
from motcua.reports.models import Rollup
from motcua.reports.periods import Period, span_q
from motcua.reports.selectors import RECEIVED, RESOLVED, judged_late_at, open_facts, rollup_sums

CENT = Decimal("0.01")
NO_DVCQG = "chưa kết nối DVCQG"
NO_PAYMENT = "chưa tích hợp thanh toán"
NO_PAKN = "không có phản ánh, kiến nghị phát sinh trong kỳ"
NO_PAKN_RATING = "chưa có đánh giá của người dân về trả lời PAKN trong kỳ"
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


SPECS = (
    Spec("1.1", "TTHC công bố đúng hạn", 6, reason=NO_PUBLICATION),
    Spec("1.2", "Cập nhật, công khai TTHC đúng hạn", 4, reason=NO_PUBLICATION),
    Spec("1.3", "Công khai đầy đủ các bộ phận TTHC", 2, reason=NO_PUBLICATION),
    Spec("1.4", "Hồ sơ đồng bộ lên Cổng DVCQG", 6, reason=NO_DVCQG),
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
    Spec("6.1", "Cấp kết quả điện tử", 6, figures=("electronic_results", "resolved")),
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


@dataclass
class UnitIndex:
    unit: OrgUnit
    components: list[Component] = field(default_factory=list)
    rank: int = 0

    @property
    def total(self) -> Decimal:
        return sum((c.points for c in self.components if c.points is not None), Decimal(0))

    @property
    def attainable(self) -> int:
        return sum(c.spec.max_points for c in self.components if c.points is not None)


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


def index766(period: Period, units: Iterable[OrgUnit] | None = None) -> list[UnitIndex]:
    """The index of each unit (its own dossiers: received or decided there), ranked."""
    chosen = list(units) if units is not None else list(units_with_data())
    data = _UnitData(period, [u.pk for u in chosen])
    results = [UnitIndex(u, [_component(spec, data, u.pk) for spec in SPECS]) for u in chosen]
    ordered = sorted(results, key=lambda r: (-r.total, r.unit.name))
    for position, result in enumerate(ordered, start=1):
        result.rank = position
    return ordered


def units_with_data() -> Iterable[OrgUnit]:
    """Units that received or decided a dossier (one index probe per unit, not a scan)."""
    from motcua.reports.models import Rollup

    received = Rollup.objects.filter(receiving_unit=OuterRef("pk"))
    decided = Rollup.objects.filter(deciding_unit=OuterRef("pk"))
    return OrgUnit.objects.filter(Exists(received) | Exists(decided)).order_by("name")


class _UnitData:
    """Everything the components need, read once for all units."""

    def __init__(self, period: Period, unit_ids: list[int]) -> None:
        self.period, self.ids = period, set(unit_ids)
        self.sums: dict[int, Counter[str]] = defaultdict(Counter)
        span = span_q(period.first, period.after)
        for (recv, dec), counts in rollup_sums(
            span, "receiving_unit_id", "deciding_unit_id"
        ).items():
            for unit in {recv, dec}:
                self.sums[unit].update(counts)  # type: ignore[index]
        self.late_open = self._late_open()
        self.offered, self.online, self.online_used = self._offerings()
        self.pakn = pakn_counts_by_unit(period.start, period.end)
        self.group4 = group4.figures(period, self.ids)

    def _late_open(self) -> Counter[int]:
        """Dossiers open at the period end and judged late there (selectors.judged_late_at).

        Only two kinds can be: past the stored appointment, or unsettled (a second supplement
        request, a reschedule that may be undone). Each is read through its own index
        (fact_finished_due, fact_finished_unsettled); the other open dossiers stay in the
        database."""
        found: Counter[int] = Counter()
        end = self.period.end
        fields = ("receiving_unit_id", "deciding_unit_id", "pauses", "supplements",
                  "reschedules", "due_at")  # fmt: skip
        seen: set[int] = set()
        for could_be_late in (
            Q(due_at__lt=end),
            Q(supplement_count__gt=1) | ~Q(reschedules=[]),
        ):
            for fact in open_facts(could_be_late, end).only(*fields):
                if fact.pk in seen or not judged_late_at(fact, end):
                    continue
                seen.add(fact.pk)
                for unit in {fact.receiving_unit_id, fact.deciding_unit_id}:
                    found[unit] += 1
        return found

    def _offerings(self) -> tuple[Counter[int], Counter[int], Counter[int]]:
        offered: Counter[int] = Counter()
        online: Counter[int] = Counter()
        used: Counter[int] = Counter()
        with_online = self._procedures_with_online_dossiers()
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

    def _procedures_with_online_dossiers(self) -> set[tuple[int, int]]:
        """(unit, procedure) with an online dossier entered in the period: from the rollups'
        online receipts (counted on the entry day), not from the facts."""
        online = Q(received_online_self__gt=0) | Q(received_online_assisted__gt=0)
        rows = (
            Rollup.objects.filter(span_q(self.period.first, self.period.after), online)
            .values_list("receiving_unit_id", "procedure_version__procedure_id")
            .distinct()
        )
        return set(rows)


def _component(spec: Spec, data: _UnitData, unit: int) -> Component:
    if spec.reason:
        return Component(spec, reason=spec.reason)
    if spec.code in group4.COMPONENTS:
        return score(spec, *group4.component(spec.code, data.group4.get(unit)))
    c = data.sums[unit]
    received = sum(c[n] for n in RECEIVED)
    resolved = sum(c[n] for n in RESOLVED)
    judged = c["finished_on_time"] + c["finished_late"] + data.late_open[unit]
    if spec.code == "2.1":
        return score(spec, c["finished_on_time"], judged)
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
        # Rated dossiers finished in the period; disliked ones among those judged on time.
        if not c["rated"]:
            return Component(spec, reason="chưa có đánh giá của người dân trong kỳ")
        return score(spec, c["finished_on_time"] - c["rated_disliked"], judged)
    if spec.code == "6.1":
        return score(spec, c["electronic_results"], resolved)
    return score(spec, c["digitised"], received)  # 6.2


def _pakn(spec: Spec, figures: dict[str, int]) -> Component:
    """PAKN handled on time (received in the period), and likes among rated answers."""
    if spec.code == "5.1":
        return score(spec, figures.get("on_time", 0), figures.get("counted", 0), NO_PAKN)
    return score(spec, figures.get("liked", 0), figures.get("rated", 0), NO_PAKN_RATING)


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
        "name": c.spec.name,
        "max": c.spec.max_points,
        "target": text(c.spec.target),
        "numerator": c.numerator,
        "denominator": c.denominator,
        "rate": text(c.rate),
        "value": text(c.value),
        "points": text(c.points) if c.applicable else "N/A",
        "reason": c.reason,
    }


def moment(day: dt.date) -> dt.datetime:
    return Period(day, day).start

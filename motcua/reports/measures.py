"""One-stop measures an auto PAR criterion is scored from (motcua/lib/measures.py): each a
function `(unit, start, end) -> Measure` over the unit's own dossiers, read through the 766
index (DOMAIN.md §6) so that the PAR index and the 766 ranking never disagree.

Each function also has `.many(units, start, end)`: the same figure for many units from one
read. Inside `shared_reads()` the 766 figures of a period are computed once for all measures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from django.urls import reverse

from motcua.accounts.models import OrgUnit
from motcua.catalog.models import ProcedureOffering, ProcedureVersion, VersionStatus
from motcua.lib.measures import Measure
from motcua.reports.index766 import Component, UnitIndex, index766
from motcua.reports.periods import Period
from motcua.surveys.models import Campaign
from motcua.surveys.selectors import campaign_index

UnitMeasure = Callable[[OrgUnit, dt.date, dt.date], Measure]
_memo: ContextVar[dict[tuple[dt.date, dt.date], dict[int, UnitIndex]] | None] = ContextVar(
    "report_measures_memo", default=None
)


@contextmanager
def shared_reads() -> Iterator[None]:
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def _indexes(units: list[OrgUnit], start: dt.date, end: dt.date) -> dict[int, UnitIndex]:
    memo = _memo.get()
    known = memo.setdefault((start, end), {}) if memo is not None else {}
    missing = [u for u in units if u.pk not in known]
    if missing:
        known.update({r.unit.pk: r for r in index766(Period(start, end), missing)})
    return known


def _many(function: UnitMeasure) -> UnitMeasure:
    def many(units: list[OrgUnit], start: dt.date, end: dt.date) -> dict[int, Measure]:
        with shared_reads() if _memo.get() is None else _nothing():
            _indexes(units, start, end)
            return {unit.pk: function(unit, start, end) for unit in units}

    function.many = many  # type: ignore[attr-defined]
    return function


@contextmanager
def _nothing() -> Iterator[None]:
    yield


PK, FIGURE = 987654321, "chi-so"


@lru_cache(maxsize=2)
def _url_template(with_figure: bool) -> str:
    """reverse() once: it costs more than the measure itself when called for every unit."""
    if with_figure:
        return reverse("reports:dossiers", args=[PK, FIGURE])
    return reverse("reports:dashboard", args=[PK])


def _drilldown(unit: OrgUnit, start: dt.date, end: dt.date, figure: str) -> str:
    url = _url_template(bool(figure)).replace(str(PK), str(unit.pk)).replace(FIGURE, figure)
    return f"{url}?tu={start}&den={end}"


def _component(unit: OrgUnit, start: dt.date, end: dt.date, code: str, definition: str) -> Measure:
    found = _indexes([unit], start, end)[unit.pk]
    component: Component = next(c for c in found.components if c.spec.code == code)
    figure = component.spec.figures[0]
    if not component.denominator:
        reason = component.reason or "không có số liệu trong kỳ"
        return Measure(None, component.numerator, component.denominator, f"{definition} — {reason}")
    return Measure.rate(
        component.numerator or 0,
        component.denominator,
        definition,
        _drilldown(unit, start, end, figure),
    )


@_many
def on_time_rate(unit: OrgUnit, start: dt.date, end: dt.date) -> Measure:
    """Hồ sơ giải quyết trước hạn, đúng hạn ÷ hồ sơ đã giải quyết hoặc đến hạn trong kỳ (766, 2.1):
    hồ sơ chưa xong được xét tại cuối kỳ, yêu cầu bổ sung quá một lần là trễ hạn."""
    return _component(
        unit,
        start,
        end,
        "2.1",
        "Hồ sơ giải quyết trước hạn, đúng hạn ÷ hồ sơ "
        "được xét trong kỳ (Bộ chỉ số 766, chỉ tiêu 2.1)",
    )


@_many
def online_rate(unit: OrgUnit, start: dt.date, end: dt.date) -> Measure:
    """Hồ sơ nộp trực tuyến (đủ điều kiện) ÷ hồ sơ tiếp nhận trong kỳ (766, 3.3)."""
    return _component(
        unit,
        start,
        end,
        "3.3",
        "Hồ sơ nộp trực tuyến ÷ hồ sơ tiếp nhận trong kỳ (Bộ chỉ số 766, chỉ tiêu 3.3)",
    )


@_many
def procedures_online_rate(unit: OrgUnit, start: dt.date, end: dt.date) -> Measure:
    """TTHC của đơn vị cung cấp dịch vụ công trực tuyến (toàn trình, một phần) ÷ TTHC được giao
    (766, 3.1)."""
    return _component(
        unit,
        start,
        end,
        "3.1",
        "TTHC cung cấp dịch vụ công trực tuyến ÷ TTHC "
        "đơn vị được giao (Bộ chỉ số 766, chỉ tiêu 3.1)",
    )


@_many
def electronic_result_rate(unit: OrgUnit, start: dt.date, end: dt.date) -> Measure:
    """Hồ sơ có kết quả điện tử ÷ hồ sơ đã giải quyết trong kỳ (766, 6.1)."""
    return _component(
        unit,
        start,
        end,
        "6.1",
        "Hồ sơ có kết quả điện tử ÷ hồ sơ đã giải quyết (Bộ chỉ số 766, chỉ tiêu 6.1)",
    )


@_many
def pakn_on_time_rate(unit: OrgUnit, start: dt.date, end: dt.date) -> Measure:
    """Phản ánh, kiến nghị tiếp nhận trong kỳ được xử lý đúng hạn ÷ tất cả (766, 5.1 / quốc gia
    5.2); không có PAKN thì tiêu chí không áp dụng."""
    return _component(
        unit,
        start,
        end,
        "5.1",
        "PAKN xử lý đúng hạn ÷ PAKN tiếp nhận trong kỳ (Bộ chỉ số 766, chỉ tiêu 5.1)",
    )


@_many
def satisfaction_rate(unit: OrgUnit, start: dt.date, end: dt.date) -> Measure:
    """Mức độ hài lòng về tiếp nhận, giải quyết TTHC (766, số hiệu quốc gia 5.4): hồ sơ đúng hạn
    không bị phản ánh hay chê ÷ hồ sơ được xét."""
    return _component(
        unit,
        start,
        end,
        "5.3",
        "Hồ sơ đúng hạn, không bị chê ÷ hồ sơ được xét "
        "(Bộ chỉ số 766, hài lòng về giải quyết TTHC, số hiệu quốc gia 5.4)",
    )


@_many
def index766_total(unit: OrgUnit, start: dt.date, end: dt.date) -> Measure:
    """Tổng điểm Bộ chỉ số 766 của đơn vị trong kỳ (các chỉ tiêu có dữ liệu)."""
    found = _indexes([unit], start, end)[unit.pk]
    if not found.attainable:
        return Measure(None, definition="Bộ chỉ số 766: đơn vị chưa có dữ liệu trong kỳ")
    definition = f"Tổng điểm Bộ chỉ số 766 ({found.total} / {found.attainable} điểm có dữ liệu)"
    return Measure(found.total, None, None, definition, _drilldown(unit, start, end, ""))


def sipas_index(unit: OrgUnit, start: dt.date, end: dt.date) -> Measure:
    """Chỉ số hài lòng của đợt khảo sát (SIPAS) gần nhất của đơn vị kết thúc trong kỳ: trung
    bình các chỉ số yếu tố (DOMAIN.md §8)."""
    campaign = (
        Campaign.objects.filter(unit=unit, period_end__gte=start, period_end__lte=end)
        .order_by("-period_end", "-pk")
        .first()
    )
    if campaign is None:
        return Measure(None, definition="Đơn vị chưa có đợt khảo sát hài lòng trong năm")
    result = campaign_index(campaign)
    url = reverse("surveys:campaign", args=[campaign.pk])
    definition = f"Chỉ số hài lòng của đợt “{campaign.name}” ({result.answered} phiếu trả lời)"
    return Measure(result.index, result.answered, None, definition, url)


def procedures_published_complete_rate(unit: OrgUnit, start: dt.date, end: dt.date) -> Measure:
    """TTHC đơn vị được giao có phiên bản công bố đủ các bộ phận (trình tự, cách thức, thành phần
    hồ sơ, thời hạn, đối tượng, cơ quan thực hiện, kết quả) ÷ TTHC được giao (766, 1.3)."""
    return _published_complete_many([unit], start, end)[unit.pk]


def _published_complete_many(
    units: list[OrgUnit], start: dt.date, end: dt.date
) -> dict[int, Measure]:
    offered: dict[int, set[int]] = {unit.pk: set() for unit in units}
    rows = ProcedureOffering.objects.filter(unit__in=units).values_list("unit_id", "procedure_id")
    for unit_id, procedure_id in rows:
        offered[unit_id].add(procedure_id)
    every = set().union(*offered.values()) if offered else set()
    versions = ProcedureVersion.objects.filter(
        procedure_id__in=every, status=VersionStatus.PUBLISHED
    ).prefetch_related("documents")
    complete: dict[int, list[bool]] = {}
    for version in versions:
        complete.setdefault(version.procedure_id, []).append(_complete(version))
    definition = "TTHC công khai đủ các bộ phận ÷ TTHC đơn vị được giao (766, chỉ tiêu 1.3)"
    url = reverse("catalog:search")
    found = {}
    for unit_id, procedures in offered.items():
        marks = [mark for p in procedures for mark in complete.get(p, [])]
        found[unit_id] = Measure.rate(sum(marks), len(marks), definition, url)
    return found


procedures_published_complete_rate.many = _published_complete_many  # type: ignore[attr-defined]


def _complete(version: ProcedureVersion) -> bool:
    parts = ("steps_text", "applicants", "implementing_body", "result")
    filled = all(str(getattr(version, name) or "").strip() for name in parts)
    time_limit = version.time_limit_value is not None or bool(version.time_limit_text)
    documents = version.documents.all()  # type: ignore[attr-defined]
    return filled and time_limit and bool(version.channels) and len(documents) > 0


__all__ = [
    "electronic_result_rate",
    "index766_total",
    "on_time_rate",
    "online_rate",
    "pakn_on_time_rate",
    "procedures_online_rate",
    "procedures_published_complete_rate",
    "satisfaction_rate",
    "shared_reads",
    "sipas_index",
]

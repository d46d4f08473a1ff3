"""The periodic reform report (báo cáo CCHC quý I, 6 tháng, 9 tháng, năm): the figures the
system holds for a unit and period, as a .docx draft (python-docx) and a PDF.

The figures are a pure read of stored rows over a closed range, so generating the report twice
gives the same numbers; each figure carries the URL of the list behind it.
"""

import datetime as dt
import io
from dataclasses import dataclass
from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.urls import reverse

from motcua.accounts.models import OrgUnit
from motcua.feedback.selectors import pakn_on_time
from motcua.lib.pdf import html_to_pdf
from motcua.reform import measures, selectors
from motcua.reform.models import PlanTask, ReformPlan
from motcua.reform.models import TrackStatus as S
from motcua.reports.periods import Period, midnight
from motcua.reports.selectors import total_figures
from motcua.surveys.selectors import SATISFIED, ratings_in

# Reports are cumulative from the start of the year, as the level above asks for them.
PERIODS = {
    "quy-1": ("Quý I", 3, "quý I năm"),
    "6-thang": ("6 tháng đầu năm", 6, "6 tháng đầu năm"),
    "9-thang": ("9 tháng đầu năm", 9, "9 tháng đầu năm"),
    "nam": ("Năm", 12, "năm"),
}


def period_range(year: int, key: str) -> tuple[dt.date, dt.date]:
    months = PERIODS[key][1]
    after = dt.date(year + 1, 1, 1) if months == 12 else dt.date(year, months + 1, 1)
    return dt.date(year, 1, 1), after - dt.timedelta(days=1)


@dataclass(frozen=True)
class Figure:
    section: str
    label: str
    value: str
    url: str


@dataclass(frozen=True)
class Report:
    unit: OrgUnit
    year: int
    period: str
    start: dt.date
    end: dt.date
    figures: list[Figure]

    @property
    def title(self) -> str:
        return f"Báo cáo kết quả công tác cải cách hành chính {PERIODS[self.period][2]} {self.year}"

    def sections(self) -> list[tuple[str, list[Figure]]]:
        order: dict[str, list[Figure]] = {}
        for figure in self.figures:
            order.setdefault(figure.section, []).append(figure)
        return list(order.items())


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)".replace(".", ",") if whole else "0/0"


def _q(start: dt.date, end: dt.date) -> str:
    return "?" + urlencode({"tu": start.isoformat(), "den": end.isoformat()})


def _plan_figures(unit: OrgUnit, year: int, start: dt.date, end: dt.date) -> list[Figure]:
    plan = ReformPlan.objects.filter(unit=unit, year=year).first()
    sec = "1. Thực hiện kế hoạch CCHC"
    if plan is None:
        return [Figure(sec, "Kế hoạch CCHC năm", "Chưa có kế hoạch trong hệ thống", "")]
    url = reverse("reform:plan", args=[plan.pk])
    tasks = list(PlanTask.objects.filter(plan=plan).exclude(status=S.CANCELLED))
    done_by_end = [
        t for t in tasks if t.done_on and t.done_on <= end and t.status in (S.DONE, S.DONE_LATE)
    ]
    rate = measures.plans_tasks_done_on_time_rate(unit, start, end)
    return [
        Figure(sec, "Tổng số nhiệm vụ trong kế hoạch", str(len(tasks)), url),
        Figure(sec, "Nhiệm vụ đã hoàn thành đến cuối kỳ", str(len(done_by_end)), url),
        Figure(
            sec,
            "Nhiệm vụ đến hạn trong kỳ hoàn thành đúng hạn",
            _pct(rate.numerator or 0, rate.denominator or 0),
            rate.evidence_url,
        ),
    ]


def _dossier_figures(unit: OrgUnit, start: dt.date, end: dt.date) -> list[Figure]:
    sec = "2. Giải quyết thủ tục hành chính"
    f = total_figures([unit.pk], Period(start, end))
    c = f.counts
    dash = reverse("reports:dashboard", args=[unit.pk]) + _q(start, end)
    on_time = c["resolved_early"] + c["resolved_on_time"]

    def link(fig: str) -> str:
        return reverse("reports:dossiers", args=[unit.pk, fig]) + _q(start, end)

    return [
        Figure(sec, "Hồ sơ tiếp nhận", str(f.received), link("received")),
        Figure(sec, "— trực tiếp tại Bộ phận Một cửa", str(c["received_counter"]), dash),
        Figure(sec, "— qua dịch vụ bưu chính", str(c["received_post"]), dash),
        Figure(sec, "— trực tuyến (tỷ lệ)", _pct(f.received_online, f.received), dash),
        Figure(sec, "Hồ sơ đã giải quyết", str(f.resolved), link("resolved")),
        Figure(sec, "— đúng hạn và trước hạn", _pct(on_time, f.resolved), link("resolved")),
        Figure(sec, "— quá hạn", str(c["resolved_late"]), link("resolved_late")),
    ]


def _citizen_figures(unit: OrgUnit, start: dt.date, end: dt.date) -> list[Figure]:
    sec = "3. Phản ánh, kiến nghị và sự hài lòng"
    first, after = midnight(start), midnight(end + dt.timedelta(days=1))
    on_time, counted, _ids = pakn_on_time([unit.pk], first, after)
    ratings = ratings_in([unit.pk], first, after)
    satisfied = ratings.filter(level__in=list(SATISFIED)).count()
    return [
        Figure(sec, "Phản ánh, kiến nghị tiếp nhận", str(counted), reverse("feedback:inbox")),
        Figure(sec, "— xử lý đúng hạn", _pct(on_time, counted), reverse("feedback:inbox")),
        Figure(
            sec,
            "Đánh giá hài lòng (hài lòng, rất hài lòng)",
            _pct(satisfied, ratings.count()),
            reverse("surveys:ratings"),
        ),
    ]


def _reform_figures(unit: OrgUnit, start: dt.date, end: dt.date) -> list[Figure]:
    sec = "4. Kiểm tra, đối thoại và đội ngũ"
    summary = selectors.inspection_summary(unit, start, end)
    inspected = selectors.inspections_received(unit, start, end)
    fixed = measures.inspections_findings_fixed_on_time_rate(unit, start, end)
    trained = measures.staff_trained_in_year_rate(unit, start, end)
    dialogues = measures.dialogues_held(unit, start, end)
    held = measures.inspections_held(unit, start, end)
    return [
        Figure(
            sec,
            "Cuộc kiểm tra do đơn vị tiến hành (kế hoạch / đột xuất)",
            f"{summary.planned + summary.surprise} ({summary.planned} / {summary.surprise})",
            held.evidence_url,
        ),
        Figure(sec, "Tồn tại phát hiện qua kiểm tra", str(summary.findings), held.evidence_url),
        Figure(
            sec,
            "Tồn tại khắc phục đúng hạn",
            _pct(fixed.numerator or 0, fixed.denominator or 0),
            fixed.evidence_url,
        ),
        Figure(sec, "Lượt đơn vị được cấp trên kiểm tra", str(inspected), reverse("reform:home")),
        Figure(
            sec, "Buổi đối thoại với nhân dân", str(dialogues.numerator), dialogues.evidence_url
        ),
        Figure(
            sec,
            "Cán bộ, công chức được đào tạo, bồi dưỡng",
            _pct(trained.numerator or 0, trained.denominator or 0),
            trained.evidence_url,
        ),
    ]


def build(unit: OrgUnit, year: int, period: str) -> Report:
    start, end = period_range(year, period)
    figures = [
        *_plan_figures(unit, year, start, end),
        *_dossier_figures(unit, start, end),
        *_citizen_figures(unit, start, end),
        *_reform_figures(unit, start, end),
    ]
    return Report(unit, year, period, start, end, figures)


NARRATIVE = [
    "Đánh giá chung (đơn vị bổ sung)",
    "Tồn tại, hạn chế và nguyên nhân (đơn vị bổ sung)",
    "Phương hướng, nhiệm vụ kỳ tới (đơn vị bổ sung)",
]


def to_docx(report: Report, base_url: str) -> bytes:
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)  # type: ignore[attr-defined]
    doc.add_paragraph(report.unit.name.upper())
    doc.add_heading(report.title, level=1)
    doc.add_paragraph(
        f"Kỳ báo cáo: từ {report.start:%d/%m/%Y} đến {report.end:%d/%m/%Y}. "
        "Số liệu do hệ thống Một Cửa tổng hợp."
    )
    doc.add_heading("I. Kết quả thực hiện (số liệu)", level=2)
    for section, figures in report.sections():
        doc.add_heading(section, level=3)
        table = doc.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells, ("Chỉ tiêu", "Số liệu", "Danh sách"), strict=True
        ):
            cell.text = text
        for f in figures:
            row = table.add_row().cells
            row[0].text, row[1].text = f.label, f.value
            row[2].text = base_url + f.url if f.url else ""
    for number, heading in enumerate(NARRATIVE, start=2):
        doc.add_heading(f"{'I' * number if number < 4 else 'IV'}. {heading}", level=2)
        doc.add_paragraph("…")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def to_pdf(report: Report, base_url: str) -> bytes:
    html = render_to_string(
        "reform/report_pdf.html", {"r": report, "base_url": base_url, "narrative": NARRATIVE}
    )
    return html_to_pdf(html)

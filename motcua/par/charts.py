"""The PAR charts as inline SVG drawn on the server (no script, no CDN): the ranking of all
units as horizontal bars, and one unit's index per area against the year before."""

from html import escape

from django.utils.safestring import SafeString, mark_safe

from motcua.par.selectors import Results, UnitResult
from motcua.reports.charts import Series, bar_chart

WIDTH, LABEL, ROW = 640, 190, 18
BAR_COLOUR, MINE = "#1f5fa8", "#c0392b"


def ranking_chart(results: Results, highlight: int | None = None) -> SafeString:
    ranked = [u for u in results.units if u.index is not None]
    title = f"Xếp hạng Chỉ số CCHC năm {results.assessment.year}"
    height = ROW * len(ranked) + 30
    scale = (WIDTH - LABEL - 60) / 100
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}" class="chart"><title>{escape(title)}</title>'
    ]
    for i, result in enumerate(ranked):
        y = 10 + i * ROW
        width = float(result.index or 0) * scale
        colour = MINE if result.unit.pk == highlight else BAR_COLOUR
        name = escape(f"{result.rank}. {result.unit.name}")
        parts.append(
            f'<text x="{LABEL - 6}" y="{y + 12}" font-size="11" text-anchor="end">{name}</text>'
            f'<rect x="{LABEL}" y="{y + 2}" width="{width:.1f}" height="{ROW - 5}" fill="{colour}">'
            f"<title>{name}: {result.index} — {escape(result.band)}</title></rect>"
            f'<text x="{LABEL + width + 4:.1f}" y="{y + 12}" font-size="11">{result.index}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def areas_chart(results: Results, mine: UnitResult) -> SafeString:
    labels = [area.code for area in results.areas]
    series = [Series("Năm nay", [_whole(mine.areas[a].index) for a in labels])]
    if mine.previous is not None:
        before = mine.previous.areas
        series.append(
            Series("Năm trước", [_whole(before[a].index if a in before else None) for a in labels])
        )
    return bar_chart(f"Chỉ số thành phần theo lĩnh vực — {mine.unit.name}", labels, series)


def _whole(index: object) -> int:
    return round(float(index)) if index is not None else 0  # type: ignore[arg-type]

"""Bar charts as inline SVG, drawn on the server: no script, no CDN, no internet."""

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD = 640, 220, 30
COLOURS = ("#1f5fa8", "#2e8b57", "#c0392b")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[int]


def bar_chart(title: str, labels: Sequence[str], series: Sequence[Series]) -> SafeString:
    top = max([1, *(v for s in series for v in s.values)])
    slot = (WIDTH - 2 * PAD) / max(len(labels), 1)
    bar = slot * 0.8 / max(len(series), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT + 40}" '
        f'role="img" aria-label="{escape(title)}" class="chart"><title>{escape(title)}</title>'
    ]
    for i, label in enumerate(labels):
        x0 = PAD + i * slot
        parts.append(
            f'<text x="{x0 + slot / 2:.1f}" y="{HEIGHT + 14}" font-size="11" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
        for j, s in enumerate(series):
            h = (HEIGHT - PAD) * s.values[i] / top
            x = x0 + slot * 0.1 + j * bar
            parts.append(
                f'<rect x="{x:.1f}" y="{HEIGHT - h:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}" fill="{COLOURS[j % 3]}"><title>{escape(s.name)} '
                f"{escape(label)}: {s.values[i]}</title></rect>"
            )
    for j, s in enumerate(series):
        parts.append(
            f'<rect x="{PAD + j * 170}" y="{HEIGHT + 24}" width="10" height="10" '
            f'fill="{COLOURS[j % 3]}"/><text x="{PAD + 14 + j * 170}" y="{HEIGHT + 33}" '
            f'font-size="11">{escape(s.name)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))

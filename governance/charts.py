"""Server-side SVG charts. Each sits beside a table with the same numbers, so nothing depends
on seeing the chart or telling colours apart; bars carry their numbers as text too."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Fills for the RAG colours (GOV.UK palette), chosen to keep 3:1 contrast against white.
FILLS = {
    "Grey": "#505a5f",
    "Green": "#00703c",
    "Amber": "#b45309",
    "Red": "#d4351c",
    "Blue": "#1d70b8",
    "Black": "#0b0c0c",
}


def status_bars(rows: list[dict], *, title: str, chart_id: str = "status-chart") -> str:
    """Horizontal bars, one per status: rows are dicts with label, colour and count."""
    bar_height, gap, label_width, bar_space, number_width = 28, 10, 130, 300, 50
    width = label_width + bar_space + number_width
    height = len(rows) * (bar_height + gap) + gap
    biggest = max((r["count"] for r in rows), default=0) or 1
    description = "; ".join(f"{r['label']}: {r['count']}" for r in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="Arial, Liberation Sans, sans-serif" font-size="16">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for i, r in enumerate(rows):
        y = gap + i * (bar_height + gap)
        length = round(bar_space * r["count"] / biggest)
        fill = FILLS.get(r["colour"], "#505a5f")
        parts.append(
            f'<text x="0" y="{y + 19}" fill="#0b0c0c">{escape(r["label"])}</text>'
            f'<rect x="{label_width}" y="{y}" width="{max(length, 2)}" height="{bar_height}" fill="{fill}"/>'
            f'<text x="{label_width + max(length, 2) + 6}" y="{y + 19}" fill="#0b0c0c" font-weight="bold">{r["count"]}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped above

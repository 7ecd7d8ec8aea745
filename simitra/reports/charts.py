"""The report's charts, drawn on the server as SVG (attributes only, no styles), so the PDF
embeds them as they are and the DOCX as PNG (cairosvg): progress bars, an indicator's path,
contribution shares, the health radar."""

import datetime as dt
import math
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from simitra.lib.numbers import format_number

GREEN = "#1f7a4d"
GREY = "#adb5bd"
AMBER = "#c77c02"
LIGHT = "#e9ecef"
FONT = 'font-family="DejaVu Sans, sans-serif"'


def _svg(width: int, height: int, title: str, body: str) -> dict:
    text = escape(title)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{text}">'
        f"<title>{text}</title>{body}</svg>"
    )
    return {"title": title, "svg": svg, "width": width, "height": height}


def _label(text: str, limit: int = 34) -> str:
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")


def progress_bars(title: str, bars: list[tuple[str, float]], lang: str) -> dict:
    """One bar per item: its percentage of 100 (a bar past 100 % is capped at the frame)."""
    width, row, left = 640, 24, 250
    height = 30 + row * len(bars)
    body = [f'<text x="0" y="16" font-size="13" font-weight="bold" {FONT}>{escape(title)}</text>']
    span = width - left - 60
    for n, (name, percent) in enumerate(bars):
        y = 28 + n * row
        shown = max(0.0, min(float(percent), 100.0))
        body.append(f'<text x="0" y="{y + 13}" font-size="11" {FONT}>{_label(name)}</text>')
        body.append(f'<rect x="{left}" y="{y + 2}" width="{span}" height="14" fill="{LIGHT}"/>')
        colour = GREEN if percent >= 100 else (AMBER if percent < 50 else GREEN)
        body.append(
            f'<rect x="{left}" y="{y + 2}" width="{span * shown / 100:.1f}" height="14" '
            f'fill="{colour}"/>'
        )
        body.append(
            f'<text x="{left + span + 6}" y="{y + 13}" font-size="11" {FONT}>'
            f"{format_number(Decimal(str(percent)), 0, lang=lang)}%</text>"
        )
    return _svg(width, height, title, "".join(body))


def indicator_path(
    title: str,
    targets: list[tuple[dt.date, Decimal | None]],
    actuals: list[tuple[dt.date, Decimal]],
    lang: str,
) -> dict:
    """The planned path (targets, dashed) and the approved values (solid) over the periods."""
    width, height, pad = 640, 200, 40
    points = [(d, v) for d, v in targets if v is not None] + list(actuals)
    if not points:
        return _svg(width, 40, title, "")
    days = [d for d, _v in points]
    low_day, high_day = min(days), max(days)
    top = max(float(v) for _d, v in points) or 1.0
    spread = max((high_day - low_day).days, 1)

    def xy(day, value):
        x = pad + (width - 2 * pad) * (day - low_day).days / spread
        y = height - pad - (height - 2 * pad) * float(value) / top
        return f"{x:.1f},{y:.1f}"

    body = [
        f'<text x="0" y="16" font-size="13" font-weight="bold" {FONT}>{_label(title, 80)}</text>',
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" '
        f'stroke="{GREY}"/>',
        f'<text x="{pad}" y="{height - pad + 16}" font-size="10" {FONT}>{low_day:%m/%Y}</text>',
        f'<text x="{width - pad - 40}" y="{height - pad + 16}" font-size="10" {FONT}>'
        f"{high_day:%m/%Y}</text>",
        f'<text x="2" y="{pad + 4}" font-size="10" {FONT}>{format_number(top, lang=lang)}</text>',
    ]
    planned = " ".join(xy(d, v) for d, v in targets if v is not None)
    if planned:
        body.append(
            f'<polyline points="{planned}" fill="none" stroke="{GREY}" stroke-width="2" '
            f'stroke-dasharray="6 4"/>'
        )
    if actuals:
        line = " ".join(xy(d, v) for d, v in sorted(actuals))
        body.append(f'<polyline points="{line}" fill="none" stroke="{GREEN}" stroke-width="3"/>')
        for d, v in actuals:
            x, y = xy(d, v).split(",")
            body.append(f'<circle cx="{x}" cy="{y}" r="4" fill="{GREEN}"/>')
    legend_y = height - 6
    planned_label = escape(_("Target"))
    actual_label = escape(_("Actual"))
    body.append(
        f'<text x="{pad}" y="{legend_y}" font-size="10" fill="{GREY}" {FONT}>- - '
        f"{planned_label}</text>"
        f'<text x="{pad + 110}" y="{legend_y}" font-size="10" fill="{GREEN}" {FONT}>— '
        f"{actual_label}</text>"
    )
    return _svg(width, height, title, "".join(body))


def contribution_shares(title: str, partners: list[tuple[str, float, float]], lang: str) -> dict:
    """Each partner's share of all pledged value (a bar) with what it delivered inside it."""
    total = sum(p for _n, p, _d in partners) or 1.0
    width, row, left = 640, 26, 200
    height = 30 + row * len(partners)
    span = width - left - 70
    body = [f'<text x="0" y="16" font-size="13" font-weight="bold" {FONT}>{escape(title)}</text>']
    for n, (name, pledged, delivered) in enumerate(partners):
        y = 28 + n * row
        body.append(f'<text x="0" y="{y + 14}" font-size="11" {FONT}>{_label(name, 28)}</text>')
        body.append(
            f'<rect x="{left}" y="{y + 2}" width="{span * pledged / total:.1f}" height="16" '
            f'fill="{LIGHT}" stroke="{GREY}"/>'
        )
        body.append(
            f'<rect x="{left}" y="{y + 2}" width="{span * min(delivered, pledged) / total:.1f}" '
            f'height="16" fill="{GREEN}"/>'
        )
        body.append(
            f'<text x="{left + span + 6}" y="{y + 14}" font-size="11" {FONT}>'
            f"{format_number(Decimal(str(100 * pledged / total)), 0, lang=lang)}%</text>"
        )
    return _svg(width, height, title, "".join(body))


def radar(title: str, axes: list[tuple[str, float, float | None]], scale: float = 5.0) -> dict:
    """The health check's means (green) and the round before (grey) on a 1–5 scale."""
    width, height = 640, 360
    cx, cy, r = 320, 190, 130
    n = len(axes)

    def point(i, value):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return cx + r * value / scale * math.cos(angle), cy + r * value / scale * math.sin(angle)

    body = [f'<text x="0" y="16" font-size="13" font-weight="bold" {FONT}>{escape(title)}</text>']
    for level in (1, 2, 3, 4, 5):
        ring = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, level) for i in range(n)))
        body.append(f'<polygon points="{ring}" fill="none" stroke="{LIGHT}"/>')
    for i, (label, _mean, _previous) in enumerate(axes):
        x, y = point(i, scale * 1.12)
        anchor = "middle" if abs(x - cx) < 10 else ("start" if x > cx else "end")
        body.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="10" text-anchor="{anchor}" {FONT}>'
            f"{_label(label, 30)}</text>"
        )
    if all(p is not None for _l, _m, p in axes):
        before = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (point(i, a[2]) for i, a in enumerate(axes))
        )
        body.append(f'<polygon points="{before}" fill="none" stroke="{GREY}" stroke-width="2"/>')
    now = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, a[1]) for i, a in enumerate(axes)))
    body.append(
        f'<polygon points="{now}" fill="{GREEN}" fill-opacity="0.25" stroke="{GREEN}" '
        f'stroke-width="2"/>'
    )
    return _svg(width, height, title, "".join(body))


def as_png(chart: dict) -> bytes:
    import cairosvg

    return cairosvg.svg2png(bytestring=chart["svg"].encode(), output_width=chart["width"] * 2)

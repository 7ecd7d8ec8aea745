"""Chart.js configurations, built in one place: the pages feed them to `static/js/charts.js`
through `json_script`. Plain data in, a dict out; the colours are named here once (the page's
own CSS names the brand colour for everything else)."""

BRAND = "#0f6b5c"  # the product's green: the current value, what was pledged
BRAND_LIGHT = "#b7ddd5"  # the same, faded: a previous value
ACCENT = "#c98a0b"  # amber: what was delivered
ACCENT_RANGE = "rgba(201, 138, 11, 0.35)"  # a floating range over the bars
TARGET = "#9ca3af"  # grey: a target line


def dataset(label, data: list, colour: str, **extra) -> dict:
    """One series: bars are filled with `colour`, lines are drawn in it."""
    return {"label": str(label), "data": data, "backgroundColor": colour, **extra}


def line(label, data: list, colour: str, *, dashed: bool = False, fill: bool = True) -> dict:
    """A line series that bridges periods without a value."""
    series = {"label": str(label), "data": data, "borderColor": colour}
    if dashed:
        series["borderDash"] = [6, 4]
    if fill:
        series["backgroundColor"] = colour
    series["spanGaps"] = True
    return series


def horizontal_bars(labels: list, datasets: list[dict], *, legend: bool = True, x: dict) -> dict:
    """Bars along the x axis, one row per label (long names fit beside them on a phone)."""
    return {
        "type": "bar",
        "data": {"labels": labels, "datasets": datasets},
        "options": {
            "indexAxis": "y",
            "scales": {"x": x},
            "plugins": {"legend": {"position": "bottom"} if legend else {"display": False}},
        },
    }


def line_chart(labels: list, datasets: list[dict]) -> dict:
    return {
        "type": "line",
        "data": {"labels": labels, "datasets": datasets},
        "options": {"plugins": {"legend": {"position": "bottom"}}},
    }


def wrapped(label: str, width: int = 20) -> list[str]:
    """A label broken into lines (Chart.js draws a list as several lines), so long names fit
    beside the bars on a phone."""
    lines, current = [], ""
    for word in label.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines

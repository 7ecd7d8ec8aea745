"""Chart.js configurations, built in one place: the pages feed them to `static/js/charts.js`
through `json_script`. Plain data in, a dict out.

No colour is written here: a series names a colour *role* (`"color": "brand"`) and
`charts.js` paints it with the CSS custom property `--simitra-chart-<role>` from
`static/css/simitra.css`, where the brand green is named once for the whole product."""

BRAND = "brand"  # the product's green: the current value, what was pledged
BRAND_LIGHT = "brand-light"  # the same, faded: a previous value
ACCENT = "accent"  # amber: what was delivered
ACCENT_RANGE = "accent-range"  # amber, see-through: a floating range over the bars
TARGET = "target"  # grey: a target line

ROLES = (BRAND, BRAND_LIGHT, ACCENT, ACCENT_RANGE, TARGET)


def _role(colour: str) -> str:
    if colour not in ROLES:
        raise ValueError(f"Unknown chart colour role {colour!r}; one of {', '.join(ROLES)}")
    return colour


def dataset(label, data: list, colour: str, **extra) -> dict:
    """One series of bars, filled with the colour of the role `colour`."""
    return {"label": str(label), "data": data, "color": _role(colour), **extra}


def line(label, data: list, colour: str, *, dashed: bool = False, fill: bool = True) -> dict:
    """A line series that bridges periods without a value, drawn in the colour of the role
    `colour` (its points filled with it too unless `fill=False`)."""
    series = {"label": str(label), "data": data, "color": _role(colour)}
    series["colorOn"] = ["borderColor", "backgroundColor"] if fill else ["borderColor"]
    if dashed:
        series["borderDash"] = [6, 4]
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

"""Chart colours are named once, in the project CSS; the chart builders only name a role."""

import json
import re
from pathlib import Path

import pytest

from simitra.lib import charts

CSS = (Path(__file__).resolve().parents[3] / "static/css/simitra.css").read_text()

# What each role looked like when the colours were still written in Python: the charts keep them.
WAS = {
    "brand": "var(--simitra-green)",
    "brand-light": "#b7ddd5",
    "accent": "var(--simitra-amber)",
    "accent-range": "rgba(201, 138, 11, 0.35)",
    "target": "#9ca3af",
}


@pytest.mark.parametrize("role", charts.ROLES)
def test_every_role_has_its_colour_in_the_css(role):
    declared = re.search(rf"--simitra-chart-{role}:\s*([^;]+);", CSS)
    assert declared, f"--simitra-chart-{role} is missing from static/css/simitra.css"
    assert declared.group(1).strip() == WAS[role]
    assert "--simitra-green: #0f6b5c;" in CSS and "--simitra-amber: #c98a0b;" in CSS


def test_the_builders_write_no_colour():
    config = charts.line_chart(
        ["01/2026"],
        [
            charts.line("Target", [1.0], charts.TARGET, dashed=True, fill=False),
            charts.line("Actual", [2.0], charts.BRAND),
        ],
    )
    bars = charts.horizontal_bars(
        ["A"], [charts.dataset("Pledged", [1.0], charts.BRAND)], x={"beginAtZero": True}
    )
    written = json.dumps([config, bars])
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b|rgba?\(", written)
    target, actual = config["data"]["datasets"]
    assert target["color"] == "target" and target["colorOn"] == ["borderColor"]
    assert actual["colorOn"] == ["borderColor", "backgroundColor"]
    assert bars["data"]["datasets"][0] == {"label": "Pledged", "data": [1.0], "color": "brand"}


def test_an_unknown_role_fails_loudly():
    with pytest.raises(ValueError, match="green"):
        charts.dataset("Pledged", [1.0], "green")

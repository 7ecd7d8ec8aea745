"""Charts draw their ticks in the page's language (1.000 in Bahasa Indonesia, 1,000 in English)."""

import pytest

from .conftest import log_in

pytestmark = pytest.mark.browser

TICKS = """() => {
  const chart = Chart.getChart(document.querySelector('canvas[data-chart="balance-chart"]'));
  return [chart.options.locale, chart.scales.x.ticks.map((t) => t.label).join(" ")];
}"""


def test_chart_ticks_follow_the_page_language(page, live_server, demo_world):
    log_in(page, live_server, "koordinator")
    page.goto(f"{live_server.url}/kemitraan/NTT-STUNTING-2025/kontribusi/")
    page.wait_for_load_state("networkidle")
    locale, ticks = page.evaluate(TICKS)
    assert locale == "id"
    assert "." in ticks and "," not in ticks, ticks  # millions of rupiah: 1.000, 1.200 …

    page.click("button[name=language][value=en]")
    page.wait_for_load_state("networkidle")
    locale, ticks = page.evaluate(TICKS)
    assert locale == "en"
    assert "," in ticks and "." not in ticks, ticks

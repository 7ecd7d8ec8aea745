"""Charts draw their ticks in the page's language (1.000 in Bahasa Indonesia, 1,000 in English)
and their series in the colours the project CSS names."""

import pytest

from .conftest import log_in

pytestmark = pytest.mark.browser

TICKS = """() => {
  const chart = Chart.getChart(document.querySelector('canvas[data-chart="balance-chart"]'));
  return [chart.options.locale, chart.scales.x.ticks.map((t) => t.label).join(" ")];
}"""

COLOURS = """() => {
  const chart = Chart.getChart(document.querySelector('canvas[data-chart="balance-chart"]'));
  return chart.data.datasets.map((d) => [d.backgroundColor, d.color === undefined]);
}"""


def test_chart_ticks_follow_the_page_language(page, live_server, demo_world):
    log_in(page, live_server, "koordinator")
    page.goto(f"{live_server.url}/kemitraan/NTT-STUNTING-2025/kontribusi/")
    page.wait_for_load_state("networkidle")
    locale, ticks = page.evaluate(TICKS)
    assert locale == "id"
    assert "." in ticks and "," not in ticks, ticks  # millions of rupiah: 1.000, 1.200 …
    # The colour roles of the series are painted from the CSS custom properties.
    assert page.evaluate(COLOURS) == [["#0f6b5c", True], ["#c98a0b", True]]

    page.click("button[name=language][value=en]")
    page.wait_for_load_state("networkidle")
    locale, ticks = page.evaluate(TICKS)
    assert locale == "en"
    assert "," in ticks and "." not in ticks, ticks


DRAWN = """(id) => {
  const chart = Chart.getChart(document.querySelector(`canvas[data-chart="${id}"]`));
  return chart ? chart.data.datasets.map((d) => [d.backgroundColor || null, d.borderColor || null])
    : null;
}"""


def test_the_other_charts_draw_in_their_colours(page, live_server, demo_world):
    from simitra.results.models import Indicator

    indicator = Indicator.objects.filter(partnership__code="NTT-STUNTING-2025").first()
    log_in(page, live_server, "koordinator")
    base = f"{live_server.url}/kemitraan/NTT-STUNTING-2025"
    page.goto(f"{base}/ko-kreasi/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate(DRAWN, "cocreation-chart") == [["#0f6b5c", None]]
    page.goto(f"{base}/hasil/indikator/{indicator.pk}/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate(DRAWN, "indicator-chart") == [[None, "#9ca3af"], ["#0f6b5c", "#0f6b5c"]]

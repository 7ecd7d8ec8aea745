"""The portfolio map in a browser with the network cut off: every request that is not to the live
server is refused, and the map still draws its provinces, colours them, and filters the lists
when an area is clicked (on the map, and by keyboard in its table)."""

import pytest

from .conftest import log_in

pytestmark = pytest.mark.browser

ZERO = "#f1f5f9"

# A point inside the province's shape that the mouse can click (an archipelago's bounding box
# may have sea at its centre): the first point of a grid over the shape where it is on top.
INSIDE = """(code) => {
  const path = document.querySelector(`path[data-code="${code}"]`);
  const box = path.getBoundingClientRect();
  for (let i = 1; i < 12; i++) {
    for (let j = 1; j < 12; j++) {
      const x = box.left + (box.width * i) / 12, y = box.top + (box.height * j) / 12;
      if (document.elementFromPoint(x, y) === path) return [x, y];
    }
  }
  return null;
}"""


def offline(page, live_server) -> list[str]:
    """Refuse every request not to the live server; the list of refused addresses."""
    refused = []

    def route(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    return refused


def ready(page):
    page.wait_for_selector("[data-area-map][data-ready='1']", timeout=15_000)


def listed(page) -> int:
    return page.locator(".portfolio-list > li.list-group-item a.fw-semibold").count()


def test_the_map_draws_offline_and_clicking_an_area_filters_the_list(page, live_server, demo_world):
    from simitra.partnerships.models import Partnership
    from simitra.portfolio.mapdata import shaped_province_codes

    refused = offline(page, live_server)
    log_in(page, live_server, "koordinator")
    page.goto(f"{live_server.url}/portofolio/")
    ready(page)
    assert page.locator("path[data-code]").count() == len(shaped_province_codes()) == 33
    assert page.get_attribute('path[data-code="53"]', "fill") != ZERO  # the demo works in NTT
    assert page.get_attribute('path[data-code="11"]', "fill") == ZERO  # and not in Aceh
    assert page.locator(".area-map-legend .area-map-key").count() >= 2
    everything = listed(page)

    point = page.evaluate(INSIDE, "53")
    assert point, "no clickable point inside Nusa Tenggara Timur"
    page.mouse.click(*point)
    page.wait_for_url("**/portofolio/?province=53*")
    ready(page)
    coordinator = Partnership.objects.get(code="NTT-STUNTING-2025").coordinators.get()
    in_ntt = Partnership.objects.readable_by(coordinator).in_region("53").count()
    assert 0 < listed(page) == min(in_ntt, 25) < everything
    assert page.get_attribute('path[data-code="53"]', "stroke-width") == "2.5"  # marked

    # The table reaches the regencies by keyboard.
    caption = page.locator(".area-map-rows caption").inner_text()
    assert "Nusa Tenggara Timur" in caption
    regency = page.locator(".area-map-rows a[data-code*='.']").first
    code = regency.get_attribute("data-code")
    regency.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**regency={code}*")
    ready(page)
    in_regency = Partnership.objects.readable_by(coordinator).in_region(code).count()
    assert listed(page) == min(in_regency, 25) > 0
    assert page.locator(".area-map-rows tr.table-active a").get_attribute("data-code") == code
    assert refused == []


def test_the_public_portal_map_works_at_390_px(browser, live_server, demo_world):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        refused = offline(page, live_server)
        page.goto(f"{live_server.url}/pengetahuan/")
        ready(page)
        assert page.locator("path[data-code]").count() == 33
        # Counts only: warnings and contributions are not published.
        assert page.locator("#area-map-measure option").count() == 1
        assert page.locator(".area-map-rows thead th").count() == 2
        box = page.locator(".area-map-canvas").bounding_box()
        assert box["width"] <= 390 and box["height"] >= 150
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert refused == []
    finally:
        context.close()

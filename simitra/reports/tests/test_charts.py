"""The report's charts are well-formed SVG (titles escaped) and convert to PNG for Word."""

import datetime as dt
from decimal import Decimal
from xml.etree import ElementTree

from simitra.reports import charts

SVG = "{http://www.w3.org/2000/svg}"


def parse(chart):
    return ElementTree.fromstring(chart["svg"])


def test_progress_bars_cap_at_the_frame_and_print_the_percentage_in_the_language():
    chart = charts.progress_bars("Kemajuan <& ok>", [("A", 150.0), ("B", 62.5)], "id")
    root = parse(chart)
    assert root.find(f"{SVG}title").text == "Kemajuan <& ok>"
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert widths[1] == widths[0]  # 150 % fills the frame, no more
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "150%" in texts and "63%" in texts  # 62,5 rounded half up


def test_an_indicator_path_has_the_planned_line_and_the_actual_points():
    day = dt.date(2026, 3, 31)
    targets = [(day, Decimal(10)), (day + dt.timedelta(days=91), Decimal(20))]
    chart = charts.indicator_path("Kader", targets, [(day, Decimal(8))], "id")
    root = parse(chart)
    assert len(list(root.iter(f"{SVG}polyline"))) == 2
    assert len(list(root.iter(f"{SVG}circle"))) == 1


def test_the_radar_and_the_shares_render_and_convert_to_png():
    radar = charts.radar(
        "Health", [("Trust", 4.0, 3.5), ("Equity", 3.0, 3.2), ("Openness", 2.5, None)]
    )
    shares = charts.contribution_shares(
        "Shares", [("PT A", 300.0, 150.0), ("Dinas", 100.0, 100.0)], "en"
    )
    for chart in (radar, shares):
        parse(chart)
        assert charts.as_png(chart).startswith(b"\x89PNG")
    assert len(list(parse(radar).iter(f"{SVG}polygon"))) == 5 + 1  # rings, the round; no "before"

"""The portfolio map's figures: per province and per regency, how many partnerships, their
warning levels and their pledged contributions.

`area_figures(partnerships)` takes partnerships already narrowed by the rules layer
(`readable_by` for the portfolio, the published ones for the public portal) and reads them in a
fixed number of queries, however many there are. A partnership counts in every area it is
recorded in: one working in two provinces counts, with all its contributions, in both (so the
areas do not add up to the portfolio's total). A partnership recorded for a province only counts
in that province, not in any of its regencies; one recorded for a district (kecamatan) counts in
the district's regency and province.

The shapes the map draws are in `static/portfolio/map/provinces.geojson` (see the README beside
it); `PROVINCES_WITHOUT_SHAPE` names the province codes that have none.
"""

import json
from collections import defaultdict
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.db.models import Case, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from simitra.early_warning import warning
from simitra.early_warning.models import Level
from simitra.partnerships.models import Partnership
from simitra.reference.models import Region
from simitra.resources.models import Pledge

CLOSED = "closed"
LEVELS = [*(key for key, _label in Level.choices), CLOSED]
SHAPES = Path(__file__).parent / "static" / "portfolio" / "map" / "provinces.geojson"

# Provinces formed after the source's shapes were drawn: their ground lies inside the province
# they were split from (see the README beside the shapes). The map lists them instead.
PROVINCES_WITHOUT_SHAPE = {
    "65": "64",  # Kalimantan Utara, drawn inside Kalimantan Timur
    "93": "91",  # Papua Selatan, inside Papua
    "94": "91",  # Papua Tengah, inside Papua
    "95": "91",  # Papua Pegunungan, inside Papua
    "96": "92",  # Papua Barat Daya, inside Papua Barat
}


@cache
def shaped_province_codes() -> frozenset[str]:
    """The province codes that have a shape in the committed GeoJSON."""
    with SHAPES.open(encoding="utf-8") as source:
        return frozenset(str(feature["id"]) for feature in json.load(source)["features"])


def level_expression():
    """A partnership's warning level for the map and the portfolio's counts: `closed` once it
    has ended, else its last computed level (`unknown` when never computed)."""
    return Case(
        When(~Q(status=Partnership.Status.ACTIVE), then=Value(CLOSED)),
        default=Coalesce(F("warning_state__level"), Value(warning.UNKNOWN)),
    )


def province_of(code: str) -> str:
    return code[:2]


def regency_of(code: str) -> str | None:
    """`53.02` of `53.02` and `53.02.07`; None for a province code."""
    return code[:5] if len(code) >= 5 else None


def _empty(private: bool) -> dict:
    area = {"partnerships": set()}
    if private:
        area["levels"] = dict.fromkeys(LEVELS, 0)
        area["pledged"] = defaultdict(Decimal)
    return area


def _rows(areas: dict, names: dict, private: bool, *, provinces: bool) -> list[dict]:
    shaped = shaped_province_codes()
    rows = []
    for code, area in sorted(areas.items()):
        row = {
            "code": code,
            "name": names.get(code, code),
            "partnerships": len(area["partnerships"]),
        }
        if provinces:
            row["shape"] = code in shaped
            if not row["shape"] and code in PROVINCES_WITHOUT_SHAPE:
                row["inside"] = PROVINCES_WITHOUT_SHAPE[code]
        else:
            row["province"] = province_of(code)
        if private:
            row["levels"] = area["levels"]
            row["pledged"] = [
                {"currency": currency, "total": str(total)}
                for currency, total in sorted(area["pledged"].items())
            ]
        rows.append(row)
    return rows


def partnerships_by_area(partnerships) -> tuple[dict[str, set], dict[str, set], set]:
    """Where these partnerships work, in one query: province code → their ids, regency code →
    their ids (as the module says: one recorded for a district counts in its regency and
    province, one recorded for a province only counts in that province), and the ids placed
    anywhere. The one place the map's areas are worked out (the region view's figures per
    regency build on it too)."""
    places = Partnership.regions.through.objects.filter(
        partnership__in=partnerships.values("pk")
    ).values_list("partnership_id", "region_id")
    by_province: dict[str, set] = defaultdict(set)
    by_regency: dict[str, set] = defaultdict(set)
    placed = set()
    for partnership_id, code in places:
        placed.add(partnership_id)
        by_province[province_of(code)].add(partnership_id)
        if (regency := regency_of(code)) is not None:
            by_regency[regency].add(partnership_id)
    return dict(by_province), dict(by_regency), placed


def area_figures(partnerships, *, private: bool = True) -> dict:
    """Figures per province and regency of these partnerships (a queryset already narrowed by
    the rules layer). `private=False` leaves out what only members and observers may read
    (warning levels, contributions): what the public portal may show. Five queries (three
    when not private) besides those of the rules layer, whatever the number of partnerships."""
    ids = partnerships.values("pk")
    province_ids, regency_ids, placed = partnerships_by_area(partnerships)
    levels, pledged = {}, defaultdict(list)
    if private:
        levels = dict(
            Partnership.objects.filter(pk__in=ids)
            .annotate(level_key=level_expression())
            .values_list("pk", "level_key")
        )
        for row in (
            Pledge.objects.active()
            .filter(partnership__in=ids)
            .values("partnership_id", "partnership__currency")
            .annotate(total=Sum(F("estimated_value") * F("exchange_rate")))
            .order_by()
        ):
            pledged[row["partnership_id"]].append((row["partnership__currency"], row["total"]))

    def figures(members: dict[str, set]) -> dict[str, dict]:
        areas = {}
        for code, partnership_ids in members.items():
            area = areas[code] = _empty(private)
            area["partnerships"] = partnership_ids
            if private:
                for partnership_id in partnership_ids:
                    area["levels"][levels.get(partnership_id, warning.UNKNOWN)] += 1
                    for currency, total in pledged.get(partnership_id, ()):
                        area["pledged"][currency] += total or 0
        return areas

    by_province, by_regency = figures(province_ids), figures(regency_ids)
    names = dict(
        Region.objects.filter(code__in=[*by_province, *by_regency]).values_list("code", "name")
    )
    return {
        "provinces": _rows(by_province, names, private, provinces=True),
        "regencies": _rows(by_regency, names, private, provinces=False),
        "unplaced": partnerships.count() - len(placed),
    }

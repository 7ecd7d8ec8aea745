"""The portfolio map as a reusable piece of a page.

    {% load area_map %}
    {% block head %}{% area_map_assets %}{% endblock %}
    ...
    {% area_map "portfolio:map_data" %}                      a member's or observer's figures
    {% area_map "knowledge:portal_map_data" private=False extra="kind=partnerships" %}
    {% area_map "regional:map_data" plan.pk %}               a view's arguments follow its name

The map reads its figures from the named JSON endpoint (any view that returns
`mapdata.area_figures(...)`), asked with the page's own filters other than the area; clicking an
area reloads the page with `province=` (and, in the table, `regency=`) set, plus `extra`.
"""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from ..mapdata import PROVINCES_WITHOUT_SHAPE

register = template.Library()

AREA_PARAMETERS = ("province", "regency", "page")


def labels(private: bool) -> dict:
    measures = {"partnerships": _("Partnerships")}
    if private:
        measures["warnings"] = _("Red or amber warning")
        measures["pledged"] = _("Pledged contributions (Rp)")
    return {
        "measures": measures,
        "area": _("Area"),
        "province": _("Province"),
        "partnerships": _("Partnerships"),
        "warnings": _("Red / amber"),
        "pledged": _("Pledged"),
        "all_provinces": _("All provinces"),
        # {name}: the province's name.
        "regencies_of": _("Regencies and cities of {name}"),
        "no_regency": _("No partnership here is recorded for a regency or city."),
        # {name}: the province the area was split from.
        "no_shape": _("no shape on the map: its ground is drawn inside {name}"),
        "no_shape_note": _(
            "Provinces marked † were formed after the map's shapes were drawn: they have no "
            "shape of their own, and their figures are in this table only."
        ),
        # {count}: a number of partnerships.
        "unplaced": _("{count} partnership(s) with no region recorded are not on the map."),
        "none": _("No partnership with a region recorded."),
        "failed": _("The map's figures could not be loaded; the lists below are unaffected."),
    }


@register.inclusion_tag("portfolio/_map_assets.html")
def area_map_assets():
    return {}


@register.inclusion_tag("portfolio/_map.html", takes_context=True)
def area_map(context, data_view: str, *args, private: bool = True, extra: str = ""):
    request = context["request"]
    query = request.GET.copy()
    for name in AREA_PARAMETERS:
        query.pop(name, None)
    data_url = reverse(data_view, args=args) + (f"?{query.urlencode()}" if query else "")
    return {
        "data_url": data_url,
        "private": private,
        "extra": extra,
        "labels": labels(private),
        "split_provinces": sorted(PROVINCES_WITHOUT_SHAPE),
    }

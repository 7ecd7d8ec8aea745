"""The region view on a hand-built region: support per priority, gaps, overlaps (with their
amounts; across districts or years no overlap), indicator contributions, filters, the Excel
export — and access: an observer of one regency sees nothing of another's partnerships."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from simitra.lib.testing import count_queries
from simitra.organisations.models import Sector
from simitra.partnerships.models import ObserverGrant, Phase
from simitra.partnerships.testing import (
    make_organisation,
    make_partner,
    make_partnership,
    make_user,
)
from simitra.reference.models import Region, SdgTarget
from simitra.regional import selectors
from simitra.regional.models import Alignment, PlanIndicator, PlanItem, PlanTarget
from simitra.resources.testing import make_delivery, make_pledge
from simitra.results.models import IndicatorValue
from simitra.results.testing import make_indicator, make_value

from .helpers import make_plan

pytestmark = pytest.mark.django_db

D1, D2 = "53.02.01", "53.02.02"  # two districts of Timor Tengah Selatan
OTHER = "53.01.04"  # a district of Kabupaten Kupang


def _align(partnership, plan, code, district, year, amount):
    return Alignment.objects.create(
        partnership=partnership,
        item=PlanItem.objects.get(plan=plan, code=code),
        district=Region.objects.get(code=district) if district else None,
        year=year,
        amount=Decimal(amount),
    )


@pytest.fixture
def region():
    """A plan of NTT province (53); three partnerships in TTS (53.02), one in Kupang (53.01)."""
    coordinator = make_user("koordinator")
    plan = make_plan("53")
    tts, kupang = Region.objects.get(code="53.02"), Region.objects.get(code="53.01")
    a = make_partnership(coordinators=[coordinator], code="TTS-A", phase=Phase.MANAGING)
    b = make_partnership(coordinators=[coordinator], code="TTS-B", phase=Phase.MANAGING)
    c = make_partnership(coordinators=[coordinator], code="TTS-C", phase=Phase.MANAGING)
    k = make_partnership(coordinators=[coordinator], code="KPG-A", phase=Phase.MANAGING)
    for partnership in (a, b, c):
        partnership.regions.add(tts)
    k.regions.add(kupang)
    a.sdg_targets.add(SdgTarget.objects.get(code="2.2"))
    dinas = make_partner(a, make_organisation("Dinas Kesehatan", Sector.GOVERNMENT))
    company = make_partner(a, make_organisation("PT Pangan", Sector.PRIVATE))
    ngo = make_partner(b, make_organisation("Yayasan Gizi", Sector.NGO))
    kupang_company = make_partner(k, make_organisation("PT Kupang", Sector.PRIVATE))
    make_pledge(dinas, value=1000, due_date=dt.date(2026, 3, 1))
    pledge = make_pledge(company, value=500, due_date=dt.date(2026, 6, 1))
    make_delivery(pledge, amount=300, day=dt.date(2026, 7, 1))
    make_pledge(ngo, value=200, due_date=dt.date(2027, 1, 1))
    make_pledge(kupang_company, value=9000, due_date=dt.date(2026, 1, 1))
    # Overlap: A and B on the same sub-activity, district and year.
    _align(a, plan, "1.02.02.2.02.0004", D1, 2026, 100)
    _align(b, plan, "1.02.02.2.02.0004", D1, 2026, 60)
    # Same sub-activity, other district: no overlap.
    _align(c, plan, "1.02.02.2.02.0004", D2, 2026, 40)
    # Same sub-activity and district, other year: no overlap.
    _align(a, plan, "1.03.03.2.01.0022", D1, 2026, 10)
    _align(b, plan, "1.03.03.2.01.0022", D1, 2027, 20)
    # Kupang: overlaps with nobody in TTS, but with itself twice it stays one partnership.
    _align(k, plan, "1.02.02.2.02.0004", OTHER, 2026, 700)
    _align(k, plan, "1.02.02.2.02.0004", OTHER, 2026, 50)
    tts_observer, kupang_observer = make_user("bappeda-tts"), make_user("bappeda-kupang")
    ObserverGrant.objects.create(user=tts_observer, region=tts)
    ObserverGrant.objects.create(user=kupang_observer, region=kupang)
    return locals()


def _codes(support):
    return [(s.code, [p[1] for p in s.partnerships]) for s in support]


def test_support_gaps_and_overlaps_for_the_tts_observer(region):
    figures = selectors.region_figures(region["tts_observer"], region["plan"])
    assert _codes(figures.support) == [
        ("1.02.02", ["TTS-A", "TTS-B", "TTS-C"]),
        ("1.03.03", ["TTS-A", "TTS-B"]),
        ("2.17.07", []),
    ]
    health = figures.support[0]
    assert health.pledged_by_sector == {
        "government": Decimal("1000"),
        "ngo": Decimal("200"),
        "private": Decimal("500"),
    }
    assert health.delivered_by_sector == {"private": Decimal("300")}
    assert health.pledged == Decimal("1700") and health.delivered == Decimal("300")
    assert health.aligned_amount == Decimal("200")
    assert [p.name for p in health.partners] == ["Dinas Kesehatan", "Yayasan Gizi", "PT Pangan"]
    assert [g.code for g in figures.gaps] == ["2.17.07"]
    assert [
        (
            o.item_code,
            o.district_code,
            o.year,
            [(e.partnership_code, e.amount) for e in o.entries],
            o.total,
        )
        for o in figures.overlaps
    ] == [
        (
            "1.02.02.2.02.0004",
            D1,
            2026,
            [("TTS-A", Decimal("100")), ("TTS-B", Decimal("60"))],
            Decimal("160"),
        )
    ]
    assert figures.partnerships_in_region == 3
    assert figures.aligned_partnerships == 3


def test_the_coordinator_of_all_sees_every_partnership_and_no_overlap_across_regencies(region):
    figures = selectors.region_figures(region["coordinator"], region["plan"])
    assert _codes(figures.support)[0] == ("1.02.02", ["KPG-A", "TTS-A", "TTS-B", "TTS-C"])
    assert figures.support[0].pledged_by_sector["private"] == Decimal("9500")
    assert len(figures.overlaps) == 1  # Kupang's two alignments are one partnership


def test_the_kupang_observer_sees_nothing_of_tts(region):
    figures = selectors.region_figures(region["kupang_observer"], region["plan"])
    assert _codes(figures.support) == [("1.02.02", ["KPG-A"]), ("1.03.03", []), ("2.17.07", [])]
    assert figures.support[0].pledged_by_sector == {"private": Decimal("9000")}
    assert figures.overlaps == []
    assert figures.partnerships_in_region == 1


def test_filters_year_sector_and_sdg(region):
    plan, user = region["plan"], region["tts_observer"]
    in_2027 = selectors.region_figures(user, plan, selectors.Filters(year=2027))
    assert _codes(in_2027.support)[1] == ("1.03.03", ["TTS-B"])
    assert in_2027.support[0].partnerships == []  # no 2027 alignment under 1.02.02
    private = selectors.region_figures(user, plan, selectors.Filters(sector=Sector.PRIVATE))
    assert _codes(private.support)[0] == ("1.02.02", ["TTS-A"])
    assert private.support[0].pledged_by_sector == {"private": Decimal("500")}
    sdg2 = selectors.region_figures(user, plan, selectors.Filters(sdg=2))
    assert _codes(sdg2.support)[0] == ("1.02.02", ["TTS-A"])
    assert sdg2.overlaps == []


def test_indicator_contribution_where_codes_match(region):
    plan, a = region["plan"], region["a"]
    item = PlanItem.objects.get(plan=plan, code="1.02.02.2.02.0004")
    plan_indicator = PlanIndicator.objects.create(
        item=item, code="2.2.1.(a)", name="Balita", unit="%"
    )
    PlanTarget.objects.create(indicator=plan_indicator, year=2026, value=Decimal("80"))
    indicator = make_indicator(
        a, region["dinas"], periods=0, code="2.2.1.(a)", measure="percentage"
    )
    first = indicator.periods.create(start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30))
    second = indicator.periods.create(start=dt.date(2026, 7, 1), end=dt.date(2026, 12, 31))
    make_value(first, "50", status=IndicatorValue.Status.APPROVED)
    make_value(second, "60", status=IndicatorValue.Status.APPROVED)
    rows = selectors.region_figures(region["tts_observer"], plan).indicators
    assert [(r.code, r.year, r.target, r.achieved, r.partnerships) for r in rows] == [
        ("2.2.1.(a)", 2026, Decimal("80"), Decimal("60.00"), 1)
    ]
    assert rows[0].share == 0.75
    hidden = selectors.region_figures(region["kupang_observer"], plan).indicators
    assert hidden[0].achieved == 0 and hidden[0].partnerships == 0


def test_figures_by_regency_for_the_map(region):
    mine = selectors.figures_by_regency(region["tts_observer"])
    assert mine == {
        "53.02": {
            "partnerships": 3,
            "aligned_partnerships": 3,
            "pledged": Decimal("1700"),
            "delivered": Decimal("300"),
        }
    }
    everything = selectors.figures_by_regency(region["coordinator"], "53")
    assert sorted(everything) == ["53.01", "53.02"]


def test_the_view_shows_only_what_the_observer_may_read(region, client_for):
    url = reverse("regional:region", args=[region["plan"].pk])
    body = client_for(region["tts_observer"]).get(url).content.decode()
    assert "TTS-A" in body and "TTS-B" in body
    assert "KPG-A" not in body and "PT Kupang" not in body
    body = client_for(region["kupang_observer"]).get(url).content.decode()
    assert "KPG-A" in body and "TTS-A" not in body and "Dinas Kesehatan" not in body


def test_the_export_holds_only_what_the_observer_may_read(region, client_for):
    url = reverse("regional:region_export", args=[region["plan"].pk])
    response = client_for(region["tts_observer"]).get(url)
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    text = " ".join(
        str(cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    )
    assert "TTS-A" in text and "KPG-A" not in text and "9000" not in text
    overlaps = list(book.worksheets[3].iter_rows(values_only=True))
    assert overlaps[1:] == [
        ("1.02.02.2.02.0004", f"{D1} Kota Soe", 2026, "TTS-A", 100),
        ("1.02.02.2.02.0004", f"{D1} Kota Soe", 2026, "TTS-B", 60),
    ]


def test_an_outsider_gets_404_and_an_anonymous_visitor_the_log_in(region, client_for):
    url = reverse("regional:region", args=[region["plan"].pk])
    outsider = make_user("luar")
    assert client_for(outsider).get(url).status_code == 404
    assert (
        client_for(outsider)
        .get(reverse("regional:region_export", args=[region["plan"].pk]))
        .status_code
        == 404
    )
    assert client_for(None).get(url).status_code == 302
    # An observer of one partnership only is no planner of the region.
    single = make_user("satu")
    ObserverGrant.objects.create(user=single, partnership=region["a"])
    assert client_for(single).get(url).status_code == 404
    assert (
        region["plan"].title
        not in client_for(outsider).get(reverse("regional:plans")).content.decode()
    )


def _more_partnerships(region, n):
    tts = Region.objects.get(code="53.02")
    org = make_organisation(sector=Sector.DONOR)
    for _ in range(n):
        p = make_partnership(coordinators=[region["coordinator"]], phase=Phase.MANAGING)
        p.regions.add(tts)
        partner = make_partner(p, org)
        make_pledge(partner, value=10, due_date=dt.date(2026, 1, 1))
        _align(p, region["plan"], "1.02.02.2.02.0001", D2, 2026, 5)


def test_the_query_count_does_not_grow_with_partnerships(region, client_for):
    client = client_for(region["tts_observer"])
    urls = [
        reverse("regional:region", args=[region["plan"].pk]),
        reverse("regional:region_export", args=[region["plan"].pk]),
        reverse("regional:map_data", args=[region["plan"].pk]),
    ]

    def measure():
        return [count_queries(lambda u=u: client.get(u)) for u in urls]

    _more_partnerships(region, 3)
    small = measure()
    _more_partnerships(region, 27)
    large = measure()
    assert large == small
    overlaps = selectors.region_figures(region["tts_observer"], region["plan"]).overlaps
    assert max(len(o.entries) for o in overlaps) == 30


def test_the_map_counts_what_the_observer_may_read_per_regency(region, client_for):
    url = reverse("regional:map_data", args=[region["plan"].pk])
    coordinator = client_for(region["coordinator"]).get(url).json()
    tts = client_for(region["tts_observer"]).get(url).json()
    kupang = client_for(region["kupang_observer"]).get(url).json()

    def regencies(figures):
        return {row["code"]: row["partnerships"] for row in figures["regencies"]}

    assert regencies(coordinator) == {"53.01": 1, "53.02": 3}
    assert regencies(tts) == {"53.02": 3}
    assert regencies(kupang) == {"53.01": 1}
    # The page's filters narrow the map too (the area itself is the map's to choose).
    assert regencies(client_for(region["coordinator"]).get(url, {"sdg": 2}).json()) == {"53.02": 1}
    assert regencies(client_for(region["coordinator"]).get(url, {"regency": "53.01"}).json()) == (
        {"53.01": 1, "53.02": 3}
    )
    assert client_for(make_user("luar")).get(url).status_code == 404


def test_clicking_a_regency_on_the_map_narrows_the_view_to_it(region, client_for):
    url = reverse("regional:region", args=[region["plan"].pk])
    client = client_for(region["coordinator"])
    page = client.get(url, {"regency": "53.01"})
    body = page.content.decode()
    assert "KPG-A" in body and "TTS-A" not in body
    assert page.context["figures"].partnerships_in_region == 1
    assert page.context["area"].code == "53.01"
    # The TTS observer choosing Kupang on the map still sees nothing of Kupang.
    page = client_for(region["tts_observer"]).get(url, {"regency": "53.01"})
    assert page.context["figures"].partnerships_in_region == 0
    assert "KPG-A" not in page.content.decode()
    # A malformed code is no filter: the whole region, as without it.
    page = client.get(url, {"regency": "53.01'--"})
    assert page.context["figures"].partnerships_in_region == 4

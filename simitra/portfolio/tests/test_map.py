"""The portfolio map: its figures per province and regency (through the rules layer, in a fixed
number of queries), the public portal's published-only figures, the shapes keyed to every
province code of the reference, and the area filters that clicking sets."""

import json

import pytest
from django.urls import reverse

from simitra.early_warning.alerting import recompute_warnings
from simitra.lib.testing import count_queries
from simitra.partnerships.models import ObserverGrant, Partnership, Phase
from simitra.partnerships.testing import make_organisation, make_partner, make_user
from simitra.partnerships.testing import make_partnership as make
from simitra.portfolio import mapdata
from simitra.reference.models import Region
from simitra.resources.testing import make_pledge

pytestmark = pytest.mark.django_db

DATA = reverse("portfolio:map_data")
PUBLIC = reverse("knowledge:portal_map_data")
PORTFOLIO = reverse("portfolio:portfolio")
PORTAL = reverse("knowledge:portal")

KUPANG = "53.01"  # Kabupaten Kupang, Nusa Tenggara Timur
TTS = "53.02"  # Kabupaten Timor Tengah Selatan
MAKASSAR = "73.71"  # Kota Makassar, Sulawesi Selatan


def partnership(code, *regions, coordinator=None, public=False, pledge=None, **fields):
    fields.setdefault("phase", Phase.MANAGING)
    made = make(
        coordinators=[coordinator] if coordinator else [],
        code=code,
        title=code.title(),
        visibility=Partnership.Visibility.PUBLIC if public else Partnership.Visibility.PRIVATE,
        **fields,
    )
    made.regions.add(*Region.objects.filter(code__in=regions))
    if pledge:
        make_pledge(make_partner(made, make_organisation()), value=pledge)
    return made


@pytest.fixture
def cast(reference):
    """A coordinator of two private partnerships in NTT (one in two of its regencies, one in
    one, with pledges) and one in Makassar; a published one in Makassar of someone else; one
    with no region; observers of Kupang and of Makassar."""
    coordinator = make_user("koordinator")
    both = partnership(
        "DUA", KUPANG, TTS, coordinator=coordinator, pledge=3_000_000, start_date=None
    )
    one = partnership("SATU", f"{TTS}.01", coordinator=coordinator, pledge=2_000_000)
    makassar = partnership("MKS", MAKASSAR, coordinator=coordinator)
    published = partnership("UMUM", MAKASSAR, public=True)
    nowhere = partnership("TANPA", coordinator=coordinator)
    province_only = partnership("PROV", "53", coordinator=coordinator)
    recompute_warnings(Partnership.objects.all())
    kupang_observer, makassar_observer = make_user("pemantau-kupang"), make_user("pemantau-mks")
    ObserverGrant.objects.create(user=kupang_observer, region_id=KUPANG)
    ObserverGrant.objects.create(user=makassar_observer, region_id=MAKASSAR)
    return {
        "coordinator": coordinator,
        "both": both,
        "one": one,
        "makassar": makassar,
        "published": published,
        "nowhere": nowhere,
        "province_only": province_only,
        "kupang_observer": kupang_observer,
        "makassar_observer": makassar_observer,
        "outsider": make_user("luar"),
    }


def figures(client, url=DATA, query=""):
    response = client.get(url + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def by_code(rows):
    return {row["code"]: row for row in rows}


def test_the_coordinators_figures_per_province_and_regency(cast, client_for):
    data = figures(client_for(cast["coordinator"]))
    provinces, regencies = by_code(data["provinces"]), by_code(data["regencies"])
    assert set(provinces) == {"53", "73"}
    # DUA, SATU and PROV in NTT: DUA's two regencies count it once in the province.
    ntt = provinces["53"]
    assert ntt["partnerships"] == 3
    assert ntt["name"] == Region.objects.get(code="53").name
    assert ntt["shape"] is True
    assert sum(ntt["levels"].values()) == 3
    assert set(ntt["levels"]) == {"red", "amber", "green", "unknown", "closed"}
    assert [(p["currency"], float(p["total"])) for p in ntt["pledged"]] == [("IDR", 5_000_000.0)]
    # Regencies: a province-only partnership counts in none; a district's in its regency.
    assert {code: row["partnerships"] for code, row in regencies.items()} == {
        KUPANG: 1,
        TTS: 2,
        MAKASSAR: 1,
    }
    assert regencies[TTS]["province"] == "53"
    assert [(p["currency"], float(p["total"])) for p in regencies[TTS]["pledged"]] == [
        ("IDR", 5_000_000.0)
    ]
    assert [(p["currency"], float(p["total"])) for p in regencies[KUPANG]["pledged"]] == [
        ("IDR", 3_000_000.0)
    ]
    assert data["unplaced"] == 1  # TANPA
    # Never the published partnership of someone else (the portfolio is what one reads).
    assert provinces["73"]["partnerships"] == 1


def test_an_observer_of_one_regency_sees_only_it(cast, client_for):
    data = figures(client_for(cast["kupang_observer"]))
    assert [(row["code"], row["partnerships"]) for row in data["provinces"]] == [("53", 1)]
    assert [row["code"] for row in data["regencies"]] == [KUPANG, TTS]  # DUA is in both
    assert data["unplaced"] == 0
    body = json.dumps(data)
    assert MAKASSAR not in body and "SATU" not in body

    # Makassar's observer reads both partnerships there: the private one and the published one.
    other = figures(client_for(cast["makassar_observer"]))
    assert [(row["code"], row["partnerships"]) for row in other["provinces"]] == [("73", 2)]
    assert [row["code"] for row in other["regencies"]] == [MAKASSAR]
    assert [(p["currency"], p["total"]) for p in other["provinces"][0]["pledged"]] == []


def test_outsiders_see_nothing_and_anonymous_visitors_are_sent_to_log_in(cast, client_for):
    data = figures(client_for(cast["outsider"]))
    assert data == {"provinces": [], "regencies": [], "unplaced": 0}
    response = client_for(None).get(DATA)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_public_figures_count_published_partnerships_only(cast, client_for):
    for client in (client_for(None), client_for(cast["coordinator"])):
        data = figures(client, PUBLIC)
        assert data["provinces"] == [
            {
                "code": "73",
                "name": Region.objects.get(code="73").name,
                "partnerships": 1,
                "shape": True,
            }
        ]
        assert data["regencies"] == [
            {
                "code": MAKASSAR,
                "name": Region.objects.get(code=MAKASSAR).name,
                "partnerships": 1,
                "province": "73",
            }
        ]
        # Warnings and contributions are not published.
        assert "levels" not in json.dumps(data) and "pledged" not in json.dumps(data)


def test_the_figures_follow_the_pages_other_filters_but_not_the_area(cast, client_for):
    client = client_for(cast["coordinator"])
    partnership("LINGKUP", MAKASSAR, coordinator=cast["coordinator"], phase=Phase.SCOPING)
    # Only the Scoping partnership, in Makassar, though the page's area is a regency of NTT.
    data = figures(client, query=f"?phase=1&province=53&regency={TTS}")
    assert [(row["code"], row["partnerships"]) for row in data["provinces"]] == [("73", 1)]
    public = figures(client_for(None), PUBLIC, "?province=53&sector=private")
    assert public["provinces"] == []


def test_query_count_is_flat_with_the_number_of_partnerships(cast, client_for):
    client = client_for(cast["coordinator"])
    small = (count_queries(client.get, DATA), count_queries(client.get, PUBLIC))
    regencies = list(Region.objects.filter(level=Region.Level.REGENCY).order_by("code")[:40])
    for number in range(27):
        partnership(
            f"BANYAK-{number}",
            regencies[number].code,
            regencies[number + 1].code,
            coordinator=cast["coordinator"],
            public=number % 2 == 0,
            pledge=1_000_000,
        )
    recompute_warnings(Partnership.objects.filter(code__startswith="BANYAK"))
    assert Partnership.objects.count() == 33
    large = (count_queries(client.get, DATA), count_queries(client.get, PUBLIC))
    assert large == small
    assert sum(row["partnerships"] for row in figures(client)["regencies"]) > 50


def test_every_province_of_the_reference_has_a_shape_or_is_listed_without_one(reference):
    provinces = set(
        Region.objects.filter(level=Region.Level.PROVINCE).values_list("code", flat=True)
    )
    shaped = mapdata.shaped_province_codes()
    assert shaped <= provinces  # every shape is keyed to a Kemendagri province code
    assert (
        provinces - shaped == set(mapdata.PROVINCES_WITHOUT_SHAPE) == {"65", "93", "94", "95", "96"}
    )
    assert set(mapdata.PROVINCES_WITHOUT_SHAPE.values()) <= shaped
    assert mapdata.SHAPES.stat().st_size <= 300_000


def test_an_area_without_a_shape_is_in_the_figures_and_says_where_it_lies(cast, client_for):
    partnership("SELATAN", "93.01", coordinator=cast["coordinator"])
    row = by_code(figures(client_for(cast["coordinator"]))["provinces"])["93"]
    assert row["shape"] is False and row["inside"] == "91" and row["partnerships"] == 1


def test_clicking_a_regency_filters_the_portfolio_and_the_portal(cast, client_for):
    client = client_for(cast["coordinator"])
    response = client.get(PORTFOLIO + f"?province=53&regency={TTS}")
    assert sorted(p.code for p in response.context["partnerships"]) == ["DUA", "SATU"]
    assert response.context["regency"].code == TTS
    body = response.content.decode()
    assert "data-area-map" in body and f'data-data-url="{DATA}"' in body
    assert Region.objects.get(code=TTS).name in body

    bad = client.get(PORTFOLIO + "?regency=99.99")
    assert bad.status_code == 200 and bad.context["regency"] is None

    portal = client_for(None).get(PORTAL + f"?kind=partnerships&regency={MAKASSAR}")
    assert [p.code for p in portal.context["items"]] == ["UMUM"]
    assert f'data-data-url="{PUBLIC}?kind=partnerships"' in portal.content.decode()
    nothing = client_for(None).get(PORTAL + f"?kind=partnerships&regency={TTS}")
    assert list(nothing.context["items"]) == []


def test_a_province_chosen_after_a_regency_of_another_wins(cast, client_for):
    client = client_for(cast["coordinator"])
    response = client.get(PORTFOLIO + f"?province=73&regency={TTS}")
    assert [p.code for p in response.context["partnerships"]] == ["MKS"]
    assert response.context["regency"] is None
    portal = client_for(None).get(PORTAL + f"?kind=partnerships&province=73&regency={TTS}")
    assert [p.code for p in portal.context["items"]] == ["UMUM"]

"""The portfolio dashboard: whose partnerships, counts, ranking, coverage, contributions by
sector, health trend, filters, the CSV export — and a query count that does not grow."""

import csv
import io

import pytest
import time_machine
from django.urls import reverse

from simitra.early_warning.alerting import recompute_warnings
from simitra.early_warning.models import Alert
from simitra.early_warning.tests.warning_data import NOW, ago, busy_partnership
from simitra.evaluations.models import Evaluation
from simitra.governance.models import Decision
from simitra.lib.testing import count_queries
from simitra.organisations.models import Sector
from simitra.partnerships.models import ObserverGrant, Partnership, Phase
from simitra.partnerships.testing import make_organisation, make_partner, make_user
from simitra.partnerships.testing import make_partnership as make
from simitra.reference.models import Region, SdgTarget
from simitra.resources.testing import make_pledge

pytestmark = pytest.mark.django_db

PORTFOLIO = reverse("portfolio:portfolio")
EXPORT = reverse("portfolio:portfolio_export")


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def cast(reference):
    """A coordinator of four partnerships: red in NTT (SDG 2), amber in Makassar (SDG 8),
    one in Scoping (not assessed) and one ended; an observer of the amber one only; an
    outsider; a published partnership of someone else."""
    coordinator = make_user("koordinator")
    ntt = Region.objects.get(code="53.02")
    makassar = Region.objects.get(code="73.71")
    red = busy_partnership(
        coordinator, code="MERAH", region=ntt, sdg=SdgTarget.objects.get(code="2.2")
    )
    amber = make_partnership(
        coordinator, phase=Phase.MANAGING, code="KUNING", title="Kuning", start_date=ago(30)
    )
    amber.regions.add(makassar)
    amber.sdg_targets.add(SdgTarget.objects.get(code="8.3"))
    donor = make_partner(amber, make_organisation(sector=Sector.DONOR), joined_on=ago(10))
    make_pledge(donor, value=2_000_000, description="Hibah", due_date=ago(-30))
    Decision.objects.create(partnership=amber, text="Lapor", owner=donor, due_date=ago(30))
    scoping = make_partnership(coordinator, phase=Phase.SCOPING, code="LINGKUP", title="Lingkup")
    ended = make_partnership(
        coordinator,
        phase=Phase.SUSTAINING,
        code="SELESAI",
        title="Selesai",
        status=Partnership.Status.COMPLETED,
    )
    recompute_warnings(Partnership.objects.all())
    observer = make_user("pemantau")
    ObserverGrant.objects.create(user=observer, partnership=amber)
    published = make_partnership(
        phase=Phase.MANAGING, code="UMUM", visibility=Partnership.Visibility.PUBLIC
    )
    return {
        "coordinator": coordinator,
        "observer": observer,
        "outsider": make_user("luar"),
        "admin": make_user("akar", is_superuser=True),
        "red": red,
        "amber": amber,
        "scoping": scoping,
        "ended": ended,
        "published": published,
    }


def make_partnership(coordinator=None, **fields):
    return make(coordinators=[coordinator] if coordinator else [], **fields)


def english(client):
    client.post(reverse("accounts:set_language"), {"language": "en"})
    return client


def context(client, query=""):
    response = client.get(PORTFOLIO + query)
    assert response.status_code == 200
    return response.context


def codes(ctx):
    return [p.code for p in ctx["partnerships"]]


def test_the_coordinators_partnerships_ranked_by_warning(cast, client_for):
    ctx = context(client_for(cast["coordinator"]))
    assert codes(ctx) == ["MERAH", "KUNING", "LINGKUP", "SELESAI"]
    assert {row["key"]: row["count"] for row in ctx["levels"]} == {
        "red": 1,
        "amber": 1,
        "green": 0,
        "unknown": 1,
        "closed": 1,
    }
    assert {row["phase"].value: row["count"] for row in ctx["phases"]} == {
        1: 1,
        2: 0,
        3: 0,
        4: 0,
        5: 2,
        6: 0,
        7: 1,
    }
    assert (
        ctx["open_alerts"]
        == Alert.objects.filter(partnership__code__in=["MERAH", "KUNING"]).count()
    )


def test_coverage_contributions_and_health_trend(cast, client_for):
    ctx = context(english(client_for(cast["coordinator"])))
    assert [(p["code"], p["count"]) for p in ctx["provinces"]] == [("53", 1), ("73", 1)]
    assert ctx["provinces"][0]["name"] == Region.objects.get(code="53").name
    assert [(g["number"], g["count"]) for g in ctx["goals"]] == [(2, 1), (8, 1)]
    by_sector = {row["sector"]: row["total"] for row in ctx["sectors"]}
    assert by_sector == {"private": 1_000_000, "donor": 2_000_000}
    assert ctx["health"]["measured"] == 1 and ctx["health"]["single"] == 1
    assert ctx["health"]["mean_latest"] == 3.0


def test_an_observer_sees_only_what_it_observes_and_edits_nothing(cast, client_for):
    client = client_for(cast["observer"])
    ctx = context(client)
    assert codes(ctx) == ["KUNING"]
    assert sum(row["count"] for row in ctx["levels"]) == 1
    assert [g["number"] for g in ctx["goals"]] == [8]
    assert "MERAH" not in client.get(EXPORT).content.decode()
    alert = Alert.objects.filter(partnership=cast["amber"]).first()
    acknowledge = reverse("early_warning:alert_acknowledge", args=["KUNING", alert.pk])
    assert client.post(acknowledge).status_code == 403
    create = reverse("evaluations:evaluation_create", args=["KUNING"])
    assert client.post(create, {"title": "Evaluasi"}).status_code == 403
    alert.refresh_from_db()
    assert alert.acknowledged_at is None and not Evaluation.objects.exists()


def test_nothing_private_leaks_to_an_outsider_and_published_ones_are_not_a_portfolio(
    cast, client_for
):
    client = client_for(cast["outsider"])
    ctx = context(client)
    assert codes(ctx) == []
    assert sum(row["count"] for row in ctx["levels"]) == 0
    assert ctx["provinces"] == [] and ctx["sectors"] == [] and ctx["open_alerts"] == 0
    rows = list(csv.reader(io.StringIO(client.get(EXPORT).content.decode())))
    assert len(rows) == 1  # the header only
    assert client_for().get(PORTFOLIO).status_code == 302  # log in first


def test_a_platform_admin_sees_every_partnership(cast, client_for):
    assert set(codes(context(client_for(cast["admin"])))) == {
        "MERAH",
        "KUNING",
        "LINGKUP",
        "SELESAI",
        "UMUM",
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?province=53", ["MERAH"]),
        ("?sdg=8", ["KUNING"]),
        ("?sector=donor", ["KUNING"]),
        ("?sector=private", ["MERAH"]),
        ("?phase=1", ["LINGKUP"]),
        ("?level=red", ["MERAH"]),
        ("?level=amber", ["KUNING"]),
        ("?level=unknown", ["LINGKUP"]),
        ("?level=closed", ["SELESAI"]),
        ("?level=green", []),
        ("?province=53&level=amber", []),
        ("?phase=99&province=zz", ["MERAH", "KUNING", "LINGKUP", "SELESAI"]),  # bad values: ignored
    ],
)
def test_filters(cast, client_for, query, expected):
    ctx = context(client_for(cast["coordinator"]), query)
    assert codes(ctx) == expected
    assert sum(row["count"] for row in ctx["levels"]) == len(expected)


def test_the_csv_export_has_the_filtered_list_ranked(cast, client_for):
    client = english(client_for(cast["coordinator"]))
    response = client.get(EXPORT + "?phase=5")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == ["Code", "Partnership", "Phase", "Status", "Warning"]
    assert [row[0] for row in rows[1:]] == ["MERAH", "KUNING"]
    merah = rows[1]
    assert merah[4] == "Red" and merah[5] == "1"
    assert "No governance meeting for 200 days" in merah[7]
    assert merah[8] != "" and merah[9] == "2"


def test_a_title_that_looks_like_a_formula_is_made_harmless(cast, client_for):
    Partnership.objects.filter(code="KUNING").update(title='=HYPERLINK("x")')
    body = client_for(cast["coordinator"]).get(EXPORT).content.decode()
    assert "'=HYPERLINK" in body


def _get(client, path):
    assert client.get(path).status_code == 200


def test_the_query_count_does_not_grow_with_the_partnerships(cast, client_for, settings):
    settings.SIMITRA_PAGE_SECONDS = 0  # the page built each time, not served as kept
    client = client_for(cast["coordinator"])
    small = (count_queries(_get, client, PORTFOLIO), count_queries(_get, client, EXPORT))
    more = [
        busy_partnership(
            cast["coordinator"], region=Region.objects.get(code="73.71"), phase=Phase.REVIEWING
        )
        for _ in range(4)
    ]
    recompute_warnings(Partnership.objects.filter(pk__in=[p.pk for p in more]))
    assert len(context(client)["partnerships"]) == 8
    large = (count_queries(_get, client, PORTFOLIO), count_queries(_get, client, EXPORT))
    assert large == small


def test_it_is_in_the_navigation(cast, client_for):
    body = client_for(cast["observer"]).get(reverse("home")).content.decode()
    assert f'href="{PORTFOLIO}"' in body and f'href="{reverse("early_warning:alerts")}"' in body


def test_the_page_renders_in_both_languages(cast, client_for):
    client = client_for(cast["coordinator"])
    indonesian = client.get(PORTFOLIO).content.decode()
    english_body = english(client).get(PORTFOLIO).content.decode()
    assert "Ranked by warning" in english_body
    assert "Ranked by warning" not in indonesian

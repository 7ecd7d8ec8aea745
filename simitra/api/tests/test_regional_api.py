"""The regional plan's endpoints: plans and programmes, alignments (coordinators write; a
partner 403, an outsider 404) and the region view's figures, with the page's access."""

import pytest

from simitra.partnerships.models import Phase
from simitra.partnerships.testing import build_world, make_user
from simitra.reference.models import Region
from simitra.regional.models import Alignment, PlanItem
from simitra.regional.tests.helpers import make_plan
from simitra.regional.tests.test_region import region  # noqa: F401  (the hand-built region)

from .conftest import assert_error

pytestmark = pytest.mark.django_db


def test_plans_and_items_are_listed_to_the_regions_planners_only(region, api_for):  # noqa: F811
    plan = region["plan"]
    mine = api_for(region["tts_observer"]).get("/api/v1/regional-plans/").json()
    assert [p["id"] for p in mine["results"]] == [plan.pk]
    items = api_for(region["tts_observer"]).get(f"/api/v1/regional-plan-items/?plan={plan.pk}")
    codes = [i["code"] for i in items.json()["results"]]
    assert "1.02.02.2.02.0004" in codes
    outsider = api_for(make_user("luar"))
    assert outsider.get("/api/v1/regional-plans/").json()["results"] == []
    assert outsider.get("/api/v1/regional-plan-items/").json()["results"] == []
    assert_error(outsider.get(f"/api/v1/regional-plans/{plan.pk}/figures/"), 404)
    assert_error(outsider.get(f"/api/v1/regional-plans/{plan.pk}/regencies/"), 404)


def test_the_figures_hold_only_what_the_observer_may_read(region, api_for):  # noqa: F811
    url = f"/api/v1/regional-plans/{region['plan'].pk}/figures/"
    body = api_for(region["tts_observer"]).get(url).json()
    assert body["priorities"][0]["partnerships"] == ["TTS-A", "TTS-B", "TTS-C"]
    assert body["gaps"] == ["2.17.07"]
    assert body["overlaps"] == [
        {
            "item": "1.02.02.2.02.0004",
            "district": "53.02.01",
            "year": 2026,
            "total": "160.00",
            "partnerships": [
                {"partnership": "TTS-A", "amount": "100.00"},
                {"partnership": "TTS-B", "amount": "60.00"},
            ],
        }
    ]
    other = api_for(region["kupang_observer"]).get(url).json()
    assert other["priorities"][0]["partnerships"] == ["KPG-A"]
    assert "TTS" not in str(other)
    regencies = api_for(region["kupang_observer"]).get(
        f"/api/v1/regional-plans/{region['plan'].pk}/regencies/"
    )
    assert list(regencies.json()) == ["53.01"]
    filtered = api_for(region["tts_observer"]).get(url + "?year=2027").json()
    assert filtered["priorities"][1]["partnerships"] == ["TTS-B"]
    assert_error(api_for(region["tts_observer"]).get(url + "?year=1999"), 400)


@pytest.fixture
def world():
    world = build_world(phase=Phase.BUILDING)
    world.partnership.regions.add(Region.objects.get(code="53.02"))
    world.plan = make_plan("53.02")
    world.item = PlanItem.objects.get(plan=world.plan, code="1.02.02.2.02.0004")
    return world


def _body(world, **changes):
    body = {
        "partnership": world.partnership.code,
        "item": world.item.pk,
        "district": "53.02.01",
        "year": 2026,
        "amount": "5000000.00",
    }
    body.update(changes)
    return body


def test_the_coordinator_aligns_through_the_api(world, api_for):
    response = api_for(world.coordinator).post(
        "/api/v1/plan-alignments/", _body(world), format="json"
    )
    assert response.status_code == 201, response.content
    alignment = Alignment.objects.get()
    assert alignment.district_id == "53.02.01" and alignment.created_by == world.coordinator
    listed = api_for(world.partner_user).get("/api/v1/plan-alignments/").json()["results"]
    assert [a["id"] for a in listed] == [alignment.pk]


def test_it_refuses_a_year_outside_the_plan_with_the_forms_message(world, api_for):
    response = api_for(world.coordinator).post(
        "/api/v1/plan-alignments/",
        _body(world, year=2031),
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    body = assert_error(response, 400)
    assert body["fields"]["year"] == ["The year is not in the plan's period."]
    assert not Alignment.objects.exists()


def test_a_partner_gets_403_and_an_outsider_404(world, api_for):
    assert_error(
        api_for(world.partner_user).post("/api/v1/plan-alignments/", _body(world), format="json"),
        403,
    )
    outsider = api_for(world.outsider)
    response = outsider.post("/api/v1/plan-alignments/", _body(world), format="json")
    assert response.status_code == 400  # the partnership's code is unknown to them
    alignment = Alignment.objects.create(partnership=world.partnership, item=world.item)
    assert_error(outsider.get(f"/api/v1/plan-alignments/{alignment.pk}/"), 404)
    assert_error(
        api_for(world.partner_user).patch(
            f"/api/v1/plan-alignments/{alignment.pk}/", {"year": 2027}, format="json"
        ),
        403,
    )
    assert outsider.get("/api/v1/plan-alignments/").json()["results"] == []
    assert Alignment.objects.count() == 1

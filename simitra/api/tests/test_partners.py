import pytest

from simitra.partnerships.models import Partner
from simitra.partnerships.testing import make_organisation

from .conftest import assert_error

pytestmark = pytest.mark.django_db


def test_the_coordinator_adds_a_partner(world, api_for):
    newcomer = make_organisation("Yayasan Baru")
    response = api_for(world.coordinator).post(
        "/api/v1/partners/",
        {
            "partnership": world.partnership.code,
            "organisation": newcomer.slug,
            "iati_role": 4,
            "status": "invited",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    partner = Partner.objects.get(organisation=newcomer)
    assert partner.partnership == world.partnership
    assert partner.iati_role == 4 and partner.status == "invited"
    assert partner.relationship == "undetermined"  # the model's default
    assert response.json()["organisation_name"] == "Yayasan Baru"


def test_an_organisation_joins_a_partnership_once(world, api_for):
    client = api_for(world.coordinator)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = client.post(
        "/api/v1/partners/",
        {"partnership": world.partnership.code, "organisation": world.org_a.slug},
        format="json",
    )
    fields = assert_error(response, 400)["fields"]
    assert fields["organisation"] == ["This organisation is already in the partnership."]


def test_the_coordinator_changes_a_partner_but_not_its_organisation(world, api_for):
    response = api_for(world.coordinator).put(
        f"/api/v1/partners/{world.partner_b.pk}/",
        {
            "organisation": world.outside_org.slug,
            "status": "withdrawn",
            "relationship": "transactional",
            "iati_role": 2,
            "joined_on": "2025-01-01",
            "left_on": "2025-06-30",
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    world.partner_b.refresh_from_db()
    assert world.partner_b.organisation == world.org_b
    assert world.partner_b.status == "withdrawn" and world.partner_b.iati_role == 2


def test_dates_must_be_in_order(world, api_for):
    client = api_for(world.coordinator)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = client.patch(
        f"/api/v1/partners/{world.partner_b.pk}/",
        {"joined_on": "2025-06-01", "left_on": "2025-01-01"},
        format="json",
    )
    assert assert_error(response, 400)["fields"]["left_on"] == [
        "The leaving date cannot be before the joining date."
    ]


def test_the_partner_list_filters_by_partnership_and_status(world, api_for):
    client = api_for(world.coordinator)
    body = client.get(
        "/api/v1/partners/", {"partnership": world.partnership.code, "status": "confirmed"}
    ).json()
    assert body["count"] == 3
    assert {p["organisation"] for p in body["results"]} == {
        world.broker.slug,
        world.org_a.slug,
        world.org_b.slug,
    }

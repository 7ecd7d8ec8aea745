import pytest

from simitra.accounts.models import Membership
from simitra.organisations.models import Organisation
from simitra.partnerships.testing import make_organisation

from .conftest import assert_error

pytestmark = pytest.mark.django_db


def test_registering_an_organisation_makes_you_its_admin(world, api_for):
    response = api_for(world.outsider).post(
        "/api/v1/organisations/",
        {
            "name": "Koperasi Tani Makmur",
            "acronym": "KTM",
            "sector": "community",
            "regions": ["53.02"],
            "sdg_goals": [2, 8],
            "capabilities": ["pertanian", "simpan pinjam"],
            "website": "ktm.example.id",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["slug"] == "ktm"
    assert body["effective_iati_type"] == "90"
    assert body["website"] == "https://ktm.example.id"  # the page's form adds the scheme
    assert sorted(body["capabilities"]) == ["pertanian", "simpan pinjam"]
    organisation = Organisation.objects.get(slug="ktm")
    assert Membership.objects.get(organisation=organisation).user == world.outsider
    assert sorted(organisation.sdg_goals.values_list("number", flat=True)) == [2, 8]


def test_it_refuses_an_unknown_iati_type_and_a_taken_identifier(world, api_for):
    make_organisation("Donor", iati_identifier="XM-DAC-1")
    client = api_for(world.outsider)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = client.post(
        "/api/v1/organisations/",
        {"name": "X", "sector": "ngo", "iati_type": "99", "iati_identifier": "XM-DAC-1"},
        format="json",
    )
    fields = assert_error(response, 400)["fields"]
    assert fields["iati_type"] == ["Unknown IATI organisation type: 99."]
    assert fields["iati_identifier"] == ["Another organisation already uses this IATI identifier."]
    assert not Organisation.objects.filter(name="X").exists()


def test_it_filters_by_sector_and_region(world, api_for):
    world.org_b.regions.set(["53.02"])
    client = api_for(world.outsider)
    body = client.get("/api/v1/organisations/", {"sector": "government"}).json()
    assert [o["slug"] for o in body["results"]] == [world.org_b.slug]
    assert client.get("/api/v1/organisations/", {"region": "53"}).json()["count"] == 1

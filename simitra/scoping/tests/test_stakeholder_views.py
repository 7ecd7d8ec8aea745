import pytest
from django.urls import reverse

from simitra.scoping.models import Stakeholder

from .helpers import in_english

pytestmark = pytest.mark.django_db


def url(world, name="scoping:stakeholders", *args):
    return reverse(name, args=[world.partnership.code, *args])


def test_the_grid_places_each_stakeholder_by_interest_and_influence(world, client_for):
    in_english(world.partner_user)
    Stakeholder.objects.create(
        partnership=world.partnership,
        group_name="DPRD Kabupaten",
        interest=2,
        influence=5,
        approach="Paparan tahunan",
    )
    Stakeholder.objects.create(
        partnership=world.partnership,
        organisation=world.org_a,
        interest=5,
        influence=4,
        approach="Rapat bulanan",
    )
    body = client_for(world.partner_user).get(url(world)).content.decode()
    rows = body.split('class="grid-row"')[1:6]  # influence 5 (top) to 1
    top_cells = rows[0].split('class="grid-cell')[1:]
    assert 'title="DPRD Kabupaten"' in top_cells[1]  # interest 2
    assert "q-keep_satisfied" in top_cells[1]
    second_cells = rows[1].split('class="grid-cell')[1:]
    assert 'grid-point is-partner" title="PT Mitra Usaha"' in second_cells[4]
    assert "Manage closely" in body and "Keep satisfied" in body
    assert "Rapat bulanan" in body


def test_a_stakeholder_is_an_organisation_or_a_group_not_both(world, client_for):
    in_english(world.coordinator)
    client = client_for(world.coordinator)
    base = {"interest": 3, "influence": 3, "approach": "Diskusi"}
    response = client.post(url(world, "scoping:stakeholder_add"), base)
    assert "Choose an organisation or name a group." in response.content.decode()
    response = client.post(
        url(world, "scoping:stakeholder_add"),
        {**base, "organisation": world.org_b.slug, "group_name": "Nelayan"},
    )
    assert "not both" in response.content.decode()
    response = client.post(
        url(world, "scoping:stakeholder_add"), {**base, "group_name": "Nelayan", "interest": 7}
    )
    assert response.status_code == 200
    assert not Stakeholder.objects.exists()
    response = client.post(
        url(world, "scoping:stakeholder_add"), {**base, "group_name": "Nelayan Teluk"}
    )
    assert response.status_code == 302
    assert Stakeholder.objects.get().name == "Nelayan Teluk"


def test_access_to_the_stakeholder_map(world, client_for):
    stakeholder = Stakeholder.objects.create(
        partnership=world.partnership, group_name="Warga", interest=1, influence=1, approach="Info"
    )
    assert client_for(world.outsider).get(url(world)).status_code == 404
    assert client_for(world.observer).get(url(world)).status_code == 200
    assert (
        client_for(world.partner_user)
        .post(url(world, "scoping:stakeholder_delete", stakeholder.pk))
        .status_code
        == 403
    )
    assert (
        client_for(world.coordinator)
        .post(url(world, "scoping:stakeholder_delete", stakeholder.pk))
        .status_code
        == 302
    )
    assert not Stakeholder.objects.exists()


def test_an_empty_map_says_what_comes_here(world, client_for):
    in_english(world.coordinator)
    assert (
        "No stakeholders mapped yet."
        in client_for(world.coordinator).get(url(world)).content.decode()
    )

"""List pages and the partnership page run the same number of queries at two data sizes."""

import pytest
from django.urls import reverse

from simitra.lib.testing import count_queries
from simitra.organisations.models import Sector
from simitra.partnerships.testing import make_organisation, make_partner, make_partnership
from simitra.reference.models import Region, SdgGoal, SdgTarget

pytestmark = pytest.mark.django_db


def _add_partnerships(world, n):
    regions = list(Region.objects.filter(code__startswith="53.0")[:3])
    targets = list(SdgTarget.objects.all()[:2])
    for _ in range(n):
        partnership = make_partnership(coordinators=[world.coordinator])
        partnership.regions.set(regions)
        partnership.sdg_targets.set(targets)
        make_partner(partnership, make_organisation(sector=Sector.PRIVATE))
        make_partner(partnership, world.org_a)


def _add_organisations(n):
    goals = list(SdgGoal.objects.all()[:3])
    for _ in range(n):
        organisation = make_organisation()
        organisation.sdg_goals.set(goals)


def _get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200


def test_the_partnership_list_does_not_grow_with_rows(world, client_for):
    client = client_for(world.coordinator)
    url = reverse("partnerships:list")
    _add_partnerships(world, 2)
    small = count_queries(_get, client, url)
    _add_partnerships(world, 15)
    assert count_queries(_get, client, url) == small


def test_home_does_not_grow_with_rows(world, client_for):
    client = client_for(world.coordinator)
    _add_partnerships(world, 2)
    small = count_queries(_get, client, reverse("home"))
    _add_partnerships(world, 10)
    assert count_queries(_get, client, reverse("home")) == small


def test_the_organisation_list_does_not_grow_with_rows(world, client_for):
    client = client_for(world.coordinator)
    url = reverse("organisations:list")
    _add_organisations(2)
    small = count_queries(_get, client, url)
    _add_organisations(20)
    assert count_queries(_get, client, url) == small
    assert count_queries(_get, client, url, sector="ngo", q="Organisasi") == count_queries(
        _get, client, url, sector="ngo", q="Organisasi"
    )


def test_the_partnership_page_does_not_grow_with_partners(world, client_for):
    client = client_for(world.coordinator)
    url = reverse("partnerships:detail", args=[world.partnership.code])
    small = count_queries(_get, client, url)
    for _ in range(12):
        make_partner(world.partnership, make_organisation(sector=Sector.DONOR))
    world.partnership.regions.set(Region.objects.filter(code__startswith="53.02.")[:8])
    assert count_queries(_get, client, url) == small

"""List endpoints run the same number of queries whatever the number of rows."""

import pytest

from simitra.lib.testing import count_queries
from simitra.organisations.models import Sector
from simitra.partnerships.testing import make_organisation, make_partner, make_partnership
from simitra.reference.models import Region, SdgGoal, SdgTarget

pytestmark = pytest.mark.django_db


def _add(world, n):
    regions = list(Region.objects.filter(code__startswith="53.0")[:3])
    targets = list(SdgTarget.objects.all()[:2])
    goals = list(SdgGoal.objects.all()[:2])
    for _ in range(n):
        partnership = make_partnership(coordinators=[world.coordinator])
        partnership.regions.set(regions)
        partnership.sdg_targets.set(targets)
        organisation = make_organisation(sector=Sector.PRIVATE)
        organisation.regions.set(regions)
        organisation.sdg_goals.set(goals)
        make_partner(partnership, organisation)
        make_partner(partnership, world.org_a)


def _get(client, url):
    response = client.get(url, {"page_size": 200})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url", ["/api/v1/organisations/", "/api/v1/partnerships/", "/api/v1/partners/"]
)
@pytest.mark.parametrize("who", ["coordinator", "observer", "outsider"])
def test_lists_do_not_grow_with_rows(world, api_for, url, who):
    client = api_for(getattr(world, who))
    _add(world, 2)
    small = count_queries(_get, client, url)
    _add(world, 12)
    assert count_queries(_get, client, url) == small


CYCLE_URLS = [
    "/api/v1/contributions/",
    "/api/v1/deliveries/",
    "/api/v1/activities/",
    "/api/v1/agreements/",
    "/api/v1/agreement-parties/",
    "/api/v1/results/",
    "/api/v1/indicators/",
    "/api/v1/indicator-periods/",
    "/api/v1/indicator-values/",
    "/api/v1/risks/",
    "/api/v1/lessons/",
    "/api/v1/needs/",
    "/api/v1/candidates/",
    "/api/v1/candidate-assessments/",
    "/api/v1/health-rounds/",
    "/api/v1/practices/",
]


def _add_cycle(world, n):
    from types import SimpleNamespace

    from simitra.partnerships.models import ObserverGrant

    from .cycle import add_cycle_records

    for _ in range(n):
        partnership = make_partnership(coordinators=[world.coordinator])
        ObserverGrant.objects.create(user=world.observer, partnership=partnership)
        make_partner(partnership, make_organisation())
        fake = SimpleNamespace(
            partnership=partnership,
            coordinator=world.coordinator,
            partner_a=make_partner(partnership, world.org_a),
            partner_b=make_partner(partnership, world.org_b),
        )
        add_cycle_records(fake)


@pytest.mark.parametrize("url", CYCLE_URLS)
@pytest.mark.parametrize("who", ["coordinator", "observer", "partner_user"])
def test_cycle_lists_do_not_grow_with_rows(world, api_for, url, who, settings, tmp_path):
    settings.SIMITRA_PRIVATE_ROOT = tmp_path
    client = api_for(getattr(world, who))
    _add_cycle(world, 1)
    small = count_queries(_get, client, url)
    _add_cycle(world, 4)
    assert client.get(url, {"page_size": 200}).json()["count"] > 1
    assert count_queries(_get, client, url) == small


@pytest.mark.parametrize("url", ["/api/v1/health-responses/"])
def test_own_answers_list_does_not_grow_with_rows(world, api_for, url, settings, tmp_path):
    """Only the representative's own organisation's answers are listed (see test_reviews_api)."""
    settings.SIMITRA_PRIVATE_ROOT = tmp_path
    client = api_for(world.partner_user)
    _add_cycle(world, 1)
    small = count_queries(_get, client, url)
    _add_cycle(world, 4)
    assert client.get(url, {"page_size": 200}).json()["count"] == 5
    assert count_queries(_get, client, url) == small

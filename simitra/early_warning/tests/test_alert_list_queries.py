"""The alert list asks `early_warning.acknowledge_alert` of every row; the roles are read once
for the page, so its query count does not grow with the number of partnerships."""

import pytest
from django.urls import reverse

from simitra.lib.testing import count_queries
from simitra.partnerships.models import ObserverGrant
from simitra.partnerships.testing import make_partner, make_partnership, make_user

from .warning_data import make_alert

pytestmark = pytest.mark.django_db


def _add(world, n):
    for i in range(n):
        # Alternately coordinated by the coordinator and only read by them (a partner).
        partnership = make_partnership(coordinators=[world.coordinator] if i % 2 else [])
        make_partner(partnership, world.broker)
        make_alert(partnership)


def _alerts(client):
    response = client.get(reverse("early_warning:alerts"), {"state": "all"})
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("who", ["coordinator", "portfolio_observer", "admin"])
def test_the_alert_list_does_not_grow_with_partnerships(world, client_for, who):
    user = world.coordinator if who == "coordinator" else world.admin
    if who == "portfolio_observer":
        user = make_user("portfolio")
        ObserverGrant.objects.create(user=user)
    client = client_for(user)
    _add(world, 2)
    small = count_queries(_alerts, client)
    _add(world, 8)
    assert count_queries(_alerts, client) == small


def test_only_the_coordinated_alerts_can_be_acknowledged(world, client_for):
    _add(world, 2)
    body = _alerts(client_for(world.coordinator)).content.decode()
    assert body.count('name="return_to"') == 1  # one acknowledge form: the coordinated one

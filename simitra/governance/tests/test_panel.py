import pytest
from django.urls import reverse

from simitra.partnerships.models import Phase

pytestmark = pytest.mark.django_db


def test_the_managing_tab_shows_the_governance_panel(world, client_for):
    world.partnership.phase = Phase.MANAGING
    world.partnership.save()
    response = client_for(world.partner_user).get(world.partnership.get_absolute_url(), {"tab": 5})
    body = response.content.decode()
    assert "Tata kelola dan rapat" in body  # Indonesian by default
    assert reverse("governance:panel", args=[world.partnership.code]) in body

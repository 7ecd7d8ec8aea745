"""Adding periods on the indicator's page: refusals show on the form and add nothing."""

import pytest
from django.urls import reverse

from simitra.results.models import Period
from simitra.results.testing import make_indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(world):
    return make_indicator(world.partnership, world.partner_a)


def _add(client, world, indicator, **data):
    return client.post(
        reverse("results:periods", args=[world.partnership.code, indicator.pk]),
        {"add": "1", **data},
    )


def test_periods_past_the_last_recordable_date_are_refused_not_a_server_error(
    world, indicator, client_for
):
    before = Period.objects.count()
    response = _add(
        client_for(world.coordinator), world, indicator, first_start="9998-06-01", count="60"
    )
    assert response.status_code == 200
    # The coordinator reads Indonesian (the user's language).
    assert "akan berakhir setelah tanggal terakhir yang dapat dicatat" in response.content.decode()
    assert 'value="9998-06-01"' in response.content.decode()  # what was typed is kept
    assert Period.objects.count() == before


def test_periods_are_added_from_the_first_start(world, indicator, client_for):
    Period.objects.filter(indicator=indicator).delete()
    response = _add(
        client_for(world.coordinator), world, indicator, first_start="2026-01-01", count="4"
    )
    assert response.status_code == 302
    starts = [str(p.start) for p in indicator.periods.order_by("start")]
    assert len(starts) == 4 and starts[0] == "2026-01-01"


def test_a_partner_representative_may_not_add_periods(world, indicator, client_for):
    before = Period.objects.count()
    response = _add(
        client_for(world.partner_user), world, indicator, first_start="2026-01-01", count="4"
    )
    assert response.status_code == 403
    assert Period.objects.count() == before

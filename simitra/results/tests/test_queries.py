"""The indicator list and page run the same number of queries at two sizes."""

import pytest
from django.urls import reverse

from simitra.lib.testing import count_queries
from simitra.results.testing import make_indicator, make_value

pytestmark = pytest.mark.django_db


def get(client, url):
    assert client.get(url).status_code == 200


def add_indicators(world, n):
    for _ in range(n):
        indicator = make_indicator(world.partnership, world.partner_a, periods=4)
        for period in indicator.periods.all()[:2]:
            make_value(period, status="approved")


@pytest.mark.parametrize("htmx", [False, True])
def test_the_indicator_list_does_not_grow_with_rows(world, client_for, htmx):
    client = client_for(world.partner_user)
    url = reverse("results:page", args=[world.partnership.code])
    if htmx:
        client.defaults["HTTP_HX_REQUEST"] = "true"
    add_indicators(world, 2)
    small = count_queries(get, client, url)
    add_indicators(world, 12)
    assert count_queries(get, client, url) == small


def test_the_indicator_page_does_not_grow_with_periods(world, client_for):
    client = client_for(world.coordinator)
    small_indicator = make_indicator(world.partnership, world.partner_a, periods=2)
    big_indicator = make_indicator(world.partnership, world.partner_a, periods=12)
    for period in big_indicator.periods.all():
        make_value(period, status="approved")
    for period in small_indicator.periods.all():
        make_value(period, status="approved")
    small = count_queries(
        get, client, reverse("results:indicator", args=[world.partnership.code, small_indicator.pk])
    )
    big = count_queries(
        get, client, reverse("results:indicator", args=[world.partnership.code, big_indicator.pk])
    )
    assert small == big

"""No value for a period that has not begun (issue 18, item 6): the page and the API refuse it
with the period's first day (the API validates through the same form); a period that
has begun takes one."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from simitra.results.forms import ValueForm
from simitra.results.models import IndicatorValue, Period
from simitra.results.testing import make_indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def periods(world):
    indicator = make_indicator(world.partnership, world.partner_a, periods=1)
    today = timezone.localdate()
    started = indicator.periods.get()
    started.start, started.end = today, today + dt.timedelta(days=90)
    started.save()
    ahead = Period.objects.create(
        indicator=indicator,
        start=today + dt.timedelta(days=91),
        end=today + dt.timedelta(days=180),
        target=Decimal(20),
    )
    return indicator, started, ahead


def test_a_value_for_a_period_not_begun_is_refused(world, periods, client_for):
    indicator, started, ahead = periods
    client = client_for(world.partner_user)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    target = reverse("results:value_add", args=[world.partnership.code, indicator.pk])
    response = client.post(target, {"period": ahead.pk, "value": "7"})
    assert response.status_code == 200
    day = ahead.start
    assert f"This period starts on {day.day} {day:%b %Y}" in response.content.decode()
    assert not IndicatorValue.objects.exists()
    response = client.post(target, {"period": started.pk, "value": "7"})
    assert response.status_code == 302
    assert IndicatorValue.objects.get().period == started


def test_the_period_choices_read_in_the_language(world, periods):
    from django.utils import translation

    indicator, started, _ahead = periods
    with translation.override("id"):
        html = str(ValueForm(indicator=indicator)["period"])
    months = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
    assert f"{started.start.day} {months[started.start.month - 1]} {started.start.year}" in html

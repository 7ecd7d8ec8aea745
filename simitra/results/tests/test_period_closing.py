"""Closing a reporting period (issue 14): the coordinator closes a period once its values are
reviewed; a closed period then takes no new value and none of its values is changed or
submitted until it is reopened — on the page, in the services and through the API."""

import pytest
from django.urls import reverse

from simitra.results import services
from simitra.results.models import IndicatorValue
from simitra.results.testing import make_indicator, make_value

pytestmark = pytest.mark.django_db

CLOSED = "Periode ini sudah ditutup: nilainya tidak dapat lagi dimasukkan atau diubah."


@pytest.fixture
def indicator(world):
    return make_indicator(world.partnership, world.partner_a)


@pytest.fixture
def period(indicator):
    return indicator.periods.order_by("start").first()


def close(client, world, period):
    return client.post(reverse("results:period_close", args=[world.partnership.code, period.pk]))


def test_the_coordinator_closes_and_reopens_a_period(world, client_for, indicator, period):
    make_value(period, "7", status=IndicatorValue.Status.APPROVED)
    client = client_for(world.coordinator)
    page = reverse("results:indicator", args=[world.partnership.code, indicator.pk])
    assert close(client, world, period).url == page
    period.refresh_from_db()
    assert period.is_closed and period.closed_by == world.coordinator
    html = client.get(page).content.decode()
    assert "Ditutup" in html and "Buka kembali" in html
    # The other period stays open and can still be closed, with a confirmation first.
    assert html.count('data-confirm="Tutup periode ini?') == 1
    reopen = reverse("results:period_reopen", args=[world.partnership.code, period.pk])
    assert client.post(reopen).status_code == 302
    period.refresh_from_db()
    assert not period.is_closed and period.closed_by is None


def test_closing_is_refused_while_a_value_waits_for_review_and_when_closed(
    world, client_for, period
):
    value = make_value(period, "7", status=IndicatorValue.Status.SUBMITTED)
    client = client_for(world.coordinator)
    response = close(client, world, period)
    assert response.status_code == 409
    assert "menunggu ditinjau" in response.content.decode()
    period.refresh_from_db()
    assert not period.is_closed
    services.approve_value(value=value, reviewed_by=world.coordinator)
    assert close(client, world, period).status_code == 302
    again = close(client, world, period)
    assert again.status_code == 409 and "sudah ditutup" in again.content.decode()


@pytest.mark.parametrize(
    ("who", "status"), [("partner_user", 403), ("observer", 403), ("outsider", 404)]
)
def test_only_the_coordinator_closes_a_period(world, client_for, period, who, status):
    client = client_for(getattr(world, who))
    assert close(client, world, period).status_code == status
    reopen = reverse("results:period_reopen", args=[world.partnership.code, period.pk])
    assert client.post(reopen).status_code == status
    period.refresh_from_db()
    assert not period.is_closed


def test_a_closed_period_takes_no_value_and_keeps_its_values(world, client_for, indicator, period):
    draft = make_value(period, "3")
    services.close_period(period=period, closed_by=world.coordinator)
    client = client_for(world.partner_user)
    add = reverse("results:value_add", args=[world.partnership.code, indicator.pk])
    response = client.post(add, {"period": period.pk, "value": "9"})
    assert response.status_code == 200 and CLOSED in response.content.decode()
    assert "9" in response.content.decode()  # what the user typed is kept
    # Its draft is neither edited nor submitted; the page offers neither.
    edit = reverse("results:value_edit", args=[world.partnership.code, draft.pk])
    assert client.post(edit, {"period": period.pk, "value": "4"}).status_code == 302
    submit = reverse("results:value_submit", args=[world.partnership.code, draft.pk])
    response = client.post(submit)
    assert response.status_code == 409 and CLOSED in response.content.decode()
    draft.refresh_from_db()
    assert draft.value == 3 and draft.status == IndicatorValue.Status.DRAFT
    assert IndicatorValue.objects.count() == 1
    html = client.get(reverse("results:indicator", args=[world.partnership.code, indicator.pk]))
    assert submit not in html.content.decode() and edit not in html.content.decode()


def test_the_services_refuse_a_closed_period_even_past_the_form(world, indicator, period):
    other = indicator.periods.order_by("start").last()
    moving = make_value(other, "2")
    services.close_period(period=period, closed_by=world.coordinator)
    with pytest.raises(services.FlowError, match="sudah ditutup"):
        services.save_value(
            value=IndicatorValue(period=period, value=5), indicator=indicator, entered_by=None
        )
    # A value of an open period is not moved into a closed one ...
    moving.period = period
    with pytest.raises(services.FlowError, match="sudah ditutup"):
        services.save_value(value=moving, indicator=indicator, entered_by=None)
    # ... nor out of one.
    services.reopen_period(period=period)
    kept = make_value(period, "4")
    services.close_period(period=period, closed_by=world.coordinator)
    kept.period = other
    with pytest.raises(services.FlowError, match="sudah ditutup"):
        services.save_value(value=kept, indicator=indicator, entered_by=None)
    assert IndicatorValue.objects.filter(period=period).get().value == 4

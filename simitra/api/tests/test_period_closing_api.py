"""Closing a reporting period through the API: the coordinator closes and reopens it; a value
for a closed period is refused with the form's message (see results' test_period_closing)."""

import pytest

from simitra.results import services
from simitra.results.models import IndicatorValue, Period
from simitra.results.testing import make_indicator

from .conftest import assert_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(world):
    return make_indicator(world.partnership, world.partner_a).periods.order_by("start").first()


class TestApi:
    PERIODS = "/api/v1/indicator-periods/"

    def test_the_coordinator_closes_and_reopens_through_the_api(self, world, api_for, period):
        client = api_for(world.coordinator)
        response = client.post(f"{self.PERIODS}{period.pk}/close/")
        assert response.status_code == 200, response.content
        assert response.json()["closed_at"]
        assert_error(client.post(f"{self.PERIODS}{period.pk}/close/"), 409, "flow_refused")
        reopened = client.post(f"{self.PERIODS}{period.pk}/reopen/")
        assert reopened.status_code == 200 and reopened.json()["closed_at"] is None

    @pytest.mark.parametrize(("who", "status"), [("partner_user", 403), ("outsider", 404)])
    def test_others_are_refused(self, world, api_for, period, who, status):
        response = api_for(getattr(world, who)).post(f"{self.PERIODS}{period.pk}/close/")
        assert response.status_code == status
        assert not Period.objects.get(pk=period.pk).is_closed

    def test_a_value_for_a_closed_period_is_refused(self, world, api_for, period):
        services.close_period(period=period, closed_by=world.coordinator)
        client = api_for(world.partner_user)
        client.credentials(HTTP_ACCEPT_LANGUAGE="en")
        response = client.post(
            "/api/v1/indicator-values/",
            {"period": period.pk, "value": "5"},
            format="json",
        )
        body = assert_error(response, 400)
        assert body["fields"]["period"] == [
            "This period is closed: its values can no longer be entered or changed."
        ]
        assert not IndicatorValue.objects.exists()

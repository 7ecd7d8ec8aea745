"""Results and indicator periods with their targets: the coordinator keeps them through the
page's forms and services; a change restarts the partners' agreement on the indicator set."""

import datetime as dt

import pytest

from simitra.results import services
from simitra.results.models import FrameworkProposal, Indicator, Period, Result
from simitra.results.testing import make_indicator

from .conftest import assert_error
from .cycle import add_cycle_records

pytestmark = pytest.mark.django_db
RESULTS = "/api/v1/results/"
PERIODS = "/api/v1/indicator-periods/"


@pytest.fixture
def records(world):
    return add_cycle_records(world)


def _english(client):
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    return client


class TestResults:
    def test_the_coordinator_keeps_results_and_a_change_restarts_the_agreement(
        self, world, records, api_for
    ):
        proposal = services.propose_framework(
            partnership=world.partnership, proposed_by=world.coordinator
        )
        client = api_for(world.coordinator)
        response = client.post(
            RESULTS,
            {"partnership": world.partnership.code, "title": "Ibu hamil sehat", "order": 3},
            format="json",
        )
        assert response.status_code == 201, response.content
        assert response.json()["indicators"] == []
        result = Result.objects.get(pk=response.json()["id"])
        assert result.partnership == world.partnership and result.order == 3
        # A result without indicators is not part of the agreed set (as on the page) ...
        assert services.live_proposal(world.partnership) == proposal
        # ... renaming one that is, is.
        renamed = client.patch(
            f"{RESULTS}{records.result.pk}/", {"title": "Balita bergizi"}, format="json"
        )
        assert renamed.status_code == 200, renamed.content
        assert services.live_proposal(world.partnership) is None
        assert FrameworkProposal.objects.get(pk=proposal.pk).superseded_at is not None

    def test_a_result_lists_its_indicators(self, world, records, api_for):
        body = api_for(world.observer).get(f"{RESULTS}{records.result.pk}/").json()
        assert body["indicators"] == [records.indicator.pk]
        assert body["partnership"] == world.partnership.code

    def test_the_title_is_required_as_on_the_page(self, world, records, api_for):
        body = assert_error(
            api_for(world.coordinator).post(
                RESULTS, {"partnership": world.partnership.code, "title": ""}, format="json"
            ),
            400,
            "invalid",
        )
        assert "title" in body["fields"]
        assert Result.objects.count() == 2

    @pytest.mark.parametrize("who", ["partner_user", "observer"])
    def test_only_the_coordinator_adds_results(self, world, records, api_for, who):
        response = api_for(getattr(world, who)).post(
            RESULTS, {"partnership": world.partnership.code, "title": "x"}, format="json"
        )
        assert_error(response, 403, "permission_denied")
        assert Result.objects.count() == 2

    def test_an_outsider_cannot_add_to_a_hidden_partnership(self, world, records, api_for):
        response = api_for(world.outsider).post(
            RESULTS, {"partnership": world.partnership.code, "title": "x"}, format="json"
        )
        assert list(assert_error(response, 400)["fields"]) == ["partnership"]
        assert Result.objects.count() == 2


class TestPeriods:
    def add(self, client, indicator, first_start="2026-01-01", count=4):
        return client.post(
            PERIODS,
            {"indicator": indicator.pk, "first_start": first_start, "count": count},
            format="json",
        )

    def test_the_coordinator_adds_periods_of_the_indicators_frequency(
        self, world, records, api_for
    ):
        indicator = make_indicator(
            world.partnership, world.partner_a, periods=0, targets=[], frequency="yearly"
        )
        Period.objects.filter(indicator=indicator).delete()
        response = self.add(api_for(world.coordinator), indicator, count=3)
        assert response.status_code == 201, response.content
        assert response.json()["indicator"] == indicator.pk
        body = response.json()["periods"]
        assert [(p["start"], p["end"]) for p in body] == [
            ("2026-01-01", "2026-12-31"),
            ("2027-01-01", "2027-12-31"),
            ("2028-01-01", "2028-12-31"),
        ]
        assert all(p["indicator"] == indicator.pk and p["target"] is None for p in body)

    def test_overlapping_periods_are_refused_and_nothing_is_added(self, world, records, api_for):
        client = _english(api_for(world.coordinator))
        before = Period.objects.count()
        body = assert_error(
            self.add(client, records.indicator, first_start="2025-02-01"), 409, "flow_refused"
        )
        assert "overlaps an existing period" in body["detail"]
        assert Period.objects.count() == before

    @pytest.mark.parametrize(
        ("first_start", "count", "field"),
        [("2030-01-01", 0, "count"), ("2030-01-01", 61, "count"), ("9998-06-01", 12, "count")],
    )
    def test_the_pages_limits_hold(self, world, records, api_for, first_start, count, field):
        before = Period.objects.count()
        response = self.add(api_for(world.coordinator), records.indicator, first_start, count)
        assert field in assert_error(response, 400, "invalid")["fields"]
        assert Period.objects.count() == before

    @pytest.mark.parametrize("who", ["partner_user", "observer"])
    def test_only_the_coordinator_adds_periods(self, world, records, api_for, who):
        before = Period.objects.count()
        response = self.add(api_for(getattr(world, who)), records.indicator, "2030-01-01")
        assert_error(response, 403, "permission_denied")
        assert Period.objects.count() == before

    def test_an_outsider_cannot_name_a_hidden_indicator(self, world, records, api_for):
        before = Period.objects.count()
        response = self.add(api_for(world.outsider), records.indicator, "2030-01-01")
        assert list(assert_error(response, 400)["fields"]) == ["indicator"]
        assert Period.objects.count() == before


class TestTargets:
    def test_a_target_change_restarts_the_agreement(self, world, records, api_for):
        services.propose_framework(partnership=world.partnership, proposed_by=world.coordinator)
        response = api_for(world.coordinator).patch(
            f"{PERIODS}{records.period.pk}/", {"target": "12.50"}, format="json"
        )
        assert response.status_code == 200, response.content
        assert response.json()["target"] == "12.50"
        assert response.json()["start"] == str(records.period.start)  # dates stay
        assert services.live_proposal(world.partnership) is None

    def test_dates_do_not_change(self, world, records, api_for):
        response = api_for(world.coordinator).patch(
            f"{PERIODS}{records.period.pk}/", {"start": "2000-01-01"}, format="json"
        )
        assert response.status_code == 200
        records.period.refresh_from_db()
        assert records.period.start == dt.date(2025, 1, 1)

    def test_a_percentage_target_stays_within_100(self, world, records, api_for):
        indicator = make_indicator(
            world.partnership, world.partner_a, measure=Indicator.Measure.PERCENTAGE
        )
        period = indicator.periods.first()
        client = _english(api_for(world.coordinator))
        body = assert_error(
            client.patch(f"{PERIODS}{period.pk}/", {"target": "150"}, format="json"), 400
        )
        assert body["fields"]["target"] == ["Ensure this value is less than or equal to 100."]
        period.refresh_from_db()
        assert period.target == 10

    def test_a_qualitative_indicator_takes_words_a_numeric_one_numbers(
        self, world, records, api_for
    ):
        indicator = make_indicator(
            world.partnership, world.partner_a, measure=Indicator.Measure.QUALITATIVE
        )
        period = indicator.periods.first()
        client = _english(api_for(world.coordinator))
        body = assert_error(
            client.patch(f"{PERIODS}{period.pk}/", {"target": "5"}, format="json"), 400
        )
        assert body["fields"]["target"] == [
            "This indicator is qualitative: give its target in words."
        ]
        ok = client.patch(f"{PERIODS}{period.pk}/", {"target_text": "Perdes terbit"}, format="json")
        assert ok.status_code == 200 and ok.json()["target_text"] == "Perdes terbit"
        body = assert_error(
            client.patch(
                f"{PERIODS}{records.period.pk}/", {"target_text": "banyak"}, format="json"
            ),
            400,
        )
        assert body["fields"]["target_text"] == [
            "This indicator is measured in numbers: give a number."
        ]
        records.period.refresh_from_db()
        assert records.period.target_text == ""

    @pytest.mark.parametrize("who", ["partner_user", "observer"])
    def test_only_the_coordinator_sets_targets(self, world, records, api_for, who):
        response = api_for(getattr(world, who)).patch(
            f"{PERIODS}{records.period.pk}/", {"target": "99"}, format="json"
        )
        assert_error(response, 403)
        records.period.refresh_from_db()
        assert records.period.target == 10

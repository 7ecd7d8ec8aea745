"""The cycle's rules through the API: the same services refuse the same way as the pages."""

import datetime as dt
from decimal import Decimal

import pytest

from simitra.agreements import services as agreement_services
from simitra.agreements.models import AgreementParty, AgreementStatus
from simitra.agreements.testing import approved_mou, make_mou
from simitra.planning.models import Activity
from simitra.planning.services import record_plan_version
from simitra.planning.testing import make_ready_plan
from simitra.results.models import IndicatorValue
from simitra.results.testing import make_indicator, make_value

from .conftest import assert_error

pytestmark = pytest.mark.django_db

SIGNATURE = {
    "signatory_name": "Budi Santoso",
    "signatory_title": "Direktur",
    "signed_on": "2025-01-20",
}


@pytest.fixture
def ready(world, settings, tmp_path):
    settings.SIMITRA_PRIVATE_ROOT = tmp_path / "private"
    world.pledges = make_ready_plan(world)
    return world


def _break_the_plan():
    Activity.objects.filter(title="Pemberian makanan tambahan").update(deliverable="")


class TestSigning:
    def test_it_refuses_to_sign_before_the_plan_is_ready(self, ready, api_for):
        mou = approved_mou(ready)
        _break_the_plan()
        party = mou.parties.get(partner=ready.partner_a)
        client = api_for(ready.partner_user)
        response = client.post(
            f"/api/v1/agreement-parties/{party.pk}/sign/",
            SIGNATURE,
            format="json",
            HTTP_ACCEPT_LANGUAGE="en",
        )
        body = assert_error(response, 409, "agreement_refused")
        assert "cannot be approved or signed yet" in body["detail"]
        assert (
            "Action plan: “Pemberian makanan tambahan” has no deliverable."
            in (body["fields"]["reasons"])
        )
        party.refresh_from_db()
        assert not party.is_signed and party.signatory_name == ""
        mou.refresh_from_db()
        assert mou.status == AgreementStatus.APPROVED

    def test_the_refusal_lists_every_problem_in_indonesian_by_default(self, ready, api_for):
        mou = make_mou(ready)
        agreement_services.submit_for_review(agreement=mou, submitted_by=ready.coordinator)
        Activity.objects.filter(title="Pemberian makanan tambahan").update(
            deliverable="", responsible=None
        )
        party = mou.parties.get(partner=ready.partner_b)
        response = api_for(ready.partner_b_user).post(
            f"/api/v1/agreement-parties/{party.pk}/approve/"
        )
        body = assert_error(response, 409, "agreement_refused")
        assert any("tidak memiliki keluaran" in r for r in body["fields"]["reasons"])
        assert len(body["fields"]["reasons"]) >= 3
        assert not AgreementParty.objects.filter(approved_at__isnull=False).exists()

    def test_an_out_of_date_agreement_is_refused_with_what_changed(self, ready, api_for):
        def change_the_plan(deliverable):
            activity = Activity.objects.get(title="Sekretariat kemitraan")
            activity.deliverable = deliverable
            activity.save()
            record_plan_version(partnership=ready.partnership, made_by=ready.coordinator)

        mou = approved_mou(ready)
        change_the_plan("Laporan bulanan")
        party = mou.parties.get(partner=ready.partner_a)
        response = api_for(ready.partner_user).post(
            f"/api/v1/agreement-parties/{party.pk}/sign/",
            SIGNATURE,
            format="json",
            HTTP_ACCEPT_LANGUAGE="en",
        )
        body = assert_error(response, 409, "agreement_out_of_date")
        assert "out of date" in body["detail"]
        assert "The action plan: version 1 then, now 2." in body["fields"]["reasons"]
        party.refresh_from_db()
        assert not party.is_signed
        mou.refresh_from_db()
        assert mou.status == AgreementStatus.APPROVED

        review = make_mou(ready)
        agreement_services.submit_for_review(agreement=review, submitted_by=ready.coordinator)
        change_the_plan("Laporan triwulan")
        party = review.parties.get(partner=ready.partner_b)
        response = api_for(ready.partner_b_user).post(
            f"/api/v1/agreement-parties/{party.pk}/approve/"
        )
        assert_error(response, 409, "agreement_out_of_date")
        party.refresh_from_db()
        assert not party.is_approved

    def test_with_a_ready_plan_each_party_signs_and_the_last_makes_it_signed(self, ready, api_for):
        mou = approved_mou(ready)
        for party in mou.parties.all():
            response = api_for(ready.coordinator).post(
                f"/api/v1/agreement-parties/{party.pk}/sign/", SIGNATURE, format="json"
            )
            assert response.status_code == 200, response.content
            assert response.json()["signed_on"] == "2025-01-20"
        mou.refresh_from_db()
        assert mou.status == AgreementStatus.SIGNED

    def test_a_representative_signs_only_for_its_own_organisation(self, ready, api_for):
        mou = approved_mou(ready)
        other = mou.parties.get(partner=ready.partner_b)
        response = api_for(ready.partner_user).post(
            f"/api/v1/agreement-parties/{other.pk}/sign/", SIGNATURE, format="json"
        )
        assert_error(response, 403)
        assert_error(
            api_for(ready.observer).post(
                f"/api/v1/agreement-parties/{other.pk}/sign/", SIGNATURE, format="json"
            ),
            403,
        )
        other.refresh_from_db()
        assert not other.is_signed

    def test_a_signature_in_the_future_is_refused_with_the_pages_message(self, ready, api_for):
        mou = approved_mou(ready)
        party = mou.parties.get(partner=ready.partner_a)
        tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
        response = api_for(ready.partner_user).post(
            f"/api/v1/agreement-parties/{party.pk}/sign/",
            {**SIGNATURE, "signed_on": tomorrow},
            format="json",
            HTTP_ACCEPT_LANGUAGE="en",
        )
        body = assert_error(response, 400, "invalid")
        assert body["fields"]["signed_on"] == ["A signature cannot be dated in the future."]

    def test_signing_a_draft_is_a_workflow_refusal(self, ready, api_for):
        mou = make_mou(ready)
        party = mou.parties.get(partner=ready.partner_a)
        response = api_for(ready.coordinator).post(
            f"/api/v1/agreement-parties/{party.pk}/sign/", SIGNATURE, format="json"
        )
        assert_error(response, 409, "workflow_refused")

    def test_the_coordinator_drafts_and_submits_an_mou(self, ready, api_for):
        client = api_for(ready.coordinator)
        partners = [p.pk for p in ready.partnership.confirmed_partners()]
        response = client.post(
            "/api/v1/agreements/",
            {
                "partnership": ready.partnership.code,
                "kind": "mou",
                "language": "id",
                "parties": partners[:2],
            },
            format="json",
            HTTP_ACCEPT_LANGUAGE="en",
        )
        body = assert_error(response, 400)
        assert body["fields"]["parties"] == ["The MoU is between every confirmed partner."]
        response = client.post(
            "/api/v1/agreements/",
            {
                "partnership": ready.partnership.code,
                "kind": "mou",
                "language": "id",
                "parties": partners,
            },
            format="json",
        )
        assert response.status_code == 201, response.content
        agreement = response.json()
        assert agreement["status"] == "draft" and agreement["title"]
        assert sorted(agreement["parties"]) == sorted(partners)
        response = client.post(f"/api/v1/agreements/{agreement['id']}/submit/")
        assert response.status_code == 200, response.content
        assert response.json()["status"] == "review"
        assert response.json()["plan_version"] >= 1


class TestValues:
    @pytest.fixture
    def indicator(self, world):
        return make_indicator(world.partnership, world.partner_a)

    def test_the_responsible_partner_enters_and_submits_the_coordinator_approves(
        self, world, indicator, api_for
    ):
        period = indicator.periods.order_by("start").first()
        rep = api_for(world.partner_user)
        response = rep.post(
            "/api/v1/indicator-values/", {"period": period.pk, "value": "7.00"}, format="json"
        )
        assert response.status_code == 201, response.content
        value_id = response.json()["id"]
        assert response.json()["status"] == "draft"
        assert_error(rep.post(f"/api/v1/indicator-values/{value_id}/approve/"), 403)
        response = rep.post(f"/api/v1/indicator-values/{value_id}/submit/")
        assert response.status_code == 200 and response.json()["status"] == "submitted"
        response = api_for(world.coordinator).post(f"/api/v1/indicator-values/{value_id}/approve/")
        assert response.status_code == 200 and response.json()["status"] == "approved"
        assert IndicatorValue.objects.get(pk=value_id).reviewed_by == world.coordinator

    def test_only_the_responsible_partner_submits(self, world, indicator, api_for):
        value = make_value(indicator.periods.first())
        for who in ("partner_b_user", "observer", "coordinator"):
            assert_error(
                api_for(getattr(world, who)).post(f"/api/v1/indicator-values/{value.pk}/submit/"),
                403,
            )
        value.refresh_from_db()
        assert value.status == "draft"

    def test_another_partner_may_not_enter_a_value(self, world, indicator, api_for):
        period = indicator.periods.first()
        response = api_for(world.partner_b_user).post(
            "/api/v1/indicator-values/", {"period": period.pk, "value": "7"}, format="json"
        )
        assert_error(response, 403)
        assert not IndicatorValue.objects.exists()

    def test_a_return_needs_a_reason_and_a_submitted_value(self, world, indicator, api_for):
        value = make_value(indicator.periods.first(), status="submitted")
        coordinator = api_for(world.coordinator)
        url = f"/api/v1/indicator-values/{value.pk}/return/"
        assert_error(coordinator.post(url, {}, format="json"), 400)
        response = coordinator.post(url, {"reason": "Sumber data?"}, format="json")
        assert response.status_code == 200
        assert response.json()["status"] == "returned"
        assert response.json()["return_reason"] == "Sumber data?"
        assert_error(coordinator.post(url, {"reason": "lagi"}, format="json"), 409, "flow_refused")

    def test_an_approved_value_cannot_be_changed(self, world, indicator, api_for):
        value = make_value(indicator.periods.first(), status="approved")
        response = api_for(world.coordinator).patch(
            f"/api/v1/indicator-values/{value.pk}/", {"value": "9"}, format="json"
        )
        assert_error(response, 409, "flow_refused")
        value.refresh_from_db()
        assert value.value == Decimal("5")

    def test_a_percentage_above_100_is_refused_with_the_forms_message(self, world, api_for):
        indicator = make_indicator(world.partnership, world.partner_a, measure="percentage")
        response = api_for(world.partner_user).post(
            "/api/v1/indicator-values/",
            {"period": indicator.periods.first().pk, "value": "140"},
            format="json",
        )
        body = assert_error(response, 400)
        assert "value" in body["fields"]

    def test_a_second_value_for_a_period_is_refused(self, world, indicator, api_for):
        period = indicator.periods.first()
        make_value(period)
        response = api_for(world.coordinator).post(
            "/api/v1/indicator-values/",
            {"period": period.pk, "value": "3"},
            format="json",
            HTTP_ACCEPT_LANGUAGE="en",
        )
        body = assert_error(response, 400)
        assert body["fields"]["non_field_errors"] == [
            "This period already has a value for this category; edit that one."
        ]


class TestRiskShares:
    def test_shares_must_add_up_to_100_percent(self, world, api_for):
        from .cycle import add_cycle_records

        risk = add_cycle_records(world).risk
        client = api_for(world.coordinator)
        url = f"/api/v1/risks/{risk.pk}/shares/"
        response = client.put(
            url,
            {
                "shares": [
                    {"partner": world.partner_a.pk, "percent": "60"},
                    {"partner": world.partner_b.pk, "percent": "30"},
                ]
            },
            format="json",
            HTTP_ACCEPT_LANGUAGE="en",
        )
        body = assert_error(response, 400, "invalid")
        assert body["fields"]["shares"] == [
            "The shares add up to 90%; they must add up to exactly 100%."
        ]
        assert not risk.shares.exists()
        response = client.put(
            url,
            {
                "shares": [
                    {"partner": world.partner_a.pk, "percent": "60"},
                    {"partner": world.partner_b.pk, "percent": "40"},
                ]
            },
            format="json",
        )
        assert response.status_code == 200, response.content
        assert {s["percent"] for s in response.json()["shares"]} == {"60.00", "40.00"}
        assert_error(api_for(world.partner_user).put(url, {"shares": []}, format="json"), 403)

    def test_shares_go_only_to_confirmed_partners_of_the_partnership(self, world, api_for):
        from .cycle import add_cycle_records

        risk = add_cycle_records(world).risk
        response = api_for(world.coordinator).put(
            f"/api/v1/risks/{risk.pk}/shares/",
            {"shares": [{"partner": 999999, "percent": "100"}]},
            format="json",
        )
        assert_error(response, 400)
        assert not risk.shares.exists()


class TestDeliveries:
    def test_the_pledging_partner_records_a_delivery_with_evidence(self, world, api_for):
        from simitra.resources.testing import make_pledge

        pledge = make_pledge(world.partner_a, value=10_000_000)
        rep = api_for(world.partner_user)
        response = rep.post(
            "/api/v1/deliveries/",
            {"pledge": pledge.pk, "delivered_on": "2025-02-01", "amount": "4000000"},
            format="json",
            HTTP_ACCEPT_LANGUAGE="en",
        )
        body = assert_error(response, 400)
        assert body["fields"]["non_field_errors"] == [
            "Attach an evidence file or give a link to it."
        ]
        response = rep.post(
            "/api/v1/deliveries/",
            {
                "pledge": pledge.pk,
                "delivered_on": "2025-02-01",
                "amount": "4000000",
                "evidence_url": "https://bukti.example/kuitansi.pdf",
            },
            format="json",
        )
        assert response.status_code == 201, response.content
        pledge.refresh_from_db()
        assert pledge.status == "partly"
        other = api_for(world.partner_b_user).post(
            "/api/v1/deliveries/",
            {
                "pledge": pledge.pk,
                "delivered_on": "2025-02-01",
                "amount": "1",
                "evidence_url": "https://bukti.example/x.pdf",
            },
            format="json",
        )
        assert_error(other, 403)

    def test_a_cancelled_pledge_takes_no_delivery(self, world, api_for):
        from simitra.resources import services
        from simitra.resources.testing import make_pledge

        pledge = services.cancel_pledge(pledge=make_pledge(world.partner_a), reason="Batal")
        response = api_for(world.coordinator).post(
            "/api/v1/deliveries/",
            {
                "pledge": pledge.pk,
                "delivered_on": "2025-02-01",
                "amount": "5",
                "evidence_url": "https://bukti.example/x.pdf",
            },
            format="json",
        )
        assert_error(response, 409, "contribution_refused")
        assert not pledge.deliveries.exists()

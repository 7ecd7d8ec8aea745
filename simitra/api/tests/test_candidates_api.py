"""Candidates: put forward with a rationale and decided by the coordinator with a reason,
through the page's forms and services, with the page's refusals; visible to the partnership's
members and observers only, even when the partnership is published."""

import pytest

from simitra.partnerships.models import Partner, PartnerStatus
from simitra.partnerships.testing import make_organisation
from simitra.scoping.models import Assessment, Candidacy

from .conftest import assert_error
from .cycle import add_cycle_records

pytestmark = pytest.mark.django_db
URL = "/api/v1/candidates/"


@pytest.fixture
def records(world):
    return add_cycle_records(world)


def _add(client, world, organisation, rationale="Berpengalaman di posyandu."):
    return client.post(
        URL,
        {
            "partnership": world.partnership.code,
            "organisation": organisation.slug,
            "rationale": rationale,
        },
        format="json",
    )


def _decide(client, partner, decision="confirm", reason="Skor tinggi dan tanpa konflik."):
    return client.post(
        f"{URL}{partner.pk}/decide/", {"decision": decision, "reason": reason}, format="json"
    )


class TestReading:
    def test_members_see_every_partner_with_its_candidacy(self, world, records, api_for):
        body = api_for(world.partner_user).get(URL, {"partnership": world.partnership.code})
        rows = {row["id"]: row for row in body.json()["results"]}
        assert set(rows) == set(world.partnership.partners.values_list("pk", flat=True))
        candidate = rows[records.candidate.pk]
        assert candidate["status"] == "candidate" and candidate["decision"] == "pending"
        assert candidate["rationale"] == "Berpengalaman di desa."
        assert candidate["submitted_assessments"] == 1
        assert rows[world.partner_a.pk]["decision"] is None  # never went through selection
        pending = api_for(world.observer).get(URL, {"decision": "pending"}).json()
        assert [row["id"] for row in pending["results"]] == [records.candidate.pk]

    def test_a_published_partnership_keeps_its_candidates_inside(self, world, records, api_for):
        world.partnership.visibility = "public"
        world.partnership.save(update_fields=["visibility"])
        client = api_for(world.outsider)
        assert client.get(URL).json()["count"] == 0
        body = assert_error(client.get(f"{URL}{records.candidate.pk}/"), 404, "not_found")
        assert records.candidate.organisation.name not in str(body)


class TestPuttingForward:
    def test_the_coordinator_puts_an_organisation_forward(self, world, records, api_for):
        organisation = make_organisation("Yayasan Gizi Desa")
        response = _add(api_for(world.coordinator), world, organisation)
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["organisation"] == organisation.slug and body["status"] == "candidate"
        assert body["decision"] == "pending" and body["rationale"] == "Berpengalaman di posyandu."
        assert body["match_score"] is not None  # kept as the page keeps it
        candidacy = Candidacy.objects.get(partner_id=body["id"])
        assert candidacy.added_by == world.coordinator

    def test_an_organisation_already_in_the_partnership_is_refused(self, world, records, api_for):
        client = api_for(world.coordinator)
        client.credentials(HTTP_ACCEPT_LANGUAGE="en")
        body = assert_error(_add(client, world, world.org_b), 409, "selection_refused")
        assert body["detail"] == "Dinas Kesehatan is already in this partnership."
        client.credentials(HTTP_ACCEPT_LANGUAGE="id")
        response = _add(client, world, world.org_b)
        body = assert_error(response, 409, "selection_refused")
        assert body["detail"] == "Dinas Kesehatan sudah ada dalam kemitraan ini."
        assert Partner.objects.filter(partnership=world.partnership).count() == 4

    def test_the_rationale_is_required_in_the_pages_words(self, world, records, api_for):
        client = api_for(world.coordinator)
        client.credentials(HTTP_ACCEPT_LANGUAGE="en")
        body = assert_error(_add(client, world, make_organisation(), rationale=" "), 400, "invalid")
        assert body["fields"]["rationale"] == ["Say why this organisation is a candidate."]
        assert not Candidacy.objects.exclude(partner=records.candidate).exists()

    @pytest.mark.parametrize("who", ["partner_user", "observer"])
    def test_only_the_coordinator_puts_forward(self, world, records, api_for, who):
        response = _add(api_for(getattr(world, who)), world, make_organisation())
        assert_error(response, 403, "permission_denied")
        assert Partner.objects.filter(partnership=world.partnership).count() == 4

    def test_an_outsider_gets_the_answer_of_an_unknown_code(self, world, records, api_for):
        organisation = make_organisation()
        hidden = assert_error(_add(api_for(world.outsider), world, organisation), 400)
        unknown = assert_error(
            api_for(world.outsider).post(
                URL,
                {"partnership": "TIDAK-ADA", "organisation": organisation.slug, "rationale": "x"},
                format="json",
            ),
            400,
        )
        assert list(hidden["fields"]) == list(unknown["fields"]) == ["partnership"]
        assert (
            hidden["fields"]["partnership"][0].replace(world.partnership.code, "TIDAK-ADA")
            == (unknown["fields"]["partnership"][0])
        )
        assert_error(api_for(None).post(URL, {}, format="json"), 401)


class TestDeciding:
    def test_confirmed_it_is_invited_and_answers_itself(self, world, records, api_for):
        response = _decide(api_for(world.coordinator), records.candidate)
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["status"] == "invited" and body["decision"] == "confirmed"
        assert body["decision_reason"] == "Skor tinggi dan tanpa konflik."
        assert body["decided_at"] is not None
        records.candidate.refresh_from_db()
        assert records.candidate.invited_at is not None and records.candidate.joined_on is None
        assert records.candidate.candidacy.decided_by == world.coordinator

    def test_rejected_it_is_rejected_and_no_longer_assessed(self, world, records, api_for):
        response = _decide(api_for(world.coordinator), records.candidate, "reject", "Tidak cocok.")
        assert response.status_code == 200, response.content
        assert response.json()["status"] == PartnerStatus.REJECTED
        assert response.json()["decision"] == "rejected"
        declared = api_for(world.partner_user).post(
            "/api/v1/candidate-assessments/",
            {"partner": records.candidate.pk, "conflicted": False},
            format="json",
        )
        assert_error(declared, 409, "selection_refused")
        assert not Assessment.objects.filter(assessor=world.partner_user).exists()

    def test_a_decision_needs_its_reason(self, world, records, api_for):
        client = api_for(world.coordinator)
        client.credentials(HTTP_ACCEPT_LANGUAGE="en")
        body = assert_error(_decide(client, records.candidate, reason=""), 400, "invalid")
        assert body["fields"]["reason"] == ["Give the reason for the decision."]
        body = assert_error(_decide(client, records.candidate, decision="maybe"), 400)
        assert "decision" in body["fields"]
        records.candidate.refresh_from_db()
        assert records.candidate.status == PartnerStatus.CANDIDATE
        assert records.candidate.candidacy.decision == "pending"

    @pytest.mark.parametrize("who", ["partner_user", "observer"])
    def test_only_the_coordinator_decides(self, world, records, api_for, who):
        assert_error(_decide(api_for(getattr(world, who)), records.candidate), 403)
        records.candidate.refresh_from_db()
        assert records.candidate.status == PartnerStatus.CANDIDATE

    def test_an_outsider_cannot_find_the_candidate(self, world, records, api_for):
        body = assert_error(_decide(api_for(world.outsider), records.candidate), 404, "not_found")
        assert world.partnership.code not in str(body)
        records.candidate.refresh_from_db()
        assert records.candidate.status == PartnerStatus.CANDIDATE

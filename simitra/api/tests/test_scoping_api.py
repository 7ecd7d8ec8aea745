"""Scoping endpoints: needs (evidence and declared drivers, through the page's form)."""

import pytest

from simitra.scoping.models import Need

from .conftest import assert_error
from .cycle import add_cycle_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(world):
    return add_cycle_records(world)


class TestNeeds:
    def payload(self, world, **fields):
        return {
            "partnership": world.partnership.code,
            "description": "Air bersih",
            "affected_group": "Warga desa",
            "declaration": True,
            **fields,
        }

    def test_a_need_with_evidence_and_no_driver_is_verified(self, world, records, api_for):
        body = api_for(world.observer).get(f"/api/v1/needs/{records.need.pk}/").json()
        assert body["status"] == {
            "verified": True,
            "unverified": False,
            "wish": False,
            "reasons": [],
        }
        assert body["evidence"] == [records.evidence.pk]
        assert "declaration" not in body

    def test_the_coordinator_adds_a_flagged_need(self, world, records, api_for):
        response = api_for(world.coordinator).post(
            "/api/v1/needs/",
            self.payload(world, driven_by_pressure=True, driver_note="Diminta donor.", priority=1),
            format="json",
        )
        assert response.status_code == 201, response.content
        status = response.json()["status"]
        assert status["verified"] is False and status["unverified"] and status["wish"]
        assert len(status["reasons"]) == 2
        need = Need.objects.get(pk=response.json()["id"])
        assert need.declared_by == world.coordinator
        assert need.partnership == world.partnership

    def test_the_declaration_is_required_as_on_the_page(self, world, records, api_for):
        client = api_for(world.coordinator)
        body = assert_error(
            client.post("/api/v1/needs/", self.payload(world, declaration=False), format="json"),
            400,
            "invalid",
        )
        assert "declaration" in body["fields"]
        body = assert_error(
            client.post(
                "/api/v1/needs/", self.payload(world, driven_by_ambition=True), format="json"
            ),
            400,
        )
        assert "driver_note" in body["fields"]
        assert Need.objects.count() == 1

    def test_evidence_of_another_partnership_is_refused(self, world, records, api_for):
        from simitra.partnerships.testing import make_partnership
        from simitra.scoping.models import Evidence

        other = make_partnership(coordinators=[world.coordinator])
        foreign = Evidence.objects.create(partnership=other, title="x", url="https://e.org/x")
        body = assert_error(
            api_for(world.coordinator).post(
                "/api/v1/needs/", self.payload(world, evidence=[foreign.pk]), format="json"
            ),
            400,
        )
        assert "evidence" in body["fields"]
        assert Need.objects.count() == 1

    def test_a_representative_may_not_add_a_need(self, world, records, api_for):
        response = api_for(world.partner_user).post(
            "/api/v1/needs/", self.payload(world), format="json"
        )
        assert_error(response, 403, "permission_denied")
        assert Need.objects.count() == 1


AURL = "/api/v1/candidate-assessments/"
ALL_FOUR = [
    {"criterion": c, "score": 3, "evidence": f"Bukti {c} A"}
    for c in ("capacity", "quality", "integrity", "commitment")
]


class TestBlindAssessments:
    """Before an assessor has submitted their own assessment of a candidate, the API never
    returns another assessor's scores, evidence or declaration (the page's `may_see_results`)."""

    def declare(self, client, records, **fields):
        payload = {"partner": records.candidate.pk, "conflicted": False, **fields}
        return client.post(AURL, payload, format="json")

    def test_an_assessor_sees_no_other_scores_before_submitting(self, world, records, api_for):
        client = api_for(world.partner_user)
        for body in (
            client.get(AURL).content,
            client.get(f"{AURL}{records.assessment.pk}/").content,
        ):
            text = body.decode()
            assert "koordinator" not in text  # the coordinator's evidence
            assert '"scores":null' in text.replace(" ", "")
        declared = self.declare(client, records)
        assert declared.status_code == 201, declared.content
        own_id = declared.json()["id"]
        draft = client.post(
            f"{AURL}{own_id}/scores/", {"scores": ALL_FOUR[:2], "submit": False}, format="json"
        )
        assert draft.status_code == 200, draft.content
        assert [s["criterion"] for s in draft.json()["scores"]] == ["capacity", "quality"]
        listing = client.get(AURL, {"partner": records.candidate.pk})
        assert listing.json()["count"] == 2
        assert "koordinator" not in listing.content.decode()
        other = client.get(f"{AURL}{records.assessment.pk}/").json()
        assert other["scores"] is None and other["assessor"] is None and not other["shown"]

        submitted = client.post(
            f"{AURL}{own_id}/scores/", {"scores": ALL_FOUR, "submit": True}, format="json"
        )
        assert submitted.status_code == 200, submitted.content
        other = client.get(f"{AURL}{records.assessment.pk}/").json()
        assert other["shown"] and {s["score"] for s in other["scores"]} == {4}
        assert "koordinator" in client.get(AURL).content.decode()

    def test_a_draft_is_seen_by_nobody_else(self, world, records, api_for):
        client = api_for(world.partner_user)
        own_id = self.declare(client, records).json()["id"]
        client.post(f"{AURL}{own_id}/scores/", {"scores": ALL_FOUR[:1]}, format="json")
        for who in ("coordinator", "observer", "partner_b_user"):
            text = api_for(getattr(world, who)).get(AURL).content.decode()
            assert "Bukti capacity A" not in text, who

    @pytest.mark.parametrize("who", ["coordinator", "observer"])
    def test_who_decides_or_cannot_score_reads_submitted_scores(self, world, records, api_for, who):
        body = api_for(getattr(world, who)).get(f"{AURL}{records.assessment.pk}/").json()
        assert body["shown"] and len(body["scores"]) == 4

    def test_the_declaration_comes_first_and_once(self, world, records, api_for):
        client = api_for(world.partner_user)
        body = assert_error(self.declare(client, records, conflicted=True), 400, "invalid")
        assert "note" in body["fields"]
        assert self.declare(client, records).status_code == 201
        body = assert_error(self.declare(client, records), 409, "selection_refused")
        assert records.candidate.assessments.count() == 2

    def test_a_submitted_assessment_no_longer_changes(self, world, records, api_for):
        response = api_for(world.coordinator).post(
            f"{AURL}{records.assessment.pk}/scores/", {"scores": ALL_FOUR}, format="json"
        )
        assert_error(response, 409, "selection_refused")

    def test_submitting_needs_all_four_criteria(self, world, records, api_for):
        client = api_for(world.partner_user)
        own_id = self.declare(client, records).json()["id"]
        response = client.post(
            f"{AURL}{own_id}/scores/", {"scores": ALL_FOUR[:3], "submit": True}, format="json"
        )
        assert_error(response, 400, "invalid")
        assert not records.candidate.assessments.get(pk=own_id).scores.exists()

    def test_nobody_scores_another_assessors_assessment(self, world, records, api_for):
        client = api_for(world.partner_user)
        own_id = self.declare(client, records).json()["id"]
        response = api_for(world.partner_b_user).post(
            f"{AURL}{own_id}/scores/", {"scores": ALL_FOUR[:1]}, format="json"
        )
        assert_error(response, 403)

    def test_an_observer_may_not_assess(self, world, records, api_for):
        assert_error(self.declare(api_for(world.observer), records), 403, "permission_denied")

    def test_candidates_stay_inside_even_a_published_partnership(self, world, records, api_for):
        world.partnership.visibility = "public"
        world.partnership.save(update_fields=["visibility"])
        client = api_for(world.outsider)
        assert client.get(AURL).json()["count"] == 0
        assert_error(client.get(f"{AURL}{records.assessment.pk}/"), 404)
        assert_error(self.declare(client, records), 403)

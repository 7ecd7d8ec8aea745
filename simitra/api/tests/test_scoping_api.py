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

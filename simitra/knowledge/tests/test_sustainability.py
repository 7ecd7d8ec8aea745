"""The sustainability / exit plan: the coordinator writes it; partners and observers read it."""

import pytest
from django.urls import reverse

from simitra.knowledge.models import SustainabilityPlan
from simitra.partnerships.models import Partnership

pytestmark = pytest.mark.django_db

PLAN = {
    "what_continues": "Kelas bulanan oleh pelatih sebaya",
    "carried_by": "Komunitas dan dinas",
    "funding_after_end": "APBD dan iuran kelas",
    "dependency_avoidance": "Pelatih dari anggota sendiri",
    "exit_criteria": "10 pelatih aktif selama 6 bulan",
}


def edit_url(world):
    return reverse("knowledge:sustainability_edit", args=[world.partnership.code])


def panel_url(world):
    return reverse("knowledge:sustainability", args=[world.partnership.code])


def test_the_coordinator_writes_the_plan(sustaining, client_for):
    response = client_for(sustaining.coordinator).post(edit_url(sustaining), PLAN)
    assert response.status_code == 302
    plan = SustainabilityPlan.objects.get(partnership=sustaining.partnership)
    assert plan.exit_criteria == "10 pelatih aktif selama 6 bulan"
    assert plan.updated_by == sustaining.coordinator
    client_for(sustaining.coordinator).post(edit_url(sustaining), {**PLAN, "carried_by": "Dinas"})
    assert SustainabilityPlan.objects.get().carried_by == "Dinas"


def test_a_plan_with_a_missing_part_is_refused_and_nothing_is_saved(sustaining, client_for):
    response = client_for(sustaining.coordinator).post(
        edit_url(sustaining), {**PLAN, "exit_criteria": " "}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Bidang ini harus diisi" in body
    assert "Kelas bulanan oleh pelatih sebaya" in body
    assert not SustainabilityPlan.objects.exists()


@pytest.mark.parametrize(
    "who, status", [("partner_user", 403), ("observer", 403), ("outsider", 404)]
)
def test_only_the_coordinator_writes_it(sustaining, client_for, who, status):
    client = client_for(getattr(sustaining, who))
    assert client.get(edit_url(sustaining)).status_code == status
    assert client.post(edit_url(sustaining), PLAN).status_code == status
    assert not SustainabilityPlan.objects.exists()


@pytest.mark.parametrize("who", ["partner_user", "observer"])
def test_partners_and_observers_read_it(sustaining, client_for, who):
    SustainabilityPlan.objects.create(partnership=sustaining.partnership, **PLAN)
    body = client_for(getattr(sustaining, who)).get(panel_url(sustaining)).content.decode()
    assert "Komunitas dan dinas" in body
    assert edit_url(sustaining) not in body


def test_a_visitor_of_a_published_partnership_does_not_read_it(sustaining, client_for):
    SustainabilityPlan.objects.create(partnership=sustaining.partnership, **PLAN)
    sustaining.partnership.visibility = Partnership.Visibility.PUBLIC
    sustaining.partnership.save()
    response = client_for(sustaining.outsider).get(panel_url(sustaining), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Komunitas dan dinas" not in response.content.decode()


def test_an_outsider_gets_404_for_the_panel(sustaining, client_for):
    assert client_for(sustaining.outsider).get(panel_url(sustaining)).status_code == 404


def test_the_panels_are_on_tab_7(sustaining, client_for):
    body = (
        client_for(sustaining.coordinator)
        .get(reverse("partnerships:detail", args=[sustaining.partnership.code]), {"tab": 7})
        .content.decode()
    )
    for name in ("sustainability", "lessons", "practices", "closing"):
        assert reverse(f"knowledge:{name}", args=[sustaining.partnership.code]) in body

import pytest
from django.urls import reverse

from simitra.scoping.models import SuitabilityCheck

from .helpers import answer_suitability, in_english

pytestmark = pytest.mark.django_db

PARTNERSHIP_ANSWERS = {
    "single_actor": "no",
    "shared_interest": "yes",
    "complementary": "yes",
    "contract_enough": "no",
}


def url(world, name="scoping:suitability"):
    return reverse(name, args=[world.partnership.code])


def test_answering_keeps_the_answers_and_the_recommendation(world, client_for):
    in_english(world.coordinator)
    client = client_for(world.coordinator)
    response = client.post(
        url(world, "scoping:suitability_edit"), {**PARTNERSHIP_ANSWERS, "notes": "Lokakarya 3 Mei"}
    )
    assert response.status_code == 302
    check = SuitabilityCheck.objects.get()
    assert check.recommendation == "partnership" and check.answered_by == world.coordinator
    assert check.notes == "Lokakarya 3 Mei"
    body = client.get(url(world)).content.decode()
    assert "A partnership" in body
    assert "each brings something the others lack" in body


def test_revising_an_answer_changes_the_recommendation_and_keeps_history(world, client_for):
    answer_suitability(world.partnership, world.coordinator)
    client_for(world.coordinator).post(
        url(world, "scoping:suitability_edit"), {**PARTNERSHIP_ANSWERS, "single_actor": "yes"}
    )
    check = SuitabilityCheck.objects.get()
    assert check.recommendation == "single_actor"
    assert [h.recommendation for h in check.history.order_by("history_date")] == [
        "partnership",
        "single_actor",
    ]


def test_an_incomplete_questionnaire_saves_nothing(world, client_for):
    in_english(world.coordinator)
    response = client_for(world.coordinator).post(
        url(world, "scoping:suitability_edit"), {"single_actor": "no", "shared_interest": "maybe"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in body and "Select a valid choice" in body
    assert not SuitabilityCheck.objects.exists()


def test_access_to_the_suitability_check(world, client_for):
    assert client_for(world.outsider).get(url(world)).status_code == 404
    assert client_for(world.partner_user).get(url(world)).status_code == 200
    assert (
        client_for(world.partner_user)
        .post(url(world, "scoping:suitability_edit"), PARTNERSHIP_ANSWERS)
        .status_code
        == 403
    )
    assert client_for(world.observer).get(url(world, "scoping:suitability_edit")).status_code == 403
    assert not SuitabilityCheck.objects.exists()

"""Health-check answers: a representative answers for their partner; who answered what never
leaves the answering organisation (lists, counts, details, errors), least of all in an
anonymous round."""

import pytest

from simitra.health.models import HealthResponse
from simitra.health.services import close_round
from simitra.partnerships.models import PartnerStatus

from .conftest import assert_error
from .cycle import add_cycle_records

pytestmark = pytest.mark.django_db
URL = "/api/v1/health-responses/"


@pytest.fixture
def records(world):
    return add_cycle_records(world)


def _answers(health_round, score=3):
    return [
        {"question": q.pk, "score": score, "comment": "Baik"} for q in health_round.questions.all()
    ]


def _submit(client, health_round, **fields):
    payload = {"round": health_round.pk, "answers": _answers(health_round), **fields}
    return client.post(URL, payload, format="json")


def test_anonymous_clients_are_refused(world, records, api_for):
    client = api_for(None)
    assert_error(client.get(URL), 401, "not_authenticated")
    assert_error(client.get(f"{URL}{records.health_response.pk}/"), 401)
    assert_error(_submit(client, records.health_round), 401)


def test_the_answering_organisation_reads_its_answers(world, records, api_for):
    body = api_for(world.partner_user).get(URL).json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["partner"] == world.partner_a.pk and row["mine"] is True
    assert {a["score"] for a in row["answers"]} == {4}
    detail = api_for(world.partner_user).get(f"{URL}{records.health_response.pk}/")
    assert detail.status_code == 200 and detail.json()["id"] == records.health_response.pk


@pytest.mark.parametrize("who", ["coordinator", "observer", "partner_b_user", "outsider", "admin"])
@pytest.mark.parametrize("anonymous", [True, False])
def test_nobody_else_receives_who_answered_what(world, records, api_for, who, anonymous):
    records.health_round.anonymous = anonymous
    records.health_round.save(update_fields=["anonymous"])
    close_round(health_round=records.health_round, closed_by=world.coordinator)
    client = api_for(getattr(world, who))
    for query in ({}, {"partnership": world.partnership.code}, {"round": records.health_round.pk}):
        response = client.get(URL, query)
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == 0 and body["results"] == []
        assert world.org_a.name not in response.content.decode()
        assert "Catatan A" not in response.content.decode()
    response = client.get(f"{URL}{records.health_response.pk}/")
    body = assert_error(response, 404, "not_found")
    unknown = assert_error(client.get(f"{URL}999999/"), 404)
    assert body == unknown  # a hidden answer reads exactly like an unknown one
    assert world.org_a.name not in response.content.decode()


def test_a_representative_answers_and_answers_again(world, records, api_for):
    client = api_for(world.partner_b_user)
    first = _submit(client, records.health_round)
    assert first.status_code == 201, first.content
    assert first.json()["partner"] == world.partner_b.pk and first.json()["mine"]
    again = _submit(client, records.health_round, answers=_answers(records.health_round, 5))
    assert again.status_code == 200, again.content
    assert again.json()["id"] == first.json()["id"]
    assert {a["score"] for a in again.json()["answers"]} == {5}
    assert HealthResponse.objects.filter(partner=world.partner_b).count() == 1
    # B's answers are B's: representative A does not receive them.
    assert api_for(world.partner_user).get(URL).json()["count"] == 1


def test_every_question_needs_a_score_from_1_to_5(world, records, api_for):
    client = api_for(world.partner_b_user)
    answers = _answers(records.health_round)
    body = assert_error(_submit(client, records.health_round, answers=answers[1:]), 400, "invalid")
    assert body["fields"]["answers"]
    answers[0]["score"] = 9
    assert_error(_submit(client, records.health_round, answers=answers), 400)
    assert not HealthResponse.objects.filter(partner=world.partner_b).exists()


@pytest.mark.parametrize("who", ["observer", "coordinator"])
def test_only_representatives_of_confirmed_partners_answer(world, records, api_for, who):
    # The coordinator's organisation is not a confirmed partner here; the observer has none.
    world.partnership.partners.filter(organisation=world.broker).update(
        status=PartnerStatus.WITHDRAWN
    )
    assert_error(_submit(api_for(getattr(world, who)), records.health_round), 403)
    assert HealthResponse.objects.count() == 1


def test_an_outsider_cannot_tell_a_hidden_round_from_an_unknown_one(world, records, api_for):
    client = api_for(world.outsider)
    hidden = assert_error(_submit(client, records.health_round), 400)
    unknown = assert_error(client.post(URL, {"round": 999999, "answers": []}, format="json"), 400)
    assert hidden["fields"]["round"] == [
        m.replace("999999", str(records.health_round.pk)) for m in unknown["fields"]["round"]
    ]


def test_a_closed_round_takes_no_answers(world, records, api_for):
    close_round(health_round=records.health_round, closed_by=world.coordinator)
    body = assert_error(_submit(api_for(world.partner_b_user), records.health_round), 409)
    assert body["code"] == "review_refused"
    assert not HealthResponse.objects.filter(partner=world.partner_b).exists()

"""Answering an open health check from a device's outbox: once per key, through the health
app's rules, form and service; the reference lists carry only the rounds the user may answer."""

import uuid

import pytest
from django.urls import reverse

from simitra.field.models import Submission
from simitra.health import services as health
from simitra.health.models import HealthResponse
from simitra.lib.testing import count_queries
from simitra.partnerships.testing import make_partner, make_partnership

pytestmark = pytest.mark.django_db


def open_round(partnership, coordinator, title="Cek kesehatan 2025"):
    return health.open_round(partnership=partnership, opened_by=coordinator, title=title)


@pytest.fixture
def health_round(world):
    return open_round(world.partnership, world.coordinator)


def entry(world, health_round, score="4", **fields):
    data = {"key": str(uuid.uuid4()), "partnership": world.partnership.code}
    data["round"] = health_round.pk
    for question in health_round.questions.all():
        data[f"score_{question.pk}"] = score
        data[f"comment_{question.pk}"] = ""
    return {**data, **fields}


def send(client, data):
    return client.post(reverse("field:send", args=["health"]), data)


def english(user):
    user.language = "en"
    user.save(update_fields=["language"])


def test_it_saves_the_answers_through_the_health_service(world, client_for, health_round):
    english(world.partner_user)
    response = send(client_for(world.partner_user), entry(world, health_round))
    assert response.status_code == 200, response.content
    answer = response.json()
    saved = HealthResponse.objects.get()
    assert answer["ok"] and answer["id"] == saved.pk and not answer["replayed"]
    assert answer["message"] == "Thank you: your answers are saved."
    assert saved.partner == world.partner_a and saved.respondent == world.partner_user
    assert saved.answers.count() == health_round.questions.count()


def test_a_repeated_key_returns_the_first_answer(world, client_for, health_round):
    client = client_for(world.partner_user)
    data = entry(world, health_round)
    first = send(client, data).json()
    again = send(client, {**data, **{k: "1" for k in data if k.startswith("score_")}})
    assert again.status_code == 200 and again.json() == {**first, "replayed": True}
    assert HealthResponse.objects.get().answers.filter(score=4).count() == (
        health_round.questions.count()
    )
    assert Submission.objects.count() == 1


def test_it_hides_the_partnership_from_an_outsider(world, client_for, health_round):
    response = send(client_for(world.outsider), entry(world, health_round))
    assert response.status_code == 404 and response.json()["ok"] is False
    assert not HealthResponse.objects.exists() and not Submission.objects.exists()


def test_it_refuses_a_reader_who_may_not_answer(world, client_for, health_round):
    english(world.observer)
    response = send(client_for(world.observer), entry(world, health_round))
    assert response.status_code == 403
    assert response.json()["message"] == "You may read this partnership but not record in it."
    assert not HealthResponse.objects.exists() and not Submission.objects.exists()


def test_a_missing_score_is_refused_with_the_forms_message(world, client_for, health_round):
    english(world.partner_user)
    response = send(client_for(world.partner_user), entry(world, health_round, score=""))
    assert response.status_code == 400
    assert response.json()["message"] == "Choose a score from 1 to 5."
    assert not HealthResponse.objects.exists() and not Submission.objects.exists()


def test_a_round_closed_meanwhile_refuses_with_the_servers_message(world, client_for, health_round):
    english(world.partner_user)
    data = entry(world, health_round)
    health.close_round(health_round=health_round, closed_by=world.coordinator)
    response = send(client_for(world.partner_user), data)
    assert response.status_code == 409
    assert response.json()["message"] == (
        "This round is closed: answers can no longer be given or changed."
    )
    assert not Submission.objects.exists()


def lists(client):
    return client.get(reverse("field:reference")).json()


def test_the_lists_carry_only_the_rounds_the_user_may_answer(world, client_for, health_round):
    other = make_partnership(title="Kemitraan Lain")
    open_round(other, world.coordinator)  # not visible to her
    data = lists(client_for(world.partner_user))
    assert [r["id"] for r in data["health_rounds"]] == [health_round.pk]
    assert len(data["health_rounds"][0]["questions"]) == health_round.questions.count()
    assert world.partnership.code in [p["code"] for p in data["partnerships"]]
    for user in (world.observer, world.outsider):
        assert lists(client_for(user))["health_rounds"] == []


def test_the_lists_queries_do_not_grow_with_rounds(world, client_for, health_round):
    client = client_for(world.partner_user)
    few = count_queries(lists, client)
    for n in range(4):
        partnership = make_partnership(title=f"Kemitraan {n}", coordinators=[world.coordinator])
        make_partner(partnership, world.org_a)
        open_round(partnership, world.coordinator)
    assert len(lists(client)["health_rounds"]) == 5
    assert count_queries(lists, client) <= few


def test_the_health_messages_come_in_both_languages(world, client_for):
    messages = lists(client_for(world.partner_user))["messages"]
    assert messages["en"]["score"] == "Choose a score from 1 to 5."
    assert messages["en"]["saved_health"] == "Thank you: your answers are saved."
    assert messages["id"]["score"] != messages["en"]["score"]


def test_a_representative_of_two_partners_answers_for_the_one_chosen(
    world, client_for, health_round
):
    from simitra.partnerships.testing import make_member, make_organisation

    english(world.partner_user)
    second = make_organisation("Yayasan Gizi")
    make_member(world.partner_user, second)
    partner = make_partner(world.partnership, second)
    client = client_for(world.partner_user)
    data = lists(client)
    assert len(data["partners"][world.partnership.code]) == 2  # the device shows a picker
    unsaid = send(client, entry(world, health_round))
    assert unsaid.status_code == 400 and list(unsaid.json()["errors"]) == ["partner"]
    chosen = send(client, entry(world, health_round, partner=partner.pk))
    assert chosen.status_code == 200, chosen.content
    assert HealthResponse.objects.get().partner == partner
    other = send(client, entry(world, health_round, partner=world.partner_b.pk))
    assert other.status_code == 400  # not one of hers

"""Partners' representatives answer the questionnaire for their own organisation."""

import re

import pytest
from django.urls import reverse

from simitra.health import services
from simitra.health.models import HealthAnswer, HealthResponse
from simitra.partnerships.testing import make_member

from .conftest import answer, open_round

pytestmark = pytest.mark.django_db


def answer_url(health_round):
    return reverse("health:answer", args=[health_round.partnership.code, health_round.pk])


def full_post(health_round, score=4, **overrides):
    data = {}
    for question in health_round.questions.all():
        data[f"score_{question.pk}"] = str(overrides.get(question.dimension, score))
        data[f"comment_{question.pk}"] = ""
    return data


def test_a_partner_representative_answers_for_their_organisation(reviewing, client_for):
    health_round = open_round(reviewing)
    client = client_for(reviewing.partner_user)
    page = client.get(answer_url(health_round))
    assert page.status_code == 200
    assert "Kesetaraan" in page.content.decode()  # the built-in questionnaire, in Indonesian
    data = full_post(health_round, score=4, trust=2)
    trust = health_round.questions.get(dimension="trust")
    data[f"comment_{trust.pk}"] = "Laporan sering terlambat"
    response = client.post(answer_url(health_round), data)
    assert response.status_code == 302
    saved = HealthResponse.objects.get()
    assert saved.partner == reviewing.partner_a and saved.respondent == reviewing.partner_user
    assert saved.answers.count() == 10
    assert saved.answers.get(question=trust).comment == "Laporan sering terlambat"
    assert saved.answers.get(question=trust).score == 2


def test_answering_again_replaces_the_answers(reviewing, client_for):
    health_round = open_round(reviewing)
    client = client_for(reviewing.partner_user)
    client.post(answer_url(health_round), full_post(health_round, score=2))
    page = client.get(answer_url(health_round)).content.decode()
    checked = re.findall(r'<input type="radio" name="score_\d+" value="(\d)"[^>]*checked', page)
    assert checked == ["2"] * 10  # the form shows the answers given
    client.post(answer_url(health_round), full_post(health_round, score=5))
    assert HealthResponse.objects.count() == 1
    assert set(HealthAnswer.objects.values_list("score", flat=True)) == {5}


def test_a_missing_score_is_refused_and_nothing_is_saved(reviewing, client_for):
    health_round = open_round(reviewing)
    data = full_post(health_round)
    trust = health_round.questions.get(dimension="trust")
    del data[f"score_{trust.pk}"]
    data[f"comment_{trust.pk}"] = "Belum yakin"
    response = client_for(reviewing.partner_user).post(answer_url(health_round), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Pilih skor dari 1 sampai 5" in body
    assert "Belum yakin" in body
    assert not HealthResponse.objects.exists()


def test_a_score_out_of_the_scale_is_refused(reviewing, client_for):
    health_round = open_round(reviewing)
    response = client_for(reviewing.partner_user).post(
        answer_url(health_round), full_post(health_round, trust=7)
    )
    assert response.status_code == 200
    assert not HealthResponse.objects.exists()


@pytest.mark.parametrize("who, status", [("observer", 403), ("admin", 403), ("outsider", 404)])
def test_only_confirmed_partners_answer(reviewing, client_for, who, status):
    health_round = open_round(reviewing)
    client = client_for(getattr(reviewing, who))
    assert client.get(answer_url(health_round)).status_code == status
    assert client.post(answer_url(health_round), full_post(health_round)).status_code == status
    assert not HealthResponse.objects.exists()


def test_a_closed_round_takes_no_answers(reviewing, client_for):
    health_round = open_round(reviewing)
    services.close_round(health_round=health_round, closed_by=reviewing.coordinator)
    response = client_for(reviewing.partner_user).post(
        answer_url(health_round), full_post(health_round)
    )
    assert response.status_code == 302
    assert not HealthResponse.objects.exists()


def test_nobody_answers_for_another_organisation(reviewing):
    health_round = open_round(reviewing)
    with pytest.raises(services.ReviewError):
        answer(health_round, reviewing.partner_user, reviewing.partner_b)
    assert not HealthResponse.objects.exists()


def test_someone_in_two_partner_organisations_chooses_which_one(reviewing, client_for):
    health_round = open_round(reviewing)
    make_member(reviewing.partner_user, reviewing.org_b)
    client = client_for(reviewing.partner_user)
    page = client.get(answer_url(health_round)).content.decode()
    assert "Dinas Kesehatan" in page and "PT Mitra Usaha" in page
    data = full_post(health_round)
    data["partner"] = str(reviewing.partner_b.pk)
    client.post(answer_url(health_round), data)
    assert HealthResponse.objects.get().partner == reviewing.partner_b


def test_two_people_of_one_partner_each_answer(reviewing):
    colleague = reviewing.outsider
    make_member(colleague, reviewing.org_a)
    health_round = open_round(reviewing)
    answer(health_round, reviewing.partner_user, reviewing.partner_a, score=5)
    answer(health_round, colleague, reviewing.partner_a, score=3)
    assert health_round.responses.filter(partner=reviewing.partner_a).count() == 2
